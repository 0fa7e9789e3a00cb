"""Walking the IR: the visitor every back end is (`Visitor`, from `common.visit`), and the runs of one
operator (`a or b or c`, `a + b - c`) that back ends write flat, however long."""

from __future__ import annotations

from ..common.visit import Visitor
from ._nodes import And, Arith, Expr, Or

__all__ = ["Visitor", "continues_run", "run_of"]

_RUN_KINDS = frozenset({"int", "decimal", "money"})


def continues_run(parent: Expr, child: Expr) -> bool:
    """Whether `child`, the left operand of `parent`, is the same run of one operator (one level)."""
    if isinstance(parent, And):
        return isinstance(child, And)
    if isinstance(parent, Or):
        return isinstance(child, Or)
    return (isinstance(parent, Arith) and isinstance(child, Arith) and parent.op in "+-"
            and child.op in "+-" and parent.type.kind in _RUN_KINDS and child.type.kind in _RUN_KINDS)


def run_of(e: And | Or | Arith) -> list[And | Or | Arith]:
    """The operator nodes of the run `e` ends, innermost first (`e` alone when it is no run).

    The run's operands are the innermost node's left operand, then each node's right operand.
    """
    spine = [e]
    while True:
        left = spine[-1].left
        if not (isinstance(left, (And, Or, Arith)) and continues_run(spine[-1], left)):
            break
        spine.append(left)
    spine.reverse()
    return spine
