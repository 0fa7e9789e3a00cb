"""The units of periodic schedules: which days a monthly or yearly benefit is judged on in a period."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator

from .. import ir
from . import calendar as cal


@functools.lru_cache(maxsize=512)
def unit_days(schedule: ir.Monthly | ir.Yearly, start: dt.date, end: dt.date) -> tuple[tuple[dt.date, dt.date, dt.date], ...]:
    """The units of a periodic schedule in a period, computed once per schedule and period."""
    return tuple(periodic_days(schedule, cal.Period(start, end, "")))


def periodic_days(schedule: ir.Monthly | ir.Yearly, period: cal.Period) -> Iterator[tuple[dt.date, dt.date, dt.date]]:
    """Each unit (assessment day, first day, last day) whose assessment day lies in the period."""
    if isinstance(schedule, ir.Monthly):
        year, month = period.start.year, period.start.month
        while (year, month) <= (period.end.year, period.end.month):
            first, last = dt.date(year, month, 1), cal.month_end(year, month)
            day = first if schedule.judged_on == "first" else last
            if day in period:
                yield day, first, last
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return
    fixed = sorted(schedule.days)
    for year in range(period.start.year, period.end.year + 1):
        # 02-29 is 02-28 in a common year: days that fall on one day make one unit there, not two
        days = sorted({_clamped(year, month, day_number) for month, day_number in fixed})
        for i, day in enumerate(days):
            if day not in period:
                continue
            if i + 1 < len(days):
                last = days[i + 1] - dt.timedelta(days=1)
            elif year < dt.MAXYEAR:
                last = _clamped(year + 1, *fixed[0]) - dt.timedelta(days=1)
            else:  # the calendar ends before the next unit would start
                last = dt.date.max
            yield day, day, last


def _clamped(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, cal.month_end(year, month).day))
