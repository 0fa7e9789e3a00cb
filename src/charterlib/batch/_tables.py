"""Registers as DuckDB tables: `hh_base` (households typed by the charter's fields, with their members
as lists of structs when the plan needs them) and `pp` (one row per person, keyed by `#hid`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

import pyarrow as pa

from ..check import FieldsRead, ir
from ..check.types import Type
from ..compile._sql import HID, MEMBERS, PID, Columns, ident, literal, text
from ..diagnostics import closest
from ..records import Household, Person, RecordIssue

_ARROW = {
    "text": pa.string(), "enum": pa.string(), "bool": pa.bool_(), "int": pa.int64(),
    "decimal": pa.decimal128(38, 10), "money": pa.decimal128(18, 2), "date": pa.date32(),
}
_SQL = {"text": "VARCHAR", "enum": "VARCHAR", "bool": "BOOLEAN", "int": "BIGINT",
        "decimal": "DECIMAL(38,10)", "money": "DECIMAL(18,2)", "date": "DATE"}


def arrow_type(t: Type) -> pa.DataType:
    """The Arrow type of a field."""
    if t.kind == "list":
        assert t.element is not None
        return pa.list_(arrow_type(t.element))
    return _ARROW[t.kind]


def sql_type(t: Type) -> str:
    """The SQL type of a field (enumerations as DuckDB ENUM types: small, and compared as integers)."""
    if t.kind == "list":
        assert t.element is not None
        return sql_type(t.element) + "[]"
    if t.kind == "enum" and t.enum is not None:
        return "ENUM(" + ", ".join(text(label) for label in t.enum.labels) + ")"
    return _SQL[t.kind]


def member_type(charter: ir.Charter) -> pa.DataType:
    """The Arrow struct of one member: `#id` and the person fields."""
    names = Columns.of(charter).person
    return pa.struct([("#id", pa.string())] + [(names[f.name], arrow_type(f.type)) for f in charter.person_fields])


def to_arrow(charter: ir.Charter, households: Sequence[Household], lists: bool = True) -> pa.Table:
    """Validated households as the `hh_base` table the SQL plan reads: the fields the charter reads,
    and the members as a list of structs when `lists`."""
    used = FieldsRead.of(charter).household
    names = Columns.of(charter)
    declared = [f for f in charter.household_fields if f.name in used]
    values = _columns([h.fields for h in households], [f.name for f in declared])
    columns: dict[str, Any] = {"#hid": [h.id for h in households],
                               **{names.household[f.name]: column for f, column in zip(declared, values)}}
    fields = [("#hid", pa.string())] + [(names.household[f.name], arrow_type(f.type)) for f in declared]
    if lists:
        person = [(f.name, names.person[f.name]) for f in charter.person_fields]
        columns["#members"] = [[{"#id": p.id, **{column: p.fields.get(n) for n, column in person}} for p in h.members]
                               for h in households]
        fields.append(("#members", pa.list_(member_type(charter))))
    return pa.table(columns, schema=pa.schema(fields))


def persons_to_arrow(charter: ir.Charter, households: Sequence[Household]) -> pa.Table:
    """The members of validated households as the `pp` table: `#hid`, `#id` and the person fields
    the charter reads."""
    used = FieldsRead.of(charter).person
    names = Columns.of(charter).person
    declared = [f for f in charter.person_fields if f.name in used]
    people = [p for h in households for p in h.members]
    values = _columns([p.fields for p in people], [f.name for f in declared])
    columns: dict[str, Any] = {"#hid": [h.id for h in households for _ in h.members], "#id": [p.id for p in people],
                               **{names[f.name]: column for f, column in zip(declared, values)}}
    schema = pa.schema([("#hid", pa.string()), ("#id", pa.string())]
                       + [(names[f.name], arrow_type(f.type)) for f in declared])
    return pa.table(columns, schema=schema)


def _header(con: Any, path: str) -> list[str]:
    """The column names of a table file exactly as written (DuckDB renames those differing only in case)."""
    if path.lower().endswith(".parquet"):
        import pyarrow.parquet as pq

        return list(pq.read_schema(path).names)
    rows = con.execute(f"SELECT * FROM read_csv({text(path)}, all_varchar = true, header = false) LIMIT 1").fetchall()
    return [str(cell) for cell in rows[0]] if rows else []


def _columns(records: Sequence[dict[str, Any]], names: Sequence[str]) -> list[list[Any]]:
    """The values of `names` in each record, column by column (a missing value as None)."""
    if len(names) < 2:
        return [[r.get(name) for r in records] for name in names]
    rows = [tuple(map(r.get, names)) for r in records]
    return [list(column) for column in zip(*rows)] if rows else [[] for _ in names]


def households_from_rows(charter: ir.Charter, rows: Iterable[dict[str, Any]],
                         persons: Iterable[dict[str, Any]]) -> Iterator[Household]:
    """Household objects from `hh` and `pp` rows (for the households evaluated one by one)."""
    names = Columns.of(charter)
    members: dict[str, list[Person]] = {}
    for m in persons:
        members.setdefault(m["#hid"], []).append(Person(m["#id"], {
            f.name: _python(m.get(names.person[f.name]), f.type) for f in charter.person_fields}))
    for row in rows:
        fields = {f.name: _python(row.get(names.household[f.name]), f.type) for f in charter.household_fields}
        yield Household(row["#hid"], fields, members.get(row["#hid"], []))


def _python(value: Any, t: Type) -> Any:
    """A value read back from DuckDB as the household evaluator's typed value."""
    if value is None:
        return None
    if t.kind == "list":
        assert t.element is not None
        return tuple(_python(v, t.element) for v in value)
    if t.kind == "money":
        return Decimal(value).quantize(Decimal("0.01"))
    if t.kind == "decimal":
        return Decimal(value)
    return value


