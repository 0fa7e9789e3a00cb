"""Registers read: JSON and JSON Lines record by record, households and persons tables (CSV, Parquet)
through DuckDB, as the raw records a validator checks; what a register named is (`register_of`), its
format known by the suffix of its files (`FORMATS`: a new format is a reader and one entry).

Registers come after `records` in the stages: reading produces raw records (`TableRecord`s for
tables) and words what it cannot read, or what a table's columns and ids say, as `RecordIssue`s, the
vocabulary of validation, which it imports from `records`' public names only; validation knows no file
format and imports nothing from here, so that a new format is a reader here and no edit there."""

from __future__ import annotations

from ._cells import cell_value, list_cells
from ._columns import ColumnIssues, column_issues
from ._encoding import encoding_of
from ._formats import FORMATS, Format, is_table, table_format
from ._json import Positioned, loads, parse_records, read_records
from ._reader import Rejected, Scan, TableReader, sql_name
from ._register import Register, register_of
from ._table_records import read_tables
from ._tables import LINE, TableFile, open_table

__all__ = [
    "FORMATS", "LINE", "ColumnIssues", "Format", "Positioned", "Register", "Rejected", "Scan", "TableFile",
    "TableReader", "cell_value", "column_issues", "encoding_of", "is_table", "list_cells", "loads", "open_table",
    "parse_records", "read_records", "read_tables", "register_of", "sql_name", "table_format",
]
