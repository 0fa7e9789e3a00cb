"""The syntax tree: frozen nodes, each with the source span it was parsed from.

Spans do not take part in equality, so two spellings of the same charter (English and Chinese
keywords) give equal trees.  Every node declares its children as attrs fields; `children()` walks
them generically.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Literal as L

import attrs

from ..common.source import Span


@attrs.frozen
class Node:
    """Base of every syntax node."""

    span: Span = attrs.field(eq=False, repr=False, kw_only=True)

    def children(self) -> Iterator[Node]:
        """The direct child nodes, in field order."""
        for f in attrs.fields(type(self)):
            value = getattr(self, f.name)
            if isinstance(value, Node):
                yield value
            elif isinstance(value, tuple):
                for item in value:
                    if isinstance(item, Node):
                        yield item

    def walk(self) -> Iterator[Node]:
        """This node and all its descendants, depth first (without recursion: trees may be deep)."""
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(list(node.children())))


# ------------------------------------------------------------------ expressions


@attrs.frozen
class Expr(Node):
    """Base of expression nodes."""


@attrs.frozen
class Name(Expr):
    """A bare name: a field, definition, parameter, bound variable, enum label or collection."""

    name: str


@attrs.frozen
class Literal(Expr):
    """A literal bool, integer, decimal, text or date."""

    kind: L["bool", "int", "decimal", "text", "date"]
    value: bool | int | Decimal | str | dt.date | None


@attrs.frozen
class Money(Expr):
    """An amount in yuan (`200 yuan`, `200 元`)."""

    amount: Decimal


@attrs.frozen
class Duration(Expr):
    """A length of time (`6 months`, `6 个月`)."""

    count: int
    unit: L["days", "months", "years"]


@attrs.frozen
class Special(Expr):
    """A value given by the evaluation context: the judged day, the unit's first or last day, `it`, every
    person born by the judged day (`ever members`)."""

    kind: L["today", "unit_start", "unit_end", "it", "ever_members"]


@attrs.frozen
class Negate(Expr):
    """Arithmetic negation."""

    operand: Expr


@attrs.frozen
class Binary(Expr):
    """An arithmetic, comparison or logical operator with two operands."""

    op: str
    left: Expr
    right: Expr


@attrs.frozen
class Not(Expr):
    """Logical negation."""

    operand: Expr


@attrs.frozen
class IfElse(Expr):
    """`if C then A else B`."""

    condition: Expr
    then: Expr
    otherwise: Expr


@attrs.frozen
class Where(Expr):
    """`collection where predicate`: the elements for which the predicate holds."""

    collection: Expr
    predicate: Expr


@attrs.frozen
class MemberOf(Expr):
    """`value in collection` (a set of labels or a list)."""

    value: Expr
    collection: Expr


@attrs.frozen
class Between(Expr):
    """`value between low and high`, both ends included."""

    value: Expr
    low: Expr
    high: Expr


@attrs.frozen
class IsSet(Expr):
    """`value is set` or (negated) `value is missing`."""

    value: Expr
    negated: bool


@attrs.frozen
class Call(Expr):
    """A call of a built-in function (`count(children)`)."""

    function: str
    args: tuple[Expr, ...]
    function_span: Span = attrs.field(eq=False, repr=False, kw_only=True)


@attrs.frozen
class Lookup(Expr):
    """A cell of a table read by its keys (`special_rate[situation, area]`)."""

    name: str
    keys: tuple[Expr, ...]
    name_span: Span = attrs.field(eq=False, repr=False, kw_only=True)


@attrs.frozen
class Attribute(Expr):
    """`person.field`, or `persons.field` for the list of that field's values."""

    obj: Expr
    name: str
    name_span: Span = attrs.field(eq=False, repr=False, kw_only=True)


@attrs.frozen
class AgeOf(Expr):
    """`age of P` (on the judged day) or `age of P on D`: completed years."""

    person: Expr
    on: Expr | None


@attrs.frozen
class SetLiteral(Expr):
    """`{a, b, c}`."""

    items: tuple[Expr, ...]


@attrs.frozen
class ListLiteral(Expr):
    """`[a, b, c]`."""

    items: tuple[Expr, ...]


@attrs.frozen
class CaseArm(Node):
    """One arm of a `case`: a label (`true` / `false` for a case on a bool; None for `else`) and its value."""

    label: str | None
    value: Expr


@attrs.frozen
class Case(Expr):
    """`case subject {label: value, ..., else: value}`."""

    subject: Expr
    arms: tuple[CaseArm, ...]


# ------------------------------------------------------------------ types and fields


@attrs.frozen
class TypeExpr(Node):
    """Base of written types."""


@attrs.frozen
class NamedType(TypeExpr):
    """A type by name: `date`, `money`, `日期` ..."""

    name: str


@attrs.frozen
class OptionalType(TypeExpr):
    """`optional T`: a value that may be missing."""

    inner: TypeExpr


