"""The clauses articles of several kinds share: the one clause of a kind, conditions, subject, contract."""

from __future__ import annotations

from ... import ir
from ...common.diagnostics import Note
from ...parse import nodes as n
from .._expressions import Scope, conjuncts
from ._kind import Clauses, Context

CLAUSE_WORDS = {
    n.Once: "once on", n.Monthly: "every month", n.Yearly: "every year", n.PerEvent: "on each of",
    n.ForEach: "for each", n.When: "when", n.Unless: "unless", n.Pay: "pay", n.Grant: "grant",
    n.Contract: "contract signed on", n.Trigger: "triggered on", n.Within: "within",
    n.Fulfilled: "fulfilled on", n.OnBreach: "on breach", n.Require: "require", n.VetoFrom: "from",
    n.CostShared: "cost shared",
}  # fmt: skip
"""Each clause as its keywords are written, for messages."""


def one(cx: Context, clauses: Clauses, kinds: tuple[type, ...], node: n.Article, what: str) -> n.Clause | None:
    """The clause of one of some kinds an article must have once; reported when missing or given twice."""
    found = [c for k in kinds for c in clauses.get(k, [])]
    if not found:
        cx.error("missing-clause", f"{node.kind.capitalize()} `{node.id}` has no {what}.", node.span)
        return None
    if len(found) > 1 and len({type(c) for c in found}) > 1:
        cx.error("duplicate-clause", f"{node.kind.capitalize()} `{node.id}` has more than one "
                 f"{what}.", found[1].span, notes=(Note("the first is here", found[0].span),))
    return found[0]


def conditions(cx: Context, clauses: Clauses, scope: Scope) -> tuple[
        tuple[ir.Condition, ...], tuple[ir.Condition, ...]]:
    """The conditions (⟦when⟧, each part joined by ⟦and⟧ apart) and exceptions (⟦unless⟧) of an article."""
    found: list[ir.Condition] = []
    for clause in clauses.get(n.When, []):
        assert isinstance(clause, n.When)
        for part in conjuncts(clause.condition):
            expr = cx.expressions.condition(part, scope, "⟦when⟧")
            found.append(ir.Condition(expr, span=part.span))
    exceptions: list[ir.Condition] = []
    for clause in clauses.get(n.Unless, []):
        assert isinstance(clause, n.Unless)
        expr = cx.expressions.condition(clause.condition, scope, "⟦unless⟧")
        exceptions.append(ir.Condition(expr, span=clause.condition.span))
    return tuple(found), tuple(exceptions)


def subject(cx: Context, clauses: Clauses, scope: Scope) -> tuple[ir.Subject | None, Scope]:
    """The persons an article is about one by one (⟦for each⟧), and the scope with the person bound."""
    for_each = clauses.get(n.ForEach)
    if not for_each:
        return None, scope
    clause = for_each[0]
    assert isinstance(clause, n.ForEach)
    collection = cx.expressions.persons(clause.collection, scope, "⟦for each⟧")
    cx.reserved(clause.var, clause.span, "a person")
    if cx.is_field(clause.var):
        cx.error("shadows-field", f"`{clause.var}` is a field; name the person otherwise.",
                 clause.span)
    return ir.Subject(clause.var, collection), scope.bind(clause.var)


def contract(cx: Context, clauses: Clauses, scope: Scope) -> ir.Expr | None:
    """The day a contract was signed (⟦contract signed on⟧), if the article says."""
    found = clauses.get(n.Contract)
    if not found:
        return None
    clause = found[0]
    assert isinstance(clause, n.Contract)
    return cx.expressions.expect(clause.signed_on, scope, ("date",), "⟦contract signed on⟧")
