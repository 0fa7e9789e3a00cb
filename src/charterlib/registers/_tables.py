"""Reads table registers: a households table and a persons table (CSV or Parquet), read by DuckDB.

Both engines read the files the same way (`open_table`): a CSV row that cannot be read (not UTF-8,
a cell too many or too few, an unclosed quote, a line over 2 MB) is set aside as that row's error,
with the id it names when that id can be read from it; the columns are judged once per column
(`column_issues`). The household evaluator then builds one raw record per household (`read_tables`,
in `_table_records`), which `Validator` checks as it checks JSON; the batch engine checks the same
rows in SQL by the same rules (`batch/_tables.py`), cells by `_cells`.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from .. import ir
from ..common.errors import RecordError
from ..common.suggest import closest, phrase
from ..records import RecordIssue, near_miss

LINE = "#line"
"""The column of a table's rows holding their line (CSV, the header being line 1) or row (Parquet)."""

MAX_LINE_BYTES = 2 * 1024 * 1024
"""The longest CSV line read; a longer one is that row's error."""

CSV_SUFFIXES = (".csv", ".tsv", ".csv.gz", ".tsv.gz")
TABLE_SUFFIXES = (".parquet", *CSV_SUFFIXES)


@attrs.frozen
class Rejected:
    """A CSV row that could not be read: where, why, and the id it names when that can be known."""

    line: int
    position: str
    message: str
    key: str | None


@attrs.frozen
class TableFile:
    """A households or persons table opened as a DuckDB relation (`view`) whose columns are named as
    the caller asked: `LINE`, `id` (and `household_id`) as text, a field's column by `names`, any other
    column `#column<i>`; the header is matched by position, so names differing only in case stay apart."""

    path: str
    where: str
    view: str
    header: tuple[str, ...]
    columns: dict[str, str] = attrs.field(hash=False)
    """Each column's name in the file (first of a name given twice) → its name in `view`."""
    types: dict[str, str] = attrs.field(hash=False)
    """Each column's name in the file → its DuckDB type (VARCHAR for every CSV column)."""
    rejected: tuple[Rejected, ...]
    doubled: tuple[str, ...]
    """Names given to more than one column (the later columns are ignored)."""

    @property
    def name(self) -> str:
        """The file's name, as positions give it."""
        return os.path.basename(self.path)

    @property
    def unit(self) -> str:
        """What a position counts: `line` in CSV (the header is line 1), `row` in Parquet."""
        return "row" if self.path.lower().endswith(".parquet") else "line"

    def position(self, line: int) -> str:
        """The position of a row: `persons.csv line 7`."""
        return f"{self.name} {self.unit} {line}"

    @property
    def key(self) -> str:
        """The column naming each row's household: `id` or `household_id`."""
        return "id" if self.where == "households" else "household_id"


def is_table(path: str | Path) -> bool:
    """Whether a file is a households or persons table, by its name."""
    return str(path).lower().endswith(TABLE_SUFFIXES)


def sql_name(name: str) -> str:
    """A SQL identifier, quoted."""
    return '"' + name.replace('"', '""') + '"'


