"""Household records validated against a charter's fields: the typed households the evaluators read,
the validator (general checks and one generated per charter) and the issues it words."""

from __future__ import annotations

from ._convert import DECIMAL_DIGITS, DECIMAL_PLACES, INT_MAX, INT_MIN, MONEY_DIGITS, MONEY_PLACES
from ._model import Household, Person
from ._validate import (
    RecordIssue,
    TableRecord,
    Validator,
    near_miss,
    validate_all,
)

__all__ = [
    "DECIMAL_DIGITS", "DECIMAL_PLACES", "INT_MAX", "INT_MIN", "MONEY_DIGITS", "MONEY_PLACES",
    "Household", "Person", "RecordIssue", "TableRecord", "Validator", "near_miss", "validate_all",
]
