"""Analyses of the IR that later stages share, in one place: which fields a charter reads, which
expressions are constants, have one value per household, read the household alone or one person alone,
and what a definition depends on."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

import attrs

from ..language.types import LEAVING
from ._charter import AnyArticle, Charter, Condition, Once, PerEvent, Subject
from ._nodes import (
    And,
    Apply,
    Arith,
    Between,
    Call,
    Case,
    Compare,
    Const,
    Context,
    DefRef,
    Expr,
    HouseholdField,
    If,
    In,
    IsSet,
    Lambda,
    ListOf,
    Members,
    Negate,
    Not,
    Or,
    ParamRef,
    PersonField,
    Status,
    TableRef,
    Var,
)


@attrs.frozen
class FieldsRead:
    """The fields a charter's articles and definitions read (a person's birth date always, and the days
    a person died or left when the charter has them: they decide who is a member)."""

    household: frozenset[str]
    person: frozenset[str]
    valued: frozenset[str]
    """Person fields read from a person that is a value (`the(children).sex`), not a variable."""

    @classmethod
    def of(cls, charter: Charter) -> FieldsRead:
        """The fields read by a charter."""
        household: set[str] = set()
        person, valued = {"birth_date"}, {"birth_date"}
        leaving = {f.name for f in charter.person_fields if f.name in LEAVING}
        person |= leaving
        valued |= leaving
        exprs = [e for a in charter.articles for e in a.expressions()] + [d.expr for d in charter.definitions]
        for expr in exprs:
            for x in expr.walk():
                if isinstance(x, HouseholdField):
                    household.add(x.name)
                elif isinstance(x, PersonField):
                    person.add(x.name)
                    if not isinstance(x.person, Var):
                        valued.add(x.name)
        return cls(frozenset(household), frozenset(person), frozenset(valued))

    def member_struct(self, charter: Charter) -> tuple[str, ...]:
        """The person fields read, birth date first, then in the order the charter declares them."""
        return ("birth_date", *[f.name for f in charter.person_fields if f.name in self.person and f.name != "birth_date"])

    def value_struct(self) -> tuple[str, ...]:
        """The fields read from persons that are values, birth date first."""
        return ("birth_date", *sorted(self.valued - {"birth_date"}))


def leaving_fields(charter: Charter) -> tuple[str, ...]:
    """The person fields of a charter that end a membership (`died_on`, `left_on`), those it has."""
    return tuple(f.name for f in charter.person_fields if f.name in LEAVING)


def fields_used(expr: Expr) -> list[str]:
    """The field names an expression reads, in order of first use."""
    names: list[str] = []
    for sub in expr.walk():
        if isinstance(sub, (HouseholdField, PersonField)) and sub.name not in names:
            names.append(sub.name)
    return names


def constant_value(expr: Expr) -> Const | None:
    """The constant an expression is, if it is one (negated numbers included)."""
    if isinstance(expr, Const):
        return expr
    if isinstance(expr, Negate) and isinstance(expr.operand, Const):
        value = expr.operand.value
        if isinstance(value, (int,)) or hasattr(value, "as_tuple"):
            return Const(expr.type, -value, span=expr.span)  # type: ignore[operator]
    if isinstance(expr, ListOf) and all(isinstance(i, Const) for i in expr.items):
        return Const(expr.type, tuple(i.value for i in expr.items), span=expr.span)  # type: ignore[attr-defined]
    return None


def invariant(expr: Expr, definitions: Mapping[str, Expr], seen: frozenset[str] = frozenset()) -> bool:
    """Whether an expression has one value for the whole evaluation of a household.

    It must not read the judged day or the unit's days (directly, through the members born by
    then, a parameter's value then, or a definition), nor the person a unit is for.
    """
    bound = {e.var for e in expr.walk() if isinstance(e, Lambda)}
    for e in expr.walk():
        if isinstance(e, (Context, Members, ParamRef, TableRef)):
            return False
        if isinstance(e, Var) and e.name not in bound:
            return False
        if isinstance(e, DefRef):
            if e.name in seen or e.name not in definitions:
                return False
            if not invariant(definitions[e.name], definitions, seen | {e.name}):
                return False
    return True


def pure(e: Expr) -> bool:
    """Whether computing an expression can neither fail nor take time: a constant, a day, a field."""
    if isinstance(e, PersonField):
        return not e.person.type.optional and pure(e.person)
    return isinstance(e, (Const, Context, Var, HouseholdField))


def household_level(e: Expr) -> bool:
    """Whether an expression reads the household's own fields only (no members, no definitions, no
    obligation's status)."""
    return not any(isinstance(x, (Members, DefRef, Var, PersonField, Status)) for x in e.walk())


