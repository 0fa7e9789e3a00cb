"""Benefits: the units of each schedule (every month or year, once, on each event) and who each is for,
the gates a unit passes to be paid (one function per gate, named after it, in the order of
`ir.BENEFIT_GATES`) and its amount; without explanations, the shortcuts that judge the units of a
period at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal, getcontext
from typing import Any, ClassVar

import attrs

from ... import ir
from ...common.errors import EvaluationError
from ...ir.analysis import amount_reads, invariant
from ...records import Person
from ...results import CellRead, Check, Grant, Unit, UnknownAmount, add_costs
from ...runtime import calendar as cal
from ...runtime import functions as rt
from ...runtime.functions import Fn
from ...runtime.schedules import unit_days
from ._costs import Costs
from ._plan import UNPAID, ZERO, Build, Facts, Plan, Tally, resolved

Days = tuple[tuple[dt.date, dt.date, dt.date], ...]
"""Units of a schedule: (judged day, unit start, unit end)."""

Test = Callable[["Benefit", rt.Ctx, dt.date, dt.date, dt.date, "Person | None", Facts, "list[Check] | None"], Any]
"""A gate's test of one unit (plan, ctx, day, unit start, unit end, subject, facts, checks): a str when the
unit fails it (what to say of it, or "" when `checks` is None: nothing is explained), else what it lets
through (the amount, for the last gate). To explain, it appends what it judged to `checks`."""


@attrs.frozen
class Gate:
    """A gate of the units of a benefit as the engine judges it: the name of its `ir.BENEFIT_GATES`
    entry, the plans it applies to, and its test."""

    name: str
    applies: Callable[[Benefit], bool]
    test: Test


_TESTS: dict[str, tuple[Callable[[Benefit], bool], Test]] = {}


def _gate(applies: Callable[[Benefit], bool]) -> Callable[[Test], Test]:
    """Make a function a gate's test, the gate named after it, for the plans it applies to."""

    def register(test: Test) -> Test:
        _TESTS[test.__name__] = (applies, test)
        return test

    return register


@_gate(lambda plan: True)
def not_in_force(plan: Benefit, c: rt.Ctx, day: dt.date, start: dt.date, end: dt.date, person: Person | None,
                 facts: Facts, checks: list[Check] | None) -> Any:
    """The unit's day is on or after the day the article is in force."""
    in_force = plan.article.in_force
    if day < in_force:
        return in_force.isoformat() if checks is not None else ""
    return None


@_gate(lambda plan: bool(plan.vetoes))
def vetoed(plan: Benefit, c: rt.Ctx, day: dt.date, start: dt.date, end: dt.date, person: Person | None,
           facts: Facts, checks: list[Check] | None) -> Any:
    """No veto over the article applies from the unit's day or before."""
    for veto_id in plan.vetoes:
        vetoed_from = facts.vetoes.get(veto_id)
        if vetoed_from is not None and vetoed_from <= day:
            return f"{veto_id} from {vetoed_from}" if checks is not None else ""
    return None


@_gate(lambda plan: plan.contract is not None)
def no_contract(plan: Benefit, c: rt.Ctx, day: dt.date, start: dt.date, end: dt.date, person: Person | None,
                facts: Facts, checks: list[Check] | None) -> Any:
    """The contract the article names was signed by the unit's day."""
    assert plan.contract is not None
    signed = plan.contract(c, day, start, end, person)
    ok = signed is not None and signed <= day
    if checks is not None:
        checks.append(Check("contract", 0, ok))
    return None if ok else ""


@_gate(lambda plan: bool(plan.conditions))
def condition_false(plan: Benefit, c: rt.Ctx, day: dt.date, start: dt.date, end: dt.date, person: Person | None,
                    facts: Facts, checks: list[Check] | None) -> Any:
    """Every `when` condition is true on the unit's day, in order."""
    if checks is None:  # the conditions as the fast path judges them (hoisted, joined)
        for fn in plan.fast.conditions:
            if fn(c, day, start, end, person) is not True:
                return ""
        return None
    for i, fn in enumerate(plan.conditions):
        value = fn(c, day, start, end, person)
        checks.append(Check("when", i, value))
        if value is not True:
            return str(i)
    return None


