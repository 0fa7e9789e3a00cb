"""The status of an obligation on a day, derived from its status as judged for the period (`breached(o)`,
`fulfilled(o)`, `pending(o)`, `breached(o, 12 months)`).

An obligation is judged once, as of the period's last day: it concerns the household or not, and then has
its trigger day, its deadline, the day it was fulfilled on time, or the first day of breach and the day a
late fulfilment cured it. On a day D up to then, it is:

- not applicable when it does not concern the household, or D is before its trigger day;
- `fulfilled` from the day it was fulfilled (on time) on;
- `pending` from the trigger day until the day it is fulfilled, or until its deadline has passed;
- in breach from the first day of breach until the day before the cure day (on the cure day it no longer
  is, as a suspension ends that day), or for good when it is not cured.

An obligation may have several instances (one per event): it is in breach when one is, pending when one is,
fulfilled when every instance that applies on the day is, and one at least. One status is one instance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from . import calendar as cal


class Instance(Protocol):
    """An instance of an obligation as judged for a period (`results.ObligationStatus` is one)."""

    @property
    def status(self) -> str:
        """not_applicable, pending, fulfilled or breached."""

    @property
    def trigger(self) -> dt.date | None:
        """The trigger day."""

    @property
    def on(self) -> dt.date | None:
        """The day it was fulfilled on time."""

    @property
    def since(self) -> dt.date | None:
        """The first day of breach."""

    @property
    def cured_on(self) -> dt.date | None:
        """The day a late fulfilment cured the breach."""


def instances(status: Any) -> Sequence[Instance]:
    """The instances of an obligation's status: a sequence of them, those of a status that lists its
    instances (an obligation `for each` person or day), or the one status."""
    if isinstance(status, (tuple, list)):
        return tuple(status)
    listed = getattr(status, "instances", None)
    return tuple(listed) if listed is not None else (status,)


def applies(i: Instance, day: dt.date) -> bool:
    """Whether an instance concerns the household on a day (triggered by then)."""
    return i.status != "not_applicable" and i.trigger is not None and i.trigger <= day


def fulfilled_on(i: Instance, day: dt.date) -> bool:
    """Whether an instance is fulfilled on a day."""
    return i.status == "fulfilled" and applies(i, day) and i.on is not None and i.on <= day


def pending_on(i: Instance, day: dt.date) -> bool:
    """Whether an instance is pending on a day: triggered, neither fulfilled nor breached yet."""
    if not applies(i, day):
        return False
    if i.status == "fulfilled":
        return i.on is not None and day < i.on
    if i.status == "breached":
        return i.since is not None and day < i.since
    return True


def in_breach(i: Instance, first: dt.date, last: dt.date) -> bool:
    """Whether an instance is in breach on some day from `first` to `last` (both included)."""
    if i.status != "breached" or i.since is None or i.trigger is None:
        return False
    start = max(first, i.since, i.trigger)  # the first day of the span in breach, if any
    return start <= last and (i.cured_on is None or start < i.cured_on)


def breached(status: Any, first: dt.date, last: dt.date) -> bool:
    """Whether an obligation is in breach on some day from `first` to `last` (on `last` alone when they
    are the same day)."""
    return any(in_breach(i, first, last) for i in instances(status))


def fulfilled(status: Any, day: dt.date) -> bool:
    """Whether an obligation is fulfilled on a day: every instance that concerns the household then, and
    one at least."""
    found = False
    for i in instances(status):
        if fulfilled_on(i, day):
            found = True
        elif applies(i, day):
            return False
    return found


def pending(status: Any, day: dt.date) -> bool:
    """Whether an obligation is pending on a day (one instance is)."""
    return any(pending_on(i, day) for i in instances(status))


def span_start(day: dt.date, duration: tuple[int, str]) -> dt.date:
    """The first day of the span of a duration's length that ends on a day (`1 year` ending on 2005-12-31
    starts on 2005-01-01); the calendar's first day when it would start before it. The checker makes the
    duration at least one day."""
    count, unit = duration
    before = cal.add_duration(day, -count, unit)
    return dt.date.min if before is None else before + dt.timedelta(days=1)


def standing(statuses: Mapping[str, Any], obligation: str) -> Any:
    """The status of an obligation as judged (KeyError when it is not judged yet)."""
    return statuses[obligation]
