"""Values that change by day, compared on every day: whether an override of a state level's parameter or
benefit amount gives at least as much as what it replaces, and the first day on which it does not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

import attrs

from .. import ir
from ..language.types import BOOL, DATE


@attrs.frozen
class Shortfall:
    """The first day (None: before any day a value starts) on which a new value is below the old one, or
    differs from it when they are not numbers; `new` is None where the new one has no value that day."""

    day: dt.date | None
    old: ir.Const
    new: ir.Const | None


def shortfall(old: ir.Dated, new: ir.Dated) -> Shortfall | None:
    """Where the new values fall short of the old, compared on every day either changes; None when they
    never do."""
    days = sorted({start for start, _ in old + new if start is not None})
    for day in (None, *days):
        before, after = _on(old, day), _on(new, day)
        if before is None:
            continue
        if after is None or not _at_least(after.value, before.value):
            return Shortfall(day, before, after)
    return None


def amount_by_day(amount: ir.Expr, parameters: Mapping[str, ir.Parameter]) -> ir.Dated | None:
    """A benefit's amount as values from days, when it is a constant, a parameter (not a table), or changes
    only with the judged day (`if today >= DAY then A else B`, as `kept_until` writes it); None for any
    other amount."""
    if isinstance(amount, ir.Const):
        return ((None, amount),)
    if isinstance(amount, ir.ParamRef):
        parameter = parameters.get(amount.name)
        return parameter.values if parameter is not None and not parameter.table else None
    day = _from_day(amount)
    if day is None or not isinstance(amount, ir.If):
        return None
    then, otherwise = amount_by_day(amount.then, parameters), amount_by_day(amount.otherwise, parameters)
    if then is None or otherwise is None:
        return None
    on_day = _on(then, day)
    return (tuple((s, c) for s, c in otherwise if s is None or s < day)
            + (((day, on_day),) if on_day is not None else ())
            + tuple((s, c) for s, c in then if s is not None and s > day))


def kept_until(day: dt.date, new: ir.Expr, old: ir.Expr) -> ir.Expr:
    """An amount that is the old one on the judged days before a day and the new one from it (located where
    the new one is written)."""
    today = ir.Context(DATE, "today", span=new.span)
    return ir.If(new.type.maybe(new.type.optional or old.type.optional),
                 ir.Compare(BOOL, ">=", today, ir.Const(DATE, day, span=new.span), span=new.span), new, old,
                 span=new.span)


def _from_day(expr: ir.Expr) -> dt.date | None:
    """DAY, when an expression is `if today >= DAY then … else …`."""
    if not isinstance(expr, ir.If) or not isinstance(expr.condition, ir.Compare):
        return None
    test = expr.condition
    if test.op != ">=" or not isinstance(test.left, ir.Context) or test.left.which != "today":
        return None
    value = test.right.value if isinstance(test.right, ir.Const) else None
    return value if isinstance(value, dt.date) else None


def _on(values: ir.Dated, day: dt.date | None) -> ir.Const | None:
    """The value in force on a day (None: before any day a value starts), if there is one."""
    found = None
    for start, value in values:
        if start is None or (day is not None and start <= day):
            found = value
    return found


def _at_least(new: ir.Value, old: ir.Value) -> bool:
    """Whether a new value gives at least the old: more or as much for numbers, the same for the others."""
    numbers = all(isinstance(v, (int, Decimal)) and not isinstance(v, bool) for v in (new, old))
    if numbers:
        assert isinstance(new, (int, Decimal)) and isinstance(old, (int, Decimal))
        return new >= old
    return new == old
