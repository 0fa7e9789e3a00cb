"""Household records: reading registers and validating them against a charter's fields."""

from __future__ import annotations

from ._cells import cell_value, list_cells
from ._convert import DECIMAL_DIGITS, DECIMAL_PLACES, INT_MAX, INT_MIN, MONEY_DIGITS, MONEY_PLACES
from ._load import loads, parse_records, read_records
from ._model import Household, Person
from ._table_records import read_tables
from ._tables import LINE, ColumnIssues, Rejected, TableFile, column_issues, is_table, open_table
from ._validate import (
    RecordIssue,
    TableRecord,
    Validator,
    near_miss,
    validate_all,
)

__all__ = [
    "DECIMAL_DIGITS", "DECIMAL_PLACES", "INT_MAX", "INT_MIN", "LINE", "MONEY_DIGITS", "MONEY_PLACES",
    "ColumnIssues", "Household", "Person", "RecordIssue", "Rejected", "TableFile", "TableRecord", "Validator",
    "cell_value", "column_issues", "is_table", "list_cells", "loads", "near_miss", "open_table", "parse_records",
    "read_records", "read_tables", "validate_all",
]
