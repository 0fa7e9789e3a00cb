"""Registers as DuckDB tables: `hh_base` (households typed by the charter's fields, with their members
as lists of structs when the plan needs them) and `pp` (one row per person, keyed by `#hid`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

import pyarrow as pa

from .. import ir
from ..common.errors import RecordError
from ..ir.analysis import FieldsRead
from ..language.types import LEAVING, Type
from ..records import Household, Person, RecordIssue
from ..registers import LINE, TableFile, column_issues, open_table
from ..sql.text import HID, MEMBERS, PID, Columns, ident, literal, text
from ._cells import cell, native, sql_type

_ARROW = {
    "text": pa.string(), "enum": pa.string(), "bool": pa.bool_(), "int": pa.int64(),
    "decimal": pa.decimal128(38, 10), "money": pa.decimal128(18, 2), "date": pa.date32(),
}


def arrow_type(t: Type) -> pa.DataType:
    """The Arrow type of a field."""
    if t.kind == "list":
        assert t.element is not None
        return pa.list_(arrow_type(t.element))
    return _ARROW[t.kind]


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
    """Reads households and persons tables (Parquet or CSV) and validates them in SQL, by the rules
    the household evaluator's reader applies (`registers.read_tables`): the same households end with
    errors whichever engine reads a register."""

    def __init__(self, con: Any, charter: ir.Charter) -> None:
        self.con = con
        self.charter = charter
        self.names = Columns.of(charter)
        self.read = 0
        """Households read: the rows of the households table, and each persons row or group of rows
        that belongs to no household of it (each an error), once `load` (and `finish`) ran."""

    def open(self, households: str, persons: str) -> int:
        """Open both tables and judge their columns; returns the rows of the households table read."""
        con = self.con
        try:
            self.h = open_table(con, households, "raw_h", "households", self.names.household)
            self.p = open_table(con, persons, "raw_p", "persons", self.names.person)
            read = FieldsRead.of(self.charter)
            self.h_columns = column_issues(self.h, self.charter.household_fields, read.household)
            self.p_columns = column_issues(self.p, self.charter.person_fields, read.person)
        except RecordError as exc:
            raise ValueError(str(exc)) from None
        return int(con.execute("SELECT count(*) FROM raw_h").fetchall()[0][0])

    def load(self, defer: bool = False) -> list[RecordIssue]:
        """Create `hh_all` (valid households), `pp_all` (their persons) and `record_errors` from the
        tables `open` opened; returns the register-level warnings.

        With `defer`, the persons' values and households are left to be checked by the plan's pass
        over the persons (`finish`), when everything else is in order (`deferred` says so)."""
        con = self.con
        warnings = [*self.h_columns.warnings, *self.p_columns.warnings]
        read = FieldsRead.of(self.charter)
        # one pass over each table: every problem of a row as a (path, message) struct, NULL when fine
        h_fields, h_checks = self._table_fields(self.charter.household_fields, "h", self.h, read.household,
                                                self.names.household, self.h_columns.covered)
        p_fields, p_checks = self._table_fields(self.charter.person_fields, "p", self.p, read.person,
                                                self.names.person, self.p_columns.covered)
        h_select = [f"h.id AS {HID}", *h_fields]
        p_select = [f"p.id AS {PID}", *p_fields]
        con.execute("CREATE OR REPLACE TEMP TABLE record_errors (hid VARCHAR, path VARCHAR, message VARCHAR, "
                    "position VARCHAR, label VARCHAR)")
        con.execute("CREATE OR REPLACE TEMP TABLE failed_ids (hid VARCHAR)")
        self._checks = (h_checks, p_checks)
        self.read = int(con.execute("SELECT count(*) FROM raw_h").fetchall()[0][0]) + len(self.h.rejected)
        sound = not (self.h.rejected or self.p.rejected or self.h_columns.errors or self.p_columns.errors)
        self.deferred = defer and sound and self._clean(h_checks, [], persons_too=False)
        if not self.deferred and not (sound and self._clean(h_checks, p_checks)):
            warnings += self._problems(h_checks, p_checks)
        if self.deferred:  # every household is valid so far: read them where the plan needs them
            con.execute(f"CREATE OR REPLACE TEMP VIEW hh_all AS SELECT {', '.join(h_select)}, 0 AS \"#row\" "
                        f"FROM raw_h AS h")
        else:
            con.execute(f"CREATE OR REPLACE TEMP TABLE hh_all AS SELECT h.*, row_number() OVER () AS \"#row\" "
                        f"FROM (SELECT {', '.join(h_select)} FROM raw_h AS h WHERE h.id IS NOT NULL AND h.id <> '' "
                        f"AND h.id NOT IN (SELECT hid FROM failed_ids) ORDER BY h.{ident(LINE)}) AS h")
        # persons are read where the plan needs them: straight from Parquet, from CSV once
        kind = "VIEW" if self.p.unit == "row" else "TABLE"
        bad = " OR ".join(f"({cond})" for cond, _, _ in p_checks) or "FALSE"
        con.execute(f"CREATE OR REPLACE TEMP {kind} pp_all AS SELECT p.household_id AS {HID}, "
                    f"{', '.join(p_select)}, ({bad}) AS \"#bad\" FROM raw_p AS p")
        return warnings

    def _clean(self, h_checks: list[tuple[str, str, str]], p_checks: list[tuple[str, str, str]],
               persons_too: bool = True) -> bool:
        """Whether both tables are free of problems, learnt by counting alone (without `persons_too`,
        only the persons' ids are checked). Distinct hashes of the ids: equal counts prove the ids
        distinct, and a collision only sends the register to the detailed checks."""
        h_bad = " OR ".join(f"({cond})" for cond, _, _ in h_checks) or "FALSE"
        p_bad = " OR ".join(f"({cond})" for cond, _, _ in p_checks) or "FALSE"
        orphans = ("(SELECT count(*) FROM raw_p AS p WHERE p.household_id IS NULL OR p.household_id NOT IN "
                   "(SELECT id FROM raw_h WHERE id IS NOT NULL))") if persons_too else "0"
        row = self.con.execute(
            f"SELECT (SELECT count(*) FILTER (WHERE {h_bad} OR h.id IS NULL OR h.id = '') + count(h.id) - "
            f"count(DISTINCT hash(h.id)) FROM raw_h AS h), (SELECT count(*) FILTER (WHERE {p_bad} OR p.id IS NULL "
            f"OR p.id = '') + count(p.id) - count(DISTINCT hash(p.id)) FROM raw_p AS p), {orphans}").fetchall()[0]
        return row is not None and not any(row)

    def finish(self, bad: int, counted: int) -> bool:
        """Complete deferred checks from the plan's counts (persons with a bad value, persons of known
        households): fill `record_errors` in detail when anything is wrong; returns whether it was."""
        total = self.con.execute("SELECT count(*) FROM raw_p").fetchall()[0]
        if bad == 0 and total is not None and counted == total[0]:
            return False
        self._problems(*self._checks)
        return True

    def _problems(self, h_checks: list[tuple[str, str, str]],
                  p_checks: list[tuple[str, str, str]]) -> list[RecordIssue]:
        """Fill `record_errors` (every problem of every row, with its household, path and position),
        `failed_ids` (the households that have one) and count the households read; returns the warnings
        of columns that fail no household (a missing column in a table without rows)."""
        con = self.con
        line = ident(LINE)
        h_at = f"{text(self.h.name + ' ' + self.h.unit + ' ')} || CAST(h.{line} AS VARCHAR)"
        p_at = f"{text(self.p.name + ' ' + self.p.unit + ' ')} || CAST(p.{line} AS VARCHAR)"
        rows = [r for t in (self.h, self.p) for r in t.rejected]
        con.register("rejected_arrow", pa.table({
            "tbl": pa.array([t.where for t in (self.h, self.p) for _ in t.rejected], pa.string()),
            "hid": pa.array([r.key for r in rows], pa.string()), "line": pa.array([r.line for r in rows], pa.int64()),
            "position": pa.array([r.position for r in rows], pa.string()),
            "message": pa.array([r.message for r in rows], pa.string())}))
        con.execute("CREATE OR REPLACE TEMP TABLE rejected_rows AS SELECT * FROM rejected_arrow")
        con.unregister("rejected_arrow")
        h_structs = [f"CASE WHEN {cond} THEN {{'path': {text(path)}, 'message': {msg}}} END"
                     for cond, path, msg in h_checks]
        p_structs = [f"CASE WHEN {cond} THEN {{'path': {text(path)}, 'message': {msg}}} END"
                     for cond, path, msg in p_checks]
        known = ("(SELECT id FROM raw_h WHERE id IS NOT NULL AND id <> '' UNION ALL "
                 "SELECT hid FROM rejected_rows WHERE tbl = 'households' AND hid IS NOT NULL)")
        con.execute(f"CREATE OR REPLACE TEMP TABLE household_ids AS SELECT id, count(*) AS n FROM {known} AS k(id) "
                    f"GROUP BY id")
        homed = "p.household_id IS NOT NULL AND p.household_id <> ''"
        con.execute("CREATE OR REPLACE TEMP TABLE person_problems AS SELECT p.household_id, p.line, p.at, "
                    "e.path, e.message FROM (SELECT p.household_id, p.{line} AS line, {p_at} AS at, "
                    f"unnest([{', '.join(p_structs) or 'NULL'}]) AS e FROM raw_p AS p WHERE {homed}) AS p "
                    "WHERE e IS NOT NULL".replace("{line}", line).replace("{p_at}", p_at))
        con.execute("CREATE OR REPLACE TEMP TABLE person_ids AS SELECT id, count(*) AS n FROM raw_p "
                    "WHERE id IS NOT NULL AND id <> '' GROUP BY id HAVING count(*) > 1")
        con.execute(f"INSERT INTO person_problems SELECT p.household_id, p.{line}, {p_at}, 'id', CASE WHEN p.id IS "
                    f"NULL THEN 'required field missing' WHEN p.id = '' THEN '\"\" is not a person id (text)' ELSE "
                    f"'person id \"' || p.id || '\" appears ' || CAST(d.n AS VARCHAR) || ' times in the persons "
                    f"table' END FROM raw_p AS p LEFT JOIN person_ids AS d ON d.id = p.id WHERE {homed} AND "
                    f"(p.id IS NULL OR p.id = '' OR d.id IS NOT NULL)")
        positions = (f"SELECT household_id, {line} AS line, row_number() OVER (PARTITION BY household_id "
                     f"ORDER BY {line}) - 1 AS pos FROM raw_p WHERE household_id IN "
                     f"(SELECT household_id FROM person_problems)")
        no_id = "p.id IS NULL OR p.id = ''"
        checks = [
            # the households table: bad values, no id, an id used twice
            (f"SELECT CASE WHEN h.id <> '' THEN h.id END, e.path, e.message, h.at, NULL FROM (SELECT h.id, "
             f"{h_at} AS at, unnest([{', '.join(h_structs) or 'NULL'}]) AS e FROM raw_h AS h) AS h "
             f"WHERE e IS NOT NULL"),
            f"SELECT NULL, 'id', 'required field missing', {h_at}, NULL FROM raw_h AS h WHERE h.id IS NULL OR h.id = ''",
            (f"SELECT h.id, 'id', 'household id \"' || h.id || '\" appears ' || CAST(d.n AS VARCHAR) || ' times in "
             f"the households table', {h_at}, NULL FROM raw_h AS h JOIN household_ids AS d ON d.id = h.id "
             f"WHERE d.n > 1"),
            "SELECT hid, '', message, position, NULL FROM rejected_rows WHERE tbl = 'households'",
            # the persons table: bad values of persons of a household, rows that cannot be read
            (f"SELECT q.household_id, 'members[' || CAST(r.pos AS VARCHAR) || '].' || q.path, q.message, q.at, "
             f"NULL FROM person_problems AS q JOIN ({positions}) AS r "
             f"ON r.household_id = q.household_id AND r.line = q.line"),
            ("SELECT hid, 'members', message, position, NULL FROM rejected_rows WHERE tbl = 'persons' "
             "AND hid IS NOT NULL"),
            ("SELECT NULL, '', message || '; its household cannot be known', position, NULL FROM rejected_rows "
             "WHERE tbl = 'persons' AND hid IS NULL"),
            # persons of no household
            (f"SELECT NULL, 'household_id', CASE WHEN {no_id} THEN 'a person without an id' ELSE 'person \"' || "
             f"p.id || '\"' END || ' has no household_id: no household can be evaluated with them', {p_at}, NULL "
             f"FROM raw_p AS p WHERE NOT ({homed})"),
            (f"SELECT hid, 'members', 'persons refer to household \"' || hid || '\", which is not in the households "
             f"table (' || CAST(count(*) AS VARCHAR) || CASE WHEN count(*) > 1 THEN ' rows)' ELSE ' row)' END, "
             f"arg_min(position, line), NULL FROM (SELECT p.household_id AS hid, p.{line} AS line, {p_at} AS position "
             f"FROM raw_p AS p WHERE {homed} UNION ALL SELECT hid, line, position FROM rejected_rows "
             f"WHERE tbl = 'persons' AND hid IS NOT NULL) WHERE hid NOT IN (SELECT id FROM household_ids) GROUP BY hid"),
        ]
        con.execute("INSERT INTO record_errors " + " UNION ALL ".join(f"SELECT * FROM ({c})" for c in checks))
        warnings: list[RecordIssue] = []
        for columns, affected in (
            (self.h_columns, "SELECT id FROM raw_h"),
            (self.p_columns, f"SELECT DISTINCT household_id FROM raw_p AS p WHERE {homed}"),
        ):
            households = int(con.execute(f"SELECT count(*) FROM ({affected})").fetchall()[0][0]) if columns.errors else 0
            if not households:  # they fail no household
                warnings += columns.counted(0)
                continue
            for issue in columns.counted(households):
                con.execute("INSERT INTO record_errors VALUES (NULL, ?, ?, ?, '*')",
                            [issue.path, issue.message, issue.position])
            con.execute(f"INSERT INTO failed_ids {affected}")
        con.execute("INSERT INTO failed_ids SELECT DISTINCT hid FROM record_errors WHERE hid IS NOT NULL")
        extra = con.execute(
            f"SELECT (SELECT count(*) FROM raw_p AS p WHERE NOT ({homed})) + (SELECT count(*) FROM rejected_rows "
            f"WHERE tbl = 'persons' AND hid IS NULL) + (SELECT count(DISTINCT hid) FROM (SELECT household_id AS hid "
            f"FROM raw_p AS p WHERE {homed} UNION ALL SELECT hid FROM rejected_rows WHERE tbl = 'persons' AND hid "
            f"IS NOT NULL) WHERE hid NOT IN (SELECT id FROM household_ids))").fetchall()[0][0]
        self.read = int(con.execute("SELECT count(*) FROM raw_h").fetchall()[0][0]) + len(self.h.rejected) + int(extra)
        return warnings

    def add_member_lists(self, person_fields: Sequence[str]) -> None:
        """Add each household's members to `hh_all`, as a list of structs sorted by (birth date, id)."""
        names = [person_fields[0], "#id", *person_fields[1:]]
        person = ", ".join(f"{self.names.p(n)} := p.{self.names.p(n)}" for n in names)
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE hh_all AS SELECT h.*, coalesce(m.members, []) AS {MEMBERS} "
                         f"FROM hh_all AS h LEFT JOIN (SELECT p.{HID}, list_sort(list(struct_pack({person}))) AS members "
                         f"FROM pp_all AS p GROUP BY p.{HID}) AS m ON m.{HID} = h.{HID} ORDER BY h.\"#row\"")

    def _table_fields(self, fields: Sequence[ir.Field], alias: str, table: TableFile, used: frozenset[str],
                      names: dict[str, str], covered: frozenset[str]) -> tuple[list[str], list[tuple[str, str, str]]]:
        """The typed columns of the fields the charter reads, and each check: (condition that makes a
        row invalid, path, message)."""
        select: list[str] = []
        checks: list[tuple[str, str, str]] = []
        typed: dict[str, str] = {}
        for f in fields:
            column = ident(names[f.name])
            expr, problems = self._field(f, f"{alias}.{column}", table, covered)
            typed[f.name] = expr
            if f.name in used:
                select.append(f"{expr} AS {column}")
            checks += [(cond, f.name, msg) for cond, msg in problems]
        birth = typed.get("birth_date") if alias == "p" else None
        for name in LEAVING if birth is not None else ():  # a day of death or leaving before the birth
            if name in typed and name in table.columns:
                message = f"CAST({typed[name]} AS VARCHAR) || ' is before the birth date ' || CAST({birth} AS VARCHAR)"
                checks.append((f"({typed[name]}) < ({birth})", name, message))
        return select, checks

    def _field(self, f: ir.Field, col: str, table: TableFile,
               covered: frozenset[str]) -> tuple[str, list[tuple[str, str]]]:
        """The typed SQL of a field (read from column `col`) with its default, and the conditions that
        make a row invalid."""
        t = f.type
        default = literal(f.default.value, t.kind) if f.default is not None and not isinstance(
            f.default.value, tuple) else ("[]" if t.kind == "list" else "NULL")
        if f.name not in table.columns:  # a missing required field's column is an error of the column
            return f"CAST({default} AS {sql_type(t)})" if not f.required or f.name in covered else "NULL", []
        exact = native(t, table.types[f.name], col)
        if exact is not None:
            typed, problems = exact
        else:
            value = col if table.types[f.name].upper() == "VARCHAR" else f"CAST({col} AS VARCHAR)"
            typed, problems = cell(t, value)
        if f.required:
            problems.append((f"{col} IS NULL", "'required field missing'"))
        return f"coalesce({typed}, CAST({default} AS {sql_type(t)}))", problems


__all__ = ["TableLoader", "arrow_type", "households_from_rows", "member_type", "persons_to_arrow", "sql_type",
           "to_arrow"]
