"""The declarations of the IR: fields, parameters, definitions, the articles of each kind and the checked
charter that holds them. Each article declares the expressions it holds (`expressions`), in one order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Literal as L

import attrs

from ..common.source import Span
from ..language.types import EnumDef, Type
from ._nodes import Const, Expr


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


Dated = tuple[tuple[dt.date | None, Const], ...]
"""Values, each with the day it takes effect (None: from the start), earliest first."""


@attrs.frozen
class Dimension:
    """A dimension of a table: the field or definition named, and the type of its keys (an enumeration or
    a truth value, never missing)."""

    name: str
    type: Type

    @property
    def keys(self) -> tuple[str | bool, ...]:
        """Every key of the dimension, in order: the enumeration's labels, or true and false."""
        if self.type.enum is not None:
            return self.type.enum.labels
        return (True, False)


@attrs.frozen
class Cell:
    """A cell of a table: its keys (one for each dimension) and its values, each from a day."""

    keys: tuple[str | bool, ...]
    values: Dated


@attrs.frozen
class Parameter:
    """A parameter: its values with the day each takes effect, earliest first; or, with dimensions, a table
    of such values with a cell for every combination of the dimensions' keys (`values` is then empty)."""

    name: str
    type: Type
    values: Dated
    title: str | None = None
    origin: str = ""
    dimensions: tuple[Dimension, ...] = ()
    cells: tuple[Cell, ...] = ()
    span: Span | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    @property
    def table(self) -> bool:
        """Whether the parameter is a table read by keys."""
        return bool(self.dimensions)

    def cell(self, keys: tuple[str | bool, ...]) -> Cell | None:
        """The cell of some keys, if the table has it."""
        return next((c for c in self.cells if c.keys == keys), None)


@attrs.frozen
class Definition:
    """A named expression of the household, judged on a day."""

    name: str
    expr: Expr
    title: str | None = None
    origin: str = ""
    span: Span | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    @property
    def category(self) -> EnumDef | None:
        """The enumeration the definition makes when it is a category (`define situation = if child_died then
        death else disability`): named after it, its labels the bare names its arms give; else None."""
        t = self.expr.type
        return t.enum if t.kind == "enum" and t.enum is not None and t.enum.name == self.name else None


@attrs.frozen
class Formal:
    """A parameter of a function: its name, and its type when the charter gives one (else each call's
    argument gives it)."""

    name: str
    type: Type | None = None


@attrs.frozen
class Function:
    """A definition with parameters (`define 年满(p: person, n: integer) = age of p >= n`): its body is checked
    for the types of the arguments of each call, and a call (`Apply`) holds the body for its arguments.
    `body` is the body checked with the types the charter gives (a parameter without one as of no type);
    `instances` the types of the arguments it was called with, each with the body checked for them."""

    name: str
    params: tuple[Formal, ...]
    body: Expr
    title: str | None = None
    origin: str = ""
    instances: tuple[tuple[tuple[Type, ...], Expr], ...] = ()
    span: Span | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    syntax: object = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    """The body as written (a syntax node), so that a charter extending this one checks it for the
    arguments of its own calls."""


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
    """`for each VAR in COLLECTION`: one unit (or verdict, or obligation instance) per element."""

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
    granted_by: str = attrs.field(default="", kw_only=True)
    """For an override of a state level's benefit, that level's charter: the benefit stays its grant, which
    no charter below may cut ("" otherwise)."""

    @property
    def kind(self) -> str:
        """`benefit`, `obligation`, `eligibility` or `veto`."""
        return type(self).__name__.lower()

    def expressions(self) -> Iterator[Expr]:
        """Every expression the article holds, in the order of its clauses."""
        raise NotImplementedError  # pragma: no cover - every kind says its own


@attrs.frozen
class Share:
    """A payer's share of a cost (`payer` one of `PAYERS`); `amount` None: the whole of what is shared (the
    cost, or in a takeover the share taken over)."""

    payer: str
    amount: Expr | None
    span: Span | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)


@attrs.frozen
class Takeover:
    """A payer's share borne by others (`takers`) for a unit whose day finds the condition true."""

    condition: Condition
    payer: str
    takers: tuple[Share, ...]
    span: Span | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)


