"""Prints the IR back as charter text, with English or Chinese keywords: one expression (`expr_text`,
what explanations show), or a whole checked charter with the type of every expression (`charter_text`,
what `charter compile --ir` prints and the golden files pin)."""

from __future__ import annotations

import json
from decimal import Decimal

from ..language.builtins import chinese
from ..language.keywords import keywords
from ..language.types import Type
from . import _charter as c
from . import _nodes as x
from .visit import Visitor

__all__ = ["charter_text", "expr_text", "payer_text"]

_PRECEDENCE: dict[type, float] = {x.If: 0.5, x.Or: 1, x.And: 2, x.Not: 3, x.Compare: 4, x.In: 4, x.Between: 4,
                                  x.IsSet: 4, x.Arith: 5}
"""How tightly each form binds, as the grammar has it: `where` least (0), then `if`, `or`… (atoms 9)."""


def expr_text(e: x.Expr, language: str = "en") -> str:
    """An expression as charter text."""
    return _Printer(language).text(e)


def payer_text(payer: str, language: str = "en") -> str:
    """A payer of a cost (one of `PAYERS`) as the keyword that names it: `village`, 村."""
    return keywords()[c.PAYER_KEYWORDS[payer]].spelling(language)


class _Printer(Visitor[str]):
    """Charter text of expressions, parenthesised where precedence needs it."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._keywords = keywords()

    def kw(self, terminal: str) -> str:
        return self._keywords[terminal].spelling(self.language)

    def text(self, e: x.Expr, outer: float = 0) -> str:
        inner = 0 if isinstance(e, x.Call) and e.function == "filter" else _PRECEDENCE.get(type(e), 9)
        body = self.visit(e)
        return f"({body})" if inner < outer else body

    def visit_Const(self, e: x.Const) -> str:
        value = e.value
        if e.type.kind == "money" and isinstance(value, Decimal):
            return f"{value} {self.kw('YUAN')}"
        if e.type.kind == "duration" and isinstance(value, tuple):
            count, unit = value
            spellings = self._keywords[str(unit).upper()].english
            if self.language == "en" and count == 1 and len(spellings) > 1:  # `1 year`, not `1 years`
                return f"{count} {spellings[1]}"
            return f"{count} {self.kw(str(unit).upper())}"
        if isinstance(value, bool):
            return self.kw("TRUE" if value else "FALSE")
        if isinstance(value, str) and e.type.kind == "text":
            return f'"{value}"'
        if hasattr(value, "isoformat"):
            return value.isoformat()  # type: ignore[union-attr]
        return str(value)

    def visit_HouseholdField(self, e: x.HouseholdField) -> str:
        return e.name

    visit_DefRef = visit_ParamRef = visit_HouseholdField

    def visit_Apply(self, e: x.Apply) -> str:
        return f"{e.function}({', '.join(self.text(a) for a in e.args)})"

    def visit_TableRef(self, e: x.TableRef) -> str:
        return f"{e.name}[{', '.join(self.text(k) for k in e.keys)}]"

    def key(self, key: str | bool) -> str:
        """A key of a table's cell: a label, or a truth value as its keyword."""
        return self.kw("TRUE" if key else "FALSE") if isinstance(key, bool) else key

    def visit_PersonField(self, e: x.PersonField) -> str:
        if isinstance(e.person, x.Var) and e.person.name == "it":
            return e.name
        return f"{self.text(e.person, 9)}.{e.name}"

    def visit_Var(self, e: x.Var) -> str:
        return self.kw("IT") if e.name == "it" else e.name

    def visit_Members(self, e: x.Members) -> str:
        return self.kw("EVER_MEMBERS") if e.ever else "members"

    def visit_Context(self, e: x.Context) -> str:
        return self.kw({"today": "TODAY", "unit_start": "UNIT_START", "unit_end": "UNIT_END"}[e.which])

    def visit_Arith(self, e: x.Arith) -> str:
        return f"{self.text(e.left, 5)} {e.op} {self.text(e.right, 6)}"

    def visit_Negate(self, e: x.Negate) -> str:
        return f"-{self.text(e.operand, 9)}"

    def visit_Compare(self, e: x.Compare) -> str:
        return f"{self.text(e.left, 5)} {e.op} {self.text(e.right, 5)}"

    def visit_And(self, e: x.And) -> str:
        return f"{self.text(e.left, 2)} {self.kw('AND')} {self.text(e.right, 3)}"

    def visit_Or(self, e: x.Or) -> str:
        return f"{self.text(e.left, 1)} {self.kw('OR')} {self.text(e.right, 2)}"

    def visit_Not(self, e: x.Not) -> str:
        return f"{self.kw('NOT')} {self.text(e.operand, 3)}"

    def visit_If(self, e: x.If) -> str:
        return (f"{self.kw('IF')} {self.text(e.condition)} {self.kw('THEN')} {self.text(e.then)} "
                f"{self.kw('ELSE')} {self.text(e.otherwise)}")

    def visit_In(self, e: x.In) -> str:
        collection = e.collection
        if isinstance(collection, x.ListOf):
            items = ", ".join(self.text(i) for i in collection.items)
            return f"{self.text(e.value, 5)} {self.kw('IN')} {{{items}}}"
        return f"{self.text(e.value, 5)} {self.kw('IN')} {self.text(collection, 5)}"

    def visit_Between(self, e: x.Between) -> str:
        return (f"{self.text(e.value, 5)} {self.kw('BETWEEN')} {self.text(e.low, 5)} "
                f"{self.kw('AND') if self.language == 'en' else self.kw('TO')} {self.text(e.high, 5)}")

    def visit_IsSet(self, e: x.IsSet) -> str:
        return f"{self.text(e.value, 5)} {self.kw('IS_MISSING' if e.negated else 'IS_SET')}"

    def visit_ListOf(self, e: x.ListOf) -> str:
        return "[" + ", ".join(self.text(i) for i in e.items) + "]"

    def visit_Case(self, e: x.Case) -> str:
        arms = [f"{self.kw('TRUE' if label else 'FALSE') if isinstance(label, bool) else label}: {self.text(value)}"
                for label, value in e.arms]
        if e.default is not None:
            arms.append(f"{self.kw('ELSE')}: {self.text(e.default)}")
        return f"{self.kw('CASE')} {self.text(e.subject, 9)} {{{', '.join(arms)}}}"

    def visit_Lambda(self, e: x.Lambda) -> str:
        return self.text(e.body)

    def visit_Status(self, e: x.Status) -> str:
        name = chinese(e.test) if self.language == "zh" else e.test  # the judged day is implicit
        window = f", {self.text(e.window)}" if e.window is not None else ""
        return f"{name}({e.obligation}{window})"

    def visit_Call(self, e: x.Call) -> str:
        f, args = e.function, e.args
        if f == "filter":
            test = args[1].body if isinstance(args[1], x.Lambda) else args[1]
            return f"{self.text(args[0], 9)} {self.kw('WHERE')} {self.text(test, 0.5)}"
        if f == "map":
            body = args[1]
            assert isinstance(body, x.Lambda) and isinstance(body.body, x.PersonField)
            return f"{self.text(args[0], 9)}.{body.body.name}"
        if f in ("alive", "died"):  # the judged day is implicit
            name = chinese(f) if self.language == "zh" else f
            return f"{name}({self.text(args[0])})"
        if f == "age":
            on = args[1]
            person = self.text(args[0], 9)
            if isinstance(on, x.Context) and on.which == "today":
                return f"{self.kw('AGE_OF')} {person}"
            return f"{self.kw('AGE_OF')} {person} {self.kw('ON')} {self.text(on, 5)}"
        name = chinese(f) if self.language == "zh" else f
        return f"{name}({', '.join(self.text(a) for a in args)})"