def reads_day(e: Expr) -> bool:
    """Whether an expression reads the judged day itself: a context day or a parameter's value then."""
    return any(isinstance(x, (Context, ParamRef, TableRef)) for x in e.walk())


_LOCAL = (Const, HouseholdField, PersonField, Var, ParamRef, TableRef, Apply, Arith, Negate, Compare, And, Or, Not, If, In, Between,
          IsSet, Case, ListOf)
_LOCAL_CALLS = frozenset({"birthday", "age", "alive", "died", "min", "max", "earliest", "latest"})


def local(e: Expr, var: str) -> bool:
    """Whether an expression reads only the person `var`, the household, constants and the judged day
    (no list but literal ones, no definition, no other person)."""
    for x in e.walk():
        if not isinstance(x, _LOCAL):
            if isinstance(x, Call) and x.function in _LOCAL_CALLS and all(a.type.kind != "list" for a in x.args):
                continue
            if isinstance(x, Context) and x.which == "today":
                continue
            return False
        if isinstance(x, Var) and x.name != var:
            return False
        if isinstance(x, In) and not isinstance(x.collection, ListOf):
            return False
    return True


def amount_reads(amount: Expr | None, subject: str | None) -> list[tuple[str, Expr]]:
    """The fields and definitions an amount reads, each once, named as the charter writes them."""
    found: dict[str, Expr] = {}
    for e in amount.walk() if amount is not None else ():
        if isinstance(e, (HouseholdField, DefRef)):
            found.setdefault(e.name, e)
        elif isinstance(e, PersonField) and isinstance(e.person, Var) and e.person.name == subject:
            found.setdefault(f"{subject}.{e.name}", e)
    return list(found.items())


def definition_reads(definitions: Mapping[str, Expr], name: str, seen: frozenset[str] = frozenset()) -> set[str]:
    """What a definition depends on besides the household's fields: `today` (the judged day, a parameter,
    or a definition that cannot be followed, or every person born by then: `ever members`) and `members`
    (the members on the day)."""
    found: set[str] = set()
    for e in definitions[name].walk():
        if isinstance(e, (Context, ParamRef, TableRef)) or isinstance(e, Members) and e.ever:
            found.add("today")
        elif isinstance(e, Members):
            found.add("members")
        elif isinstance(e, DefRef):
            if e.name in seen or e.name not in definitions:
                found.add("today")
            else:
                found |= definition_reads(definitions, e.name, seen | {name})
    return found


MEMBERS = "#members"
"""The name `definitions_needed` gives the household's members born by the judged day."""


def definitions_needed(definitions: Mapping[str, Expr], e: Expr) -> list[str]:
    """The definitions (and MEMBERS) an expression uses, each after those it uses itself."""
    order: list[str] = []

    def visit(expr: Expr) -> None:
        for sub in expr.walk():
            name = sub.name if isinstance(sub, DefRef) else MEMBERS if isinstance(sub, Members) else None
            if name is None or name in order:
                continue
            if name != MEMBERS:
                visit(definitions[name])
            if name not in order:
                order.append(name)

    visit(e)
    return order


def statuses_read(expr: Expr, definitions: Mapping[str, Expr]) -> list[str]:
    """The obligations whose status an expression reads (`breached(o)`…), through the definitions it uses,
    each once, in order of first use."""
    found: list[str] = []
    seen: set[str] = set()
    stack = [expr]
    while stack:
        for e in stack.pop().walk():
            if isinstance(e, Status) and e.obligation not in found:
                found.append(e.obligation)
            elif isinstance(e, DefRef) and e.name not in seen and e.name in definitions:
                seen.add(e.name)
                stack.append(definitions[e.name])
    return found


def obligation_order(charter: Charter) -> tuple[str, ...]:
    """The charter's obligations, each after those whose status it reads (in the charter's order
    otherwise): the order in which they are judged. The checker refuses a cycle; one found here is broken
    where it closes."""
    definitions = {d.name: d.expr for d in charter.definitions}
    reads = {a.id: [o for e in a.expressions() for o in statuses_read(e, definitions)]
             for a in charter.articles if a.kind == "obligation"}
    order: list[str] = []
    state: dict[str, int] = {}  # 1: on the path being explored, 2: done
    for start, first in reads.items():
        path = [(start, iter(first))] if start not in state else []
        state.setdefault(start, 1)
        while path:
            name, following = path[-1]
            after = next(following, None)
            if after is None:
                state[name] = 2
                order.append(name)
                path.pop()
            elif after in reads and after not in state:
                state[after] = 1
                path.append((after, iter(reads[after])))
    return tuple(order)


