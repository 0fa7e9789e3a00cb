"""The small runtime that evaluated charters call: three-valued logic, membership, built-ins.

Both back ends use it: the reference interpreter and the Python source the compiler generates.
A missing value is None; logic is three-valued (Kleene): `and`/`or` decide when one side
decides, and otherwise are unknown (None), which no condition accepts as true.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any

from ..common.errors import EvaluationError
from ..records import Household, Person
from . import calendar as cal
from . import status as obligation_status

CENT = Decimal("0.01")
MONEY_LIMIT = Decimal(10) ** 16
"""Amounts to pay have at most 16 digits before the point (SQL DECIMAL(18,2))."""
MISS = object()


class Ctx:
    """The state of one household's evaluation: the household, caches, the article being judged."""

    __slots__ = ("article", "cells", "ever_at", "h", "last_birth", "leaves", "members_at", "memo", "statuses",
                 "unknown")

    def __init__(self, household: Household) -> None:
        self.h = household
        self.memo: dict[Any, Any] = {}
        self.unknown: list[Any] = []
        """The units whose amount came out missing (`results.UnknownAmount`), as they are met."""
        self.members_at: dict[dt.date, tuple[Person, ...]] = {}
        self.ever_at: dict[dt.date, tuple[Person, ...]] = {}
        self.article = ""
        self.cells: list[tuple[str, tuple[Any, ...], dt.date | None, Any]] | None = None
        """When explaining, the cells of tables read (table, keys, the day its value started, value)."""
        self.statuses: Mapping[str, Any] = {}
        """The status of each obligation as judged for the period (or the day), by id, those judged so far:
        what `breached(o)`, `fulfilled(o)` and `pending(o)` read (`runtime.status`)."""
        members = household.members
        gone = [p.gone for p in members if p.gone is not None]
        self.leaves = bool(gone)
        """Whether some member dies or leaves (on some day the members are fewer than those born)."""
        # from this day on the members no longer change (every one born, and died or left if ever):
        # the last birth, or the last death or departure when one is later
        self.last_birth: dt.date = max([members[-1].birth, *gone]) if members else dt.date.min

    def fail(self, message: str) -> EvaluationError:
        """An evaluation error naming the household and the article being judged."""
        return EvaluationError(message, household=self.h.id, article=self.article)


def members(c: Ctx, today: dt.date) -> tuple[Person, ...]:
    """The household's members on a day, in birth order: born on or before it, and neither dead nor
    gone on or before it."""
    found = c.members_at.get(today)
    if found is None:
        everyone = c.h.members
        if not c.leaves and (not everyone or everyone[-1].birth <= today):
            found = everyone
        elif not c.leaves:
            found = tuple(p for p in everyone if p.birth <= today)
        else:
            found = tuple(p for p in everyone if p.birth <= today and (p.gone is None or today < p.gone))
        c.members_at[today] = found
    return found


def ever_members(c: Ctx, today: dt.date) -> tuple[Person, ...]:
    """Every person of the household born on or before a day, in birth order, whether or not they have
    since died or left (`ever members`)."""
    if not c.leaves:
        return members(c, today)
    found = c.ever_at.get(today)
    if found is None:
        everyone = c.h.members
        found = everyone if not everyone or everyone[-1].birth <= today else tuple(
            p for p in everyone if p.birth <= today)
        c.ever_at[today] = found
    return found


def and3(a: bool | None, b: bool | None) -> bool | None:
    """Three-valued and."""
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def or3(a: bool | None, b: bool | None) -> bool | None:
    """Three-valued or."""
    if a is True or b is True:
        return True
    if a is None or b is None:
        return None
    return False


def not3(a: bool | None) -> bool | None:
    """Three-valued not."""
    return None if a is None else not a


def any3(values: Iterable[bool | None]) -> bool | None:
    """True if one is true; unknown if none is true but one is unknown; else false."""
    unknown = False
    for v in values:
        if v is True:
            return True
        if v is None:
            unknown = True
    return None if unknown else False


def all3(values: Iterable[bool | None]) -> bool | None:
    """False if one is false; unknown if none is false but one is unknown; else true."""
    unknown = False
    for v in values:
        if v is False:
            return False
        if v is None:
            unknown = True
    return None if unknown else True


def compare(op: str, a: Any, b: Any, order: Sequence[str] | None = None) -> bool | None:
    """A comparison; unknown when a side is missing; labels of an ordered enum by their order."""
    if a is None or b is None:
        return None
    if order is not None and op not in ("=", "!="):
        a, b = order.index(a), order.index(b)
    if op == "=":
        return bool(a == b)
    if op == "!=":
        return bool(a != b)
    if op == "<":
        return bool(a < b)
    if op == "<=":
        return bool(a <= b)
    if op == ">":
        return bool(a > b)
    return bool(a >= b)


