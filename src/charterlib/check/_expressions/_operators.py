"""The operators of expressions: logic, comparison, arithmetic on numbers, money, dates and durations,
choice (⟦if⟧, ⟦case⟧) and membership (⟦in⟧, ⟦between⟧, ⟦is set⟧)."""

from __future__ import annotations

from ... import ir
from ...common.diagnostics import Note
from ...common.source import Span
from ...common.suggest import did_you_mean
from ...language.types import (
    BOOL,
    DATE,
    DECIMAL,
    DURATION,
    ERROR,
    INT,
    MONEY,
    EnumDef,
    Type,
    list_of,
)
from ...parse import nodes as n
from .._limits import syntax_run
from ._base import ExpressionBase
from ._scope import Scope
from ._types import describe

_BOOL_ARMS = EnumDef("bool", ("true", "false"), False)
"""The labels of the arms of a `case` on a bool (`真` and `假` are read as `true` and `false`)."""

_ARITH: dict[tuple[str, str, str], Type] = {
    ("+", "int", "int"): INT, ("-", "int", "int"): INT, ("*", "int", "int"): INT,
    ("+", "money", "money"): MONEY, ("-", "money", "money"): MONEY,
    ("*", "money", "int"): MONEY, ("*", "int", "money"): MONEY,
    ("*", "money", "decimal"): MONEY, ("*", "decimal", "money"): MONEY,
    ("/", "money", "int"): MONEY, ("/", "money", "decimal"): MONEY,
    ("+", "date", "duration"): DATE, ("-", "date", "duration"): DATE,
    ("+", "duration", "date"): DATE,
    ("+", "duration", "duration"): DURATION,
}  # fmt: skip


