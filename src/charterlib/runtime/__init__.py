"""What evaluated charters run on: the calendar (periods, the month rule, ages) and the small set of
functions that generated code and the reference interpreter call (`functions`, the `rt` of generated code)."""

from __future__ import annotations

from . import functions
from .calendar import Period, PeriodError, add_months, age, birthday
from .functions import Ctx, Fn

__all__ = ["Ctx", "Fn", "Period", "PeriodError", "add_months", "age", "birthday", "functions"]
