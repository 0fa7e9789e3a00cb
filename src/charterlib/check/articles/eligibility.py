"""Eligibilities: whether a household or person meets named requirements."""

from __future__ import annotations

import datetime as dt

from ... import ir
from ...common.diagnostics import Note
from ...common.source import Span
from ...ir.analysis import fields_used
from ...parse import nodes as n
from .._expressions import Scope, conjuncts
from ._clauses import subject
from ._kind import ArticleKind, Clauses, Context

CLAUSES = frozenset({n.ForEach, n.Require, n.When, n.Unless})
"""The clauses an eligibility may hold."""


def check(node: n.Article, clauses: Clauses, in_force: dt.date, cx: Context) -> ir.Eligibility | None:
    """An eligibility's IR: its subject and its requirements, each named for reporting a failure."""
    who, scope = subject(cx, clauses, Scope())
    requirements: list[ir.Condition] = []
    labels: dict[str, Span] = {}
    for clause in clauses.get(n.When, []) + clauses.get(n.Require, []):
        condition = clause.condition  # type: ignore[attr-defined]
        for part in conjuncts(condition) if isinstance(clause, n.When) else [condition]:
            expr = cx.expressions.condition(part, scope, "⟦require⟧")
            label = clause.label if isinstance(clause, n.Require) else None
            if label is None:
                label = _derive_label(expr)
            if label is None:
                cx.error("unnamed-requirement", "This condition is not about one field or definition, "
                         "so a failure could not be reported by its name; give it one.", part.span,
                         help="write `require NAME: CONDITION`")
                continue
            if label in labels:
                cx.error("duplicate-requirement", f"Two conditions are named `{label}`; failures "
                         f"are reported by name, so each needs its own.", part.span,
                         notes=(Note("the first is here", labels[label]),),
                         help="write `require OTHER_NAME: CONDITION`")
                continue
            labels[label] = part.span
            requirements.append(ir.Condition(expr, label, span=part.span))
    for clause in clauses.get(n.Unless, []):
        assert isinstance(clause, n.Unless)
        expr = cx.expressions.condition(clause.condition, scope, "⟦unless⟧")
        requirements.append(ir.Condition(ir.Not(expr.type, expr, span=expr.span), "unless",
                                         span=clause.span))
    if not requirements and not cx.has_errors():
        cx.error("missing-clause", f"Eligibility `{node.id}` has no conditions (`require …`).",
                 node.span)
    return ir.Eligibility(node.id, node.title, cx.charter_id, in_force, span=node.span,
                          subject=who, requirements=tuple(requirements))


def _derive_label(expr: ir.Expr) -> str | None:
    """The name a condition's failure is reported by: the definition or function it is, the one field it
    tests, or `age`."""
    bare = expr.operand if isinstance(expr, ir.Not) else expr
    if isinstance(bare, ir.Apply):
        return bare.function
    if any(isinstance(e, ir.Call) and e.function == "age" for e in expr.walk()):
        return "age"
    if isinstance(bare, ir.DefRef):
        return bare.name
    used = fields_used(expr)
    return used[0] if len(used) == 1 else None


ARTICLE = ArticleKind(CLAUSES, check)