class Operators(ExpressionBase):
    """The expression checker's operators, a part of `ExpressionChecker`."""

    def visit_Negate(self, node: n.Negate, scope: Scope, hint: Type | None) -> ir.Expr:
        operand = self.expect(node.operand, scope, ("int", "decimal", "money", "duration"), "`-`")
        return ir.Negate(operand.type, operand, span=node.span)

    def visit_Not(self, node: n.Not, scope: Scope, hint: Type | None) -> ir.Expr:
        operand = self.condition(node.operand, scope, "⟦not⟧")
        return ir.Not(BOOL.maybe(operand.type.optional), operand, span=node.span)

    def visit_Binary(self, node: n.Binary, scope: Scope, hint: Type | None) -> ir.Expr:
        if node.op in ("and", "or"):
            # a run `a or b or c` is checked in a loop, whatever its length
            run = syntax_run(node)
            what = f"⟦{node.op}⟧"
            cls = ir.And if node.op == "and" else ir.Or
            expr = self.condition(run[0].left, scope, what)
            for step in run:
                right = self.condition(step.right, scope, what)
                expr = cls(BOOL.maybe(expr.type.optional or right.type.optional), expr, right, span=step.span)
            return expr
        if node.op in ("+", "-"):
            run = syntax_run(node)
            left, right = self._pair(run[0].left, run[0].right, scope)
            expr = self._arith(run[0], left, right)
            for step in run[1:]:
                expr = self._arith(step, expr, self.check(step.right, scope, expr.type))
            return expr
        left, right = self._pair(node.left, node.right, scope)
        if node.op in ("=", "!=", "<", "<=", ">", ">="):
            return self._compare(node, left, right)
        return self._arith(node, left, right)

    def _pair(self, a: n.Expr, b: n.Expr, scope: Scope) -> tuple[ir.Expr, ir.Expr]:
        """Check two operands; a bare label on either side takes its enum from the other."""
        if isinstance(a, n.Name) and self._is_label(a.name, scope):
            right = self.check(b, scope)
            return self.check(a, scope, right.type), right
        left = self.check(a, scope)
        return left, self.check(b, scope, left.type)

    def _is_label(self, name: str, scope: Scope) -> bool:
        """Whether a bare name may be a label (even one a definition or parameter takes the name of)."""
        if name in scope.persons or name in self.household_fields or name == "members" or scope.argument(name) is not None:
            return False
        if scope.implicit is not None and name in self.person_fields:
            return False
        return any(enum.label_of(name) for enum in self._enums())

    def _compare(self, node: n.Binary, left: ir.Expr, right: ir.Expr) -> ir.Expr:
        """A comparison of two values of one type (ordered ones for `<` and `>`)."""
        optional = left.type.optional or right.type.optional
        if ERROR in (left.type.required(), right.type.required()):
            return ir.Compare(BOOL.maybe(optional), node.op, left, right, span=node.span)
        if not left.type.same_base(right.type):
            self.error(
                "type-mismatch",
                f"⟦{node.op}⟧ compares two values of the same type, but this compares "
                f"{describe(left.type)} with {describe(right.type)}.",
                node.span,
                label=f"{describe(left.type)} {node.op} {describe(right.type)}",
            )
        elif node.op not in ("=", "!=") and not self._orderable(left.type):
            self.error(
                "not-ordered",
                f"⟦{node.op}⟧ needs values with an order, but {describe(left.type)} has none.",
                node.span,
                help="only numbers, money, dates, durations and ordered enums (⟦ordered enum⟧) compare "
                "with < and >",
            )
        return ir.Compare(BOOL.maybe(optional), node.op, left, right, span=node.span)

    @staticmethod
    def _orderable(t: Type) -> bool:
        """Whether values of a type have an order."""
        if t.kind == "enum":
            return t.enum is not None and t.enum.ordered
        return t.kind in ("int", "decimal", "money", "date", "duration", "error")

    def _arith(self, node: n.Binary, left: ir.Expr, right: ir.Expr) -> ir.Expr:
        """An arithmetic operation, its type that of `_ARITH` (numbers mixed give a number)."""
        optional = left.type.optional or right.type.optional
        lk, rk = left.type.kind, right.type.kind
        if "error" in (lk, rk):
            return ir.Arith(ERROR, node.op, left, right, span=node.span)
        result = _ARITH.get((node.op, lk, rk))
        if result is None and left.type.numeric and right.type.numeric:
            result = DECIMAL
        if result is None:
            verbs = {"+": "add", "-": "subtract", "*": "multiply", "/": "divide"}
            self.error(
                "type-mismatch",
                f"⟦{node.op}⟧ cannot {verbs[node.op]} {describe(left.type)} and "
                f"{describe(right.type)}.",
                node.span,
                label=f"{describe(left.type.required())} {node.op} {describe(right.type.required())}",
                help="`+` and `-` work on two numbers, two amounts of money, two durations, or a "
                "date and a duration; `*` and `/` scale numbers and money",
            )
            return ir.Arith(ERROR, node.op, left, right, span=node.span)
        if result.kind == "duration" and all(isinstance(x, ir.Const) and isinstance(x.value, tuple)
                                             for x in (left, right)):
            (_, left_unit), (_, right_unit) = left.value, right.value  # type: ignore[attr-defined]
            if left_unit != right_unit:
                self.error("type-mismatch", f"⟦{node.op}⟧ cannot join {left_unit} and {right_unit}: a month has "
                           f"no fixed number of days, so durations of different units have no sum.", node.span,
                           help="move the day twice instead: `D + 1 month + 30 days` is `(D + 1 month) + 30 days`")
                return ir.Arith(ERROR, node.op, left, right, span=node.span)
        # a day moved by a duration may fall outside the calendar: it is missing then
        return ir.Arith(result.maybe(optional or result.kind == "date"), node.op, left, right, span=node.span)

    def visit_IfElse(self, node: n.IfElse, scope: Scope, hint: Type | None) -> ir.Expr:
        condition = self.condition(node.condition, scope, "⟦if⟧")
        then = self.check(node.then, scope, hint)
        otherwise = self.check(node.otherwise, scope, hint or then.type)
        if not then.type.same_base(otherwise.type):
            self.error(
                "type-mismatch",
                f"The two branches of ⟦if⟧ must have the same type, but one is "
                f"{describe(then.type)} and the other {describe(otherwise.type)}.",
                node.span,
            )
        t = then.type if then.type.kind != "error" else otherwise.type
        return ir.If(t.maybe(otherwise.type.optional or condition.type.optional), condition, then,
                     otherwise, span=node.span)

    def visit_Case(self, node: n.Case, scope: Scope, hint: Type | None) -> ir.Expr:
        subject = self.check(node.subject, scope)
        if subject.type.kind == "error":
            return ir.Const(ERROR, None, span=node.span)
        by_bool = subject.type.kind == "bool"
        if not by_bool and (subject.type.kind != "enum" or subject.type.enum is None):
            self.error("type-mismatch", f"⟦case⟧ chooses by a label or a bool, but this is "
                       f"{describe(subject.type)}.", node.subject.span)
            return ir.Const(ERROR, None, span=node.span)
        enum = _BOOL_ARMS if by_bool else subject.type.enum
        assert enum is not None
        arms: list[tuple[str | bool, ir.Expr]] = []
        default: ir.Expr | None = None
        seen: dict[str, Span] = {}
        result: Type | None = hint
        for arm in node.arms:
            value = self.check(arm.value, scope, result)
            if result is None or result.kind == "error":
                result = value.type
            elif not value.type.same_base(result):
                self.error("type-mismatch", f"Every arm of ⟦case⟧ gives {describe(result)}, but "
                           f"this one gives {describe(value.type)}.", arm.value.span)
            if arm.label is None:
                default = value
                continue
            label = enum.label_of(arm.label)  # the label, or the title naming it
            if label is None:
                self.error("unknown-label", f"`{arm.label}` is not a label of `{enum.name}`, whose "
                           f"labels are {', '.join(enum.labels)}.", arm.span,
                           help=did_you_mean(arm.label, enum.labels))
                continue
            if label in seen:
                self.error("duplicate-label", f"`{arm.label}` has two arms in this ⟦case⟧.", arm.span,
                           notes=(Note("the first arm is here", seen[label]),))
                continue
            seen[label] = arm.span
            arms.append((label == "true" if by_bool else label, value))
        missing = [label for label in enum.labels if label not in seen]
        if missing and default is None:
            self.error(
                "case-not-exhaustive",
                f"This ⟦case⟧ gives no value for {', '.join(f'`{m}`' for m in missing)}.",
                node.span,
                help="add an arm for each label, or an `else:` arm",
            )
        t = (result or ERROR).maybe(subject.type.optional)
        return ir.Case(t, subject, tuple(arms), default, span=node.span)

    def visit_MemberOf(self, node: n.MemberOf, scope: Scope, hint: Type | None) -> ir.Expr:
        value = self.check(node.value, scope)
        if isinstance(node.collection, n.SetLiteral):
            items = tuple(self.check(item, scope, value.type) for item in node.collection.items)
            for item, item_node in zip(items, node.collection.items):
                if not item.type.same_base(value.type):
                    self.error(
                        "type-mismatch",
                        f"⟦in⟧ tests {describe(value.type)}, but this member of the set is "
                        f"{describe(item.type)}.",
                        item_node.span,
                    )
            collection: ir.Expr = ir.ListOf(list_of(value.type.required()), items, span=node.collection.span)
        else:
            collection = self.check(node.collection, scope)
            if collection.type.kind not in ("list", "error"):
                self.error(
                    "type-mismatch",
                    f"⟦in⟧ needs a set like `{{a, b}}` or a list, but this is {describe(collection.type)}.",
                    node.collection.span,
                )
        return ir.In(BOOL.maybe(value.type.optional), value, collection, span=node.span)

    def visit_Between(self, node: n.Between, scope: Scope, hint: Type | None) -> ir.Expr:
        value = self.check(node.value, scope)
        low = self.check(node.low, scope, value.type)
        high = self.check(node.high, scope, value.type)
        for bound, bound_node in ((low, node.low), (high, node.high)):
            if not bound.type.same_base(value.type):
                self.error(
                    "type-mismatch",
                    f"⟦between⟧ compares {describe(value.type)} with bounds of the same type, but "
                    f"this bound is {describe(bound.type)}.",
                    bound_node.span,
                )
        if not self._orderable(value.type):
            self.error("not-ordered", f"⟦between⟧ needs values with an order, but "
                       f"{describe(value.type)} has none.", node.span)
        optional = value.type.optional or low.type.optional or high.type.optional
        return ir.Between(BOOL.maybe(optional), value, low, high, span=node.span)

    def visit_IsSet(self, node: n.IsSet, scope: Scope, hint: Type | None) -> ir.Expr:
        value = self.check(node.value, scope)
        return ir.IsSet(BOOL, value, node.negated, span=node.span)


def conjuncts(node: n.Expr) -> list[n.Expr]:
    """The parts of a condition joined by top-level ⟦and⟧, in order."""
    if isinstance(node, n.Binary) and node.op == "and":
        return conjuncts(node.left) + conjuncts(node.right)
    return [node]