@_gate(lambda plan: bool(plan.exceptions))
def exception(plan: Benefit, c: rt.Ctx, day: dt.date, start: dt.date, end: dt.date, person: Person | None,
              facts: Facts, checks: list[Check] | None) -> Any:
    """No `unless` exception is true on the unit's day, in order."""
    for i, fn in enumerate(plan.exceptions):
        value = fn(c, day, start, end, person)
        if checks is not None:
            checks.append(Check("unless", i, value))
        if value is True:
            return str(i)
    return None


@_gate(lambda plan: bool(plan.suspenders))
def suspended(plan: Benefit, c: rt.Ctx, day: dt.date, start: dt.date, end: dt.date, person: Person | None,
              facts: Facts, checks: list[Check] | None) -> Any:
    """No breached obligation (no instance of one) suspends the article on the unit's day."""
    for oid, until in plan.suspenders:
        for status in facts.obligations[oid].each():
            breached = status.status == "breached" and status.since is not None and status.since <= day
            if breached and (until == "good" or status.cured_on is None or day < status.cured_on):
                return oid
    return None


@_gate(lambda plan: True)
def amount_unknown(plan: Benefit, c: rt.Ctx, day: dt.date, start: dt.date, end: dt.date, person: Person | None,
                   facts: Facts, checks: list[Check] | None) -> Any:
    """The amount can be computed (in-kind grants have none to compute): it is what the gate lets through."""
    if checks is not None and plan.reads_tables:  # to explain, the cells of tables the amount reads
        c.cells, memo = [], c.memo
        c.memo = {}  # (so a definition is computed again, and what it reads is seen)
        try:
            amount = plan.amount_of(c, day, start, end, person)
        finally:
            c.memo = memo
    else:
        amount = plan.amount_of(c, day, start, end, person)
    if amount is UNPAID:
        return ", ".join(c.unknown[-1].missing) if checks is not None else ""
    return amount


GATES: tuple[Gate, ...] = tuple(Gate(g.name, *_TESTS[g.name]) for g in ir.BENEFIT_GATES)
"""The gates of a unit, in the order of `ir.BENEFIT_GATES`, each judged by the function of its name."""

AT_ONCE = frozenset({"not_in_force", "vetoed", "condition_false", "amount_unknown"})
"""The gates the shortcuts of periodic benefits judge for all the units of a period at once (the units
of a plan that any other gate applies to are judged one by one)."""