class TableLoader:
    """Reads households and persons tables (Parquet or CSV) and validates them in SQL."""

    def __init__(self, con: Any, charter: ir.Charter) -> None:
        self.con = con
        self.charter = charter
        self.names = Columns.of(charter)

    @staticmethod
    def reader(path: str) -> str:
        """The DuckDB table function reading a file (CSV read as text, so bad values can be named)."""
        lowered = path.lower()
        if lowered.endswith(".parquet"):
            return f"read_parquet({text(path)}, file_row_number = true)"
        if lowered.endswith((".csv", ".tsv", ".csv.gz")):
            return (f"(SELECT *, row_number() OVER () - 1 AS file_row_number FROM "
                    f"read_csv({text(path)}, all_varchar = true, header = true))")
        raise ValueError(f"{path}: a households or persons table is a .parquet or .csv file")

    def load(self, households: str, persons: str, defer: bool = False) -> tuple[int, list[RecordIssue]]:
        """Create `hh_all` (valid households), `pp_all` (their persons) and `record_errors`; returns the
        number of households read and register-level warnings.

        With `defer`, the persons' values and households are left to be checked by the plan's pass
        over the persons (`finish`), when everything else is in order (`deferred` says so)."""
        con = self.con
        warnings: list[RecordIssue] = []
        h_columns = self._raw("raw_h", households, self.names.household, "households", warnings)
        p_columns = self._raw("raw_p", persons, self.names.person, "persons", warnings)
        for columns, fields, builtin, where in (
            (h_columns, self.charter.household_fields, {"id", "file_row_number"}, "households"),
            (p_columns, self.charter.person_fields, {"id", "household_id", "file_row_number"}, "persons"),
        ):
            known = [f.name for f in fields]
            for column in columns:
                if column not in known and column not in builtin:
                    hint = closest(column, known)
                    warnings.append(RecordIssue("*", column, f"the {where} table has a column that is not a "
                                                f"field of the charter, ignored" + (f" (did you mean `{hint}`?)" if hint else ""),
                                                "warning"))
            for required in ("id",) + (("household_id",) if where == "persons" else ()):
                if required not in columns:
                    raise ValueError(f"the {where} table has no `{required}` column")
        read = FieldsRead.of(self.charter)
        used_household, used_person = read.household, read.person
        # one pass over each table: every problem of a row as a (path, message) struct, NULL when fine
        h_fields, h_checks = self._table_fields(self.charter.household_fields, "h", h_columns, used_household,
                                                self.names.household)
        p_fields, p_checks = self._table_fields(self.charter.person_fields, "p", p_columns, used_person,
                                                self.names.person)
        h_select = [f"CAST(h.id AS VARCHAR) AS {HID}", *h_fields]
        p_select = [f"CAST(p.id AS VARCHAR) AS {PID}", *p_fields]
        con.execute("CREATE OR REPLACE TEMP TABLE record_errors (hid VARCHAR, path VARCHAR, message VARCHAR)")
        self._checks = (h_checks, p_checks)
        self.deferred = defer and self._clean(h_checks, [], persons_too=False)
        if not self.deferred and not self._clean(h_checks, p_checks):
            self._problems(h_checks, p_checks)
        if self.deferred:  # every household is valid so far: read them where the plan needs them
            con.execute(f"CREATE OR REPLACE TEMP VIEW hh_all AS SELECT {', '.join(h_select)}, 0 AS \"#row\" "
                        f"FROM raw_h AS h")
        else:
            con.execute(f"CREATE OR REPLACE TEMP TABLE hh_all AS SELECT h.*, row_number() OVER () AS \"#row\" "
                        f"FROM (SELECT {', '.join(h_select)} FROM raw_h AS h WHERE h.id IS NOT NULL AND "
                        f"CAST(h.id AS VARCHAR) NOT IN (SELECT hid FROM record_errors WHERE hid IS NOT NULL)) AS h")
        # persons are read where the plan needs them: straight from Parquet, materialised from CSV
        kind = "VIEW" if self.reader(persons).startswith("read_parquet") else "TABLE"
        bad = " OR ".join(f"({cond})" for cond, _, _ in p_checks) or "FALSE"
        con.execute(f"CREATE OR REPLACE TEMP {kind} pp_all AS SELECT CAST(p.household_id AS VARCHAR) AS {HID}, "
                    f"{', '.join(p_select)}, ({bad}) AS \"#bad\" FROM raw_p AS p")
        total = con.execute("SELECT count(*) FROM raw_h").fetchall()[0][0]
        return int(total), warnings

    def _raw(self, view: str, path: str, names: dict[str, str], where: str,
             warnings: list[RecordIssue]) -> dict[str, str]:
        """Create a view of a table whose columns are named as the plan reads them: a field's column by
        `Columns`, `id` and `household_id` as they are, any other under a name of its own (SQL engines
        ignore case, and DuckDB renames a column that differs from an earlier one only in case, so the
        columns are matched to the file's own header by position). Returns each column's name in the
        file and its SQL type."""
        reader = self.reader(path)
        described = self.con.execute(f"DESCRIBE SELECT * FROM {reader}").fetchall()
        header = [*_header(self.con, path), "file_row_number"]
        if len(header) != len(described):  # pragma: no cover - the header is the described columns
            header = [str(r[0]) for r in described]
        fixed = {"id": "id", "file_row_number": "file_row_number", "household_id": "household_id"}
        select, columns = [], {}
        for i, (original, (column, kind, *_)) in enumerate(zip(header, described)):
            if original in columns:
                warnings.append(RecordIssue("*", original, f"the {where} table has a second column named "
                                            f"`{original}`, ignored", "warning"))
                continue
            name = names.get(original) or fixed.get(original) or f"#column{i}"
            select.append(f"{ident(str(column))} AS {ident(name)}")
            columns[original] = str(kind)
        self.con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT {', '.join(select)} FROM {reader}")
        return columns

    def _clean(self, h_checks: list[tuple[str, str, str]], p_checks: list[tuple[str, str, str]],
               persons_too: bool = True) -> bool:
        """Whether both tables are free of problems, learnt by counting alone (without `persons_too`,
        only the persons' ids are checked). Distinct hashes of the ids: equal counts prove the ids
        distinct, and a collision only sends the register to the detailed checks."""
        h_bad = " OR ".join(f"({cond})" for cond, _, _ in h_checks) or "FALSE"
        p_bad = " OR ".join(f"({cond})" for cond, _, _ in p_checks) or "FALSE"
        orphans = ("(SELECT count(*) FROM raw_p AS p WHERE p.household_id NOT IN "
                   "(SELECT id FROM raw_h WHERE id IS NOT NULL))") if persons_too else "0"
        row = self.con.execute(
            f"SELECT (SELECT count(*) FILTER (WHERE {h_bad} OR h.id IS NULL) + count(h.id) - count(DISTINCT hash(h.id)) "
            f"FROM raw_h AS h), (SELECT count(*) FILTER (WHERE {p_bad} OR p.id IS NULL) + count(p.id) - "
            f"count(DISTINCT hash(p.id)) FROM raw_p AS p), {orphans}").fetchall()[0]
        return row is not None and not any(row)

    def finish(self, bad: int, counted: int) -> bool:
        """Complete deferred checks from the plan's counts (persons with a bad value, persons of known
        households): fill `record_errors` in detail when anything is wrong; returns whether it was."""
        total = self.con.execute("SELECT count(*) FROM raw_p").fetchall()[0]
        if bad == 0 and total is not None and counted == total[0]:
            return False
        self._problems(*self._checks)
        return True

    def _problems(self, h_checks: list[tuple[str, str, str]], p_checks: list[tuple[str, str, str]]) -> None:
        """Fill `record_errors`: every problem of every row, with its household and path."""
        con = self.con
        h_structs = [f"CASE WHEN {cond} THEN {{'path': {text(path)}, 'message': {msg}}} END"
                     for cond, path, msg in h_checks]
        p_structs = [f"CASE WHEN {cond} THEN {{'path': {text(path)}, 'message': {msg}}} END"
                     for cond, path, msg in p_checks]
        h_problems = (f"SELECT CAST(h.id AS VARCHAR) AS hid, e.path, e.message FROM (SELECT h.id, "
                      f"unnest([{', '.join(h_structs) or 'NULL'}]) AS e FROM raw_h AS h) AS h WHERE e IS NOT NULL")
        con.execute("CREATE OR REPLACE TEMP TABLE person_problems AS SELECT p.household_id, p.file_row_number, "
                    "e.path, e.message FROM (SELECT p.household_id, p.file_row_number, "
                    f"unnest([{', '.join(p_structs) or 'NULL'}]) AS e FROM raw_p AS p) AS p WHERE e IS NOT NULL")
        con.execute("CREATE OR REPLACE TEMP TABLE person_ids AS SELECT id FROM raw_p GROUP BY id "
                    "HAVING count(*) > 1 OR id IS NULL")
        con.execute("INSERT INTO person_problems SELECT p.household_id, p.file_row_number, 'id', "
                    "CASE WHEN p.id IS NULL THEN 'required field missing' ELSE 'person id \"' || "
                    "CAST(p.id AS VARCHAR) || '\" appears more than once in the register' END "
                    "FROM raw_p AS p WHERE p.id IS NULL OR p.id IN (SELECT id FROM person_ids)")
        positions = ("SELECT household_id, file_row_number, row_number() OVER (PARTITION BY household_id "
                     "ORDER BY file_row_number) - 1 AS pos FROM raw_p WHERE household_id IN "
                     "(SELECT household_id FROM person_problems)")
        checks = [
            h_problems,
            (f"SELECT CAST(q.household_id AS VARCHAR), 'members[' || CAST(r.pos AS VARCHAR) || '].' || q.path, "
             f"q.message FROM person_problems AS q JOIN ({positions}) AS r "
             f"ON r.household_id = q.household_id AND r.file_row_number = q.file_row_number"),
            ("SELECT CAST(id AS VARCHAR), 'id', 'household id \"' || CAST(id AS VARCHAR) || '\" appears more "
             "than once' FROM raw_h GROUP BY id HAVING count(*) > 1"),
            "SELECT CAST(NULL AS VARCHAR), 'id', 'a household has no id' FROM raw_h WHERE id IS NULL",
            ("SELECT CAST(p.household_id AS VARCHAR), 'members', 'persons refer to household \"' || "
             "CAST(p.household_id AS VARCHAR) || '\", which is not in the households table' FROM raw_p AS p "
             "WHERE p.household_id NOT IN (SELECT id FROM raw_h WHERE id IS NOT NULL) GROUP BY p.household_id"),
        ]
        con.execute("INSERT INTO record_errors " + " UNION ALL ".join(f"SELECT * FROM ({c})" for c in checks))

    def add_member_lists(self, person_fields: Sequence[str]) -> None:
        """Add each household's members to `hh_all`, as a list of structs sorted by (birth date, id)."""
        names = [person_fields[0], "#id", *person_fields[1:]]
        person = ", ".join(f"{self.names.p(n)} := p.{self.names.p(n)}" for n in names)
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE hh_all AS SELECT h.*, coalesce(m.members, []) AS {MEMBERS} "
                         f"FROM hh_all AS h LEFT JOIN (SELECT p.{HID}, list_sort(list(struct_pack({person}))) AS members "
                         f"FROM pp_all AS p GROUP BY p.{HID}) AS m ON m.{HID} = h.{HID} ORDER BY h.\"#row\"")

    def _table_fields(self, fields: Sequence[ir.Field], alias: str, columns: dict[str, str],
                      used: frozenset[str], names: dict[str, str]) -> tuple[list[str], list[tuple[str, str, str]]]:
        """The typed columns of the fields the charter reads, and each check: (condition that makes a
        row invalid, path, message)."""
        select: list[str] = []
        checks: list[tuple[str, str, str]] = []
        for f in fields:
            column = ident(names[f.name])
            expr, problems = self._field(f, f"{alias}.{column}", columns)
            if f.name in used:
                select.append(f"{expr} AS {column}")
            checks += [(cond, f.name, msg) for cond, msg in problems]
        return select, checks

    def _field(self, f: ir.Field, col: str, columns: dict[str, str]) -> tuple[str, list[tuple[str, str]]]:
        """The typed SQL of a field (read from column `col`) with its default, and the conditions that
        make a row invalid."""
        t = f.type
        default = literal(f.default.value, t.kind) if f.default is not None and not isinstance(
            f.default.value, tuple) else ("[]" if t.kind == "list" else "NULL")
        if f.name not in columns:
            if f.required:
                return "NULL", [("TRUE", "'required field missing'")]
            return f"CAST({default} AS {sql_type(t)})", []
        problems: list[tuple[str, str]] = []
        is_text = columns[f.name].upper() == "VARCHAR"
        if t.kind == "list":
            typed = f"TRY_CAST({col} AS {sql_type(t)})"
            problems.append((f"{col} IS NOT NULL AND {typed} IS NULL", f"'is not a list of {t.element}'"))
        elif t.kind == "enum":  # checked against the labels below, so the cast cannot fail
            typed = f"TRY_CAST({col} AS {sql_type(t)})"
        else:
            typed = f"TRY_CAST({col} AS {sql_type(t)})"
            if is_text and t.kind in _STRICT:  # text cells (CSV) are read as strictly as JSON values
                typed = f"CASE WHEN regexp_full_match(trim({col}), {text(_STRICT[t.kind])}) THEN {typed} END"
                if t.kind == "bool":
                    typed = f"CASE WHEN lower(trim({col})) = 'true' THEN TRUE WHEN lower(trim({col})) = 'false' THEN FALSE END"
            problems.append((f"{col} IS NOT NULL AND {typed} IS NULL",
                             f"'\"' || CAST({col} AS VARCHAR) || '\" is not {_word(t)}'"))
        if t.kind == "enum" and t.enum is not None:
            labels = ", ".join(text(label) for label in t.enum.labels)
            problems.append((f"{col} IS NOT NULL AND CAST({col} AS VARCHAR) NOT IN ({labels})",
                             f"'\"' || CAST({col} AS VARCHAR) || '\" is not one of {', '.join(t.enum.labels)}'"))
        if f.required:
            problems.append((f"{col} IS NULL", "'required field missing'"))
        return f"coalesce({typed}, CAST({default} AS {sql_type(t)}))", problems


_STRICT = {"date": r"\d{4}-\d{2}-\d{2}", "bool": r"(?i)true|false", "int": r"-?\d+",
           "decimal": r"-?\d+(\.\d+)?", "money": r"-?\d+(\.\d{1,2})?"}


def _word(t: Type) -> str:
    return {"date": "a date (YYYY-MM-DD)", "bool": "a bool (true or false)", "int": "a whole number",
            "decimal": "a number", "money": "an amount", "text": "text", "enum": "a label"}.get(t.kind, str(t))


__all__ = ["TableLoader", "arrow_type", "households_from_rows", "member_type", "persons_to_arrow", "sql_type",
           "to_arrow"]
