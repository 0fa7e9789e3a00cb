"""The formats of table registers, by the suffix of their files: the one place a register's format
is known (a file of any other suffix holds JSON or JSON Lines records, told apart by what it holds).
A new format is a reader (a module implementing `TableReader`) and one entry of `FORMATS`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import attrs

from ._csv import CsvReader
from ._parquet import ParquetReader
from ._reader import TableReader


@attrs.frozen
class Format:
    """A format of households and persons tables: its name and how a table of it is read."""

    name: str
    reader: TableReader
    variants: tuple[str, ...] = ()
    """Further suffixes of its files (`.tsv`), read when both tables are named, not looked for in a
    folder nor taken alone for a table."""


FORMATS: dict[str, Format] = {
    ".parquet": Format("parquet", ParquetReader()),
    ".csv": Format("csv", CsvReader(), (".tsv", ".csv.gz", ".tsv.gz")),
}
"""The table formats by the suffix of their files, in the order a folder is searched for them
(households.parquet and persons.parquet first)."""


def table_format(path: str) -> Format | None:
    """The format of a households or persons table, by the end of its name (None when it is none)."""
    lowered = path.lower()
    return next((f for suffix, f in FORMATS.items() if lowered.endswith((suffix, *f.variants))), None)


def is_table(path: str | Path) -> bool:
    """Whether a file is a households or persons table, by its name."""
    return table_format(str(path)) is not None


def either(words: Iterable[str]) -> str:
    """Words joined as alternatives: `a or b`, `a, b or c`."""
    listed = list(words)
    return listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " or " + listed[-1]
