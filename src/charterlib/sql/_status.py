"""The status of an obligation on the judged day in SQL (`breached(o)`, `fulfilled(o)`, `pending(o)`), read
from the obligation's table of the plan (one row per instance: `hid`, `status`, `t`, `act`, `since`,
`cured`), which the plan creates before any statement reading it; the same derivation as
`runtime.status`."""

from __future__ import annotations

from .text import HID

__all__ = ["breached", "fulfilled", "pending"]


def _applies(day: str) -> str:
    return f"o.status <> 'not_applicable' AND o.t <= {day}"


def _exists(table: str, condition: str) -> str:
    return f"EXISTS (SELECT 1 FROM {table} AS o WHERE o.hid = h.{HID} AND {condition})"


def breached(table: str, first: str, day: str) -> str:
    """SQL: the obligation is in breach on some day from `first` to `day` (NULL when `first` is)."""
    start = f"greatest({first}, o.since, o.t)"  # the first day of the span in breach, if any
    test = _exists(table, f"o.status = 'breached' AND {start} <= {day} AND (o.cured IS NULL OR {start} < o.cured)")
    return f"(CASE WHEN {first} IS NULL THEN NULL ELSE {test} END)" if first != day else test


def fulfilled(table: str, day: str) -> str:
    """SQL: every instance of the obligation that applies on the day is fulfilled then, and one at least."""
    done = f"o.status = 'fulfilled' AND o.act <= {day}"
    return (f"({_exists(table, f'{_applies(day)} AND {done}')} "
            f"AND NOT {_exists(table, f'{_applies(day)} AND NOT ({done})')})")


def pending(table: str, day: str) -> str:
    """SQL: an instance of the obligation is pending on the day."""
    waiting = (f"(o.status = 'pending' OR o.status = 'fulfilled' AND {day} < o.act "
               f"OR o.status = 'breached' AND {day} < o.since)")
    return _exists(table, f"{_applies(day)} AND {waiting}")
