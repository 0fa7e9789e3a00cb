"""Obligations: what a household must do within a time after a trigger, and what a breach brings."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ... import ir
from ...language.types import ERROR, PERSON
from ...parse import nodes as n
from .._expressions import Scope, describe
from ._clauses import conditions, contract, one
from ._kind import ArticleKind, Clauses, Context

CLAUSES = frozenset({n.ForEach, n.When, n.Unless, n.Contract, n.Trigger, n.Within, n.Fulfilled, n.OnBreach})
"""The clauses an obligation may hold."""

_LATE_UNITS: dict[str, Literal["day", "month"]] = {"days": "day", "months": "month"}


def check(node: n.Article, clauses: Clauses, in_force: dt.date, cx: Context) -> ir.Obligation | None:
    """An obligation's IR: its instances (one, or one per person or day of a list), trigger, deadline and
    fulfilment, and its penalty (one-off or per delay) and suspensions."""
    who, scope = _subject(cx, clauses, Scope())
    when, unless = conditions(cx, clauses, scope)
    signed_on = contract(cx, clauses, scope)
    trigger_node = one(cx, clauses, (n.Trigger,), node, "trigger (`triggered on DAY`)")
    within_node = one(cx, clauses, (n.Within,), node, "deadline (`within DURATION`)")
    fulfilled_node = one(cx, clauses, (n.Fulfilled,), node, "fulfilment (`fulfilled on DAY`)")
    trigger = within = fulfilled = None
    if isinstance(trigger_node, n.Trigger):
        trigger = cx.expressions.expect(trigger_node.day, scope, ("date",), "⟦triggered on⟧")
    if isinstance(within_node, n.Within):
        within = cx.expressions.expect(within_node.duration, scope, ("duration",), "⟦within⟧")
    if isinstance(fulfilled_node, n.Fulfilled):
        fulfilled = cx.expressions.expect(fulfilled_node.day, scope, ("date",), "⟦fulfilled on⟧")
    penalty = penalty_within = None
    late: ir.LatePenalty | None = None
    suspensions: list[ir.Suspension] = []
    seen = False
    for breach in clauses.get(n.OnBreach, []):
        assert isinstance(breach, n.OnBreach)
        for item in breach.items:
            if isinstance(item, (n.Penalty, n.LatePenalty)):
                if seen:
                    cx.error("duplicate-clause", "An obligation has one penalty.", item.span)
                seen = True
            if isinstance(item, n.Penalty):
                penalty = cx.expressions.expect(item.amount, scope, ("money",), "⟦penalty⟧")
                if item.within is not None:
                    penalty_within = cx.expressions.expect(item.within, scope, ("duration",),
                                                           "⟦penalty … within⟧")
            elif isinstance(item, n.LatePenalty):
                late = _late(cx, item, scope)
            elif isinstance(item, n.Suspend):
                suspensions.append(ir.Suspension(tuple(ref.name for ref in item.articles), item.until))
    if trigger is None or within is None or fulfilled is None:
        return None
    return ir.Obligation(node.id, node.title, cx.charter_id, in_force, span=node.span,
                         conditions=when, exceptions=unless, contract=signed_on,
                         trigger=trigger, within=within, fulfilled=fulfilled, penalty=penalty,
                         penalty_within=penalty_within, suspensions=tuple(suspensions), late=late, subject=who)


def _subject(cx: Context, clauses: Clauses, scope: Scope) -> tuple[ir.Subject | None, Scope]:
    """The instances of an obligation (⟦for each⟧ over a list of persons or of days), and the scope with
    the person or the day bound."""
    for_each = clauses.get(n.ForEach)
    if not for_each:
        return None, scope
    clause = for_each[0]
    assert isinstance(clause, n.ForEach)
    collection = cx.expressions.check(clause.collection, scope)
    cx.reserved(clause.var, clause.span, "a person or a day")
    if cx.is_field(clause.var):
        cx.error("shadows-field", f"`{clause.var}` is a field; name the person or the day otherwise.",
                 clause.span)
    element = collection.type.element if collection.type.kind == "list" else None
    if element is not None and element == PERSON:
        return ir.Subject(clause.var, collection), scope.bind(clause.var)
    if element is not None and element.kind == "date":
        return ir.Subject(clause.var, collection), scope.bind_day(clause.var, element)
    if collection.type.kind != "error" and (element is None or element.kind != "error"):
        cx.error("type-mismatch", f"⟦for each⟧ of an obligation needs a list of persons (like `children`) or "
                 f"of days (like a `list of date` field), one instance each, but this is "
                 f"{describe(collection.type)}.", clause.collection.span, label=f"this is {describe(collection.type)}")
    return None, scope.bind_day(clause.var, ERROR)  # (what reads it is not reported again)


def _late(cx: Context, item: n.LatePenalty, scope: Scope) -> ir.LatePenalty | None:
    """A penalty per delay of breach: its rate (money), its delay (days or months) and its cap (money)."""
    rate = cx.expressions.expect(item.amount, scope, ("money",), "⟦penalty⟧")
    delay = item.delay
    unit = _LATE_UNITS.get(delay.unit)
    every = delay.count if delay.count is not None else 1
    if unit is None:
        cx.error("late-unit", f"A penalty for being late accrues by days or by months, not by {delay.unit}.",
                 delay.span, label="days or months", help="for a year, write `12 months`")
    elif every < 1:
        cx.error("late-unit", f"A penalty for being late accrues by at least 1 {unit}, not {every}.", delay.span,
                 label="at least 1")
    cap = None
    if item.cap is None:
        cx.error("penalty-without-cap", "A penalty for each day or month late needs a cap (⟦at most⟧ AMOUNT): "
                 "what accrues for a delay may not grow without end.", item.span, label="no cap",
                 help="end the line with the most it may come to, like ⟦, at most 300 yuan⟧")
    else:
        cap = cx.expressions.expect(item.cap, scope, ("money",), "⟦at most⟧")
    if unit is None or every < 1 or cap is None:
        return None
    return ir.LatePenalty(rate, every, unit, cap)


ARTICLE = ArticleKind(CLAUSES, check)
