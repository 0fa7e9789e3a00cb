"""Resolves names and types of expressions: syntax nodes in, typed `ir` expressions out."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

import attrs

from .. import ir
from ..common.diagnostics import Diagnostic, Note
from ..common.source import Span
from ..common.suggest import did_you_mean
from ..common.visit import Visitor
from ..language import keywords
from ..language.builtins import COLLECTIONS, FUNCTIONS, SCALARS, Scalar
from ..language.types import (
    BOOL,
    DATE,
    DECIMAL,
    DURATION,
    ERROR,
    INT,
    MONEY,
    PERSON,
    TEXT,
    EnumDef,
    Type,
    list_of,
)
from ..parse import nodes as n
from ._limits import MAX_NESTING, syntax_run

_KIND_WORDS = {
    "bool": "a condition (true or false)",
    "int": "an integer",
    "decimal": "a number",
    "money": "money",
    "date": "a date",
    "duration": "a duration",
    "text": "text",
    "person": "a person",
    "labels": "a set of labels",
    "error": "an erroneous value",
}


def describe(t: Type) -> str:
    """A type as words in a sentence: `a date`, `money`, `a list of persons`."""
    if t.kind == "enum":
        assert t.enum is not None
        word = f"a label of `{t.enum.name}`"
    elif t.kind == "list":
        assert t.element is not None
        inner = describe(t.element)
        for article in ("a ", "an "):
            inner = inner.removeprefix(article)
        word = f"a list of {inner}s" if t.element.kind in ("person", "date", "label") else f"a list of {inner}"
    else:
        word = _KIND_WORDS[t.kind]
    return f"{word} that may be missing" if t.optional and t.kind != "list" else word


@attrs.frozen
class Scope:
    """What names mean at one place: bound persons, the implicit person, allowed context days."""

    persons: tuple[str, ...] = ()
    implicit: str | None = None
    unit: bool = False

    def bind(self, var: str) -> Scope:
        """A scope with one more person bound, who becomes the implicit one."""
        return attrs.evolve(self, persons=self.persons + (var,), implicit=var)


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


class ExpressionChecker(Visitor[ir.Expr]):
    """Types expressions against a charter's fields, definitions and parameters."""

    def __init__(
        self,
        *,
        charter_id: str,
        household_fields: Mapping[str, ir.Field],
        person_fields: Mapping[str, ir.Field],
        parameter_type: Callable[[str], Type | None],
        definition_type: Callable[[str, Span], Type | None],
        value_names: Callable[[], Collection[str]],
        report: Callable[[Diagnostic], None],
        label_meant: Callable[[str, EnumDef, Span], bool] = lambda name, enum, span: False,
    ) -> None:
        self.charter_id = charter_id
        self.household_fields = household_fields
        self.person_fields = person_fields
        self.parameter_type = parameter_type
        self.definition_type = definition_type
        self.value_names = value_names
        self.report = report
        self.label_meant = label_meant
        """Whether a definition or parameter named like a label of an enumeration stands, at a place
        where a value of that enumeration is expected, for the label (see `Checker.label_meant`)."""
        self.level = 0
        """How many levels deep the expression being checked is (see `check`)."""
        self.refused = False
        """Whether the expression being checked was found too deep (said once per expression)."""

    # -------------------------------------------------------------- helpers
    def error(self, code: str, message: str, span: Span, *, label: str = "", help: str = "",
              notes: tuple[Note, ...] = ()) -> None:
        """Report one error."""
        self.report(Diagnostic(code, message, span, label=label, help=help, notes=notes))

    def expect(self, node: n.Expr, scope: Scope, kinds: tuple[str, ...], what: str,
               hint: Type | None = None) -> ir.Expr:
        """Check an expression that must be of one of some kinds; report it otherwise."""
        expr = self.check(node, scope, hint)
        if expr.type.kind not in kinds and expr.type.kind != "error":
            wanted = " or ".join(_KIND_WORDS.get(k, k) if k != "list" else "a list" for k in kinds)
            return self._mismatch(node, expr, what, wanted)
        return expr

    def _mismatch(self, node: n.Expr, expr: ir.Expr, what: str, wanted: str) -> ir.Expr:
        """Report that an expression is not of the type its place needs; an ERROR constant stands in."""
        self.error(
            "type-mismatch",
            f"{what} needs {wanted}, but this is {describe(expr.type)}.",
            node.span,
            label=f"this is {describe(expr.type)}",
        )
        return ir.Const(ERROR, None, span=node.span)

    def condition(self, node: n.Expr, scope: Scope, what: str) -> ir.Expr:
        """Check an expression used as a condition."""
        return self.expect(node, scope, ("bool",), what)

    # -------------------------------------------------------------- dispatch
    def check(self, node: n.Expr, scope: Scope, hint: Type | None = None) -> ir.Expr:
        """The typed form of an expression; errors are reported and typed as ERROR.

        An expression nested deeper than `MAX_NESTING` levels is refused where it passes the limit,
        so checking recurses no deeper than that (a run like `a or b or c` is one level, checked in a loop).
        """
        if self.level == 0:
            self.refused = False
        if self.level >= MAX_NESTING:
            if not self.refused:
                self.refused = True
                self.error(
                    "expression-too-deep",
                    f"This expression nests more than {MAX_NESTING} levels deep (a run like `a or b or c` "
                    f"or `a + b + c` counts as one level), more than can be computed.",
                    node.span,
                    label=f"level {MAX_NESTING + 1}",
                    help="write it with fewer levels",
                )
            return ir.Const(ERROR, None, span=node.span)
        self.level += 1
        try:
            result: ir.Expr = self.visit(node, scope, hint)
        finally:
            self.level -= 1
        return result

    def root(self, node: n.Expr, scope: Scope, hint: Type | None = None) -> ir.Expr:
        """`check` for an expression on its own (a definition's), wherever checking stands."""
        level, refused, self.level = self.level, self.refused, 0
        try:
            return self.check(node, scope, hint)
        finally:
            self.level, self.refused = level, refused

    def visit_Name(self, node: n.Name, scope: Scope, hint: Type | None) -> ir.Expr:
        name, span = node.name, node.span
        if name in scope.persons:
            return ir.Var(PERSON, name, span=span)
        if scope.implicit is not None and name in self.person_fields:
            person = ir.Var(PERSON, scope.implicit, span=span)
            return ir.PersonField(self.person_fields[name].type, person, name, span=span)
        if (hint is not None and hint.enum is not None and hint.kind in ("enum", "labels")
                and name in hint.enum.labels and name in self.value_names()
                and self.label_meant(name, hint.enum, span)):
            return ir.Const(Type("enum", enum=hint.enum), name, span=span)  # (the shadowing is reported)
        definition = self.definition_type(name, span)
        if definition is not None:
            return ir.DefRef(definition, name, span=span)
        parameter = self.parameter_type(name)
        if parameter is not None:
            return ir.ParamRef(parameter, name, span=span)
        if name in self.household_fields:
            return ir.HouseholdField(self.household_fields[name].type, name, span=span)
        if name == "members":
            return ir.Members(list_of(PERSON), span=span)
        if hint is not None and hint.enum is not None and hint.kind in ("enum", "labels"):
            if name in hint.enum.labels:
                return ir.Const(Type("enum", enum=hint.enum), name, span=span)
            self.error(
                "unknown-label",
                f"`{name}` is not a label of `{hint.enum.name}`, whose labels are "
                f"{', '.join(hint.enum.labels)}.",
                span,
                label="unknown label",
                help=did_you_mean(name, hint.enum.labels),
            )
            return ir.Const(ERROR, None, span=span)
        if name in self.person_fields:
            self.error(
                "person-field-outside",
                f"`{name}` is a field of a person, but no person is in scope here.",
                span,
                label="whose?",
                help=f"test it on a list, like `any(children, {name} = ...)`, or on a named "
                f"person, like `daughter.{name}`",
            )
            return ir.Const(ERROR, None, span=span)
        owners = [f.name for f in self._enum_fields() if name in (f.type.enum.labels if f.type.enum else ())]
        if owners:
            self.error(
                "label-without-field",
                f"`{name}` is a label of `{owners[0]}`, but nothing here says which field it is "
                f"compared with.",
                span,
                label="a label on its own",
                help=f"compare it with the field, like `{owners[0]} = {name}`",
            )
            return ir.Const(ERROR, None, span=span)
        candidates = set(self.value_names()) | set(self.household_fields) | {"members"}
        candidates |= set(scope.persons)
        if scope.implicit is not None:
            candidates |= set(self.person_fields)
        glued = _glued_keyword(name)
        self.error(
            "unknown-name",
            f"`{name}` is not a field, definition or parameter of charter `{self.charter_id}`.",
            span,
            label="unknown name",
            help=(f"a keyword is followed by a space: write `{glued} {name[len(glued):]}`" if glued
                  else did_you_mean(name, candidates)),
        )
        return ir.Const(ERROR, None, span=span)

    def _enum_fields(self) -> list[ir.Field]:
        fields = list(self.household_fields.values()) + list(self.person_fields.values())
        return [f for f in fields if f.type.enum is not None]

    def visit_Literal(self, node: n.Literal, scope: Scope, hint: Type | None) -> ir.Expr:
        t = {"bool": BOOL, "int": INT, "decimal": DECIMAL, "text": TEXT, "date": DATE}[node.kind]
        return ir.Const(t, node.value, span=node.span)

    def visit_Money(self, node: n.Money, scope: Scope, hint: Type | None) -> ir.Expr:
        return ir.Const(MONEY, node.amount, span=node.span)

    def visit_Duration(self, node: n.Duration, scope: Scope, hint: Type | None) -> ir.Expr:
        return ir.Const(DURATION, (node.count, node.unit), span=node.span)

    def visit_Special(self, node: n.Special, scope: Scope, hint: Type | None) -> ir.Expr:
        if node.kind == "it":
            if scope.implicit is None:
                self.error(
                    "it-outside",
                    "⟦it⟧ stands for the element being tested, but no list is being tested here.",
                    node.span,
                    help="use ⟦it⟧ inside ⟦where⟧, ⟦any⟧, ⟦all⟧ or ⟦count⟧",
                )
                return ir.Const(ERROR, None, span=node.span)
            return ir.Var(PERSON, scope.implicit, span=node.span)
        if node.kind in ("unit_start", "unit_end") and not scope.unit:
            self.error(
                "unit-outside",
                f"`{node.span.text}` is the first or last day of a unit of a benefit paid every "
                f"month, every year or per event; it has no meaning here.",
                node.span,
            )
            return ir.Const(ERROR, None, span=node.span)
        return ir.Context(DATE, node.kind, span=node.span)

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
        if name in scope.persons or name in self.household_fields or name == "members":
            return False
        if scope.implicit is not None and name in self.person_fields:
            return False
        return any(f.type.enum and name in f.type.enum.labels for f in self._enum_fields())

    def _compare(self, node: n.Binary, left: ir.Expr, right: ir.Expr) -> ir.Expr:
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
        if t.kind == "enum":
            return t.enum is not None and t.enum.ordered
        return t.kind in ("int", "decimal", "money", "date", "duration", "error")


    def _arith(self, node: n.Binary, left: ir.Expr, right: ir.Expr) -> ir.Expr:
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

    def persons(self, node: n.Expr, scope: Scope, what: str) -> ir.Expr:
        """Check an expression that must be a list of persons; report it otherwise."""
        expr = self.check(node, scope)
        if expr.type.kind == "error":
            return expr
        if expr.type.kind != "list" or expr.type.element != PERSON:
            return self._mismatch(node, expr, what, "a list of persons, like `children`")
        return expr

    def _lambda(self, node: n.Expr, scope: Scope, what: str) -> ir.Lambda:
        body = self.condition(node, scope.bind("it"), what)
        return ir.Lambda(body.type, "it", body, span=node.span)

    def visit_Where(self, node: n.Where, scope: Scope, hint: Type | None) -> ir.Expr:
        collection = self.persons(node.collection, scope, "⟦where⟧")
        predicate = self._lambda(node.predicate, scope, "⟦where⟧")
        return ir.Call(list_of(PERSON), "filter", (collection, predicate), span=node.span)

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

    def visit_Attribute(self, node: n.Attribute, scope: Scope, hint: Type | None) -> ir.Expr:
        obj = self.check(node.obj, scope)
        if obj.type.kind == "error":
            return ir.Const(ERROR, None, span=node.span)
        field = self.person_fields.get(node.name)
        is_list = obj.type.kind == "list" and obj.type.element == PERSON
        if obj.type.kind != "person" and not is_list:
            self.error(
                "type-mismatch",
                f"`.{node.name}` reads a field of a person, but this is {describe(obj.type)}.",
                node.obj.span,
                label=f"this is {describe(obj.type)}",
            )
            return ir.Const(ERROR, None, span=node.span)
        if field is None:
            self.error(
                "unknown-field",
                f"`{node.name}` is not a person field of charter `{self.charter_id}`.",
                node.name_span,
                label="unknown field",
                help=did_you_mean(node.name, self.person_fields),
            )
            return ir.Const(ERROR, None, span=node.span)
        if is_list:
            body = ir.PersonField(field.type, ir.Var(PERSON, "it"), node.name, span=node.span)
            projection = ir.Lambda(field.type, "it", body, span=node.span)
            element = field.type.element if field.type.kind == "list" else field.type
            assert element is not None
            return ir.Call(list_of(element if field.type.kind == "list" else field.type), "map",
                           (obj, projection), span=node.span)
        return ir.PersonField(field.type.maybe(obj.type.optional), obj, node.name, span=node.span)

    def visit_AgeOf(self, node: n.AgeOf, scope: Scope, hint: Type | None) -> ir.Expr:
        person = self.check(node.person, scope)
        if person.type.kind not in ("person", "error"):
            self.error("type-mismatch", f"⟦age of⟧ needs a person, but this is {describe(person.type)}.",
                       node.person.span)
        on: ir.Expr = ir.Context(DATE, "today", span=node.span)
        if node.on is not None:
            on = self.expect(node.on, scope, ("date",), "⟦age of … on⟧")
        optional = person.type.optional or on.type.optional
        return ir.Call(INT.maybe(optional), "age", (person, on), span=node.span)

    def visit_SetLiteral(self, node: n.SetLiteral, scope: Scope, hint: Type | None) -> ir.Expr:
        self.error(
            "set-outside-in",
            "A set in braces can only follow ⟦in⟧, as in `contraception in {iud, implant}`.",
            node.span,
        )
        return ir.Const(ERROR, None, span=node.span)

    def visit_ListLiteral(self, node: n.ListLiteral, scope: Scope, hint: Type | None) -> ir.Expr:
        element = hint.element if hint is not None and hint.kind == "list" else None
        items = tuple(self.check(item, scope, element) for item in node.items)
        if element is None:
            element = items[0].type if items else ERROR
        for item, item_node in zip(items, node.items):
            if not item.type.same_base(element):
                self.error("type-mismatch", f"A list holds values of one type, but this one is "
                           f"{describe(item.type)}, not {describe(element)}.", item_node.span)
        return ir.ListOf(list_of(element), items, span=node.span)

    def visit_Case(self, node: n.Case, scope: Scope, hint: Type | None) -> ir.Expr:
        subject = self.check(node.subject, scope)
        if subject.type.kind == "error":
            return ir.Const(ERROR, None, span=node.span)
        if subject.type.kind != "enum" or subject.type.enum is None:
            self.error("type-mismatch", f"⟦case⟧ chooses by a label, but this is "
                       f"{describe(subject.type)}.", node.subject.span)
            return ir.Const(ERROR, None, span=node.span)
        enum = subject.type.enum
        arms: list[tuple[str, ir.Expr]] = []
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
            if arm.label not in enum.labels:
                self.error("unknown-label", f"`{arm.label}` is not a label of `{enum.name}`, whose "
                           f"labels are {', '.join(enum.labels)}.", arm.span,
                           help=did_you_mean(arm.label, enum.labels))
                continue
            if arm.label in seen:
                self.error("duplicate-label", f"`{arm.label}` has two arms in this ⟦case⟧.", arm.span,
                           notes=(Note("the first arm is here", seen[arm.label]),))
                continue
            seen[arm.label] = arm.span
            arms.append((arm.label, value))
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

    def visit_Call(self, node: n.Call, scope: Scope, hint: Type | None) -> ir.Expr:
        function = FUNCTIONS.get(node.function)
        if function is None:
            self.error(
                "unknown-function",
                f"`{node.function}` is not a built-in function.",
                node.function_span,
                label="unknown function",
                help=did_you_mean(node.function, FUNCTIONS) or "the built-in functions are "
                + ", ".join(sorted({v for v in FUNCTIONS.values()})),
            )
            return ir.Const(ERROR, None, span=node.span)
        if function in SCALARS:
            return self._scalar(node, scope, SCALARS[function])
        builtin = COLLECTIONS[function]
        if not self._arity(node, builtin.arity, builtin.usage):
            return ir.Const(ERROR, None, span=node.span)
        method: Callable[[n.Call, Scope, str], ir.Expr] = getattr(self, f"call_{function}")
        return method(node, scope, function)

    def _scalar(self, node: n.Call, scope: Scope, builtin: Scalar) -> ir.Expr:
        """A builtin of the registry: its arguments of their types; missing when one of them may be."""
        usage = " and ".join(_KIND_WORDS.get(t.kind, t.kind) for t in builtin.params)
        if not self._arity(node, builtin.arity, usage):
            return ir.Const(ERROR, None, span=node.span)
        args = tuple(self.expect(a, scope, (t.kind,), f"⟦{node.function}⟧") for a, t in zip(node.args, builtin.params,
                                                                                           strict=True))
        optional = any(a.type.optional for a in args)
        return ir.Call(builtin.result.maybe(optional), builtin.name, args, span=node.span)

    def _arity(self, node: n.Call, arity: tuple[int, int], usage: str) -> bool:
        low, high = arity
        count = len(node.args)
        if low <= count <= high:
            return True
        self.error(
            "wrong-arguments",
            f"`{node.function}` takes {usage}, but is given {count} argument{'s' if count != 1 else ''}.",
            node.span,
        )
        return False

    def call_count(self, node: n.Call, scope: Scope, function: str) -> ir.Expr:
        if len(node.args) == 1:
            collection = self.expect(node.args[0], scope, ("list",), "⟦count⟧")
            return ir.Call(INT, "count", (collection,), span=node.span)
        collection = self.persons(node.args[0], scope, "⟦count⟧")
        predicate = self._lambda(node.args[1], scope, "⟦count⟧")
        return ir.Call(INT, "count", (collection, predicate), span=node.span)

    def _quantifier(self, node: n.Call, scope: Scope, function: str) -> ir.Expr:
        if len(node.args) == 1:
            collection = self.expect(node.args[0], scope, ("list",), f"`{node.function}`")
            element = collection.type.element if collection.type.kind == "list" else None
            if element is not None and element.kind not in ("bool", "error"):
                self.error("type-mismatch", f"`{node.function}` with one argument needs a list of conditions, "
                           f"but this is a list of {describe(element).removeprefix('a ')}s.", node.args[0].span,
                           help=f"give the condition each element must meet: `{node.function}(list, condition)`")
                return ir.Const(ERROR, None, span=node.span)
            return ir.Call(BOOL, function, (collection,), span=node.span)
        collection = self.persons(node.args[0], scope, f"`{node.function}`")
        predicate = self._lambda(node.args[1], scope, f"`{node.function}`")
        return ir.Call(BOOL, function, (collection, predicate), span=node.span)


    call_any = call_all = _quantifier

    def call_sum(self, node: n.Call, scope: Scope, function: str) -> ir.Expr:
        collection = self.expect(node.args[0], scope, ("list",), "⟦sum⟧")
        element = collection.type.element if collection.type.kind == "list" else ERROR
        assert element is not None
        if element.kind not in ("int", "decimal", "money", "error"):
            self.error("type-mismatch", f"⟦sum⟧ adds numbers or money, but this is a list of "
                       f"{describe(element)}.", node.args[0].span)
        return ir.Call(element.required(), "sum", (collection,), span=node.span)

    def _extreme(self, node: n.Call, scope: Scope, function: str) -> ir.Expr:
        """min, max, earliest, latest: of one list (missing ones skipped) or of several values."""
        dates = function in ("earliest", "latest")
        allowed = ("date",) if dates else ("int", "decimal", "money", "date", "duration")
        if len(node.args) == 1:
            collection = self.expect(node.args[0], scope, ("list",), f"`{node.function}`")
            element = collection.type.element if collection.type.kind == "list" else ERROR
            assert element is not None
            if element.kind not in allowed + ("error",):
                self.error("type-mismatch", f"`{node.function}` needs a list of "
                           f"{'dates' if dates else 'numbers, money or dates'}, but this is a list of "
                           f"{describe(element)}.", node.args[0].span)
            return ir.Call(element.maybe(True), function, (collection,), span=node.span)
        args = tuple(self.check(a, scope) for a in node.args)
        first = args[0].type
        for arg, arg_node in zip(args, node.args):
            if arg.type.kind not in allowed + ("error",) or not arg.type.same_base(first):
                self.error("type-mismatch", f"`{node.function}` compares "
                           f"{'dates' if dates else 'values of one type'}, but this is "
                           f"{describe(arg.type)}.", arg_node.span)
        optional = any(a.type.optional for a in args)
        return ir.Call(first.required().maybe(optional), function, args, span=node.span)

    call_min = call_max = call_earliest = call_latest = _extreme

    def call_the(self, node: n.Call, scope: Scope, function: str) -> ir.Expr:
        collection = self.expect(node.args[0], scope, ("list",), "⟦the⟧")
        element = collection.type.element if collection.type.kind == "list" else ERROR
        assert element is not None
        return ir.Call(element, "the", (collection,), span=node.span)

    def call_nth(self, node: n.Call, scope: Scope, function: str) -> ir.Expr:
        collection = self.expect(node.args[0], scope, ("list",), "⟦nth⟧")
        position = self.expect(node.args[1], scope, ("int",), "the position in ⟦nth⟧")
        element = collection.type.element if collection.type.kind == "list" else ERROR
        assert element is not None
        return ir.Call(element.maybe(True), "nth", (collection, position), span=node.span)

    def call_birthday(self, node: n.Call, scope: Scope, function: str) -> ir.Expr:
        person = self.expect(node.args[0], scope, ("person",), "⟦birthday⟧")
        which = self.expect(node.args[1], scope, ("int",), "the number in ⟦birthday⟧")
        # missing when it falls outside the calendar (the 9999th birthday)
        return ir.Call(DATE.maybe(True), "birthday", (person, which), span=node.span)


def _glued_keyword(name: str) -> str | None:
    """The Chinese keyword a name starts with, when the space after the keyword was forgotten."""
    for keyword in keywords().values():
        for spelling in keyword.chinese:
            if name.startswith(spelling) and len(name) > len(spelling):
                return spelling
    return None


def conjuncts(node: n.Expr) -> list[n.Expr]:
    """The parts of a condition joined by top-level ⟦and⟧, in order."""
    if isinstance(node, n.Binary) and node.op == "and":
        return conjuncts(node.left) + conjuncts(node.right)
    return [node]
