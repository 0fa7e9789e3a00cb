"""The checked, typed representation of a charter: the one contract between front and back ends.

Names are resolved (fields, definitions, parameters, bound persons, enum labels), inheritance is
applied (a village charter holds its town's articles too), every expression carries its type.
Spans never take part in equality: a charter spelt with Chinese keywords checks to a value equal to
its English twin.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Literal as L

import attrs

from ..common.source import Span
from ..language.types import EnumDef, Type

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
    """A person bound by `for each`, or `it` inside a collection test."""

    name: str


@attrs.frozen
class Members(Expr):
    """The household's members born on or before the judged day, in birth order."""


@attrs.frozen
class DefRef(Expr):
    """A use of a definition."""

    name: str


@attrs.frozen
class ParamRef(Expr):
    """A use of a parameter: its value in force on the judged day."""

    name: str


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
class Case(Expr):
    """A value chosen by the label of an enumeration; `default` for `else`."""

    subject: Expr
    arms: tuple[tuple[str, Expr], ...]
    default: Expr | None


@attrs.frozen
class ListOf(Expr):
    """A list literal."""

    items: tuple[Expr, ...]


# ------------------------------------------------------------------ declarations


@attrs.frozen
class Field:
    """A household or person field: type, default (None when required) and title."""

    scope: L["household", "person"]
    name: str
    type: Type
    default: Const | None
    title: str | None = attrs.field(eq=False, default=None)
    origin: str = ""
    span: Span | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    @property
    def required(self) -> bool:
        """Whether a record must give the field."""
        return self.default is None and not self.type.optional and self.type.kind != "list"


@attrs.frozen
class Parameter:
    """A parameter: its values with the day each takes effect, earliest first."""

    name: str
    type: Type
    values: tuple[tuple[dt.date | None, Const], ...]
    title: str | None = None
    origin: str = ""
    span: Span | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)


@attrs.frozen
class Definition:
    """A named expression of the household, judged on a day."""

    name: str
    expr: Expr
    title: str | None = None
    origin: str = ""
    span: Span | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)


@attrs.frozen
class Condition:
    """One condition of an article (a conjunct of `when`, an `unless`, a `require`)."""

    expr: Expr
    label: str | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)


Schedule = L["once", "monthly", "yearly", "per_event"]


@attrs.frozen
class Once:
    """Once, on the day an expression gives (no unit when it is missing)."""

    day: Expr


@attrs.frozen
class Monthly:
    """Every month, judged on its first or last day."""

    judged_on: L["first", "last"]


@attrs.frozen
class Yearly:
    """Every year on fixed days (month, day)."""

    days: tuple[tuple[int, int], ...]


@attrs.frozen
class PerEvent:
    """Once per day in a list of days, at most `cap` paid units per calendar year."""

    days: Expr
    cap: int | None


@attrs.frozen
class Subject:
    """`for each VAR in COLLECTION`: one unit (or verdict) per element."""

    var: str
    collection: Expr


@attrs.frozen
class Article:
    """Fields common to every article."""

    id: str
    title: str
    origin: str
    in_force: dt.date
    span: Span | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    @property
    def kind(self) -> str:
        """`benefit`, `obligation`, `eligibility` or `veto`."""
        return type(self).__name__.lower()


@attrs.frozen
class Benefit(Article):
    """Who gets what, when: cash (`amount`) or in kind (`amount` is None)."""

    schedule: Once | Monthly | Yearly | PerEvent = attrs.field(kw_only=True)
    subject: Subject | None = attrs.field(kw_only=True)
    conditions: tuple[Condition, ...] = attrs.field(kw_only=True)
    exceptions: tuple[Condition, ...] = attrs.field(kw_only=True)
    amount: Expr | None = attrs.field(kw_only=True)
    contract: Expr | None = attrs.field(kw_only=True)


@attrs.frozen
class Suspension:
    """Benefits suspended from the first day of breach until the cure day (or for good)."""

    articles: tuple[str, ...]
    until: L["fulfilled", "good"]


@attrs.frozen
class Obligation(Article):
    """Who must do what by when, and what a breach brings."""

    conditions: tuple[Condition, ...] = attrs.field(kw_only=True)
    exceptions: tuple[Condition, ...] = attrs.field(kw_only=True)
    contract: Expr | None = attrs.field(kw_only=True)
    trigger: Expr = attrs.field(kw_only=True)
    within: Expr = attrs.field(kw_only=True)
    fulfilled: Expr = attrs.field(kw_only=True)
    penalty: Expr | None = attrs.field(kw_only=True)
    penalty_within: Expr | None = attrs.field(kw_only=True)
    suspensions: tuple[Suspension, ...] = attrs.field(kw_only=True)


@attrs.frozen
class Eligibility(Article):
    """A predicate on a person (with `subject`) or on the household, with named conditions."""

    subject: Subject | None = attrs.field(kw_only=True)
    requirements: tuple[Condition, ...] = attrs.field(kw_only=True)


@attrs.frozen
class Veto(Article):
    """From the day given, no benefit of this charter or of those extending it (一票否决)."""

    day: Expr = attrs.field(kw_only=True)


AnyArticle = Benefit | Obligation | Eligibility | Veto


@attrs.frozen
class Adoption:
    """The adoption record of a charter."""

    on: dt.date | None
    body: str | None
    present: int | None
    entitled: int | None
    in_favour: int | None


@attrs.frozen
class ExampleExpectation:
    """One expected outcome of an example."""

    kind: str
    target: str | None = None
    amount: Decimal | None = None
    member: str | None = None
    on: dt.date | None = None
    status: str | None = None
    attributes: tuple[tuple[str, dt.date], ...] = ()
    failing: tuple[str, ...] = ()
    span: Span | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)


@attrs.frozen
class Example:
    """A household record (as JSON-ready data), a period and the expected outcomes."""

    name: str
    title: str | None
    period: str | None
    household: dict[str, object] | None = attrs.field(hash=False)
    expectations: tuple[ExampleExpectation, ...]
    origin: str = ""
    span: Span | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)


@attrs.frozen
class Charter:
    """A checked charter with everything it inherits: the input of every back end."""

    id: str
    title: str
    kind: L["charter", "vocabulary"]
    level: str | None
    chain: tuple[str, ...]
    adoption: Adoption | None
    in_force: dt.date | None
    household_fields: tuple[Field, ...]
    person_fields: tuple[Field, ...]
    parameters: tuple[Parameter, ...]
    definitions: tuple[Definition, ...]
    articles: tuple[AnyArticle, ...]
    examples: tuple[Example, ...]
    source: str = attrs.field(default="", eq=False)

    def article(self, article_id: str) -> AnyArticle | None:
        """The article with an id, if any."""
        return next((a for a in self.articles if a.id == article_id), None)

    def field(self, scope: str, name: str) -> Field | None:
        """A declared field by scope and name."""
        fields = self.household_fields if scope == "household" else self.person_fields
        return next((f for f in fields if f.name == name), None)

    def enums(self) -> Iterator[EnumDef]:
        """Every enumeration the charter's fields declare."""
        for f in self.household_fields + self.person_fields:
            t = f.type.element if f.type.kind == "list" else f.type
            if t is not None and t.enum is not None:
                yield t.enum
