"""Tests of an obligation's status (`breached(o)`, `fulfilled(o)`, `pending(o)`, `breached(o, 12 months)`):
written as calls, but their first argument names an obligation article rather than being an expression."""

from __future__ import annotations

from typing import Literal, cast

from ... import ir
from ...common.suggest import did_you_mean
from ...language.builtins import FUNCTIONS, STATUSES
from ...language.types import BOOL, DATE, ERROR, Type
from ...parse import nodes as n
from ._calls import Calls
from ._scope import Scope

StatusTest = Literal["breached", "fulfilled", "pending"]


class StatusCalls(Calls):
    """The expression checker's tests of an obligation's status, a part of `ExpressionChecker`."""

    def visit_Call(self, node: n.Call, scope: Scope, hint: Type | None) -> ir.Expr:
        test = FUNCTIONS.get(node.function)
        if test is None or test not in STATUSES:
            return super().visit_Call(node, scope, hint)
        entry = STATUSES[test]
        if not self._arity(node, entry.arity, entry.usage):
            return ir.Const(ERROR, None, span=node.span)
        obligation = self._obligation(node, test)
        window: ir.Expr | None = None
        if len(node.args) == 2:
            window = self._window(node.args[1], scope, node.function)
        if obligation is None or window is not None and window.type.kind == "error":
            return ir.Const(ERROR, None, span=node.span)
        today = ir.Context(DATE, "today", span=node.span)
        optional = window is not None and window.type.optional
        return ir.Status(BOOL.maybe(optional), cast(StatusTest, test), obligation, today, window, span=node.span)

    def _obligation(self, node: n.Call, test: str) -> str | None:
        """The obligation a status test names (its first argument), or None when it names none (reported)."""
        argument = node.args[0]
        kinds = self.article_kinds()
        obligations = [name for name, kind in kinds.items() if kind == "obligation"]
        if not isinstance(argument, n.Name):
            self.error("not-an-obligation", f"`{node.function}` takes the id of an obligation, as written after "
                       f"⟦obligation⟧, not an expression.", argument.span, label="not an obligation's id",
                       help=self._listed(obligations))
            return None
        name = argument.name
        kind = kinds.get(name)
        if kind == "obligation":
            return name
        if kind is not None:
            self.error("not-an-obligation", f"`{node.function}` reads the status of an obligation, but `{name}` "
                       f"is {'an' if kind[0] in 'aeiou' else 'a'} {kind}.", argument.span,
                       label=f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}",
                       help=did_you_mean(name, obligations) or "only obligations have a status; "
                       + self._listed(obligations))
            return None
        self.error("unknown-obligation", f"`{name}` is not an obligation of charter `{self.charter_id}` or of "
                   f"those it extends.", argument.span, label="unknown obligation",
                   help=did_you_mean(name, obligations) or self._listed(obligations))
        return None

    def _listed(self, obligations: list[str]) -> str:
        """What to say of the obligations a status test can name."""
        if not obligations:
            return f"charter `{self.charter_id}` has no obligation"
        return f"the obligations are {', '.join(f'`{o}`' for o in obligations)}"

    def _window(self, node: n.Expr, scope: Scope, function: str) -> ir.Expr:
        """The span of a `breached` test: a duration written as a number of days, months or years (the span
        of that length ending on the judged day), or a day (from that day on)."""
        window = self.expect(node, scope, ("duration", "date"), f"The span of `{function}`")
        if window.type.kind != "duration":
            return window
        value = window.value if isinstance(window, ir.Const) else None
        if not isinstance(value, tuple) or int(str(value[0])) < 1:
            self.error("bad-span", f"The span of `{function}` is a number of days, months or years, at least "
                       f"one, written as such (like `12 months`).", node.span, label="not a span",
                       help="write the span's length, like `1 year`, or the day it starts from")
            return ir.Const(ERROR, None, span=node.span)
        return window
