"""Builds syntax nodes from Lark's parse tree, validating literals on the way."""

from __future__ import annotations

import datetime as dt
from contextvars import ContextVar
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, cast

from lark import Token, Transformer, Tree
from lark.tree import Meta

from ..common.diagnostics import Diagnostic
from ..common.source import SourceFile, Span
from . import nodes as n

_LEVELS = {"NATIONAL": "national", "PROVINCE": "province", "CITY": "city", "COUNTY": "county",
           "TOWN": "town", "VILLAGE": "village"}
_PAYERS = {**_LEVELS, "HOUSEHOLD": "household"}
"""The payers of a cost the keywords name, by terminal; a payer written as a name keeps its spelling."""
_OPS = {"≠": "!=", "≤": "<=", "≥": ">=", "＝": "=", "×": "*", "÷": "/"}


def _date_problem(text: str) -> str | None:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        year, month, day = (int(p) for p in text.split("-"))
        if year == 0:
            return "there is no year 0 (the calendar runs from 0001-01-01 to 9999-12-31)"
        if not 1 <= month <= 12:
            return f"month {month} does not exist"
        return f"{_MONTH_NAMES[month - 1]} {year} has no day {day}"
    return None


_MONTH_NAMES = (
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
)


INT_MAX = 2**63 - 1
"""The largest whole number (64-bit, as in SQL's BIGINT); a literal is never negative (`-` is an operator)."""
MONEY_DIGITS = 16
"""Digits before the point of an amount of money (SQL DECIMAL(18,2))."""
DECIMAL_DIGITS = (28, 10)
"""Digits before and after the point of a decimal number (SQL DECIMAL(38,10))."""
DURATION_MAX = {"days": 3_652_058, "months": 119_987, "years": 9_998}
"""The longest durations: from 0001-01-01 to 9999-12-31; any day moved by more is off the calendar."""


def _number_problem(text: str, kind: str) -> str | None:
    """Why a literal number is out of the range of its kind (`int`, `decimal`, `money`), or None.

    The digits are counted before anything converts them (Python refuses to convert whole numbers
    of more than 4300 digits).
    """
    whole, _, fraction = text.partition(".")
    whole = whole.lstrip("0")
    if kind == "int":
        if len(whole) > 19 or int(whole or "0") > INT_MAX:
            return f"`{_short(text)}` is larger than the largest whole number, {INT_MAX}"
        return None
    before = MONEY_DIGITS if kind == "money" else DECIMAL_DIGITS[0]
    if len(whole) > before:
        what = "an amount of money holds" if kind == "money" else "a number holds"
        return f"`{_short(text)}` has {len(whole)} digits before the point, but {what} at most {before}"
    if kind == "decimal" and len(fraction.rstrip("0")) > DECIMAL_DIGITS[1]:
        return (f"`{_short(text)}` has {len(fraction.rstrip('0'))} digits after the point, but a number "
                f"holds at most {DECIMAL_DIGITS[1]}")
    return None


def _short(text: str) -> str:
    """A long literal shown by its ends."""
    return text if len(text) <= 40 else f"{text[:16]}…{text[-16:]} ({len(text)} characters)"


class ParseState:
    """What one parse collects: its source, literal diagnostics, and the keyword tokens seen."""

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.diagnostics: list[Diagnostic] = []
        self.keywords: list[Token] = []


CURRENT: ContextVar[ParseState] = ContextVar("charterlib_parse_state")
"""The parse under way in this thread or task (the Lark parser itself is shared)."""


class _Extent:
    """The span a rule covers, from its children (Lark gives no `meta` inside the parser).

    Children come in source order, so the first positioned child gives the start and the last
    one the end; a rule with no positioned child gets the empty span at the file's start.
    """

    __slots__ = ("span",)

    def __init__(self, children: list[Any]) -> None:
        source = CURRENT.get().source
        # the usual case first: a token or a node at each end
        first = children[0] if children else None
        if isinstance(first, n.Node):
            start: int | None = first.span.start
        elif isinstance(first, Token) and first.start_pos is not None:
            start = first.start_pos
        else:
            start = _edge(children, first=True)
        if start is None:
            self.span = Span(source, 0, 0)
            return
        last = children[-1]
        if isinstance(last, n.Node):
            end: int | None = last.span.end
        elif isinstance(last, Token) and last.start_pos is not None and last.end_pos is not None:
            end = last.end_pos
        else:
            end = _edge(children, first=False)
        self.span = Span(source, start, end if end is not None and end > start else start)