@attrs.frozen
class ListType(TypeExpr):
    """`list of T`."""

    inner: TypeExpr


@attrs.frozen
class EnumLabel(Node):
    """One label of an enumeration, with an optional display title."""

    name: str
    title: str | None


@attrs.frozen
class EnumType(TypeExpr):
    """`enum {a, b}` or `ordered enum {low, high}`."""

    ordered: bool
    labels: tuple[EnumLabel, ...]


@attrs.frozen
class FieldDecl(Node):
    """A household or person field the charter reads."""

    scope: L["household", "person"]
    name: str
    type: TypeExpr
    default: Expr | None
    title: str | None


# ------------------------------------------------------------------ declarations


@attrs.frozen
class Decl(Node):
    """Base of top-level declarations."""


@attrs.frozen
class Adoption(Node):
    """The adoption record: day, body, attendance and votes."""

    on: dt.date | None
    body: str | None
    present: int | None
    entitled: int | None
    in_favour: int | None


@attrs.frozen
class Header(Decl):
    """`charter ID "title"` with its indented header lines."""

    id: str
    title: str
    level: L["national", "province", "city", "county", "town", "village"] | None
    extends: str | None
    uses: tuple[str, ...]
    adopted: Adoption | None
    in_force: dt.date | None
    lines: tuple[Node, ...] = attrs.field(eq=False, repr=False)


@attrs.frozen
class HeaderLine(Node):
    """One header line, kept for its span (duplicate detection)."""

    keyword: str
    value: str


@attrs.frozen
class VocabularyHeader(Decl):
    """`vocabulary ID "title"`: a file of shared field declarations."""

    id: str
    title: str


@attrs.frozen
class Fields(Decl):
    """A block of field declarations."""

    scope: L["household", "person"]
    fields: tuple[FieldDecl, ...]


@attrs.frozen
class ParamValue(Node):
    """One value of a parameter and the day it takes effect (None: from the start)."""

    value: Expr
    start: dt.date | None


@attrs.frozen
class TableKey(Node):
    """One key of a cell of a table: a label, or a truth value."""

    value: str | bool


@attrs.frozen
class TableCell(Node):
    """One cell of a table: its keys, one for each dimension, and its value."""

    keys: tuple[TableKey, ...]
    value: Expr


@attrs.frozen
class TableBlock(Node):
    """The cells of a table from a day on (None: cells written without `from`)."""

    start: dt.date | None
    cells: tuple[TableCell, ...]
    head: Span = attrs.field(eq=False, repr=False, kw_only=True)
    """Where the block starts: its `from DAY`, or its first cell."""


@attrs.frozen
class Dimension(Node):
    """A dimension of a table (`per situation, area`): the field or definition whose values key it."""

    name: str


@attrs.frozen
class Parameter(Decl):
    """A named value that may change on given days; with dimensions, a table of them keyed by labels."""

    name: str
    title: str | None
    values: tuple[ParamValue, ...]
    override: bool
    dimensions: tuple[Dimension, ...] = ()
    blocks: tuple[TableBlock, ...] = ()


@attrs.frozen
class Formal(Node):
    """A parameter of a function: its name and, when given, its type (`person`, `integer`, a field's or a
    category's name for its labels; `list of person`)."""

    name: str
    type: str | None
    list: bool = False
    type_span: Span | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)


@attrs.frozen
class Definition(Decl):
    """A named expression; with parameters, a function (`define 年满(p, n) = 周岁 p >= n`)."""

    name: str
    title: str | None
    expr: Expr
    override: bool
    params: tuple[Formal, ...] = ()


@attrs.frozen
class Repeal(Decl):
    """`repeal ID`: an inherited article, parameter or definition no longer applies."""

    name: str


# ------------------------------------------------------------------ article clauses


@attrs.frozen
class Clause(Node):
    """Base of article clauses."""


@attrs.frozen
class Once(Clause):
    """`once on DAY`."""

    day: Expr


@attrs.frozen
class Monthly(Clause):
    """`every month on first day | last day`."""

    judged_on: L["first", "last"]


@attrs.frozen
class Yearly(Clause):
    """`every year on MM-DD, MM-DD`."""

    days: tuple[tuple[int, int], ...]


@attrs.frozen
class PerEvent(Clause):
    """`on each of DAYS [at most N per year]`."""

    days: Expr
    cap: int | None


@attrs.frozen
class ForEach(Clause):
    """`for each NAME in COLLECTION`: one unit per element."""

    var: str
    collection: Expr


@attrs.frozen
class When(Clause):
    """`when CONDITION`."""

    condition: Expr


@attrs.frozen
class Unless(Clause):
    """`unless CONDITION`: an exception."""

    condition: Expr


@attrs.frozen
class Pay(Clause):
    """`pay AMOUNT`."""

    amount: Expr


@attrs.frozen
class Grant(Clause):
    """`grant [costing AMOUNT]`: an in-kind entitlement, with what each unit costs when the charter says."""

    cost: Expr | None = None