def _text(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def _delimiter(path: str) -> str:
    return "\t" if path.lower().endswith((".tsv", ".tsv.gz")) else ","


def _csv_header(path: str) -> list[str]:
    """The header of a CSV file, as written."""
    try:
        opener: Any = gzip.open if path.lower().endswith(".gz") else open
        with opener(path, "rb") as handle:
            first = handle.readline(MAX_LINE_BYTES + 1)
    except OSError as exc:
        raise RecordError(f"cannot read the table {path}: {exc}") from None
    if first.startswith(b"\xef\xbb\xbf"):
        first = first[3:]
    try:
        line = first.decode("utf-8")
    except UnicodeDecodeError:
        raise RecordError(f"{path}: the header line is not UTF-8 text") from None
    row = next(csv.reader(io.StringIO(line), delimiter=_delimiter(path)), [])
    return row


def _parquet_header(path: str) -> list[str]:
    import pyarrow.parquet as pq

    try:
        return list(pq.read_schema(path).names)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises many kinds for a file that is not Parquet
        raise RecordError(f"cannot read the table {path}: {exc}") from None


_REJECTS = {
    "INVALID ENCODING": "the row is not UTF-8 text",
    "MISSING COLUMNS": "the row has fewer cells than the header",
    "TOO MANY COLUMNS": "the row has more cells than the header",
    "UNQUOTED VALUE": "a quoted cell is not closed (the row runs to the next quote, or to the end of the file)",
    "LINE SIZE OVER MAXIMUM": f"the line is longer than {MAX_LINE_BYTES // (1024 * 1024)} MB",
}


def open_table(con: Any, path: str, view: str, where: str, names: Mapping[str, str]) -> TableFile:
    """Open a households or persons table as `view` (see `TableFile`); CSV rows that cannot be read
    are left out of it and given in `rejected`."""
    import duckdb

    parquet = path.lower().endswith(".parquet")
    if not parquet and not path.lower().endswith(CSV_SUFFIXES):
        raise RecordError(f"{path}: a households or persons table is a .parquet or .csv file")
    if not Path(path).is_file():
        raise RecordError(f"cannot read the table {path}: no such file")
    header = _parquet_header(path) if parquet else _csv_header(path)
    key = "id" if where == "households" else "household_id"
    fixed = {"id", key}
    select: list[str] = []
    columns: dict[str, str] = {}
    doubled: list[str] = []
    rejected: list[Rejected] = []
    try:
        if parquet:
            source = f"read_parquet({_text(path)}, file_row_number = true)"
            described = con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
            physical = [str(row[0]) for row in described][:len(header)]
            types = [str(row[1]) for row in described][:len(header)]
            line = "file_row_number + 1"
        else:
            source = _materialise_csv(con, path, view, len(header))
            physical, types = [f"c{i}" for i in range(len(header))], ["VARCHAR"] * len(header)
            rejected = _rejects(con, path, view, header, key)
            line = _lines(con, view, rejected)
    except duckdb.Error as exc:
        raise RecordError(f"cannot read the table {path}: {str(exc).splitlines()[0]}") from None
    column_types: dict[str, str] = {}
    for i, (original, column, kind) in enumerate(zip(header, physical, types)):
        if original in columns:
            doubled.append(original)
            continue
        target = original if original in fixed else names.get(original) or f"#column{i}"
        value = f"CAST({sql_name(column)} AS VARCHAR)" if original in fixed else sql_name(column)
        select.append(f"{value} AS {sql_name(target)}")
        columns[original] = target
        column_types[original] = "VARCHAR" if original in fixed else kind
    select.append(f"{line} AS {sql_name(LINE)}")
    con.execute(f"CREATE OR REPLACE TEMP VIEW {sql_name(view)} AS SELECT {', '.join(select)} FROM {source}")
    return TableFile(path, where, view, tuple(header), columns, column_types, tuple(rejected), tuple(doubled))


def _materialise_csv(con: Any, path: str, view: str, width: int) -> str:
    """Read a CSV file (`view` is a plain SQL name) once into a table (every cell as text, the rows in file order, `#k` counting
    them from 0), setting aside the rows that cannot be read; returns the table's name."""
    table = sql_name(f"{view}#csv")
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(max(width, 1))) + "}"
    rejects = _text(f"{view}_rejects")
    scans = _text(f"{view}_scans")
    con.execute(f"DROP TABLE IF EXISTS {view}_rejects")
    con.execute(f"DROP TABLE IF EXISTS {view}_scans")
    delimiter = _text(_delimiter(path))
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT *, row_number() OVER () - 1 AS \"#k\" FROM read_csv("
        f"{_text(path)}, auto_detect = false, header = true, columns = {columns}, delim = {delimiter}, "
        f"quote = '\"', escape = '\"', store_rejects = true, rejects_table = {rejects}, rejects_scan = {scans}, "
        f"max_line_size = {MAX_LINE_BYTES})")
    return table


def _rejects(con: Any, path: str, view: str, header: Sequence[str], key: str) -> list[Rejected]:
    """The rows DuckDB could not read, one per line, each with the id it names when that can be read."""
    rows = con.execute(
        f"SELECT line, error_type, column_idx, csv_line, error_message FROM {view}_rejects "
        f"ORDER BY line, byte_position").fetchall()
    name = Path(path).name
    at = header.index(key) if key in header else -1
    found: dict[int, Rejected] = {}
    for line, kind, column, text, message in rows:
        if int(line) in found:
            continue
        why = _REJECTS.get(str(kind), str(message).splitlines()[0] if message else str(kind))
        if kind in ("MISSING COLUMNS", "TOO MANY COLUMNS") and message:
            counts = re.findall(r"\d+", str(message))
            if len(counts) >= 2:
                why = f"the row has {counts[1]} cells where the header has {counts[0]}"
        found[int(line)] = Rejected(int(line), f"{name} line {line}", f"cannot read the row: {why}",
                                    _key_of(str(text or ""), at, column, str(kind), _delimiter(path)))
    return list(found.values())