@attrs.frozen
class CostSplit:
    """Who bears the cost of each unit paid: the shares (adding up to the cost), then the takeovers, each
    payer's first whose condition holds moving its written share to others."""

    shares: tuple[Share, ...]
    takeovers: tuple[Takeover, ...] = ()
    written: bool = True
    """Whether the charter writes the split (`cost shared:`); else the whole cost falls on the level of the
    charter that writes the article."""
    span: Span | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    def expressions(self) -> Iterator[Expr]:
        """The shares' amounts, then each takeover's condition and amounts, in the order written."""
        yield from (s.amount for s in self.shares if s.amount is not None)
        for t in self.takeovers:
            yield t.condition.expr
            yield from (s.amount for s in t.takers if s.amount is not None)

    def payers(self) -> tuple[str, ...]:
        """Everyone who may bear a part of the cost, in the order of `PAYERS`."""
        named = {s.payer for s in self.shares} | {s.payer for t in self.takeovers for s in t.takers}
        return tuple(p for p in PAYERS if p in named)


@attrs.frozen
class Benefit(Article):
    """Who gets what, when: cash (`amount`) or in kind (`amount` is None); with `split`, who bears the cost
    of each unit paid (the amount of cash, the `cost` of a grant in kind)."""

    schedule: Once | Monthly | Yearly | PerEvent = attrs.field(kw_only=True)
    subject: Subject | None = attrs.field(kw_only=True)
    conditions: tuple[Condition, ...] = attrs.field(kw_only=True)
    exceptions: tuple[Condition, ...] = attrs.field(kw_only=True)
    amount: Expr | None = attrs.field(kw_only=True)
    contract: Expr | None = attrs.field(kw_only=True)
    cost: Expr | None = attrs.field(default=None, kw_only=True)
    """What each unit of a grant in kind costs (`grant costing AMOUNT`)."""
    split: CostSplit | None = attrs.field(default=None, kw_only=True)

    def expressions(self) -> Iterator[Expr]:
        """The day or days of its schedule, its conditions and exceptions, amount, contract, subjects, and
        its cost and the split of it."""
        if isinstance(self.schedule, Once):
            yield self.schedule.day
        if isinstance(self.schedule, PerEvent):
            yield self.schedule.days
        yield from (c.expr for c in self.conditions + self.exceptions)
        yield from (e for e in (self.amount, self.contract) if e is not None)
        if self.subject:
            yield self.subject.collection
        if self.cost is not None:
            yield self.cost
        if self.split is not None:
            yield from self.split.expressions()

    @property
    def costed(self) -> bool:
        """Whether the benefit says who bears the cost of its units."""
        return self.split is not None


LEVELS: tuple[str, ...] = ("national", "province", "city", "county", "town", "village")
"""The levels rules come from, highest first: a village charter stands on all of them."""

PAYERS: tuple[str, ...] = (*LEVELS, "household")
"""Who may bear a share of a benefit's cost, in the order results list them: the levels, then the household."""

PAYER_KEYWORDS: dict[str, str] = {"national": "NATIONAL", "province": "PROVINCE", "city": "CITY", "county": "COUNTY",
                                  "town": "TOWN", "village": "VILLAGE", "household": "HOUSEHOLD"}
"""The keyword (its terminal) that names each payer in a charter."""

STATE_LEVELS: frozenset[str] = frozenset({"national", "province", "city", "county"})
"""The levels of the state: what their charters grant, a lower charter may add to but not repeal, cut,
suspend or veto."""


@attrs.frozen
class Gate:
    """One test a unit of a benefit must pass to be paid; a unit that fails it is given its name as reason."""

    name: str
    doc: str


BENEFIT_GATES: tuple[Gate, ...] = (
    Gate("not_in_force", "the unit's day is on or after the day the article is in force"),
    Gate("vetoed", "no veto over the article applies from the unit's day or before"),
    Gate("no_contract", "the contract the article names was signed by the unit's day"),
    Gate("condition_false", "every `when` condition is true on the unit's day, in order"),
    Gate("exception", "no `unless` exception is true on the unit's day, in order"),
    Gate("suspended", "no breached obligation suspends the article on the unit's day"),
    Gate("amount_unknown", "the amount can be computed (in-kind grants have none to compute)"),
)
"""The gates of a unit of a benefit, in the order every engine judges them: the first a unit fails is its
reason; a unit that passes them all is `paid` (and a `per_event` unit past its yearly cap, `cap_reached`).
The household evaluator (explained and fast paths) and the SQL plan each judge every gate, by name."""