def arith(c: Ctx, op: str, a: Any, b: Any) -> Any:
    """`+ - * /` on numbers, money, dates and durations; missing when a side is missing, and a day
    moved outside the calendar is missing too."""
    if a is None or b is None:
        return None
    try:
        if isinstance(a, dt.date):
            count, unit = b
            return cal.add_duration(a, count if op == "+" else -count, unit)
        if isinstance(b, dt.date):
            count, unit = a
            return cal.add_duration(b, count, unit)
        if isinstance(a, tuple):  # duration + duration
            (n1, u1), (n2, u2) = a, b
            if u1 == u2:
                return (n1 + n2 if op == "+" else n1 - n2, u1)
            raise c.fail(f"cannot add {n1} {u1} and {n2} {u2}: durations of different units")
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return (Decimal(a) if isinstance(a, int) and isinstance(b, Decimal) else a) * b
        if b == 0:
            raise c.fail("division by zero")
        if isinstance(a, int) and isinstance(b, int):
            return Decimal(a) / Decimal(b)
        return Decimal(a) / Decimal(b)
    except (OverflowError, ArithmeticError) as exc:
        raise c.fail(f"arithmetic failed: {exc}") from None


def negate(a: Any) -> Any:
    """Arithmetic negation of a number, money or duration."""
    if a is None:
        return None
    if isinstance(a, tuple):
        return (-a[0], a[1])
    return -a


def member_of(value: Any, collection: Sequence[Any] | None) -> bool | None:
    """Whether a value is in a list or set; unknown when the value is missing."""
    if value is None or collection is None:
        return None
    return value in collection


def between(value: Any, low: Any, high: Any, order: Sequence[str] | None = None) -> bool | None:
    """`low <= value <= high`, three-valued."""
    return and3(compare(">=", value, low, order), compare("<=", value, high, order))


def extreme(values: Iterable[Any], highest: bool) -> Any:
    """The least or greatest of a list, missing elements skipped; missing when none is left."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return max(present) if highest else min(present)


def extreme_of(args: Sequence[Any], highest: bool) -> Any:
    """The least or greatest of several values; missing when one of them is missing."""
    if any(v is None for v in args):
        return None
    return max(args) if highest else min(args)


def total(values: Iterable[Any]) -> Any:
    """The sum of a list of numbers or money (missing elements skipped)."""
    result: Any = 0
    for v in values:
        if v is not None:
            result = result + v
    return result


def the(c: Ctx, items: Sequence[Any]) -> Any:
    """The single element of a list; an evaluation error when there is not exactly one."""
    if len(items) != 1:
        ids = [getattr(p, "id", str(p)) for p in items]
        listed = f": {', '.join(ids)}" if ids else ""
        raise c.fail(f"`the` needs exactly one, but there are {len(items)}{listed}")
    return items[0]


def nth(items: Sequence[Any], n: int | None) -> Any:
    """The n-th element (1 for the first, in birth order), or missing."""
    if n is None or n < 1 or n > len(items):
        return None
    return items[n - 1]


def age(c: Ctx, person: Person | None, on: dt.date | None) -> int | None:
    """Completed years of a person on a day."""
    if person is None or on is None:
        return None
    if person.fields.get("birth_date") is None:
        raise c.fail(f"person {person.id} has no birth date")
    return cal.age(person.birth, on)


def died(person: Person | None, on: dt.date | None) -> bool | None:
    """Whether a person died on or before a day (`died_on`; never, for a charter without it)."""
    if person is None or on is None:
        return None
    day = person.fields.get("died_on")
    return isinstance(day, dt.date) and day <= on


def birthday(c: Ctx, person: Person | None, n: int | None) -> dt.date | None:
    """The N-th birthday of a person (month rule); missing when it falls outside the calendar."""
    if person is None or n is None:
        return None
    if person.fields.get("birth_date") is None:
        raise c.fail(f"person {person.id} has no birth date")
    return cal.birthday(person.birth, n)


def field(person: Person | None, name: str) -> Any:
    """A field of a person, or missing when the person is missing."""
    return None if person is None else person.fields.get(name)


def flatten(values: Iterable[Any]) -> tuple[Any, ...]:
    """A list of lists as one list."""
    out: list[Any] = []
    for v in values:
        if isinstance(v, tuple):
            out.extend(v)
        elif v is not None:
            out.append(v)
    return tuple(out)


def param(c: Ctx, name: str, values: Sequence[tuple[dt.date | None, Any]], today: dt.date) -> Any:
    """The value of a parameter in force on a day."""
    found = MISS
    for start, value in values:
        if start is None or start <= today:
            found = value
        else:
            break
    if found is MISS:
        raise c.fail(f"parameter `{name}` has no value on {today} (its first value is from {values[0][0]})")
    return found


def table(c: Ctx, name: str, cells: Mapping[tuple[Any, ...], Sequence[tuple[dt.date | None, Any]]],
          keys: tuple[Any, ...], today: dt.date) -> Any:
    """The value of a table's cell in force on a day; missing when a key is."""
    for key in keys:
        if key is None:
            return None
    values = cells[keys]
    found: Any = MISS
    since: dt.date | None = None
    for start, value in values:
        if start is None or start <= today:
            found, since = value, start
        else:
            break
    if found is MISS:
        shown = ", ".join(str(k).lower() if isinstance(k, bool) else str(k) for k in keys)
        raise c.fail(f"table `{name}` has no value for `{shown}` on {today} (its first value is from {values[0][0]})")
    if c.cells is not None:
        c.cells.append((name, keys, since, found))
    return found


