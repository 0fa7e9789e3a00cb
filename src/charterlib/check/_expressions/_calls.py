"""Calls of builtins: the scalar ones of the registry by their parameter types, each collection one
(`count`, `any`, `sum`, `the`…) by its method `call_<name>`, and ⟦where⟧ and ⟦age of⟧."""

from __future__ import annotations

from collections.abc import Callable

from ... import ir
from ...common.suggest import did_you_mean
from ...language.builtins import COLLECTIONS, FUNCTIONS, SCALARS, Scalar
from ...language.types import BOOL, DATE, ERROR, INT, PERSON, Type, list_of
from ...parse import nodes as n
from ._base import ExpressionBase
from ._scope import Scope
from ._types import KIND_WORDS, describe


class Calls(ExpressionBase):
    """The expression checker's calls of builtins, a part of `ExpressionChecker`."""

    def visit_Call(self, node: n.Call, scope: Scope, hint: Type | None) -> ir.Expr:
        function = FUNCTIONS.get(node.function)
        if function is None and self.apply is not None and node.function in self.functions():
            return self.apply(node, scope)
        if function is None and node.function in self.value_names():
            self.error("not-a-function", f"`{node.function}` is not a function: it takes no arguments (write "
                       f"`{node.function}`); a definition with parameters, `⟦define⟧ {node.function}(p) = …`, "
                       f"is a function.", node.function_span, label="not a function")
            return ir.Const(ERROR, None, span=node.span)
        if function is None:
            own = self.functions()
            self.error(
                "unknown-function",
                f"`{node.function}` is not a built-in function" + (f" nor a function of charter `{self.charter_id}`"
                                                                   if own else "") + ".",
                node.function_span,
                label="unknown function",
                help=did_you_mean(node.function, set(FUNCTIONS) | set(own)) or "the built-in functions are "
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
        usage = " and ".join(KIND_WORDS.get(t.kind, t.kind) for t in builtin.params)
        if not self._arity(node, builtin.arity, usage):
            return ir.Const(ERROR, None, span=node.span)
        args = tuple(self.expect(a, scope, (t.kind,), f"⟦{node.function}⟧") for a, t in zip(node.args, builtin.params,
                                                                                           strict=True))
        optional = any(a.type.optional for a in args)
        return ir.Call(builtin.result.maybe(optional), builtin.name, args, span=node.span)

    def _arity(self, node: n.Call, arity: tuple[int, int], usage: str) -> bool:
        """Whether a call has as many arguments as its builtin takes; reported otherwise."""
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
        """any, all: of a list of conditions, or of a condition on each person of a list."""
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

    def call_alive(self, node: n.Call, scope: Scope, function: str) -> ir.Expr:
        return self._death(node, scope, function)

    def call_died(self, node: n.Call, scope: Scope, function: str) -> ir.Expr:
        return self._death(node, scope, function)

    def _death(self, node: n.Call, scope: Scope, function: str) -> ir.Expr:
        """`alive(P)`, `died(P)`: a test of a person on the judged day (the day is the call's second
        argument in the IR, as in `age of`)."""
        person = self.expect(node.args[0], scope, ("person",), f"⟦{function}⟧")
        today = ir.Context(DATE, "today", span=node.span)
        return ir.Call(BOOL.maybe(person.type.optional), function, (person, today), span=node.span)

    def visit_Where(self, node: n.Where, scope: Scope, hint: Type | None) -> ir.Expr:
        collection = self.check(node.collection, scope)
        element = collection.type.element if collection.type.kind == "list" else None
        if element is not None and element.kind == "date":  # days of a list, each ⟦it⟧
            body = self.condition(node.predicate, scope.bind_day("it", element), "⟦where⟧")
            predicate = ir.Lambda(body.type, "it", body, span=node.predicate.span)
            return ir.Call(collection.type, "filter", (collection, predicate), span=node.span)
        if collection.type.kind != "error" and element != PERSON:
            collection = self._mismatch(node.collection, collection, "⟦where⟧", "a list of persons, like `children`")
        predicate = self._lambda(node.predicate, scope, "⟦where⟧")
        return ir.Call(list_of(PERSON), "filter", (collection, predicate), span=node.span)

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