@attrs.frozen
class Suspension:
    """Benefits suspended from the first day of breach until the cure day (or for good)."""

    articles: tuple[str, ...]
    until: L["fulfilled", "good"]


@attrs.frozen
class LatePenalty:
    """A penalty accrued for each delay of breach (`every` days or months: a day of breach, or a completed
    month), `rate` each, capped at `cap` in all (rate and cap judged on the first day of breach)."""

    rate: Expr
    every: int
    unit: L["day", "month"]
    cap: Expr


@attrs.frozen
class Obligation(Article):
    """Who must do what by when, and what a breach brings; with `subject`, one instance of it for each
    person or day of a list (`for each`), each with its own trigger, deadline, status and penalty."""

    conditions: tuple[Condition, ...] = attrs.field(kw_only=True)
    exceptions: tuple[Condition, ...] = attrs.field(kw_only=True)
    contract: Expr | None = attrs.field(kw_only=True)
    trigger: Expr = attrs.field(kw_only=True)
    within: Expr = attrs.field(kw_only=True)
    fulfilled: Expr = attrs.field(kw_only=True)
    penalty: Expr | None = attrs.field(kw_only=True)
    penalty_within: Expr | None = attrs.field(kw_only=True)
    suspensions: tuple[Suspension, ...] = attrs.field(kw_only=True)
    late: LatePenalty | None = attrs.field(default=None, kw_only=True)
    """The penalty per delay, instead of the one-off `penalty`."""
    subject: Subject | None = attrs.field(default=None, kw_only=True)
    """`for each VAR in LIST`: a list of persons (an instance per person) or of days (one per day)."""

    @property
    def per_day(self) -> bool:
        """Whether its instances are the days of a list (not persons)."""
        return self.subject is not None and self.subject.collection.type.element is not None \
            and self.subject.collection.type.element.kind == "date"

    def expressions(self) -> Iterator[Expr]:
        """Its conditions and exceptions, contract, trigger, time allowed, fulfilment and penalty (one-off
        or per delay), and its subjects."""
        yield from (c.expr for c in self.conditions + self.exceptions)
        yield from (e for e in (self.contract, self.trigger, self.within, self.fulfilled, self.penalty,
                                self.penalty_within) if e is not None)
        if self.late is not None:
            yield from (self.late.rate, self.late.cap)
        if self.subject is not None:
            yield self.subject.collection


@attrs.frozen
class Eligibility(Article):
    """A predicate on a person (with `subject`) or on the household, with named conditions."""

    subject: Subject | None = attrs.field(kw_only=True)
    requirements: tuple[Condition, ...] = attrs.field(kw_only=True)

    def expressions(self) -> Iterator[Expr]:
        """Its requirements, then its subjects."""
        yield from (c.expr for c in self.requirements)
        if self.subject:
            yield self.subject.collection


@attrs.frozen
class Veto(Article):
    """From the day given, no benefit of this charter or of those extending it (一票否决)."""

    day: Expr = attrs.field(kw_only=True)

    def expressions(self) -> Iterator[Expr]:
        """The day it applies from."""
        yield self.day


AnyArticle = Benefit | Obligation | Eligibility | Veto


@attrs.frozen
class Adoption:
    """The adoption record of a charter."""

    on: dt.date | None
    body: str | None
    present: int | None
    entitled: int | None
    in_favour: int | None
    span: Span | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)


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
    payer: str | None = None
    """Of an expected cost (`cost`): who bears it."""
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
    levels: tuple[tuple[str, str | None], ...] = attrs.field(default=(), eq=False)
    """Each charter of the chain, with its level (None where it states none)."""
    functions: tuple[Function, ...] = ()
    """The functions in force (definitions with parameters), inherited ones included."""

    @property
    def costed(self) -> bool:
        """Whether some benefit says who bears its cost (its results then say what each payer bears)."""
        return any(isinstance(a, Benefit) and a.costed for a in self.articles)

    def level_of(self, charter_id: str) -> str | None:
        """The level of a charter of the chain (None where it states none)."""
        return dict(self.levels).get(charter_id)

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