# ------------------------------------------------------------------ whole charters

def charter_text(charter: c.Charter, language: str = "en") -> str:
    """A checked charter, inherited articles included, as indented text: every declaration, every
    article with its clauses, and the type of each expression (`: type`)."""
    printer = _Printer(language)
    lines: list[str] = []

    def typed(e: x.Expr) -> str:
        return f"{printer.text(e)}  : {_type(e.type)}"

    def conditions(word: str, items: tuple[c.Condition, ...]) -> None:
        for item in items:
            label = f"[{item.label}] " if item.label else ""
            lines.append(f"    {word} {label}{typed(item.expr)}")

    lines.append(f"{charter.kind} {charter.id} {_quoted(charter.title)}")
    if charter.level is not None:
        lines.append(f"  level {charter.level}")
    lines.append(f"  chain {' > '.join(charter.chain)}")
    if charter.adoption is not None:
        a = charter.adoption
        lines.append(f"  adopted {a.on} by {_quoted(a.body) if a.body is not None else None} present {a.present} of {a.entitled} in favour {a.in_favour}")
    if charter.in_force is not None:
        lines.append(f"  in force {charter.in_force}")
    for scope, fields in (("household", charter.household_fields), ("person", charter.person_fields)):
        for f in fields:
            default = f" = {_default(f.default, printer)}" if f.default is not None else ""
            title = f" {_quoted(f.title)}" if f.title else ""
            lines.append(f"{scope} field {f.name}: {_type(f.type)}{default}{title}  ({f.origin})")
    for p in charter.parameters:
        if p.table:
            per = ", ".join(f"{d.name}: {_type(d.type)}" for d in p.dimensions)
            lines.append(f"parameter {p.name}: {_type(p.type)} per {per}  ({p.origin})")
            for cell in p.cells:
                keys = ", ".join(printer.key(k) for k in cell.keys)
                for start, value in cell.values:
                    lines.append(f"    [{keys}] {'from ' + start.isoformat() if start else 'always'}: "
                                 f"{printer.text(value)}")
            continue
        lines.append(f"parameter {p.name}: {_type(p.type)}  ({p.origin})")
        for start, value in p.values:
            lines.append(f"    {'from ' + start.isoformat() if start else 'always'}: {printer.text(value)}")
    for d in charter.definitions:
        lines.append(f"define {d.name} = {typed(d.expr)}  ({d.origin})")
    for fn in charter.functions:
        params = ", ".join(p.name + (f": {_type(p.type)}" if p.type is not None else "") for p in fn.params)
        body = fn.instances[0][1] if fn.instances else fn.body  # (a parameter without a type has one in a call)
        lines.append(f"define {fn.name}({params}) = {printer.text(body)}  ({fn.origin})")
        for types, instance in fn.instances:
            lines.append(f"    {fn.name}({', '.join(_type(t) for t in types)})  : {_type(instance.type)}")
    for article in charter.articles:
        lines.append(f"{article.kind} {article.id} {_quoted(article.title)}  ({article.origin}, in force {article.in_force})")
        if isinstance(article, (c.Benefit, c.Eligibility, c.Obligation)) and article.subject is not None:
            lines.append(f"    for each {article.subject.var} in {typed(article.subject.collection)}")
        if isinstance(article, c.Benefit):
            lines.append(f"    {_schedule(article.schedule, printer)}")
            conditions("when", article.conditions)
            conditions("unless", article.exceptions)
            if article.contract is not None:
                lines.append(f"    contract signed on {typed(article.contract)}")
            lines.append(f"    pay {typed(article.amount)}" if article.amount is not None else "    grant")
            if article.cost is not None:
                lines.append(f"    costing {typed(article.cost)}")
            if article.split is not None:
                lines.extend(_split(article.split, printer))
        elif isinstance(article, c.Obligation):
            if article.contract is not None:
                lines.append(f"    contract signed on {typed(article.contract)}")
            lines.append(f"    triggered on {typed(article.trigger)}")
            lines.append(f"    within {typed(article.within)}")
            conditions("when", article.conditions)
            conditions("unless", article.exceptions)
            lines.append(f"    fulfilled on {typed(article.fulfilled)}")
            if article.penalty is not None:
                lines.append(f"    penalty {typed(article.penalty)}")
            if article.penalty_within is not None:
                lines.append(f"    penalty within {typed(article.penalty_within)}")
            if article.late is not None:
                late = article.late
                lines.append(f"    penalty per {late.every} {late.unit}{'s' if late.every != 1 else ''} late: "
                             f"{typed(late.rate)}")
                lines.append(f"    penalty at most {typed(late.cap)}")
            for s in article.suspensions:
                lines.append(f"    suspend {', '.join(s.articles)} until {s.until}")
        elif isinstance(article, c.Eligibility):
            conditions("require", article.requirements)
        else:
            lines.append(f"    from {typed(article.day)}")
    for example in charter.examples:
        lines.append(f"example {example.name}  ({example.origin}, period {example.period}, "
                     f"{len(example.expectations)} expectations)")
    return "\n".join(lines) + "\n"


