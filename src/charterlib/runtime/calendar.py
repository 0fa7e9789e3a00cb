"""Calendar arithmetic of the charters: the month rule, ages, birthdays and periods."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

import attrs

from ..common.errors import CharterError


def add_months(day: dt.date, months: int) -> dt.date | None:
    """The same day number `months` later, or the last day of that month when it is shorter; missing
    (None) when that falls outside the calendar (0001-01-01 to 9999-12-31)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def add_duration(day: dt.date, count: int, unit: str) -> dt.date | None:
    """A day plus a duration of days, months or years (months and years by the month rule); missing
    (None) when that falls outside the calendar."""
    if unit == "days":
        if not -_DAYS <= count <= _DAYS:
            return None
        ordinal = day.toordinal() + count
        return dt.date.fromordinal(ordinal) if 1 <= ordinal <= _DAYS else None
    return add_months(day, count * 12 if unit == "years" else count)


_DAYS = dt.date.max.toordinal()
"""The days of the calendar: 0001-01-01 is day 1, 9999-12-31 this one."""


def birthday(birth: dt.date, n: int) -> dt.date | None:
    """The N-th birthday: the birth date plus N years by the month rule (29 Feb → 28 Feb); missing
    (None) when it falls outside the calendar."""
    return add_months(birth, 12 * n)


def age(birth: dt.date, on: dt.date) -> int:
    """Completed years on a day: how many birthdays have passed by then."""
    years = on.year - birth.year
    if years > 0:
        anniversary = add_months(birth, 12 * years)  # in the year of `on`: within the calendar
        if anniversary is None or anniversary > on:
            years -= 1
    elif years <= 0:
        years = 0 if on >= birth else -1
    return years


def days_from(since: dt.date, last: dt.date) -> int:
    """The days from one day to another, both included (none when the last is before the first)."""
    return max(0, (last - since).days + 1)


def months_completed(since: dt.date, last: dt.date) -> int:
    """The months completed from one day to another, both included: the k-th month is completed on the
    day before `since` plus k months (by the month rule), even when that is the calendar's last day."""
    if last < since:
        return 0
    after = (10000, 1, 1) if last == dt.date.max else (last + dt.timedelta(days=1)).timetuple()[:3]

    def moved(k: int) -> tuple[int, int, int]:
        year, month = divmod(since.year * 12 + since.month - 1 + k, 12)
        return year, month + 1, min(since.day, calendar.monthrange(year, month + 1)[1])

    k = (last.year - since.year) * 12 + last.month - since.month + 1  # at most this many
    while k > 0 and moved(k) > after:
        k -= 1
    return k


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


class PeriodError(CharterError):
    """A period was not written as YYYY, YYYY-MM or YYYY-MM-DD/YYYY-MM-DD."""


_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?$|^(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})$", re.ASCII)


@attrs.frozen
class Period:
    """A range of days, both ends included, and the way it was written."""

    start: dt.date
    end: dt.date
    text: str

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read `2005`, `2005-06` or `2005-01-01/2005-12-31`."""
        if not isinstance(text, str):
            shown = "None" if text is None else f"{type(text).__name__} {text!r}"
            raise PeriodError(f"a period is text: a year (\"2005\"), a month (\"2005-06\") or a range of days "
                              f"(\"2005-01-01/2005-12-31\"), not {shown}.")
        return _parse_period(text)

    @classmethod
    def _parse(cls, text: str) -> Period:
        match = _PERIOD.match(text.strip())
        if not match:
            raise PeriodError(
                f"`{text}` is not a period: write a year (2005), a month (2005-06) or a range of "
                f"days (2005-01-01/2005-12-31)."
            )
        year, month, first, last = match.groups()
        try:
            if first:
                start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
            elif month:
                start = dt.date(int(year), int(month), 1)
                end = month_end(int(year), int(month))
            else:
                start, end = dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
        except ValueError as exc:
            raise PeriodError(f"`{text}` is not a period: {exc}.") from None
        if end < start:
            raise PeriodError(f"`{text}` ends before it starts.")
        _bounded(start, end, text.strip())
        return cls(start, end, text.strip())

    @classmethod
    def of(cls, start: dt.date, end: dt.date) -> Period:
        """The period of two days, written as a range."""
        for day in (start, end):
            if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
                raise PeriodError(f"a period runs from one datetime.date to another, not from {start!r} to {end!r}.")
        if end < start:
            raise PeriodError(f"`{start.isoformat()}/{end.isoformat()}` ends before it starts.")
        _bounded(start, end, f"{start.isoformat()}/{end.isoformat()}")
        return cls(start, end, f"{start.isoformat()}/{end.isoformat()}")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def __str__(self) -> str:
        return self.text


MAX_PERIOD_YEARS = 100
"""The longest period evaluated at once: a bound on the units (1,200 months) a run lists per household."""


def _bounded(start: dt.date, end: dt.date, text: str) -> None:
    """Refuse a period longer than MAX_PERIOD_YEARS, before any work (a longer span is evaluated as
    several periods, whose results add up)."""
    if (end.year - start.year) * 12 + end.month - start.month >= 12 * MAX_PERIOD_YEARS:
        raise PeriodError(f"`{text}` spans more than {MAX_PERIOD_YEARS} years: evaluate it as several periods "
                          f"(their results add up).")


@functools.lru_cache(maxsize=256)
def _parse_period(text: str) -> Period:
    return Period._parse(text)