def _key_of(text: str, at: int, column: int | None, kind: str, delimiter: str) -> str | None:
    """The id a rejected row names in column `at`, when it is whole and was read before the fault."""
    if at < 0:
        return None
    cells = next(csv.reader(io.StringIO(text.lstrip("\r\n")), delimiter=delimiter), [])
    if kind == "LINE SIZE OVER MAXIMUM":
        cells = cells[:-1]  # the line as stored is cut short: its last cell may be too
    elif column is not None and kind in ("INVALID ENCODING", "UNQUOTED VALUE") and int(column) <= at + 1:
        return None  # the fault is in the id's cell or before it
    if len(cells) <= at or not cells[at]:
        return None
    return cells[at]


def _lines(con: Any, view: str, rejected: Sequence[Rejected]) -> str:
    """The SQL of each read row's line: rows in file order, around the lines set aside."""
    if not rejected:
        return '"#k" + 2'
    con.execute(f"CREATE OR REPLACE TEMP TABLE {sql_name(view + '#gaps')} AS SELECT a, max(j) AS j FROM (SELECT "
                f"line - 2 - (row_number() OVER (ORDER BY line) - 1) AS a, row_number() OVER (ORDER BY line) AS j "
                f"FROM (SELECT unnest(?::BIGINT[]) AS line)) GROUP BY a", [[r.line for r in rejected]])
    table = sql_name(view + "#csv")
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT t.* EXCLUDE (\"#k\"), t.\"#k\" + 2 + "
                f"coalesce(g.j, 0) AS \"#k\" FROM {table} AS t ASOF LEFT JOIN {sql_name(view + '#gaps')} AS g "
                f"ON t.\"#k\" >= g.a ORDER BY t.\"#k\"")
    return '"#k"'


# ------------------------------------------------------------------ columns


@attrs.frozen
class ColumnIssues:
    """What the columns of a table say, once per column: warnings (a column the charter does not
    know) and errors (a required field's column missing, a column misspelling a field the charter
    reads), each error making every household with a row in the table an error."""

    warnings: tuple[RecordIssue, ...]
    errors: tuple[RecordIssue, ...]
    covered: frozenset[str]
    """Fields whose absence the errors report already (so that rows do not report it again)."""

    def counted(self, households: int) -> tuple[RecordIssue, ...]:
        """The errors, each saying how many households it fails; warnings when it fails none (a table with
        no rows: nothing is lost, but the table needs a look)."""
        if not households:
            return tuple(attrs.evolve(e, message=f"{e.message} (no household has a row in the table)",
                                      severity="warning") for e in self.errors)
        many = "s" if households != 1 else ""
        return tuple(attrs.evolve(e, message=f"{e.message} ({households} household{many})") for e in self.errors)


def column_issues(table: TableFile, fields: Sequence[ir.Field], read: frozenset[str]) -> ColumnIssues:
    """Judge a table's columns against the fields of its records (raises RecordError when the column
    naming each row's household is missing)."""
    where = table.where
    for required in ("id",) + (("household_id",) if where == "persons" else ()):
        if required not in table.columns:
            raise RecordError(f"{table.path}: the {where} table has no `{required}` column")
    known = [f.name for f in fields]
    builtin = {"id", table.key}
    at = table.name
    warnings = [RecordIssue("*", name, f"the {where} table has a second column named `{name}`, ignored",
                            "warning", at) for name in table.doubled]
    errors: list[RecordIssue] = []
    covered: set[str] = set()
    for column in table.columns:
        if column in known or column in builtin:
            continue
        hint = closest(column, known)
        if hint is not None and hint not in table.columns and hint not in covered and (
                hint in read or any(f.name == hint and f.required for f in fields)):
            errors.append(RecordIssue("*", column, f"column {near_miss(column, hint)}; every household with a "
                                      f"row in the {where} table has this error", "error", at))
            covered.add(hint)
            continue
        warnings.append(RecordIssue("*", column, f"the {where} table has a column that is not a field of the "
                                    f"charter, ignored" + phrase(hint, form="aside"),
                                    "warning", at))
    for f in fields:
        if f.required and f.name not in table.columns and f.name not in covered:
            errors.append(RecordIssue("*", f.name, f"the {where} table has no `{f.name}` column, a field every "
                                      f"record must have; every household with a row in the table has this error",
                                      "error", at))
            covered.add(f.name)
    return ColumnIssues(tuple(warnings), tuple(errors), frozenset(covered))
