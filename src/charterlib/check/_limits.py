"""The bounds on the size of expressions every evaluator can compute, and their measure.

Every back end walks expressions by recursion, and some of what they hand their work to has
limits of its own: Python's compiler (200 nested parentheses), the SQL parser of `compile --sql`
(sqlglot), DuckDB (an expression depth of 1000), Python's recursion limit (1000 frames). Two
measures, both counted through the definitions an expression uses (a definition is computed
where it is used), keep every accepted expression within all of them:

- nesting: how many levels an expression has, where a run of one operator — `a or b or c`,
  `a and b and c`, `a + b - c` on numbers or money — is one level (the back ends compute such a
  run in one flat step);
- length: how many operations are nested, each operator of a run counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import attrs

from .. import ir
from ..ir.visit import continues_run
from ..parse import nodes as n

MAX_NESTING = 24
"""Levels of nesting an expression may have, through the definitions it uses."""

MAX_LENGTH = 256
"""Operations an expression may nest, through the definitions it uses, each operator of a run counted."""

MAX_EXPANSION = 4096
"""Operations a call of a function may compute, once the calls in its body are written out (an argument
counted each time the body uses it): a call's body is computed in place, so this bounds what it costs."""

def syntax_run(node: n.Binary) -> list[n.Binary]:
    """The `n.Binary` nodes of a run of `and`, of `or`, or of `+` and `-`, innermost first."""
    group = ("and",) if node.op == "and" else ("or",) if node.op == "or" else ("+", "-")
    spine = [node]
    while isinstance(spine[-1].left, n.Binary) and spine[-1].left.op in group:
        spine.append(spine[-1].left)
    spine.reverse()
    return spine


@attrs.frozen
class Depth:
    """How deep an expression is, and through which definitions its deepest paths go."""

    nesting: int
    length: int
    nesting_via: tuple[str, ...] = ()
    """The definitions the most nested path goes through, outermost first."""
    length_via: tuple[str, ...] = ()
    """The definitions the longest path goes through, outermost first."""

    @property
    def too_deep(self) -> bool:
        """Whether it nests more levels than `MAX_NESTING`."""
        return self.nesting > MAX_NESTING

    @property
    def too_long(self) -> bool:
        """Whether it nests more operations than `MAX_LENGTH`."""
        return self.length > MAX_LENGTH


_LEAF = Depth(1, 1)


class Depths:
    """The depth of expressions, each definition measured once (every walk is iterative)."""

    def __init__(self, definition: Callable[[str], ir.Expr | None]) -> None:
        self.definition = definition
        self.memo: dict[str, Depth] = {}

    def of_definition(self, name: str) -> Depth:
        """The depth of a definition's expression, through the definitions it uses."""
        stack = [name]  # the definitions it uses are measured first, without recursion
        while stack:
            top = stack[-1]
            if top in self.memo:
                stack.pop()
                continue
            expr = self.definition(top)
            missing = [] if expr is None else list(dict.fromkeys(
                e.name for e in expr.walk()
                if isinstance(e, ir.DefRef) and e.name not in self.memo and e.name not in stack))
            if missing:
                stack.extend(missing)
                continue
            stack.pop()
            self.memo[top] = _LEAF if expr is None else self._measure(expr)
        return self.memo[name]

    def of(self, expr: ir.Expr) -> Depth:
        """The depth of an expression, through the definitions it uses."""
        for e in expr.walk():
            if isinstance(e, ir.DefRef):
                self.of_definition(e.name)
        return self._measure(expr)

    def _measure(self, root: ir.Expr) -> Depth:
        """Post-order over the tree: each node's depth from its children's (definitions known)."""
        done: dict[int, Depth] = {}
        stack: list[tuple[ir.Expr, bool]] = [(root, False)]
        while stack:
            e, expanded = stack.pop()
            if not expanded:
                if id(e) in done:  # a value shared (an argument a function's body uses twice): measured once
                    continue
                stack.append((e, True))
                stack.extend((child, False) for child in _children(e))
                continue
            if isinstance(e, (ir.DefRef, ir.Apply)):  # a call counts as its body, through the function
                name = e.name if isinstance(e, ir.DefRef) else e.function
                inner = self.memo.get(name, _LEAF) if isinstance(e, ir.DefRef) else done[id(e.body)]
                done[id(e)] = Depth(inner.nesting + 1, inner.length + 1, (name, *inner.nesting_via),
                                    (name, *inner.length_via))
                continue
            nesting, length = 1, 1
            nesting_via: tuple[str, ...] = ()
            length_via: tuple[str, ...] = ()
            for child in _children(e):
                d = done[id(child)]
                level = d.nesting + (0 if child is getattr(e, "left", None) and continues_run(e, child) else 1)
                if level > nesting:
                    nesting, nesting_via = level, d.nesting_via
                if d.length + 1 > length:
                    length, length_via = d.length + 1, d.length_via
            done[id(e)] = Depth(nesting, length, nesting_via, length_via)
        return done[id(root)]


def expansion(root: ir.Expr) -> int:
    """How many operations an expression computes, a call's body written out in place of the call (a value
    used twice counted twice), found without walking a shared value more than once."""
    done: dict[int, int] = {}
    stack: list[tuple[ir.Expr, bool]] = [(root, False)]
    while stack:
        e, expanded = stack.pop()
        if id(e) in done:
            continue
        if not expanded:
            stack.append((e, True))
            stack.extend((child, False) for child in e.children())
            continue
        done[id(e)] = 1 + sum(done[id(child)] for child in e.children())
    return done[id(root)]


def _children(e: ir.Expr) -> Iterator[ir.Expr]:
    """The sub-expressions of an expression (a lambda stands for its body: it is no level)."""
    for child in e.children():
        while isinstance(child, ir.Lambda):
            child = child.body
        yield child
