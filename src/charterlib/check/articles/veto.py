"""Vetoes (一票否决): a day from which a household receives no benefit of the charter or of those extending it."""

from __future__ import annotations

import datetime as dt

from ... import ir
from ...parse import nodes as n
from .._expressions import Scope
from ._clauses import one
from ._kind import ArticleKind, Clauses, Context

CLAUSES = frozenset({n.VetoFrom})
"""The clauses a veto may hold."""


def check(node: n.Article, clauses: Clauses, in_force: dt.date, cx: Context) -> ir.Veto | None:
    """A veto's IR: the day it takes effect from."""
    clause = one(cx, clauses, (n.VetoFrom,), node, "day (`from DAY`)")
    if not isinstance(clause, n.VetoFrom):
        return None
    day = cx.expressions.expect(clause.day, Scope(), ("date",), "⟦from⟧")
    return ir.Veto(node.id, node.title, cx.charter_id, in_force, span=node.span, day=day)


ARTICLE = ArticleKind(CLAUSES, check)
