"""Benefits: what a household or person is paid or granted, on a schedule, under conditions."""

from __future__ import annotations

import datetime as dt

import attrs

from ... import ir
from ...parse import nodes as n
from .._expressions import Scope, describe
from ._clauses import conditions, contract, one, subject
from ._costs import cost_of
from ._kind import ArticleKind, Clauses, Context

CLAUSES = frozenset({n.Once, n.Monthly, n.Yearly, n.PerEvent, n.ForEach, n.When, n.Unless, n.Pay, n.Grant,
                     n.Contract, n.CostShared})
"""The clauses a benefit may hold."""


def check(node: n.Article, clauses: Clauses, in_force: dt.date, cx: Context) -> ir.Benefit | None:
    """A benefit's IR: its schedule, subject, conditions, and the amount it pays (or that it grants)."""
    schedule_node = one(cx, clauses, (n.Once, n.Monthly, n.Yearly, n.PerEvent), node,
                        "schedule (⟦once on⟧, ⟦every month⟧, ⟦every year⟧ or ⟦on each of⟧)")
    who, scope = subject(cx, clauses, Scope())
    schedule: ir.Once | ir.Monthly | ir.Yearly | ir.PerEvent | None = None
    if isinstance(schedule_node, n.Once):
        schedule = ir.Once(cx.expressions.expect(schedule_node.day, scope, ("date",), "⟦once on⟧"))
    elif isinstance(schedule_node, n.Monthly):
        schedule = ir.Monthly(schedule_node.judged_on)
    elif isinstance(schedule_node, n.Yearly):
        schedule = ir.Yearly(schedule_node.days)
    elif isinstance(schedule_node, n.PerEvent):
        days = cx.expressions.check(schedule_node.days, scope)
        if days.type.kind != "error" and not (days.type.kind == "list" and days.type.element
                                               and days.type.element.kind == "date"):
            cx.error("type-mismatch", f"⟦on each of⟧ needs a list of dates, but this is "
                     f"{describe(days.type)}.", schedule_node.days.span)
        if schedule_node.cap is not None and schedule_node.cap < 1:
            cx.error("bad-cap", "⟦at most⟧ needs at least 1.", schedule_node.span)
        schedule = ir.PerEvent(days, schedule_node.cap)
    unit_scope = scope if isinstance(schedule_node, n.Once) else _with_unit(scope)
    when, unless = conditions(cx, clauses, unit_scope)
    pay = clauses.get(n.Pay)
    grant = clauses.get(n.Grant)
    amount: ir.Expr | None = None
    if pay and grant:
        cx.error("pay-and-grant", f"Benefit `{node.id}` both pays and grants; a benefit is either "
                 f"cash (⟦pay⟧) or in kind (⟦grant⟧).", grant[0].span)
    elif not pay and not grant:
        cx.error("missing-clause", f"Benefit `{node.id}` says neither what it pays (`pay AMOUNT`) nor "
                 f"that it is granted in kind (⟦grant⟧).", node.span)
    elif pay:
        clause = pay[0]
        assert isinstance(clause, n.Pay)
        amount = cx.expressions.expect(clause.amount, unit_scope, ("money",), "⟦pay⟧")
    signed_on = contract(cx, clauses, scope)
    cost, split = cost_of(cx, node, clauses, unit_scope, amount, cx.level)
    if schedule is None:
        return None
    return ir.Benefit(node.id, node.title, cx.charter_id, in_force, span=node.span, schedule=schedule,
                      subject=who, conditions=when, exceptions=unless, amount=amount,
                      contract=signed_on, cost=cost, split=split)


def _with_unit(scope: Scope) -> Scope:
    """The scope within a unit of a schedule: the unit's first and last day have a meaning."""
    return attrs.evolve(scope, unit=True)


ARTICLE = ArticleKind(CLAUSES, check)
