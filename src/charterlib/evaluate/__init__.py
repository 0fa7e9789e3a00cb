"""Stage 4, evaluate: households and periods → amounts, grants, penalties, statuses and verdicts."""

from __future__ import annotations

from ._calendar import Period, PeriodError, add_months, age, birthday
from ._engine import Engine
from ._interpret import Reference
from .results import Check, Grant, ObligationStatus, Result, Unit, Verdict

__all__ = ["Check", "Engine", "Grant", "ObligationStatus", "Period", "PeriodError", "Reference", "Result",
           "Unit", "Verdict", "add_months", "age", "birthday"]