def money(c: Ctx, amount: Any) -> Decimal:
    """An amount to pay, exact to the fen (half up), of at most 16 digits before the point."""
    if amount is None:
        raise c.fail("the amount to pay is missing")
    value = Decimal(amount)
    if value.is_finite() and abs(value) < MONEY_LIMIT:
        paid = value.quantize(CENT, rounding=ROUND_HALF_UP)
        if abs(paid) < MONEY_LIMIT:
            return paid
    raise c.fail(f"the amount to pay, {amount}, is larger than money holds (at most 9999999999999999.99 yuan)")


# ------------------------------------------------------------------ the status of obligations


def _standing(c: Ctx, obligation: str) -> Any:
    found = c.statuses.get(obligation)
    if found is None:  # the engine judges an obligation before anything reading it
        raise c.fail(f"the status of obligation `{obligation}` is read before it is judged")
    return found


def status_breached(c: Ctx, obligation: str, first: dt.date | None, day: dt.date) -> bool | None:
    """Whether an obligation is in breach on some day from `first` to `day` (on `day` when they are the
    same); unknown when `first` is missing."""
    if first is None:
        return None
    return obligation_status.breached(_standing(c, obligation), first, day)


def status_fulfilled(c: Ctx, obligation: str, day: dt.date) -> bool:
    """Whether an obligation is fulfilled on a day."""
    return obligation_status.fulfilled(_standing(c, obligation), day)


def status_pending(c: Ctx, obligation: str, day: dt.date) -> bool:
    """Whether an obligation is pending on a day."""
    return obligation_status.pending(_standing(c, obligation), day)


span_start = obligation_status.span_start


# ------------------------------------------------------------------ list helpers for generated code


def select(items: Sequence[Any], predicate: Any) -> tuple[Any, ...]:
    """The elements for which a predicate is true."""
    return tuple([p for p in items if predicate(p) is True])


def count_if(items: Sequence[Any], predicate: Any) -> int:
    """How many elements a predicate holds for."""
    n = 0
    for p in items:
        if predicate(p) is True:
            n += 1
    return n


def any_if(items: Sequence[Any], predicate: Any) -> bool | None:
    """Three-valued: does the predicate hold for some element?"""
    unknown = False
    for p in items:
        v = predicate(p)
        if v is True:
            return True
        if v is None:
            unknown = True
    return None if unknown else False


def all_if(items: Sequence[Any], predicate: Any) -> bool | None:
    """Three-valued: does the predicate hold for every element?"""
    unknown = False
    for p in items:
        v = predicate(p)
        if v is False:
            return False
        if v is None:
            unknown = True
    return None if unknown else True


def project(items: Sequence[Any], fn: Any) -> tuple[Any, ...]:
    """The value of a function for each element."""
    return tuple([fn(p) for p in items])


def if3(condition: bool | None, then: Any, otherwise: Any) -> Any:
    """`if` with a possibly unknown condition (both branches already computed)."""
    if condition is None:
        return None
    return then() if condition else otherwise()



# ------------------------------------------------------------------ scalar builtins (language/builtins.py)
def day_of_month(day: dt.date | None) -> int | None:
    """The day of the month of a date."""
    return day.day if day is not None else None


def month_of(day: dt.date | None) -> int | None:
    """The month of a date."""
    return day.month if day is not None else None


def year_of(day: dt.date | None) -> int | None:
    """The year of a date."""
    return day.year if day is not None else None


def round_to_yuan(amount: Decimal | None) -> Decimal | None:
    """An amount rounded to the yuan, halves away from zero."""
    return _rounded(amount, Decimal(1))


def round_to_jiao(amount: Decimal | None) -> Decimal | None:
    """An amount rounded to the jiao, halves away from zero."""
    return _rounded(amount, Decimal("0.1"))


def _rounded(amount: Decimal | None, step: Decimal) -> Decimal | None:
    if amount is None or not amount.is_finite():
        return amount
    # exact at any size: the context holds every digit before the point
    return amount.quantize(step, rounding=ROUND_HALF_UP, context=Context(prec=max(28, amount.adjusted() + 3)))

Fn = Callable[[Ctx, dt.date, dt.date, dt.date, Person | None], Any]
"""An IR expression made callable by a back end: (ctx, today, unit start, unit end, subject) → value."""