def _split(split: c.CostSplit, printer: _Printer) -> list[str]:
    """The lines of who bears a benefit's cost: each share, then each takeover."""
    if not split.written:
        return [f"    cost borne wholly by {split.shares[0].payer} (the level of the charter writing it)"]

    def share(s: c.Share) -> str:
        return s.payer if s.amount is None else f"{s.payer} {printer.text(s.amount)}"

    lines = ["    cost shared:"]
    lines += [f"      {share(s)}  : {_type(s.amount.type) if s.amount is not None else 'all'}" for s in split.shares]
    for t in split.takeovers:
        lines.append(f"      when {printer.text(t.condition.expr)}: {t.payer} taken over by "
                     f"{', '.join(share(s) for s in t.takers)}  : {_type(t.condition.expr.type)}")
    return lines


def _schedule(schedule: c.Once | c.Monthly | c.Yearly | c.PerEvent, printer: _Printer) -> str:
    if isinstance(schedule, c.Once):
        return f"once on {printer.text(schedule.day)}  : {_type(schedule.day.type)}"
    if isinstance(schedule, c.Monthly):
        return f"every month, judged on its {schedule.judged_on} day"
    if isinstance(schedule, c.Yearly):
        return "every year on " + ", ".join(f"{m:02d}-{d:02d}" for m, d in schedule.days)
    cap = f", at most {schedule.cap} a year" if schedule.cap is not None else ""
    return f"on each of {printer.text(schedule.days)}{cap}  : {_type(schedule.days.type)}"


def _type(t: Type) -> str:
    return str(t)


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _default(value: x.Const, printer: _Printer) -> str:
    if isinstance(value.value, tuple):
        return "[" + ", ".join(str(v) for v in value.value) + "]"
    return printer.text(value)
