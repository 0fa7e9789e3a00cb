"""Registers read: JSON and JSON Lines record by record, households and persons tables (CSV, Parquet)
through DuckDB, as the raw records a validator checks.

Registers come after `records` in the stages: reading produces raw records (`TableRecord`s for
tables) and words what it cannot read, or what a table's columns and ids say, as `RecordIssue`s, the
vocabulary of validation, which it imports from `records`' public names only; validation knows no file
format and imports nothing from here, so that a new format is a reader here and no edit there."""

from __future__ import annotations

from ._cells import cell_value, list_cells
from ._json import Positioned, loads, parse_records, read_records
from ._table_records import read_tables
from ._tables import (
    LINE,
    ColumnIssues,
    Rejected,
    TableFile,
    column_issues,
    is_table,
    open_table,
    sql_name,
)

__all__ = [
    "LINE", "ColumnIssues", "Positioned", "Rejected", "TableFile", "cell_value", "column_issues", "is_table",
    "list_cells", "loads", "open_table", "parse_records", "read_records", "read_tables", "sql_name",
]
