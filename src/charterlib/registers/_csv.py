"""Reads CSV tables (`.csv`, tab-separated `.tsv`, either gzipped) in UTF-8 (a byte-order mark allowed) or
GB18030/GBK, found without being told (`_encoding`): every cell as text, a row that cannot be read (not
text, a cell too many or too few, an unclosed quote, a line over 2 MB) set aside as that row's error,
with the id it names when that id can be read from it."""

from __future__ import annotations

import csv
import gzip
import io
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..common.errors import RecordError
from ._encoding import encoding_of, utf8_copy
from ._reader import Rejected, Scan, sql_name, sql_text

MAX_LINE_BYTES = 2 * 1024 * 1024
"""The longest CSV line read; a longer one is that row's error."""


class CsvReader:
    """Reads CSV tables through DuckDB (see the module)."""

    unit = "line"

    def header(self, path: str) -> list[str]:
        return _header(path)

    def scan(self, con: Any, path: str, view: str, header: Sequence[str], key: str) -> Scan:
        encoding = encoding_of(path)
        copy = utf8_copy(path, encoding) if encoding != "utf-8" else None
        try:
            source = _materialise(con, copy or path, view, len(header), _delimiter(path))
        finally:
            if copy is not None:
                os.unlink(copy)
        rejected = _rejects(con, path, view, header, key)
        line = _lines(con, view, rejected)
        return Scan(source, tuple(f"c{i}" for i in range(len(header))), ("VARCHAR",) * len(header), line,
                    tuple(rejected))


def _delimiter(path: str) -> str:
    return "\t" if path.lower().endswith((".tsv", ".tsv.gz")) else ","


def _header(path: str) -> list[str]:
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
        line = first.decode(encoding_of(path))
    except UnicodeDecodeError:
        raise RecordError(f"{path}: the header line is not UTF-8 or GB18030 text") from None
    row = next(csv.reader(io.StringIO(line), delimiter=_delimiter(path)), [])
    return row


_REJECTS = {
    "INVALID ENCODING": "the row is not UTF-8 text",
    "MISSING COLUMNS": "the row has fewer cells than the header",
    "TOO MANY COLUMNS": "the row has more cells than the header",
    "UNQUOTED VALUE": "a quoted cell is not closed (the row runs to the next quote, or to the end of the file)",
    "LINE SIZE OVER MAXIMUM": f"the line is longer than {MAX_LINE_BYTES // (1024 * 1024)} MB",
}


def _materialise(con: Any, path: str, view: str, width: int, delimiter_char: str) -> str:
    """Read a CSV file (`view` is a plain SQL name) once into a table (every cell as text, the rows in file order, `#k` counting
    them from 0), setting aside the rows that cannot be read; returns the table's name."""
    table = sql_name(f"{view}#csv")
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(max(width, 1))) + "}"
    rejects = sql_text(f"{view}_rejects")
    scans = sql_text(f"{view}_scans")
    con.execute(f"DROP TABLE IF EXISTS {view}_rejects")
    con.execute(f"DROP TABLE IF EXISTS {view}_scans")
    delimiter = sql_text(delimiter_char)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT *, row_number() OVER () - 1 AS \"#k\" FROM read_csv("
        f"{sql_text(path)}, auto_detect = false, header = true, columns = {columns}, delim = {delimiter}, "
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