def _edge(items: Any, first: bool) -> int | None:
    for item in items if first else reversed(items):
        if isinstance(item, Token):
            if item.start_pos is not None:
                return item.start_pos if first else (item.end_pos if item.end_pos is not None else item.start_pos)
        elif isinstance(item, n.Node):
            return item.span.start if first else item.span.end
        elif isinstance(item, (list, tuple)):
            found = _edge(item, first)
            if found is not None:
                return found
    return None


def _with_extent(method: Any) -> Any:
    def rule(self: Any, children: list[Any]) -> Any:
        return method(self, _Extent(children), children)

    rule.__name__ = method.__name__
    rule.__doc__ = method.__doc__
    return rule


class Builder(Transformer[Token, n.Module]):
    """A Lark transformer producing `nodes` with spans; literal mistakes become diagnostics.

    It runs inside the LALR parser (no intermediate tree); the state of the parse under way comes
    from `CURRENT`.
    """

    def __init__(self) -> None:
        super().__init__(visit_tokens=False)

    @property
    def source(self) -> SourceFile:
        """The file being parsed."""
        return CURRENT.get().source

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Where literal mistakes are reported."""
        return CURRENT.get().diagnostics

    # -------------------------------------------------------------- helpers
    def _span(self, meta: Meta | _Extent) -> Span:
        if isinstance(meta, _Extent):
            return meta.span
        if getattr(meta, "empty", True):
            return self.source.span(0, 0)
        return self.source.span(meta.start_pos, meta.end_pos)

    def tspan(self, token: Token) -> Span:
        """The span of one token."""
        start = token.start_pos or 0
        return self.source.span(start, token.end_pos if token.end_pos is not None else start)

    def day(self, token: Token) -> dt.date | None:
        """A date literal, or None with a diagnostic when the day does not exist."""
        problem = _date_problem(str(token))
        if problem:
            self.diagnostics.append(
                Diagnostic(
                    "bad-date",
                    f"`{token}` is not a real date: {problem}.",
                    self.tspan(token),
                    label="not a day of the calendar",
                    help="dates are written YYYY-MM-DD, like 2005-02-28",
                )
            )
            return None
        return dt.date.fromisoformat(str(token))

    def in_range(self, token: Token, kind: str, span: Span | None = None) -> bool:
        """Whether a literal number fits its kind; a located diagnostic when it does not."""
        problem = _number_problem(str(token), kind)
        if problem is None:
            return True
        self.diagnostics.append(Diagnostic(
            "number-out-of-range", f"{problem}.", span or self.tspan(token), label="out of range",
            help="every evaluator computes with these ranges; see the language reference, Literals"))
        return False

    def whole(self, token: Token | None) -> int | None:
        """A literal whole number (None, with a diagnostic, when it is out of range)."""
        if token is None or not self.in_range(token, "int"):
            return None
        return int(str(token))

    def text(self, token: Token | None) -> str | None:
        """The content of a string token without its quotes."""
        return None if token is None else str(token)[1:-1]

    # -------------------------------------------------------------- module and header
    def start(self, meta: Meta, items: list[Any]) -> n.Module:
        return n.Module(tuple(i for i in items if i is not None), span=self._span(meta))

    def header(self, meta: Meta, c: list[Any]) -> n.Header:
        _, name, title, *lines = c
        lines = [line for line in lines if line is not None]
        fields: dict[str, Any] = {"level": None, "extends": None, "uses": (), "adopted": None, "in_force": None}
        for kw, value, _node in lines:
            if kw == "uses":
                fields["uses"] = fields["uses"] + value
            else:
                fields[kw] = value
        return n.Header(
            str(name),
            self.text(title) or "",
            span=self._span(meta),
            lines=tuple(node for _, _, node in lines),
            **fields,
        )

    def _line(self, meta: Meta, kw: str, value: Any, shown: str) -> tuple[str, Any, n.HeaderLine]:
        return kw, value, n.HeaderLine(kw, shown, span=self._span(meta))

    def level_name(self, meta: Meta, c: list[Any]) -> Token:
        return c[0]  # type: ignore[no-any-return]

    def level(self, meta: Meta, c: list[Any]) -> Any:
        level = _LEVELS[c[1].type]
        return self._line(meta, "level", level, level)

    def extends(self, meta: Meta, c: list[Any]) -> Any:
        return self._line(meta, "extends", str(c[1]), str(c[1]))

    def uses(self, meta: Meta, c: list[Any]) -> Any:
        names = tuple(str(t) for t in c[1:])
        return self._line(meta, "uses", names, ", ".join(names))

    def adopted(self, meta: Meta, c: list[Any]) -> Any:
        _, day, _by, body, _present, present, _of, entitled, _favour, favour = c
        adoption = n.Adoption(
            self.day(day), self.text(body), self.whole(present), self.whole(entitled), self.whole(favour),
            span=self._span(meta),
        )
        return self._line(meta, "adopted", adoption, str(day))

    def in_force(self, meta: Meta, c: list[Any]) -> Any:
        return self._line(meta, "in_force", self.day(c[1]), str(c[1]))

    def vocabulary(self, meta: Meta, c: list[Any]) -> n.VocabularyHeader:
        return n.VocabularyHeader(str(c[1]), self.text(c[2]) or "", span=self._span(meta))

    # -------------------------------------------------------------- fields
    def fields(self, meta: Meta, c: list[Any]) -> n.Fields:
        scope: Literal["household", "person"] = "household" if c[0].type == "HOUSEHOLD" else "person"
        decls = tuple(
            n.FieldDecl(scope, d.name, d.type, d.default, d.title, span=d.span) for d in c[2:]
        )
        return n.Fields(scope, decls, span=self._span(meta))

    def field_decl(self, meta: Meta, c: list[Any]) -> n.FieldDecl:
        name, type_, _eq, default, title = c
        return n.FieldDecl("household", str(name), type_, default, self.text(title), span=self._span(meta))

    def optional_type(self, meta: Meta, c: list[Any]) -> n.OptionalType:
        return n.OptionalType(c[1], span=self._span(meta))

    def list_type(self, meta: Meta, c: list[Any]) -> n.ListType:
        return n.ListType(c[1], span=self._span(meta))

    def paren(self, meta: Meta, c: list[Any]) -> n.Expr:
        return c[0]  # type: ignore[no-any-return]

    def enum_type(self, meta: Meta, c: list[Any]) -> n.EnumType:
        ordered = c[0] is not None
        labels = tuple(x for x in c[2:] if isinstance(x, n.EnumLabel))
        return n.EnumType(ordered, labels, span=self._span(meta))

    def enum_label(self, meta: Meta, c: list[Any]) -> n.EnumLabel:
        return n.EnumLabel(str(c[0]), self.text(c[1]), span=self._span(meta))

    def named_type(self, meta: Meta, c: list[Any]) -> n.NamedType:
        return n.NamedType(str(c[0]), span=self._span(meta))

    # -------------------------------------------------------------- parameters, definitions
    def parameter(self, meta: Meta, c: list[Any]) -> n.Parameter:
        override, _kw, name, title, _eq, *values = c
        return n.Parameter(
            str(name), self.text(title), tuple(values), override is not None, span=self._span(meta)
        )

    def table(self, meta: Meta, c: list[Any]) -> n.Parameter:
        override, _kw, name, title, _per, *rest = c
        dimensions = tuple(n.Dimension(str(t), span=self.tspan(t)) for t in rest if isinstance(t, Token))
        blocks: list[n.TableBlock] = []
        loose: list[n.TableCell] = []  # cells written without `from`, each run of them one block
        for item in rest:
            if isinstance(item, n.TableCell):
                loose.append(item)
                continue
            if isinstance(item, n.TableBlock):
                if loose:
                    blocks.append(_undated(loose))
                    loose = []
                blocks.append(item)
        if loose:
            blocks.append(_undated(loose))
        return n.Parameter(str(name), self.text(title), (), override is not None, dimensions, tuple(blocks),
                           span=self._span(meta))

    def table_from(self, meta: Meta, c: list[Any]) -> n.TableBlock:
        keyword, day, *cells = c
        head = self.source.span(keyword.start_pos or 0, day.end_pos or 0)
        return n.TableBlock(self.day(day), tuple(cells), span=self._span(meta), head=head)

    def table_cell(self, meta: Meta, c: list[Any]) -> n.TableCell:
        *keys, _eq, value = c
        return n.TableCell(tuple(keys), value, span=self._span(meta))

    def table_key(self, meta: Meta, c: list[Any]) -> n.TableKey:
        token = c[0]
        value: str | bool = str(token) if token.type == "NAME" else token.type == "TRUE"
        return n.TableKey(value, span=self.tspan(token))

    def param_value(self, meta: Meta, c: list[Any]) -> n.ParamValue:
        value, _from, day = c
        return n.ParamValue(value, self.day(day) if day is not None else None, span=self._span(meta))

    def definition(self, meta: Meta, c: list[Any]) -> n.Definition:
        override, _kw, name, formals, title, _eq, expr = c
        return n.Definition(str(name), self.text(title), expr, override is not None, tuple(formals or ()),
                            span=self._span(meta))

    def formals(self, meta: Meta, c: list[Any]) -> list[n.Formal]:
        return [x for x in c if isinstance(x, n.Formal)]

    def formal(self, meta: Meta, c: list[Any]) -> n.Formal:
        name, kind = c
        if kind is None:
            return n.Formal(str(name), None, span=self._span(meta))
        listed, word, span = kind
        return n.Formal(str(name), word, listed, span=self._span(meta), type_span=span)

    def formal_type(self, meta: Meta, c: list[Any]) -> tuple[bool, str, Span]:
        listed, word = c
        return listed is not None, "person" if word.type == "PERSON" else str(word), self._span(meta)

    def repeal(self, meta: Meta, c: list[Any]) -> n.Repeal:
        return n.Repeal(str(c[1]), span=self._span(meta))

    # -------------------------------------------------------------- articles
    def article(self, meta: Meta, c: list[Any]) -> n.Article:
        override, kind, name, title, *clauses = c
        return n.Article(
            cast(Any, str(kind.type).lower()), str(name), self.text(title) or "", override is not None, tuple(clauses),
            span=self._span(meta),
        )

    def article_kind(self, meta: Meta, c: list[Any]) -> Token:
        return c[0]  # type: ignore[no-any-return]  # kept as a token, so the article's span starts here

    def once(self, meta: Meta, c: list[Any]) -> n.Once:
        return n.Once(c[2], span=self._span(meta))

    def monthly(self, meta: Meta, c: list[Any]) -> n.Monthly:
        return n.Monthly("first" if c[2].type == "FIRST_DAY" else "last", span=self._span(meta))

    def yearly(self, meta: Meta, c: list[Any]) -> n.Yearly:
        days = []
        for token in c[2:]:
            month, day = (int(p) for p in str(token).split("-"))
            try:
                dt.date(2004, month, day)
            except ValueError:
                self.diagnostics.append(
                    Diagnostic(
                        "bad-date",
                        f"`{token}` is not a day of the year.",
                        self.tspan(token),
                        label="no such month and day",
                        help="days of the year are written MM-DD, like 03-01",
                    )
                )
                continue
            days.append((month, day))
        return n.Yearly(tuple(days), span=self._span(meta))

    def per_event(self, meta: Meta, c: list[Any]) -> n.PerEvent:
        _on, _each, days, _most, cap, _per = c
        return n.PerEvent(days, self.whole(cap), span=self._span(meta))

    def for_each(self, meta: Meta, c: list[Any]) -> n.ForEach:
        return n.ForEach(str(c[1]), c[3], span=self._span(meta))

    def when(self, meta: Meta, c: list[Any]) -> n.When:
        return n.When(c[1], span=self._span(meta))

    def unless(self, meta: Meta, c: list[Any]) -> n.Unless:
        return n.Unless(c[1], span=self._span(meta))

    def pay(self, meta: Meta, c: list[Any]) -> n.Pay:
        return n.Pay(c[1], span=self._span(meta))

    def grant(self, meta: Meta, c: list[Any]) -> n.Grant:
        return n.Grant(c[2], span=self._span(meta))

    def cost_shared(self, meta: Meta, c: list[Any]) -> n.CostShared:
        lines = c[1:]
        return n.CostShared(tuple(x for x in lines if isinstance(x, n.Share)),
                            tuple(x for x in lines if isinstance(x, n.Takeover)), span=self._span(meta))

    def share(self, meta: Meta, c: list[Any]) -> n.Share:
        return n.Share(c[0], c[1], span=self._span(meta))

    def takeover(self, meta: Meta, c: list[Any]) -> n.Takeover:
        _when, condition, payer, _by, *takers = c
        return n.Takeover(condition, payer, tuple(takers), span=self._span(meta))

    def taker(self, meta: Meta, c: list[Any]) -> n.Share:
        return n.Share(c[0], c[1], span=self._span(meta))

    def payer(self, meta: Meta, c: list[Any]) -> n.Payer:
        token = c[0]
        return n.Payer(_PAYERS.get(token.type, str(token)), span=self.tspan(token))

    def contract(self, meta: Meta, c: list[Any]) -> n.Contract:
        return n.Contract(c[2], span=self._span(meta))

    def trigger(self, meta: Meta, c: list[Any]) -> n.Trigger:
        return n.Trigger(c[1], span=self._span(meta))

    def within(self, meta: Meta, c: list[Any]) -> n.Within:
        return n.Within(c[1], span=self._span(meta))

    def fulfilled(self, meta: Meta, c: list[Any]) -> n.Fulfilled:
        return n.Fulfilled(c[1], span=self._span(meta))

    def on_breach(self, meta: Meta, c: list[Any]) -> n.OnBreach:
        return n.OnBreach(tuple(c[1:]), span=self._span(meta))

    def penalty(self, meta: Meta, c: list[Any]) -> n.Penalty:
        return n.Penalty(c[1], c[3], span=self._span(meta))

    def late_penalty(self, meta: Meta, c: list[Any]) -> n.LatePenalty:
        _kw, amount, _per, delay, _late, _most, cap = c
        return n.LatePenalty(amount, delay, cap, span=self._span(meta))

    def late_penalty_first(self, meta: Meta, c: list[Any]) -> n.LatePenalty:
        _kw, _every, delay, _late, amount, _most, cap = c
        return n.LatePenalty(amount, delay, cap, span=self._span(meta))

    def late_unit(self, meta: Meta, c: list[Any]) -> n.LateUnit:
        count, unit = c
        units: dict[str, Literal["days", "months", "years"]] = {"DAYS": "days", "MONTHS": "months", "YEARS": "years"}
        return n.LateUnit(self.whole(count), units[unit.type], span=self._span(meta))

    def suspend(self, meta: Meta, c: list[Any]) -> n.Suspend:
        names = tuple(n.NameRef(str(t), span=self.tspan(t)) for t in c[1:-1])
        until: Literal["fulfilled", "good"] = "fulfilled" if c[-1].type == "UNTIL_FULFILLED" else "good"
        return n.Suspend(names, until, span=self._span(meta))

    def require(self, meta: Meta, c: list[Any]) -> n.Require:
        return n.Require(str(c[1]) if c[1] is not None else None, c[2], span=self._span(meta))

    def veto_from(self, meta: Meta, c: list[Any]) -> n.VetoFrom:
        return n.VetoFrom(c[1], span=self._span(meta))

    # -------------------------------------------------------------- examples
    def example(self, meta: Meta, c: list[Any]) -> n.Example:
        _kw, name, title, *lines = c
        period = None
        household = None
        expectations = []
        for kind, value in lines:
            if kind == "period":
                period = value
            elif kind == "household":
                household = value
            else:
                expectations.append(value)
        return n.Example(
            str(name), self.text(title), period, household, tuple(expectations), span=self._span(meta)
        )

    def example_period(self, meta: Meta, c: list[Any]) -> tuple[str, str]:
        return "period", str(c[1])

    def example_household(self, meta: Meta, c: list[Any]) -> tuple[str, n.ExampleHousehold]:
        _kw, hid, assignments, *items = c
        flat = list(assignments or ())
        persons = []
        for item in items:
            if isinstance(item, n.ExamplePerson):
                persons.append(item)
            else:
                flat.extend(item)
        return "household", n.ExampleHousehold(
            self.text(hid) or "", tuple(flat), tuple(persons), span=self._span(meta)
        )

    def more_assignments(self, meta: Meta, c: list[Any]) -> tuple[n.Assignment, ...]:
        return tuple(c[0])

    def example_person(self, meta: Meta, c: list[Any]) -> n.ExamplePerson:
        _kw, pid, *groups = c
        flat = [a for g in groups if g is not None for a in g]
        return n.ExamplePerson(self.text(pid) or "", tuple(flat), span=self._span(meta))

    def assignments(self, meta: Meta, c: list[Any]) -> tuple[n.Assignment, ...]:
        return tuple(c)

    def assignment(self, meta: Meta, c: list[Any]) -> n.Assignment:
        return n.Assignment(str(c[0]), c[2], span=self._span(meta))

    def date_value(self, meta: Meta, c: list[Any]) -> n.Value:
        return n.Value(self.day(c[0]), span=self._span(meta))

    def number_value(self, meta: Meta, c: list[Any]) -> n.Value:
        text = str(c[0])
        if not self.in_range(c[0], "decimal" if "." in text else "int"):
            return n.Value(None, span=self._span(meta))
        return n.Value(Decimal(text) if "." in text else int(text), span=self._span(meta))

    def string_value(self, meta: Meta, c: list[Any]) -> n.Value:
        return n.Value(self.text(c[0]), span=self._span(meta))

    def true_value(self, meta: Meta, c: list[Any]) -> n.Value:
        return n.Value(True, span=self._span(meta))

    def false_value(self, meta: Meta, c: list[Any]) -> n.Value:
        return n.Value(False, span=self._span(meta))

    def label_value(self, meta: Meta, c: list[Any]) -> n.Value:
        return n.Value(n.Name(str(c[0]), span=self.tspan(c[0])), span=self._span(meta))

    def list_value(self, meta: Meta, c: list[Any]) -> n.Value:
        items = tuple(v.value for v in c if isinstance(v, n.Value))
        return n.Value(items, span=self._span(meta))

    def expect(self, meta: Meta, c: list[Any]) -> tuple[str, n.Expectation]:
        return "expect", c[1]

    def expect_cash(self, meta: Meta, c: list[Any]) -> n.Expectation:
        return n.Expectation("cash", target=str(c[1]), amount=c[2], span=self._span(meta))

    def expect_total(self, meta: Meta, c: list[Any]) -> n.Expectation:
        return n.Expectation("total", amount=c[1], span=self._span(meta))

    def expect_in_kind(self, meta: Meta, c: list[Any]) -> n.Expectation:
        return n.Expectation(
            "in_kind", target=str(c[1]), member=self.text(c[2]), on=self.day(c[4]), span=self._span(meta)
        )

    def expect_penalty(self, meta: Meta, c: list[Any]) -> n.Expectation:
        return n.Expectation("penalty", target=str(c[1]), amount=c[2], span=self._span(meta))

    def expect_cost(self, meta: Meta, c: list[Any]) -> n.Expectation:
        return n.Expectation("cost", target=str(c[1]), payer=c[2], amount=c[3], span=self._span(meta))

    def expect_nothing(self, meta: Meta, c: list[Any]) -> n.Expectation:
        return n.Expectation("nothing", span=self._span(meta))

    def expect_obligation(self, meta: Meta, c: list[Any]) -> n.Expectation:
        _kw, target, instance, status, *attributes = c
        return n.Expectation(
            "obligation", target=str(target), status=str(status), instance=instance,
            attributes=tuple(a[:2] for a in attributes), span=self._span(meta),
        )

    def instance_key(self, meta: Meta, c: list[Any]) -> str | dt.date | None:
        token = c[0]
        return self.text(token) if token.type == "STRING" else self.day(token)

    def status_attr(self, meta: Meta, c: list[Any]) -> tuple[str, dt.date | None, Token]:
        key = "on" if c[0].type == "ON" else str(c[0])
        return key, self.day(c[1]), c[1]  # the token keeps the expectation's span to the line's end

    def expect_eligible(self, meta: Meta, c: list[Any]) -> n.Expectation:
        return n.Expectation(
            "eligible", target=str(c[1]), member=self.text(c[2]), on=self.day(c[4]), span=self._span(meta)
        )

    def expect_ineligible(self, meta: Meta, c: list[Any]) -> n.Expectation:
        return n.Expectation(
            "ineligible", target=str(c[1]), member=self.text(c[2]), on=self.day(c[4]),
            failing=tuple(str(t) for t in c[6:]), span=self._span(meta),
        )

    # -------------------------------------------------------------- expressions
    def where(self, meta: Meta, c: list[Any]) -> n.Where:
        return n.Where(c[0], c[2], span=self._span(meta))

    def if_then_else(self, meta: Meta, c: list[Any]) -> n.IfElse:
        return n.IfElse(c[1], c[3], c[5], span=self._span(meta))

    def or_(self, meta: Meta, c: list[Any]) -> n.Binary:
        return n.Binary("or", c[0], c[2], span=self._span(meta))

    def and_(self, meta: Meta, c: list[Any]) -> n.Binary:
        return n.Binary("and", c[0], c[2], span=self._span(meta))

    def not_(self, meta: Meta, c: list[Any]) -> n.Not:
        return n.Not(c[1], span=self._span(meta))

    def compare(self, meta: Meta, c: list[Any]) -> n.Binary:
        op = _OPS.get(str(c[1]), str(c[1]))
        return n.Binary(op, c[0], c[2], span=self._span(meta))

    def arith(self, meta: Meta, c: list[Any]) -> n.Binary:
        op = _OPS.get(str(c[1]), str(c[1]))
        return n.Binary(op, c[0], c[2], span=self._span(meta))

    def member_of(self, meta: Meta, c: list[Any]) -> n.MemberOf:
        return n.MemberOf(c[0], c[2], span=self._span(meta))

    def between(self, meta: Meta, c: list[Any]) -> n.Between:
        return n.Between(c[0], c[2], c[4], span=self._span(meta))

    def is_set(self, meta: Meta, c: list[Any]) -> n.IsSet:
        return n.IsSet(c[0], False, span=self._span(meta))

    def is_missing(self, meta: Meta, c: list[Any]) -> n.IsSet:
        return n.IsSet(c[0], True, span=self._span(meta))

    def negate(self, meta: Meta, c: list[Any]) -> n.Expr:
        if str(c[0]) == "+":
            return c[1]  # type: ignore[no-any-return]
        return n.Negate(c[1], span=self._span(meta))

    def attribute(self, meta: Meta, c: list[Any]) -> n.Attribute:
        return n.Attribute(c[0], str(c[1]), span=self._span(meta), name_span=self.tspan(c[1]))

    def name(self, meta: Meta, c: list[Any]) -> n.Name:
        return n.Name(str(c[0]), span=self._span(meta))

    def call(self, meta: Meta, c: list[Any]) -> n.Call:
        args = tuple(a for a in c[1:] if isinstance(a, n.Expr))
        return n.Call(str(c[0]), args, span=self._span(meta), function_span=self.tspan(c[0]))

    def lookup(self, meta: Meta, c: list[Any]) -> n.Lookup:
        keys = tuple(a for a in c[1:] if isinstance(a, n.Expr))
        return n.Lookup(str(c[0]), keys, span=self._span(meta), name_span=self.tspan(c[0]))

    def age_of(self, meta: Meta, c: list[Any]) -> n.AgeOf:
        return n.AgeOf(c[1], c[3], span=self._span(meta))

    def set_literal(self, meta: Meta, c: list[Any]) -> n.SetLiteral:
        return n.SetLiteral(tuple(x for x in c if isinstance(x, n.Expr)), span=self._span(meta))

    def list_literal(self, meta: Meta, c: list[Any]) -> n.ListLiteral:
        return n.ListLiteral(tuple(x for x in c if isinstance(x, n.Expr)), span=self._span(meta))

    def case(self, meta: Meta, c: list[Any]) -> n.Case:
        return n.Case(c[1], tuple(x for x in c[2:] if isinstance(x, n.CaseArm)), span=self._span(meta))

    def case_arm(self, meta: Meta, c: list[Any]) -> n.CaseArm:
        label = None if c[0].type == "ELSE" else {"TRUE": "true", "FALSE": "false"}.get(c[0].type, str(c[0]))
        return n.CaseArm(label, c[1], span=self._span(meta))

    def _special(self, meta: Meta, kind: Any) -> n.Special:
        return n.Special(kind, span=self._span(meta))

    def today(self, meta: Meta, c: list[Any]) -> n.Special:
        return self._special(meta, "today")

    def unit_start(self, meta: Meta, c: list[Any]) -> n.Special:
        return self._special(meta, "unit_start")

    def unit_end(self, meta: Meta, c: list[Any]) -> n.Special:
        return self._special(meta, "unit_end")

    def it(self, meta: Meta, c: list[Any]) -> n.Special:
        return self._special(meta, "it")

    def ever_members(self, meta: Meta, c: list[Any]) -> n.Special:
        return self._special(meta, "ever_members")

    def true(self, meta: Meta, c: list[Any]) -> n.Literal:
        return n.Literal("bool", True, span=self._span(meta))

    def false(self, meta: Meta, c: list[Any]) -> n.Literal:
        return n.Literal("bool", False, span=self._span(meta))

    def date(self, meta: Meta, c: list[Any]) -> n.Literal:
        return n.Literal("date", self.day(c[0]), span=self._span(meta))

    def string(self, meta: Meta, c: list[Any]) -> n.Literal:
        return n.Literal("text", self.text(c[0]), span=self._span(meta))

    def money(self, meta: Meta, c: list[Any]) -> n.Money:
        if not self.in_range(c[0], "money", self._span(meta)):
            return n.Money(Decimal(0), span=self._span(meta))
        amount = Decimal(str(c[0]))
        if amount != amount.quantize(Decimal("0.01")):
            self.diagnostics.append(
                Diagnostic(
                    "bad-money",
                    f"`{c[0]}` yuan is finer than a fen: amounts are exact to 0.01 yuan.",
                    self._span(meta),
                    label="more than two decimal places",
                )
            )
        return n.Money(amount, span=self._span(meta))

    def duration(self, meta: Meta, c: list[Any]) -> n.Duration:
        unit = {"DAYS": "days", "MONTHS": "months", "YEARS": "years"}[c[1].type]
        text = str(c[0])
        if "." in text:
            self.diagnostics.append(
                Diagnostic(
                    "bad-duration",
                    f"`{text}` {unit} is not a whole number of {unit}.",
                    self._span(meta),
                    label="durations count whole days, months or years",
                )
            )
        count = int(Decimal(text)) if len(text.partition(".")[0].lstrip("0")) <= 19 else DURATION_MAX[unit] + 1
        if count > DURATION_MAX[unit]:
            self.diagnostics.append(
                Diagnostic(
                    "number-out-of-range",
                    f"`{_short(text)} {unit}` is longer than the calendar, which spans {DURATION_MAX[unit]} "
                    f"{unit} (0001-01-01 to 9999-12-31): every day moved by it would be off the calendar.",
                    self._span(meta),
                    label="out of range",
                )
            )
        return n.Duration(count, unit, span=self._span(meta))  # type: ignore[arg-type]

    def number(self, meta: Meta, c: list[Any]) -> n.Literal:
        text = str(c[0])
        if not self.in_range(c[0], "decimal" if "." in text else "int"):
            return n.Literal("int", 0, span=self._span(meta))
        if "." in text:
            try:
                return n.Literal("decimal", Decimal(text), span=self._span(meta))
            except InvalidOperation:  # pragma: no cover - the lexer admits only digits
                pass
        return n.Literal("int", int(text), span=self._span(meta))

    def __default__(self, data: str, children: list[Any], meta: Meta) -> Any:
        return Tree(data, children, meta)


for _name, _method in list(vars(Builder).items()):
    if callable(_method) and not _name.startswith("_") and _name not in ("day", "text", "tspan", "transform", "in_range", "whole"):
        setattr(Builder, _name, _with_extent(_method))


def _undated(cells: list[n.TableCell]) -> n.TableBlock:
    """Cells written without `from`, as one block applying always."""
    return n.TableBlock(None, tuple(cells), span=cells[0].span, head=cells[0].span)
