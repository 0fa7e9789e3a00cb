"""Household records: reading registers and validating them against a charter's fields."""

from __future__ import annotations

from ._load import parse_records, read_records
from ._model import Household, Person
from ._validate import RecordIssue, Validator, validate_all

__all__ = ["Household", "Person", "RecordIssue", "Validator", "parse_records", "read_records", "validate_all"]