@attrs.frozen
class Payer(Node):
    """Who bears a share of a cost: a level (`province`, 省 …) or the household (`household`, 户), as
    written; an unknown name is the checker's to report."""

    name: str


@attrs.frozen
class Share(Node):
    """`PAYER AMOUNT`: a payer's share of a cost (in a takeover, the amount may be left out: the whole share)."""

    payer: Payer
    amount: Expr | None


@attrs.frozen
class Takeover(Node):
    """`when CONDITION: PAYER taken over by PAYER AMOUNT, …`: a payer's share borne by others when the
    condition holds on the unit's day."""

    condition: Expr
    payer: Payer
    takers: tuple[Share, ...]


@attrs.frozen
class CostShared(Clause):
    """`cost shared:` and its lines: each payer's share of the cost, then the takeovers."""

    shares: tuple[Share, ...]
    takeovers: tuple[Takeover, ...]


@attrs.frozen
class Contract(Clause):
    """`contract signed on DAY`: applies only to households that signed in time."""

    signed_on: Expr


@attrs.frozen
class Trigger(Clause):
    """`triggered on DAY`: the event that starts an obligation."""

    day: Expr


@attrs.frozen
class Within(Clause):
    """`within DURATION`: the deadline after the trigger."""

    duration: Expr


@attrs.frozen
class Fulfilled(Clause):
    """`fulfilled on DAY`: the day of the act that fulfils the obligation (missing: not done)."""

    day: Expr


@attrs.frozen
class Penalty(Clause):
    """`penalty AMOUNT [within DURATION]`: 违约金, due on the first day of breach (plus DURATION)."""

    amount: Expr
    within: Expr | None


@attrs.frozen
class LateUnit(Node):
    """The delay a late penalty accrues by: `day`, `7 days`, `month` (每逾期 1 日); `count` None when it is
    not written (one)."""

    count: int | None
    unit: L["days", "months", "years"]


@attrs.frozen
class LatePenalty(Clause):
    """`penalty AMOUNT per DELAY late, at most CAP` (违约金 每逾期 DELAY AMOUNT，至多 CAP): a penalty accrued
    for each delay of breach, capped (`cap` None when it is not written)."""

    amount: Expr
    delay: LateUnit
    cap: Expr | None


@attrs.frozen
class NameRef(Node):
    """A name written in a list (suspended articles, failed conditions)."""

    name: str


@attrs.frozen
class Suspend(Clause):
    """`suspend A, B until fulfilled | for good`."""

    articles: tuple[NameRef, ...]
    until: L["fulfilled", "good"]


@attrs.frozen
class OnBreach(Clause):
    """`on breach:` and its penalty and suspension lines."""

    items: tuple[Clause, ...]


@attrs.frozen
class Require(Clause):
    """`require [LABEL:] CONDITION` in an eligibility."""

    label: str | None
    condition: Expr


@attrs.frozen
class VetoFrom(Clause):
    """`from DAY` in a veto: every benefit stops from that day."""

    day: Expr


@attrs.frozen
class Article(Decl):
    """A benefit, obligation, eligibility or veto, with its id, display title and clauses."""

    kind: L["benefit", "obligation", "eligibility", "veto"]
    id: str
    title: str
    override: bool
    clauses: tuple[Clause, ...]


# ------------------------------------------------------------------ examples


@attrs.frozen
class Value(Node):
    """A literal value in an example household."""

    value: object


@attrs.frozen
class Assignment(Node):
    """`field = value` in an example household."""

    name: str
    value: Value


@attrs.frozen
class ExamplePerson(Node):
    """`person "ID": field = value, ...`."""

    id: str
    assignments: tuple[Assignment, ...]


@attrs.frozen
class ExampleHousehold(Node):
    """`household "ID": field = value, ...` with its persons."""

    id: str
    assignments: tuple[Assignment, ...]
    persons: tuple[ExamplePerson, ...]


@attrs.frozen
class Expectation(Node):
    """One `expect` line of an example."""

    kind: L["cash", "total", "in_kind", "penalty", "nothing", "obligation", "eligible", "ineligible", "cost"]
    target: str | None = None
    amount: Expr | None = None
    member: str | None = None
    on: dt.date | None = None
    status: str | None = None
    instance: str | dt.date | None = None
    """With `expect obligation`, the instance expected: a person's id or a day (None: the obligation)."""
    attributes: tuple[tuple[str, dt.date], ...] = ()
    failing: tuple[str, ...] = ()
    payer: Payer | None = None
    """Of `expect cost`: who bears the amount."""


@attrs.frozen
class Example(Decl):
    """An example: a household, a period and the expected outcome."""

    name: str
    title: str | None
    period: str | None
    household: ExampleHousehold | None
    expectations: tuple[Expectation, ...]


@attrs.frozen
class Module(Node):
    """One parsed charter file."""

    items: tuple[Decl, ...]
