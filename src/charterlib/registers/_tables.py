"""Opens table registers: a households table and a persons table, each read by DuckDB through the
reader of its format (`FORMATS`: CSV or Parquet), its columns named as the caller asks.

Both engines open the files the same way (`open_table`): a row that cannot be read is set aside as
that row's error (`Rejected`); the columns are judged once per column (`column_issues`, in
`_columns`). The household evaluator then builds one raw record per household (`read_tables`, in
`_table_records`), which `records.Validator` checks as it checks JSON; the batch engine checks the
same rows in SQL by the same rules (`batch/_tables.py`), cells by `_cells`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from ..common.errors import RecordError
from ._formats import FORMATS, either, table_format
from ._reader import Rejected, sql_name

LINE = "#line"
"""The column of a table's rows holding their line (CSV, the header being line 1) or row (Parquet)."""


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
        found = table_format(self.path)
        return found.reader.unit if found is not None else "line"

    def position(self, line: int) -> str:
        """The position of a row: `persons.csv line 7`."""
        return f"{self.name} {self.unit} {line}"

    @property
    def key(self) -> str:
        """The column naming each row's household: `id` or `household_id`."""
        return "id" if self.where == "households" else "household_id"


def open_table(con: Any, path: str, view: str, where: str, names: Mapping[str, str]) -> TableFile:
    """Open a households or persons table as `view` (see `TableFile`); CSV rows that cannot be read
    are left out of it and given in `rejected`."""
    import duckdb

    found = table_format(path)
    if found is None:
        raise RecordError(f"{path}: a households or persons table is a {either(FORMATS)} file")
    if not Path(path).is_file():
        raise RecordError(f"cannot read the table {path}: no such file")
    header = found.reader.header(path)
    key = "id" if where == "households" else "household_id"
    fixed = {"id", key}
    select: list[str] = []
    columns: dict[str, str] = {}
    doubled: list[str] = []
    try:
        scan = found.reader.scan(con, path, view, header, key)
    except duckdb.Error as exc:
        raise RecordError(f"cannot read the table {path}: {str(exc).splitlines()[0]}") from None
    column_types: dict[str, str] = {}
    for i, (original, column, kind) in enumerate(zip(header, scan.columns, scan.types)):
        if original in columns:
            doubled.append(original)
            continue
        target = original if original in fixed else names.get(original) or f"#column{i}"
        value = f"CAST({sql_name(column)} AS VARCHAR)" if original in fixed else sql_name(column)
        select.append(f"{value} AS {sql_name(target)}")
        columns[original] = target
        column_types[original] = "VARCHAR" if original in fixed else kind
    select.append(f"{scan.line} AS {sql_name(LINE)}")
    con.execute(f"CREATE OR REPLACE TEMP VIEW {sql_name(view)} AS SELECT {', '.join(select)} FROM {scan.source}")
    return TableFile(path, where, view, tuple(header), columns, column_types, scan.rejected, tuple(doubled))