@attrs.frozen
class Benefit(Plan):
    """A benefit made ready to evaluate: the functions of its subjects, days, conditions, exceptions,
    amount and contract; the vetoes over it, the obligations that suspend it; and how it is judged
    without explanations (`prepare`, `ready`)."""

    article: ir.Benefit
    subjects: Fn | None
    day: Fn | None
    days: Fn | None
    conditions: tuple[Fn, ...]
    exceptions: tuple[Fn, ...]
    amount: Fn | None
    contract: Fn | None
    vetoes: tuple[str, ...]
    suspenders: tuple[tuple[str, str], ...]
    probes: tuple[tuple[str, Fn], ...] = ()
    """The values the amount reads (fields, definitions), to name those missing when it is."""
    reads_tables: bool = False
    """Whether the charter has tables, whose cells an explained amount shows."""
    hoisted: int = 0
    """How many leading conditions are the same for every unit of a household."""
    rest: Any = None
    """The conditions after those, joined in one function (or, in a 1-tuple, the function sifting the
    units of a period), when the back end can."""
    money: Any = UNPAID
    """The amount of each unit when the charter writes it as a constant (None: in kind), or UNPAID."""
    fixed_amount: bool = False
    """Whether the amount is the same for every unit of a household."""
    costs: Costs | None = None
    """The functions of the split of its cost, when it says who bears it."""
    fast: _Fast = attrs.field(default=None, eq=False)
    """How it is judged without explanations (once `ready`)."""

    settles: ClassVar[bool] = True

    @classmethod
    def plans(cls, articles: Sequence[ir.Benefit], build: Build) -> tuple[Benefit, ...]:
        charter = build.charter
        f = build.backend.function
        rank = {cid: i for i, cid in enumerate(charter.chain)}
        vetoes = [a for a in charter.articles if isinstance(a, ir.Veto)]
        suspenders: dict[str, list[tuple[str, str]]] = {}
        for o in charter.articles:
            if isinstance(o, ir.Obligation):
                for s in o.suspensions:
                    for target in s.articles:
                        suspenders.setdefault(target, []).append((o.id, s.until))
        plans = []
        for a in articles:
            var = a.subject.var if a.subject else None
            over = tuple(v.id for v in vetoes if rank.get(v.origin, 0) <= rank.get(a.origin, 0))
            plans.append(cls(
                a,
                f(a.subject.collection, None) if a.subject else None,
                f(a.schedule.day, var) if isinstance(a.schedule, ir.Once) else None,
                f(a.schedule.days, var) if isinstance(a.schedule, ir.PerEvent) else None,
                tuple(f(c.expr, var) for c in a.conditions),
                tuple(f(c.expr, var) for c in a.exceptions),
                f(a.amount, var) if a.amount is not None else None,
                f(a.contract, var) if a.contract is not None else None,
                over,
                tuple(suspenders.get(a.id, ())),
                tuple((label, f(e, var)) for label, e in amount_reads(a.amount, var)),
                any(p.table for p in charter.parameters),
                costs=Costs.of(a, f),
            ))
        return tuple(plans)

    def prepare(self, build: Build) -> Benefit:
        # without explanations, the leading conditions that are the same for every unit are judged
        # once, and the others at one call when the back end can join them
        a = self.article
        backend, definitions = build.backend, build.definitions
        conditions = a.conditions
        n = 0
        while n < len(conditions) and invariant(conditions[n].expr, definitions):
            n += 1
        rest: Any = None
        var = a.subject.var if a.subject else None
        join = getattr(backend, "conjunction", None)
        sift = getattr(backend, "unit_filter", None)
        if sift is not None and var is None and isinstance(a.schedule, (ir.Monthly, ir.Yearly)) \
                and _fixed_money(a.amount) is not UNPAID:
            rest = (sift([c.expr for c in conditions[n:]]),)  # the units paid, at one call
        elif join is not None and len(conditions) - n > 1:
            rest = join([c.expr for c in conditions[n:]], var)
        return attrs.evolve(self, hoisted=n, rest=rest, money=_fixed_money(a.amount),
                            fixed_amount=a.amount is not None and invariant(a.amount, definitions))

    def ready(self, real: Callable[[Fn], Fn] | None) -> Benefit:
        plan = resolved(self, real) if real is not None else self
        if real is not None and plan.costs is not None:
            plan = attrs.evolve(plan, costs=plan.costs.resolved(real))
        return attrs.evolve(plan, fast=_Fast(plan))

    # ------------------------------------------------------------------ a period
    def settle(self, c: rt.Ctx, period: cal.Period, facts: Facts, tally: Tally, explain: bool) -> None:
        aid = self.article.id
        cash = tally.cash
        if explain:
            for unit in self.units(c, period, facts, True):
                if unit is None:
                    continue
                tally.units.append(unit)
                if not unit.paid:
                    continue
                if unit.amount is None:
                    tally.grants.append(Grant(aid, unit.member, unit.day))
                elif unit.amount:
                    cash[aid] = cash.get(aid, ZERO) + unit.amount
                if unit.costs:
                    add_costs(tally.costs, aid, unit.costs)
            return
        fast = self.fast
        if fast.periodic:
            self._periodic(c, fast, period, facts, cash, tally.grants, tally.costs)
        elif fast.once:
            self._once(c, period, facts, cash, tally.grants, tally.costs)
        else:
            for unit in self.units(c, period, facts, False):
                if unit is None or not unit.paid:
                    continue
                if unit.amount is None:
                    tally.grants.append(Grant(aid, unit.member, unit.day))
                elif unit.amount:
                    cash[aid] = cash.get(aid, ZERO) + unit.amount
                if unit.costs:
                    add_costs(tally.costs, aid, unit.costs)

    def units(self, c: rt.Ctx, period: cal.Period, facts: Facts, explain: bool) -> Iterator[Unit | None]:
        """The units of the benefit in a period; without `explain`, an unpaid unit may be None."""
        a = self.article
        schedule = a.schedule
        judged = period.end
        c.article = a.id
        if isinstance(schedule, (ir.Monthly, ir.Yearly)):
            for day, start, end in unit_days(schedule, period.start, period.end):
                for person in self._subjects(c, day):
                    yield self.unit(c, day, start, end, person, facts, explain)
        elif isinstance(schedule, ir.Once):
            assert self.day is not None
            for person in self._candidates(c, judged):
                c.article = a.id
                day = self.day(c, judged, judged, judged, person)
                if day is not None and day in period and (person is None or person.birth <= day) \
                        and self._subject_on(c, person, day):
                    yield self.unit(c, day, day, day, person, facts, explain)
        else:
            assert isinstance(schedule, ir.PerEvent) and self.days is not None
            year_start = dt.date(period.start.year, 1, 1)
            for person in self._candidates(c, judged):
                c.article = a.id
                born = person.birth if person is not None else dt.date.min
                events = sorted(d for d in self.days(c, judged, judged, judged, person) or ()
                                if d is not None and year_start <= d <= judged and d >= born)
                paid_in_year: dict[int, int] = {}
                for day in events:
                    if not self._subject_on(c, person, day):
                        continue
                    unit = self.unit(c, day, day, day, person, facts, explain or day < period.start,
                                     costs=day >= period.start)
                    if unit is None:
                        continue
                    if unit.paid and schedule.cap is not None:
                        count = paid_in_year.get(day.year, 0)
                        if count >= schedule.cap:
                            unit = attrs.evolve(unit, paid=False, reason="cap_reached",
                                                detail=f"{schedule.cap} already paid in {day.year}",
                                                cost=None, costs=(), takeovers=())
                        else:
                            paid_in_year[day.year] = count + 1
                    if day >= period.start:
                        yield unit

    # ------------------------------------------------------------------ who a unit is for
    def _candidates(self, c: rt.Ctx, judged: dt.date) -> tuple[Person | None, ...]:
        """Who may have a unit paid on a day of its own (`once on`, `on each of`): without `for each`,
        the household; else every person born by the judged day (who may have died or left since),
        each of whom is a subject of a unit when the `for each` collection holds them on that unit's day
        (`_subject_on`)."""
        if self.subjects is None:
            return _NOBODY
        return rt.ever_members(c, judged)

    def _subject_on(self, c: rt.Ctx, person: Person | None, day: dt.date) -> bool:
        """Whether a person is in the `for each` collection on a day (the household always is)."""
        if person is None:
            return True
        subjects = self._subjects(c, day)
        c.article = self.article.id
        return any(p is person for p in subjects)

    def _subjects(self, c: rt.Ctx, day: dt.date) -> tuple[Person | None, ...]:
        if self.subjects is None:
            return _NOBODY
        c.article = self.article.id
        people: tuple[Person, ...] = self.subjects(c, day, day, day, None)
        return people

    # ------------------------------------------------------------------ one unit
    def unit(self, c: rt.Ctx, day: dt.date, start: dt.date, end: dt.date, person: Person | None, facts: Facts,
             explain: bool, costs: bool = True) -> Unit | None:
        """What comes of one unit, its gates judged in order: the first it fails is its reason; without
        `explain`, None for a unit that is not paid. A unit paid carries who bears its cost (unless not
        `costs`: a unit judged only to count a yearly cap)."""
        a = self.article
        c.article = a.id
        checks: list[Check] | None = [] if explain else None
        value: Any = None
        for name, test in self.fast.gates:
            value = test(self, c, day, start, end, person, facts, checks)
            if value.__class__ is str:
                if checks is None:
                    return None
                c.cells = None
                return Unit(a.id, person.id if person is not None else None, day, start, end, False, None,
                            name, value, tuple(checks))
        cells: tuple[CellRead, ...] = ()
        if c.cells is not None:
            cells = tuple(CellRead(table, keys, found, since)
                          for table, keys, since, found in dict.fromkeys(c.cells))
            c.cells = None
        unit = Unit(a.id, person.id if person is not None else None, day, start, end, True, value, "paid", "",
                    tuple(checks) if checks else (), cells)
        if self.costs is not None and costs:
            takeovers: list[Check] | None = [] if explain else None
            cost, borne = self.costs.borne(c, day, start, end, person, value, takeovers)
            unit = attrs.evolve(unit, cost=cost, costs=borne, takeovers=tuple(takeovers or ()))
        return unit

    def _paid(self, c: rt.Ctx, day: dt.date, start: dt.date, end: dt.date, person: Person | None,
              facts: Facts, costs: dict[str, dict[str, Decimal]]) -> Any:
        """What one unit pays (None: a grant in kind), its gates judged in order, or UNPAID; who bears
        the cost of a unit paid is added to `costs`."""
        c.article = self.article.id
        value: Any = None
        for test in self.fast.tests:
            value = test(self, c, day, start, end, person, facts, None)
            if value.__class__ is str:
                return UNPAID
        if self.costs is not None:
            add_costs(costs, self.article.id, self.costs.borne(c, day, start, end, person, value, None)[1])
        return value

    def amount_of(self, c: rt.Ctx, day: dt.date, start: dt.date, end: dt.date, person: Person | None) -> Any:
        """What a unit that is due pays: an exact amount, None for a grant in kind, or UNPAID when the
        amount is missing (the unit is kept in `c.unknown` with the values it lacks)."""
        if self.amount is None:
            return None
        value = self.amount(c, day, start, end, person)
        if value is not None:
            return rt.money(c, value)
        missing: list[str] = []
        for label, probe in self.probes:
            try:
                if probe(c, day, start, end, person) is None:
                    missing.append(label)
            except EvaluationError:  # a value the amount did not need
                continue
        c.article = self.article.id
        c.unknown.append(UnknownAmount(self.article.id, person.id if person is not None else None, day,
                                       tuple(missing)))
        return UNPAID

    # ------------------------------------------------------------------ without explanations
    def _unit_days_of(self, fast: _Fast, period: cal.Period) -> Days:
        """The units of a periodic benefit in a period from its first day in force (cached)."""
        last = fast.last  # the period of the last call and its units, replaced at once
        if last[0] is period:
            return last[1]
        key = (period.start, period.end)
        days = fast.days.get(key)
        if days is None:
            schedule = self.article.schedule
            assert isinstance(schedule, (ir.Monthly, ir.Yearly))
            in_force = self.article.in_force
            days = tuple(u for u in unit_days(schedule, period.start, period.end) if u[0] >= in_force)
            if len(fast.days) > 4096:
                fast.days.clear()
            fast.days[key] = days
        fast.last = (period, days)
        return days

    def _periodic(self, c: rt.Ctx, fast: _Fast, period: cal.Period, facts: Facts, cash: dict[str, Decimal],
                  grants: list[Grant], costs: dict[str, dict[str, Decimal]]) -> None:
        """Add what a monthly or yearly benefit pays in a period."""
        aid = self.article.id
        c.article = aid
        last = fast.last
        days = last[1] if last[0] is period else self._unit_days_of(fast, period)
        if not days:
            return
        vetoed_from = _vetoed_from(self, facts) if self.vetoes else None
        acc = cash.get(aid)
        if fast.sift is not None and fast.simple:  # the units paid at one call, the same amount for each
            if vetoed_from is not None:
                days = tuple(u for u in days if u[0] < vetoed_from)
                if not days:
                    return
            day, start, end = days[0]
            for fn in fast.hoisted:  # conditions that are the same for every unit: judged once
                if fn(c, day, start, end, None) is not True:
                    return
            paid = fast.sift(c, days)
            each: Decimal | None = fast.money
            if each is None:
                grants.extend(Grant(aid, None, day) for day in paid)
            elif each and paid:
                n = len(paid)
                if acc is None and n < 1000 and fast.money_digits + 3 <= getcontext().prec:
                    acc = ZERO + each * n  # exact, so the same as adding the amount n times
                else:
                    for _ in paid:
                        acc = (ZERO if acc is None else acc) + each
        elif self.subjects is None and fast.simple:
            hoisted, rest = fast.hoisted, fast.rest
            amount: Any = UNPAID
            for day, start, end in days:
                if vetoed_from is not None and vetoed_from <= day:
                    continue
                if hoisted:  # conditions that are the same for every unit: judged once
                    for fn in hoisted:
                        if fn(c, day, start, end, None) is not True:
                            return
                    hoisted = ()
                for fn in rest:
                    if fn(c, day, start, end, None) is not True:
                        break
                else:
                    if amount is UNPAID or not fast.fixed_amount:
                        amount = self.amount_of(c, day, start, end, None)
                        if amount is UNPAID:
                            continue
                    if amount is None:
                        grants.append(Grant(aid, None, day))
                    elif amount:
                        acc = (ZERO if acc is None else acc) + amount
        else:
            for day, start, end in days:
                if vetoed_from is not None and vetoed_from <= day:
                    continue
                for person in self._subjects(c, day):
                    paid = self._paid(c, day, start, end, person, facts, costs)
                    if paid is UNPAID:
                        continue
                    if paid is None:
                        grants.append(Grant(aid, person.id if person is not None else None, day))
                    elif paid:
                        acc = (ZERO if acc is None else acc) + paid
        if acc is not None:
            cash[aid] = acc

    def _once(self, c: rt.Ctx, period: cal.Period, facts: Facts, cash: dict[str, Decimal],
              grants: list[Grant], costs: dict[str, dict[str, Decimal]]) -> None:
        """Add what a benefit paid once pays in a period."""
        assert self.day is not None
        aid = self.article.id
        judged = period.end
        for person in self._candidates(c, judged):
            c.article = aid
            day = self.day(c, judged, judged, judged, person)
            if day is not None and isinstance(day, dt.date) and period.start <= day <= judged \
                    and (person is None or person.birth <= day) \
                    and self._subject_on(c, person, day):  # the day lies in the period
                paid = self._paid(c, day, day, day, person, facts, costs)
                if paid is UNPAID:
                    continue
                if paid is None:
                    grants.append(Grant(aid, person.id if person is not None else None, day))
                elif paid:
                    cash[aid] = cash.get(aid, ZERO) + paid


