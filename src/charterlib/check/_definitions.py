"""A charter's definitions: each checked after those it uses, cycles reported once, depth bounded."""

from __future__ import annotations

from .. import ir
from ..common.diagnostics import Note
from ..common.source import Span
from ..language.types import ERROR, Type
from ..parse import nodes as n
from ._expressions import Scope, describe
from ._functions import Functions
from ._limits import MAX_LENGTH, MAX_NESTING, Depth, Depths


class Definitions(Functions):
    """The checks of definitions, a part of the `Checker`."""

    def _check_definitions(self) -> None:
        """The definitions in force: the inherited ones not repealed, and the own, each checked in order (the
        own functions' bodies too, with the types their parameters are given)."""
        definitions = {k: v for k, v in self.inherited_definitions.items() if k not in self.repealed}
        self.order = self._definition_order()
        for name in self.order:
            if name in self.own_functions:
                self._check_function(name)
            else:
                self._definition_type(name, self.own_definitions[name].span)
        definitions.update({k: v for k, v in self.definitions.items()})
        self.definitions = definitions

    def _definition_expr(self, name: str) -> ir.Expr | None:
        """The expression of a definition checked so far."""
        d = self.definitions.get(name)
        return d.expr if d is not None else None

    def _depths(self) -> Depths:
        """The measure of expressions through the definitions in force."""
        return Depths(self._definition_expr)

    def _definition_order(self) -> list[str]:
        """The own definitions and functions, each after the definitions and functions it uses (its own or
        inherited ones: an override may close a circle through what it inherits), so that checking one never
        recurses into another (a chain of 200 definitions would pass Python's recursion limit). The
        definitions and functions in a cycle are reported here, once per cycle, and then typed as erroneous
        where used."""
        labels = self._label_owners()  # a name that is also a label may mean the label (`role = wife`)
        own = {k: v.expr for k, v in sorted([*self.own_definitions.items(), *self.own_functions.items()],
                                            key=lambda item: item[1].span.start)}
        formals = {k: {p.name for p in v.params} for k, v in self.own_functions.items()}
        uses: dict[str, set[str]] = {name: _names_used(expr, self.person_fields) - formals.get(name, set())
                                     for name, expr in own.items()}
        for name, d in self.inherited_definitions.items():
            if name not in own and name not in self.repealed:
                uses[name] = {e.name if isinstance(e, ir.DefRef) else e.function for e in d.expr.walk()
                              if isinstance(e, (ir.DefRef, ir.Apply))}
        for name, f in self.functions.items():
            if name not in own:
                uses[name] = _names_used(f.syntax, self.person_fields) - {p.name for p in f.params}
        rank = {name: i for i, name in enumerate(uses)}
        uses = {k: {x for x in v if x in uses and x not in labels} for k, v in uses.items()}
        order: list[str] = []
        state: dict[str, int] = {}  # 1: on the path being explored, 2: done
        for start in own:
            if start in state:
                continue
            path = [start]
            pending = [iter(sorted(uses[start], key=rank.__getitem__))]
            state[start] = 1
            while path:
                following = next(pending[-1], None)
                if following is None:
                    state[path[-1]] = 2
                    order.append(path.pop())
                    pending.pop()
                    continue
                if state.get(following) == 1:
                    self._cycle(path[path.index(following):] + [following])
                elif following not in state:
                    state[following] = 1
                    path.append(following)
                    pending.append(iter(sorted(uses[following], key=rank.__getitem__)))
        return [name for name in order if name in own]

    def _declared_at(self, name: str) -> Span | None:
        """Where a definition or function in force is declared (here, or in a charter this one extends)."""
        node = self.own_definitions.get(name) or self.own_functions.get(name)
        if node is not None:
            return node.span
        inherited = self.inherited_definitions.get(name) or self.inherited_functions.get(name)
        return inherited.span if inherited is not None else None

    def _cycle(self, cycle: list[str]) -> None:
        """Report a cycle of definitions or functions (once, at its first own step); what is in it is
        erroneous where used."""
        self.cyclic.update(cycle)
        key = frozenset(cycle)
        if key in self.reported_cycles:
            return
        self.reported_cycles.add(key)
        steps = cycle[:-1]
        first = next(i for i, step in enumerate(steps) if step in self.own_definitions or step in self.own_functions)
        cycle = steps[first:] + steps[:first] + [steps[first]]
        if any(step in self.functions for step in steps):
            kind = "function" if cycle[0] in self.functions else "definition"
            self.error(
                "recursive-function",
                f"The {kind} `{cycle[0]}` uses itself: {' → '.join(cycle)}. A charter computes what it says in a "
                f"number of steps known beforehand, so no function may call itself.",
                self._declared_at(cycle[0]),
                notes=tuple(Note(f"`{step}` is defined here", self._declared_at(step)) for step in cycle[1:-1]),
                help="a function may use definitions and other functions, but not, even through them, itself; "
                "write the steps out, one definition or function for each",
            )
            return
        self.error(
            "definition-cycle",
            f"The definition `{cycle[0]}` depends on itself: {' → '.join(cycle)}.",
            self._declared_at(cycle[0]),
            notes=tuple(Note(f"`{step}` is defined here", self._declared_at(step)) for step in cycle[1:-1]),
            help="a definition may use other definitions, but not, even through them, itself",
        )

    def _deep_definitions(self, depths: Depths) -> set[str]:
        """Report each own definition too deep to compute, where the excess starts.

        Returns the names of the definitions that are wrong, or use one that is: what uses them is
        not reported again.
        """
        found: set[str] = set()
        for name in self.order:  # each after those it uses
            if name in self.own_functions:
                continue  # (a function's body is measured for each call)
            checked = self.definitions.get(name)
            if checked is None or name in self.cyclic or _erroneous(checked.expr):
                found.add(name)
                continue
            if any(isinstance(e, ir.DefRef) and e.name in found for e in checked.expr.walk()):
                found.add(name)  # said where the excess starts, in a definition it uses
                continue
            depth = depths.of_definition(name)
            if depth.too_deep or depth.too_long:
                found.add(name)
                self._too_deep(depth, self.own_definitions[name].span, f"The definition `{name}`")
        return found

    def _deep_expressions(self, depths: Depths, too_deep: set[str], articles: list[ir.AnyArticle]) -> None:
        """Report each expression of the charter's own articles too deep to compute."""
        for article in articles:
            for expr in article.expressions():
                if _erroneous(expr) or any(isinstance(e, ir.DefRef) and e.name in too_deep for e in expr.walk()):
                    continue
                depth = depths.of(expr)
                if depth.too_deep or depth.too_long:
                    self._too_deep(depth, expr.span, "This expression")

    def _too_deep(self, depth: Depth, span: Span | None, what: str) -> None:
        """Report an expression or definition too deep or too long to compute, through the definitions that make it so."""
        via = depth.nesting_via if depth.too_deep else depth.length_via
        if depth.too_deep:
            amount = (f"nests {depth.nesting} levels deep (a run like `a or b or c` or `a + b + c` counts "
                      f"as one level); at most {MAX_NESTING} can be computed")
        else:
            amount = (f"nests {depth.length} operations one within another (each `or`, `and`, `+` … of a "
                      f"run counts); at most {MAX_LENGTH} can be computed")
        if via:
            chain = " → ".join(f"`{v}`" for v in via) if len(via) <= 6 else \
                " → ".join(f"`{v}`" for v in via[:3]) + " → … → " + f"`{via[-1]}`"
            self.error("definitions-too-deep", f"{what}, with the definitions it uses ({chain}), {amount}.",
                       span, help="use fewer definitions one within another, or simpler ones")
            return
        code = "expression-too-deep" if depth.too_deep else "expression-too-long"
        self.error(code, f"{what} {amount}.", span,
                   help="write it with fewer terms: a long run of `or` tests of one value is better "
                   "written `VALUE in {A, B, …}`" if not depth.too_deep
                   else "write it with fewer levels")

    def _definition_type(self, name: str, use: Span) -> Type | None:
        """The type of a definition used at `use`, checking an own one on its first use (None for no definition)."""
        if name in self.definitions:
            return self.definitions[name].expr.type
        if name in self.cyclic and self.checking:
            return ERROR  # a use within the cycle (reported once, by `_cycle`)
        if name in self.checking:
            cycle = self.checking[self.checking.index(name):] + [name]
            key = frozenset(cycle)
            if key not in self.reported_cycles:
                self.reported_cycles.add(key)
                self.error(
                    "definition-cycle",
                    f"The definition `{name}` depends on itself: {' → '.join(cycle)}.",
                    self.own_definitions[name].span,
                    notes=tuple(Note(f"`{step}` is defined here", self.own_definitions[step].span)
                                for step in cycle[1:-1]),
                    help="a definition may use other definitions, but not, even through them, itself",
                )
            return ERROR
        if name in self.own_definitions:
            node = self.own_definitions[name]
            if len(self.checking) >= MAX_NESTING:  # only when used before its turn (by a parameter)
                self.error("definitions-too-deep", f"The definition `{self.checking[0]}` uses definitions "
                           f"more than {MAX_NESTING} deep, more than can be computed.",
                           self.own_definitions[self.checking[0]].span)
                return ERROR
            self.checking.append(name)
            with self.capturing(None):  # (wrong on its own, even when first used by a function's body)
                expr = self.expressions.root(node.expr, Scope(), self.definition_hints.get(name))
            self.checking.pop()
            inherited = self.inherited_definitions.get(name)
            if inherited is not None and not inherited.expr.type.same_base(expr.type):
                self.error("override-type", f"Definition `{name}` was {describe(inherited.expr.type)} in "
                           f"`{inherited.origin}`; its override must keep that type, but is "
                           f"{describe(expr.type)}.", node.span)
            self.definitions[name] = ir.Definition(name, expr, node.title, self.charter_id, span=node.span)
            return expr.type
        inherited = self.inherited_definitions.get(name)
        return inherited.expr.type if inherited is not None else None


def _names_used(node: n.Node, person_fields: dict[str, ir.Field]) -> set[str]:
    """The bare names an expression mentions (person fields aside), found without recursion."""
    found: set[str] = set()
    stack: list[n.Node] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, n.Name) and current.name not in person_fields:
            found.add(current.name)
        elif isinstance(current, n.Call):
            found.add(current.function)
        stack.extend(current.children())
    return found


def _erroneous(expr: ir.Expr) -> bool:
    """Whether an expression holds a part already reported as wrong."""
    return any(e.type.kind == "error" for e in expr.walk())
