"""A charter's functions, definitions with parameters (`define 年满(p: person, n: integer) = age of p >= n`):
the names and types of their parameters, their bodies checked for the types of each call's arguments
(mistakes said at the call), each call holding the body for its arguments (`ir.Apply`), an override's
body put in the calls of the articles and definitions it inherits. No function may use itself, even
through others (see `Definitions`), and what a call computes is bounded (`MAX_EXPANSION`)."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .. import ir
from ..common.diagnostics import Diagnostic, Note
from ..common.source import Span
from ..common.suggest import did_you_mean
from ..ir.analysis import map_expressions, recall, substitute
from ..language import FUNCTIONS
from ..language.types import ERROR, NAMED_TYPES, PERSON, Type, list_of
from ..parse import nodes as n
from ._categories import Categories
from ._expressions import Scope, describe
from ._limits import MAX_EXPANSION, MAX_LENGTH, MAX_NESTING, Depth, Depths, expansion
from ._state import FunctionInForce, Instance

_TYPE_WORDS = "bool, integer, decimal, money, date, duration, text, person, list of person, or a field or category"


class Functions(Categories):
    """The checks of functions and their calls, a part of the `Checker`."""

    def _definition_expr(self, name: str) -> ir.Expr | None:  # pragma: no cover - see Definitions
        """The expression of a definition checked so far (the checker's `Definitions` gives it)."""
        raise NotImplementedError

    def _too_deep(self, depth: Depth, span: Span | None, what: str) -> None:  # pragma: no cover - see Definitions
        """Report an expression too deep to compute (the checker's `Definitions` does)."""
        raise NotImplementedError

    # -------------------------------------------------------------- declarations
    def _declare_functions(self) -> None:
        """The functions in force, own over inherited, each with the types of its parameters; the mistakes of
        their declarations (a parameter's name or type, a builtin's name, an override of another arity)."""
        for name, function in self.inherited_functions.items():
            if name not in self.repealed and name not in self.own_functions and name not in self.own_definitions:
                self.functions[name] = FunctionInForce(name, function.params, _syntax(function), function.title,
                                                       function.origin, function.span, function.body,
                                                       function.instances)
        for name, node in self.own_functions.items():
            params = self._formals(node)
            if name in FUNCTIONS:
                self.error("builtin-function-name", f"`{name}` is a built-in function, so a function of the charter "
                           f"cannot take its name.", node.span, help=f"choose another name, like `{name}_of`")
                continue
            if self.is_field(name):
                continue  # (reported: `shadows-field`)
            inherited = self.inherited_functions.get(name)
            if name in self.inherited_definitions:
                self.error("override-kind", f"`{name}` is a definition without parameters in "
                           f"`{self.inherited_definitions[name].origin}`; its override must be one too.", node.span)
            elif inherited is not None and len(inherited.params) != len(params):
                self.error("override-arity", f"Function `{name}` takes {_count(len(inherited.params))} in "
                           f"`{inherited.origin}`; its override must take as many, but takes {_count(len(params))}.",
                           node.span, notes=(Note(f"`{name}` is defined here", inherited.span),))
                continue  # (the inherited one stays in force, so that its calls are not wrong again)
            self.functions[name] = FunctionInForce(name, params, node.expr, node.title, self.charter_id, node.span)
        for name, definition in self.own_definitions.items():
            if name in self.inherited_functions:
                function = self.inherited_functions[name]
                self.error("override-kind", f"`{name}` is a function of {_count(len(function.params))} in "
                           f"`{function.origin}`; its override must be one too.", definition.span)

    def _formals(self, node: n.Definition) -> tuple[ir.Formal, ...]:
        """The parameters of a function, each with its type when given; a parameter's name that is taken
        is reported."""
        formals: list[ir.Formal] = []
        seen: dict[str, Span] = {}
        for formal in node.params:
            name = formal.name
            taken = ("a field" if self.is_field(name) else "a definition" if name in self.inherited_definitions
                     or name in self.own_definitions else "a function" if name in self.inherited_functions
                     or name in self.own_functions else "a parameter" if name in self.inherited_parameters
                     or name in self.own_parameters else "the list of members" if name == "members" else None)
            if self.reserved(name, formal.span, "a parameter of a function"):
                pass
            elif name in seen:
                self.error("duplicate-parameter", f"Function `{node.name}` has two parameters named `{name}`.",
                           formal.span, notes=(Note("the first is here", seen[name]),))
            elif taken is not None:
                self.error("parameter-name", f"`{name}` is already {taken} of charter `{self.charter_id}`, so a "
                           f"parameter of `{node.name}` cannot take its name: in the body, a reader could not tell "
                           f"which is meant.", formal.span, help=f"call the parameter another name, like `{name}_1`")
            elif any(enum.label_of(name) is not None for enum in self._known_enums()):
                self.error("parameter-name", f"`{name}` is a label in scope, so a parameter of `{node.name}` cannot "
                           f"take its name: in the body, a reader could not tell which is meant.", formal.span,
                           help=f"call the parameter another name, like `{name}_1`")
            seen.setdefault(name, formal.span)
            formals.append(ir.Formal(name, self._formal_type(formal)))
        return tuple(formals)

    def _formal_type(self, formal: n.Formal) -> Type | None:
        """The type a parameter is declared with: a named type, a person, a field's or category's labels,
        or a list of these (None when none is given)."""
        if formal.type is None:
            return None
        word = formal.type
        t: Type | None = PERSON if word == "person" else NAMED_TYPES.get(word)
        field = self.household_fields.get(word) or self.person_fields.get(word)
        if t is None and field is not None and field.type.enum is not None:
            t = Type("enum", enum=field.type.enum)
        if t is None and word in self.categories:
            t = Type("enum", enum=self.categories[word])
        if t is None:
            known = set(NAMED_TYPES) | {"person"} | set(self.categories) | {
                f.name for f in list(self.household_fields.values()) + list(self.person_fields.values())
                if f.type.enum is not None}
            self.error("unknown-type", f"`{word}` is not a type of a parameter.", formal.type_span or formal.span,
                       label="unknown type", help=did_you_mean(word, known) or f"the types are {_TYPE_WORDS}")
            return ERROR
        return list_of(t) if formal.list else t

    def _function_params(self) -> dict[str, tuple[str, ...]]:
        """The functions in force, with the names of their parameters."""
        return {name: tuple(p.name for p in f.params) for name, f in self.functions.items()}

    # -------------------------------------------------------------- bodies
    def _check_function(self, name: str) -> None:
        """Check an own function's body once, with the types its parameters are given (one not given as of no
        type, so that what does not depend on types is said once, at the declaration)."""
        function = self.functions.get(name)
        if function is None or function.origin != self.charter_id or name in self.cyclic:
            return
        before = len([d for d in self.diagnostics if d.is_error])
        scope = Scope(arguments=tuple((p.name, p.type or ERROR) for p in function.params))
        body = self.expressions.root(function.syntax, scope)
        depth = Depths(self._definition_expr).of(body)
        typed = all(p.type is not None for p in function.params)  # (else a parameter is of no type: `p.sex` too)
        wrong = typed and any(isinstance(e, ir.Const) and e.type.kind == "error" for e in body.walk())
        if len([d for d in self.diagnostics if d.is_error]) == before and not wrong and (depth.too_deep
                                                                                          or depth.too_long):
            self._too_deep(depth, function.span, f"The function `{name}`")
        if len([d for d in self.diagnostics if d.is_error]) > before or wrong:
            self.broken.add(name)
            self.functions[name] = attrs.evolve(function, body=body)
        elif all(p.type is not None for p in function.params):
            types = tuple(p.type for p in function.params if p.type is not None)
            self.instances[(name, types)] = Instance(body, ())
            self.functions[name] = attrs.evolve(function, body=body, instances=((types, body),))
        else:
            self.functions[name] = attrs.evolve(function, body=body)

    def _instance(self, function: FunctionInForce, types: tuple[Type, ...]) -> Instance:
        """The body of a function checked for the types of some arguments (at the level of the call, so that
        checking never recurses deeper than `MAX_NESTING` levels, calls included), with its mistakes."""
        key = (function.name, types)
        if key in self.instances:
            return self.instances[key]
        found: list[Diagnostic] = []
        self.calling.append(function.name)
        try:
            with self.capturing(found):
                body = self.expressions.check(function.syntax, Scope(arguments=tuple(
                    (p.name, t) for p, t in zip(function.params, types, strict=True))))
        finally:
            self.calling.pop()
        refused = any(d.code == "expression-too-deep" for d in found)
        depth = Depths(self._definition_expr).of(body)
        if not found and (depth.too_deep or depth.too_long):
            found.append(Diagnostic("definitions-too-deep", f"The body of `{function.name}`, with the definitions "
                                    f"and functions it uses, nests more than {MAX_NESTING} levels or {MAX_LENGTH} "
                                    f"operations deep, more than can be computed.", function.syntax.span))
        instance = Instance(body, tuple(d for d in found if d.is_error))
        if not refused:  # (refused at the level of this call: another call, less deep, may be computed)
            self.instances[key] = instance
            current = self.functions[function.name]
            if not instance.errors and all(t != types for t, _ in current.instances):
                self.functions[function.name] = attrs.evolve(current, instances=current.instances + ((types, body),))
        return instance

    # -------------------------------------------------------------- calls
    def _apply(self, node: n.Call, scope: Scope) -> ir.Expr:
        """A call of a function of the charter: its arguments checked (against the types given), the body for
        their types, and the call holding the body with the arguments in place."""
        function = self.functions[node.function]
        failed = ir.Const(ERROR, None, span=node.span)
        if len(node.args) != len(function.params):
            names = ", ".join(p.name for p in function.params)
            self.error("wrong-arguments", f"`{function.name}` takes {_count(len(function.params))} ({names}), but "
                       f"is given {len(node.args)}.", node.span, notes=(Note(f"`{function.name}` is defined here",
                                                                             function.span),))
            return failed
        args: list[ir.Expr] = []
        for arg_node, formal in zip(node.args, function.params, strict=True):
            arg = self.expressions.check(arg_node, scope, formal.type)
            if formal.type is not None and arg.type.kind != "error" and not formal.type.same_base(arg.type):
                self.error("type-mismatch", f"`{function.name}` takes `{formal.name}` as {describe(formal.type)}, "
                           f"but this is {describe(arg.type)}.", arg_node.span, label=f"this is {describe(arg.type)}",
                           notes=(Note(f"`{function.name}` is defined here", function.span),))
                arg = ir.Const(ERROR, None, span=arg_node.span)
            args.append(arg)
        if any(a.type.kind == "error" for a in args) or function.name in self.broken | self.cyclic:
            return failed  # (said already)
        if function.name in self.calling:  # a recursion the order of definitions did not see: never computed
            return failed
        types = tuple(a.type for a in args)
        instance = self._instance(function, types)
        if instance.errors:
            self._wrong_for(function, types, instance.errors, node.span)
            return failed
        return self._call(function, tuple(args), instance, node.span) or failed

    def _call(self, function: FunctionInForce, args: tuple[ir.Expr, ...], instance: Instance,
              span: Span | None) -> ir.Apply | None:
        """The call holding the body with the arguments in place; None (reported) when it computes too much."""
        body = substitute(instance.body, {p.name: a for p, a in zip(function.params, args, strict=True)})
        call = ir.Apply(body.type, function.name, args, body, span=span)
        size = expansion(call)
        if size > MAX_EXPANSION:
            self.error("function-too-large", f"This call of `{function.name}` computes {size:,} operations once the "
                       f"calls in it are written out (each use of a parameter computes its argument again); at most "
                       f"{MAX_EXPANSION:,} can be computed.", span,
                       help="pass a value computed once, as a definition, rather than an expression used many times",
                       notes=(Note(f"`{function.name}` is defined here", function.span),))
            return None
        return call

    def _wrong_for(self, function: FunctionInForce, types: Sequence[Type], errors: Sequence[Diagnostic],
                   span: Span | None, inherited: Span | None = None) -> None:
        """Report, at a call (or at an override, for a call it inherits), what is wrong with the body of a
        function for the types of the call's arguments."""
        given = " and ".join(f"`{p.name}` {describe(t)}" for p, t in zip(function.params, types, strict=True))
        untyped = [p.name for p in function.params if p.type is None]
        typed = ", ".join(f"{p.name}: {'TYPE' if p.type is None else str(p.type)}" for p in function.params)
        for d in errors:
            notes: tuple[Note, ...] = (Note(f"in the body of `{function.name}`" + (f": {d.label}" if d.label else ""),
                                            d.span),)
            if inherited is not None:
                notes += (Note("the call is here", inherited),)
            self.error(
                d.code,
                f"This call of `{function.name}` gives {given}, for which its body is wrong: {d.message}",
                span, notes=notes + d.notes,
                help=d.help or (f"give the parameters their types, as in ⟦define⟧ `{function.name}({typed})`, to have "
                                f"every call held to them" if untyped else ""),
            )

    # -------------------------------------------------------------- overrides of inherited functions
    def _reapplied(self, articles: list[ir.AnyArticle]) -> list[ir.AnyArticle]:
        """The inherited articles and definitions with each call of a function this charter overrides holding
        the override's body (an inherited call keeps its type, as a use of a definition does)."""
        overridden = {name for name, f in self.functions.items()
                      if f.origin == self.charter_id and name in self.inherited_functions}
        if not overridden:
            return articles

        def again(call: ir.Apply, args: tuple[ir.Expr, ...]) -> ir.Expr:
            function = self.functions[call.function]
            if function.name in self.broken | self.cyclic or any(a.type.kind == "error" for a in args):
                return call
            types = tuple(a.type for a in args)
            instance = self._instance(function, types)
            if instance.errors:
                self._wrong_for(function, types, instance.errors, function.span, inherited=call.span)
                return call
            new = self._call(function, args, instance, function.span)
            return attrs.evolve(new, type=call.type, span=call.span) if new is not None else call

        for name, definition in list(self.definitions.items()):
            if definition.origin != self.charter_id:
                self.definitions[name] = attrs.evolve(definition, expr=recall(definition.expr, overridden, again))
        return [a if a.origin == self.charter_id else map_expressions(a, lambda e: recall(e, overridden, again))
                for a in articles]

    def _charter_functions(self) -> tuple[ir.Function, ...]:
        """The functions in force, as the checked charter holds them."""
        return tuple(ir.Function(f.name, f.params, f.body if f.body is not None else ir.Const(ERROR, None), f.title,
                                 f.origin, f.instances, span=f.span, syntax=f.syntax) for f in self.functions.values())


def _syntax(function: ir.Function) -> n.Expr:
    """The body of an inherited function as written."""
    assert isinstance(function.syntax, n.Expr)
    return function.syntax


def _count(k: int) -> str:
    return f"{k} parameter{'s' if k != 1 else ''}"

