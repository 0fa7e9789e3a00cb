"""The typed expressions of the IR: each node declares its children (its fields other than `type` and
`span`), carries its type, and its span where the charter wrote it. Spans never take part in equality."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any
from typing import Literal as L

import attrs

from ..common.source import Span
from ..language.types import Type

# ------------------------------------------------------------------ expressions


@attrs.frozen
class Expr:
    """Base of typed expressions."""

    type: Type
    span: Span | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    def children(self) -> Iterator[Expr]:
        """The direct sub-expressions."""
        for name in _child_fields(type(self)):
            value = getattr(self, name)
            if isinstance(value, Expr):
                yield value
            elif isinstance(value, tuple):
                for item in value:
                    if isinstance(item, Expr):
                        yield item
                    elif isinstance(item, tuple):
                        yield from (x for x in item if isinstance(x, Expr))

    def map_children(self, fn: Callable[[Expr], Expr], **changes: Any) -> Expr:
        """This expression with each expression its fields hold (in tuples too, and the arguments of a call
        beside its body) given by `fn`, and `changes` besides; itself when nothing changes."""
        for name in _child_fields(type(self)):
            value = getattr(self, name)
            new: Any = value
            if isinstance(value, Expr):
                new = fn(value)
            elif isinstance(value, tuple):
                items = tuple(fn(x) if isinstance(x, Expr) else
                              tuple(fn(y) if isinstance(y, Expr) else y for y in x) if isinstance(x, tuple) else x
                              for x in value)
                new = items if _moved(items, value) else value
            if new is not value:
                changes[name] = new
        return attrs.evolve(self, **changes) if changes else self

    def walk(self) -> Iterator[Expr]:
        """This expression and all below it, depth first, parents before their children."""
        stack: list[Expr] = [self]
        while stack:
            expr = stack.pop()
            yield expr
            children = list(expr.children())
            children.reverse()
            stack += children


_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


def _child_fields(cls: type) -> tuple[str, ...]:
    """The fields of an expression class that may hold sub-expressions (not its type or span)."""
    names = _CHILD_FIELDS.get(cls)
    if names is None:
        names = _CHILD_FIELDS[cls] = tuple(f.name for f in attrs.fields(cls) if f.name not in ("type", "span"))
    return names


def _moved(new: tuple[Any, ...], old: tuple[Any, ...]) -> bool:
    """Whether a rebuilt tuple of a node's children holds another expression than the old one somewhere."""
    return any(a is not b for a, b in zip(_flat(new), _flat(old), strict=True))


def _flat(value: Any) -> list[Any]:
    """The expressions a value holds, in order."""
    if isinstance(value, Expr):
        return [value]
    if isinstance(value, tuple):
        return [y for x in value for y in _flat(x)]
    return []


Value = bool | int | Decimal | str | dt.date | tuple[object, ...] | None


@attrs.frozen
class Const(Expr):
    """A constant value (money and decimals as Decimal, dates as date, labels as str)."""

    value: Value


@attrs.frozen
class HouseholdField(Expr):
    """A field of the household being evaluated."""

    name: str


@attrs.frozen
class PersonField(Expr):
    """A field of a person."""

    person: Expr
    name: str


@attrs.frozen
class Var(Expr):
    """A person bound by `for each`, `it` inside a collection test, or a parameter of a function in its body
    (of any type; `Apply` holds the body with the arguments in their place)."""

    name: str


@attrs.frozen
class Members(Expr):
    """The household's members on the judged day, in birth order: born on or before it and neither dead
    nor gone by then; `ever`: every person born on or before it (`ever members`)."""

    ever: bool = False


@attrs.frozen
class DefRef(Expr):
    """A use of a definition."""

    name: str


@attrs.frozen
class ParamRef(Expr):
    """A use of a parameter: its value in force on the judged day."""

    name: str


@attrs.frozen
class TableRef(Expr):
    """A cell of a table parameter read by its keys: its value in force on the judged day (missing when a
    key is)."""

    name: str
    keys: tuple[Expr, ...]


@attrs.frozen
class Context(Expr):
    """The judged day, or the first or last day of the unit being judged."""

    which: L["today", "unit_start", "unit_end"]


@attrs.frozen
class Arith(Expr):
    """`+ - * /` on numbers, money, dates and durations."""

    op: str
    left: Expr
    right: Expr


@attrs.frozen
class Negate(Expr):
    """Arithmetic negation."""

    operand: Expr


@attrs.frozen
class Compare(Expr):
    """`= != < <= > >=` (ordered enums compare by their order)."""

    op: str
    left: Expr
    right: Expr


@attrs.frozen
class And(Expr):
    """Logical and (three-valued: missing is unknown)."""

    left: Expr
    right: Expr


@attrs.frozen
class Or(Expr):
    """Logical or (three-valued)."""

    left: Expr
    right: Expr


@attrs.frozen
class Not(Expr):
    """Logical not (three-valued)."""

    operand: Expr


@attrs.frozen
class If(Expr):
    """`if C then A else B`."""

    condition: Expr
    then: Expr
    otherwise: Expr


@attrs.frozen
class In(Expr):
    """Membership of a value in a set of labels or constants, or in a list."""

    value: Expr
    collection: Expr


@attrs.frozen
class Between(Expr):
    """`low <= value <= high`."""

    value: Expr
    low: Expr
    high: Expr


@attrs.frozen
class IsSet(Expr):
    """Whether an optional value is present (or, negated, missing)."""

    value: Expr
    negated: bool


@attrs.frozen
class Lambda(Expr):
    """A predicate or projection over the elements of a list, with the element bound to `var`."""

    var: str
    body: Expr


@attrs.frozen
class Call(Expr):
    """A built-in function: count, sum, min, max, any, all, earliest, latest, the, nth, filter,
    map, birthday, age."""

    function: str
    args: tuple[Expr, ...]


@attrs.frozen
class Apply(Expr):
    """A call of a function of the charter (`年满(wife, 49)`): its arguments as written, and `body`, what it
    computes, the function's body checked for the arguments' types with each parameter replaced by its
    argument. The body is its one child, so every analysis and every evaluator sees what the call computes
    (an argument is computed where the body uses it, as often as it does); the printer writes the call."""

    function: str
    args: tuple[Expr, ...]
    body: Expr

    def children(self) -> Iterator[Expr]:
        """The body (the arguments are in it, where it uses them)."""
        yield self.body


@attrs.frozen
class Case(Expr):
    """A value chosen by the label of an enumeration (or by a bool: the arms' labels are then True and
    False); `default` for `else`."""

    subject: Expr
    arms: tuple[tuple[str | bool, Expr], ...]
    default: Expr | None


@attrs.frozen
class ListOf(Expr):
    """A list literal."""

    items: tuple[Expr, ...]


@attrs.frozen
class Status(Expr):
    """Whether an obligation of the household is in a status on the judged day `on` (as it stands judged
    for the period): `breached` (in breach that day: breached and not yet cured), `fulfilled` or `pending`;
    a `breached` with a `window` asks whether it was in breach on some day of a span ending that day, the
    span of a duration's length (`12 months`) or from a day on. The obligation is named by its id."""

    test: L["breached", "fulfilled", "pending"]
    obligation: str
    on: Expr
    window: Expr | None = None
