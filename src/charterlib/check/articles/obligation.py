"""Obligations: what a household must do within a time after a trigger, and what a breach brings."""

from __future__ import annotations

import datetime as dt

from ... import ir
from ...parse import nodes as n
from .._expressions import Scope
from ._clauses import conditions, contract, one
from ._kind import ArticleKind, Clauses, Context

CLAUSES = frozenset({n.When, n.Unless, n.Contract, n.Trigger, n.Within, n.Fulfilled, n.OnBreach})
"""The clauses an obligation may hold."""


def check(node: n.Article, clauses: Clauses, in_force: dt.date, cx: Context) -> ir.Obligation | None:
    """An obligation's IR: its trigger, deadline and fulfilment, and its penalty and suspensions."""
    scope = Scope()
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
    suspensions: list[ir.Suspension] = []
    for breach in clauses.get(n.OnBreach, []):
        assert isinstance(breach, n.OnBreach)
        for item in breach.items:
            if isinstance(item, n.Penalty):
                if penalty is not None:
                    cx.error("duplicate-clause", "An obligation has one penalty.", item.span)
                penalty = cx.expressions.expect(item.amount, scope, ("money",), "⟦penalty⟧")
                if item.within is not None:
                    penalty_within = cx.expressions.expect(item.within, scope, ("duration",),
                                                           "⟦penalty … within⟧")
            elif isinstance(item, n.Suspend):
                suspensions.append(ir.Suspension(tuple(ref.name for ref in item.articles), item.until))
    if trigger is None or within is None or fulfilled is None:
        return None
    return ir.Obligation(node.id, node.title, cx.charter_id, in_force, span=node.span,
                         conditions=when, exceptions=unless, contract=signed_on,
                         trigger=trigger, within=within, fulfilled=fulfilled, penalty=penalty,
                         penalty_within=penalty_within, suspensions=tuple(suspensions))


ARTICLE = ArticleKind(CLAUSES, check)
