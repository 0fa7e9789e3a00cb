"""What reading a table file gives, whatever its format: the contract of a table format's reader."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import attrs


@attrs.frozen
class Rejected:
    """A CSV row that could not be read: where, why, and the id it names when that can be known."""

    line: int
    position: str
    message: str
    key: str | None


@attrs.frozen
class Scan:
    """A table file as DuckDB reads it: the SQL of its rows, each column's name and type there (in the
    order of the header), the SQL of each row's line, and the rows set aside."""

    source: str
    columns: tuple[str, ...]
    types: tuple[str, ...]
    line: str
    rejected: tuple[Rejected, ...] = ()


class TableReader(Protocol):
    """Reads the households or persons tables of one format (one entry of `FORMATS`)."""

    @property
    def unit(self) -> str:
        """What the position of a row counts: `line` (CSV, the header being line 1) or `row` (Parquet)."""
        ...

    def header(self, path: str) -> list[str]:
        """The names of the file's columns, as written (RecordError when they cannot be read)."""
        ...

    def scan(self, con: Any, path: str, view: str, header: Sequence[str], key: str) -> Scan:
        """The file's rows for DuckDB (`con`), temporary tables named after `view`; `key` is the column
        naming each row's household (duckdb.Error when DuckDB cannot read the file)."""
        ...


def sql_name(name: str) -> str:
    """A SQL identifier, quoted."""
    return '"' + name.replace('"', '""') + '"'


def sql_text(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"