_NOBODY: tuple[None] = (None,)


def _fixed_money(amount: ir.Expr | None) -> Any:
    """The amount of each unit when the charter writes it as a constant (None: in kind), or UNPAID."""
    if amount is None:
        return None
    if isinstance(amount, ir.Const) and isinstance(amount.value, (int, Decimal)) and not isinstance(amount.value, bool):
        try:
            return Decimal(amount.value).quantize(rt.CENT, rounding=ROUND_HALF_UP)
        except ArithmeticError:
            return UNPAID
    return UNPAID


def _vetoed_from(plan: Benefit, facts: Facts) -> dt.date | None:
    """The first day from which one of the vetoes over a benefit holds, if any."""
    first = None
    for veto_id in plan.vetoes:
        day = facts.vetoes.get(veto_id)
        if day is not None and (first is None or day < first):
            first = day
    return first


class _Fast:
    """How a benefit is judged when nothing is to be explained, and the gates that apply to it."""

    __slots__ = ("conditions", "days", "fixed_amount", "gates", "hoisted", "last", "money", "money_digits",
                 "once", "periodic", "rest", "sift", "simple", "tests")

    def __init__(self, plan: Benefit) -> None:
        a = plan.article
        self.last: tuple[cal.Period | None, Days] = (None, ())
        self.days: dict[tuple[dt.date, dt.date], Days] = {}
        self.periodic = isinstance(a.schedule, (ir.Monthly, ir.Yearly))
        self.once = isinstance(a.schedule, ir.Once)
        self.gates = tuple((g.name, g.test) for g in GATES if g.applies(plan))
        """The gates that apply to the plan, in order, by name."""
        self.tests = tuple(test for _, test in self.gates)
        # no contract, exception or suspension: a unit is paid when it is in force, not vetoed and
        # every condition is true, which the periodic shortcuts judge for all units at once
        # (and no cost to split: who bears it is judged unit by unit)
        self.simple = all(name in AT_ONCE for name, _ in self.gates) and plan.costs is None
        # the leading conditions that are the same for every unit of a household; then the others
        rest = plan.rest
        self.hoisted = plan.conditions[:plan.hoisted]
        # the units of a periodic benefit without `for each` that pay a fixed amount (or in kind)
        # are sifted at one call, which gives the days of the units paid
        self.sift: Callable[[rt.Ctx, Days], list[dt.date]] | None = rest[0] if isinstance(rest, tuple) else None
        money = plan.money
        self.money = money
        # the digits of the fixed amount: n units pay it times n when the product is exact
        self.money_digits = len(money.as_tuple().digits) if isinstance(money, Decimal) else 0
        self.rest = (rest,) if rest is not None and self.sift is None else plan.conditions[plan.hoisted:]
        # all the conditions, judged in order until one is not true (those after the hoisted ones
        # joined in one function when the back end can)
        self.conditions = self.hoisted + self.rest if self.sift is None else plan.conditions
        self.fixed_amount = plan.fixed_amount