def obligations_needed(charter: Charter, exprs: Iterable[Expr]) -> tuple[str, ...]:
    """The obligations whose status some expressions need, directly or through the obligations they
    read, in the order they are judged (`obligation_order`)."""
    definitions = {d.name: d.expr for d in charter.definitions}
    obligations = {a.id: a for a in charter.articles if a.kind == "obligation"}
    needed: set[str] = set()
    stack = [o for e in exprs for o in statuses_read(e, definitions)]
    while stack:
        name = stack.pop()
        if name in needed or name not in obligations:
            continue
        needed.add(name)
        stack += [o for e in obligations[name].expressions() for o in statuses_read(e, definitions)]
    return tuple(o for o in obligation_order(charter) if o in needed)


def substitute(body: Expr, arguments: Mapping[str, Expr]) -> Expr:
    """A function's body with each of its parameters (a `Var` of that name) replaced by its argument: what
    a call computes (`Apply.body`). A lambda of the body whose variable an argument uses (`it`, in a call
    inside a `where`) takes a new name, so the argument keeps its own persons. An argument is put in
    each place the body uses it (one value, shared, never copied)."""
    used = {v.name for a in arguments.values() for v in a.walk() if isinstance(v, Var)}
    taken = used | {x.var for x in body.walk() if isinstance(x, Lambda)}
    contexts: list[tuple[dict[str, Expr], dict[str, str]]] = []  # kept, so that their ids stay theirs
    done: dict[tuple[int, int], Expr] = {}

    def fresh(var: str) -> str:
        name = var + "'"
        while name in taken:
            name += "'"
        taken.add(name)
        return name

    def rebuilt(e: Expr, context: tuple[dict[str, Expr], dict[str, str]]) -> Expr:  # one frame a level
        key = (id(e), id(context))
        if key in done:
            return done[key]
        bound, renamed = context
        result: Expr
        if isinstance(e, Var):
            result = attrs.evolve(e, name=renamed[e.name]) if e.name in renamed else bound.get(e.name, e)
        else:
            changes: dict[str, Any] = {}
            if isinstance(e, Lambda):  # its variable hides a parameter (or a renamed one) of that name
                names = {k: v for k, v in renamed.items() if k != e.var}
                if e.var in used:
                    names[e.var] = changes["var"] = fresh(e.var)
                context = ({k: v for k, v in bound.items() if k != e.var}, names)
                contexts.append(context)
            inner = context
            result = e.map_children(lambda child: rebuilt(child, inner), **changes)
        done[key] = result
        return result

    root: tuple[dict[str, Expr], dict[str, str]] = (dict(arguments), {})
    contexts.append(root)
    return rebuilt(body, root)


def recall(expr: Expr, functions: Collection[str], call: Callable[[Apply, tuple[Expr, ...]], Expr]) -> Expr:
    """An expression with each call of the named functions made again by `call`, given the call and its
    arguments (themselves made again first); the calls of other functions keep their arguments but have their
    bodies made again. The same expression when it calls none of them."""
    if not any(isinstance(a, Apply) and a.function in functions
               for e in expr.walk() for a in ([e, *(y for x in e.args for y in x.walk())] if isinstance(e, Apply) else [e])):
        return expr
    done: dict[int, Expr] = {}

    def rebuilt(e: Expr) -> Expr:  # one frame a level
        if id(e) in done:
            return done[id(e)]
        result: Expr
        if isinstance(e, Apply) and e.function in functions:
            result = call(e, tuple(rebuilt(a) for a in e.args))
        else:
            result = e.map_children(rebuilt)
        done[id(e)] = result
        return result

    return rebuilt(expr)


def map_expressions(article: AnyArticle, fn: Callable[[Expr], Expr]) -> AnyArticle:
    """An article with each expression it holds (in its clauses, conditions, schedule and subjects) given by
    `fn`; the same article when none changes."""
    def mapped(value: Any) -> Any:
        if isinstance(value, Expr):
            return fn(value)
        if isinstance(value, tuple):
            new = tuple(mapped(x) for x in value)
            return value if all(a is b for a, b in zip(new, value)) else new
        if isinstance(value, (Condition, Once, PerEvent, Subject)):
            changes = {f.name: new for f in attrs.fields(type(value))
                       if (new := mapped(getattr(value, f.name))) is not getattr(value, f.name)}
            return attrs.evolve(value, **changes) if changes else value
        return value

    changes = {f.name: new for f in attrs.fields(type(article)) if f.name != "span"
               and (new := mapped(getattr(article, f.name))) is not getattr(article, f.name)}
    return attrs.evolve(article, **changes) if changes else article
