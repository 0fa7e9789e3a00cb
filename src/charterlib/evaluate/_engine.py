"""The evaluation driver: schedules, units, vetoes, obligations, suspensions and eligibility.

It is the same for every back end: a back end only turns each expression of the typed IR into a
function `(ctx, today, unit_start, unit_end, subject) -> value`, once, when the engine is built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import ROUND_HALF_UP, Decimal, getcontext
from typing import Any

import attrs

from .. import ir
from ..common.errors import EvaluationError
from ..compile import Backend
from ..ir.analysis import amount_reads, invariant
from ..records import Household, Person
from ..results import Check, Grant, ObligationStatus, Result, Unit, UnknownAmount, Verdict
from ..runtime import calendar as cal
from ..runtime import functions as rt
from ..runtime.functions import Fn
from ..runtime.schedules import unit_days


@attrs.frozen
class _Veto:
    article: ir.Veto
    day: Fn


@attrs.frozen
class _Obligation:
    article: ir.Obligation
    conditions: tuple[Fn, ...]
    exceptions: tuple[Fn, ...]
    contract: Fn | None
    trigger: Fn
    within: Fn
    fulfilled: Fn
    penalty: Fn | None
    penalty_within: Fn | None


@attrs.frozen
class _Benefit:
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


@attrs.frozen
class _Eligibility:
    article: ir.Eligibility
    subjects: Fn | None
    requirements: tuple[tuple[str, Fn], ...]


@attrs.frozen
class _Facts:
    """What holds for the whole evaluation, judged as of the period's last day."""

    vetoes: dict[str, dt.date | None]
    obligations: dict[str, ObligationStatus]


class Engine:
    """A charter made ready to evaluate: every expression turned into a function, once."""

    def __init__(self, charter: ir.Charter, backend: Backend) -> None:
        self.charter = charter
        self.backend = backend
        f = backend.function
        rank = {cid: i for i, cid in enumerate(charter.chain)}
        self.vetoes = tuple(_Veto(a, f(a.day, None)) for a in charter.articles if isinstance(a, ir.Veto))
        self.obligations = tuple(
            _Obligation(
                a,
                tuple(f(c.expr, None) for c in a.conditions),
                tuple(f(c.expr, None) for c in a.exceptions),
                f(a.contract, None) if a.contract is not None else None,
                f(a.trigger, None),
                f(a.within, None),
                f(a.fulfilled, None),
                f(a.penalty, None) if a.penalty is not None else None,
                f(a.penalty_within, None) if a.penalty_within is not None else None,
            )
            for a in charter.articles
            if isinstance(a, ir.Obligation)
        )
        suspenders: dict[str, list[tuple[str, str]]] = {}
        for o in self.obligations:
            for s in o.article.suspensions:
                for target in s.articles:
                    suspenders.setdefault(target, []).append((o.article.id, s.until))
        benefits = []
        for a in charter.articles:
            if not isinstance(a, ir.Benefit):
                continue
            var = a.subject.var if a.subject else None
            vetoes = tuple(v.article.id for v in self.vetoes
                           if rank.get(v.article.origin, 0) <= rank.get(a.origin, 0))
            benefits.append(_Benefit(
                a,
                f(a.subject.collection, None) if a.subject else None,
                f(a.schedule.day, var) if isinstance(a.schedule, ir.Once) else None,
                f(a.schedule.days, var) if isinstance(a.schedule, ir.PerEvent) else None,
                tuple(f(c.expr, var) for c in a.conditions),
                tuple(f(c.expr, var) for c in a.exceptions),
                f(a.amount, var) if a.amount is not None else None,
                f(a.contract, var) if a.contract is not None else None,
                vetoes,
                tuple(suspenders.get(a.id, ())),
                tuple((label, f(e, var)) for label, e in amount_reads(a.amount, var)),
            ))
        self.benefits = tuple(benefits)
        self.eligibilities = {
            a.id: _Eligibility(
                a,
                f(a.subject.collection, None) if a.subject else None,
                tuple((c.label or f"condition {i + 1}", f(c.expr, a.subject.var if a.subject else None))
                      for i, c in enumerate(a.requirements)),
            )
            for a in charter.articles
            if isinstance(a, ir.Eligibility)
        }
        # without explanations, the leading conditions that are the same for every unit are judged
        # once, and the others at one call when the back end can join them
        definitions = {d.name: d.expr for d in charter.definitions}
        join = getattr(backend, "conjunction", None)
        shapes: list[tuple[int, Fn | None, Any]] = []
        sift = getattr(backend, "unit_filter", None)
        for plan in self.benefits:
            a = plan.article
            conditions = a.conditions
            n = 0
            while n < len(conditions) and invariant(conditions[n].expr, definitions):
                n += 1
            rest: Any = None
            var = a.subject.var if a.subject else None
            if sift is not None and var is None and isinstance(a.schedule, (ir.Monthly, ir.Yearly)) \
                    and _fixed_money(a.amount) is not _UNPAID:
                rest = (sift([c.expr for c in conditions[n:]]),)  # the units paid, at one call
            elif join is not None and len(conditions) - n > 1:
                rest = join([c.expr for c in conditions[n:]], var)
            shapes.append((n, rest, _fixed_money(a.amount)))
        finish = getattr(backend, "finish", None)
        if finish is not None:  # a back end that builds all its functions at once
            finish()
            self._resolve(backend.resolve)  # type: ignore[attr-defined]
            real = backend.resolve  # type: ignore[attr-defined]
            shapes = [(n, (real(rest[0]),) if isinstance(rest, tuple) else real(rest) if rest is not None else None,
                       money) for n, rest, money in shapes]
        self._plans = tuple((p, _FastPlan(p, i, n, rest, money, definitions))
                            for i, (p, (n, rest, money)) in enumerate(zip(self.benefits, shapes)))
        self._days: dict[tuple[int, dt.date, dt.date], tuple[tuple[dt.date, dt.date, dt.date], ...]] = {}

    def _resolve(self, real: Callable[[Fn], Fn]) -> None:
        """Replace the back end's placeholders by the functions it built."""

        def fix(value: Any) -> Any:
            if isinstance(value, tuple):
                return tuple(fix(v) for v in value)
            if callable(value) and not isinstance(value, (str, type)):
                return real(value)
            return value

        def plan(p: Any) -> Any:
            return attrs.evolve(p, **{f.name: fix(getattr(p, f.name)) for f in attrs.fields(type(p))
                                      if f.name != "article"})

        self.vetoes = tuple(plan(p) for p in self.vetoes)
        self.obligations = tuple(plan(p) for p in self.obligations)
        self.benefits = tuple(plan(p) for p in self.benefits)
        self.eligibilities = {k: plan(p) for k, p in self.eligibilities.items()}

    # ------------------------------------------------------------------ households
    def evaluate(self, household: Household, period: cal.Period, explain: bool = False) -> Result:
        """What a household is owed and owes in a period, judged as of the period's last day."""
        if explain:
            return self._explained(household, period)
        c = rt.Ctx(household)
        judged = period.end
        try:
            facts = self._facts(c, judged) if self.vetoes or self.obligations else _NO_FACTS
            cash: dict[str, Decimal] = {}
            grants: list[Grant] = []
            for plan, fast in self._plans:
                if fast.periodic:
                    self._periodic(c, plan, fast, period, facts, cash, grants)
                elif fast.once:
                    self._once(c, plan, fast, period, facts, cash, grants)
                else:
                    for unit in self._units(c, plan, period, facts, False):
                        if unit is None or not unit.paid:
                            continue
                        if unit.amount is None:
                            grants.append(Grant(plan.article.id, unit.member, unit.day))
                        elif unit.amount:
                            cash[plan.article.id] = cash.get(plan.article.id, _ZERO) + unit.amount
            penalties = {
                oid: status.penalty
                for oid, status in facts.obligations.items()
                if status.penalty is not None and status.penalty_due in period and status.penalty
            } if facts.obligations else {}
        except RecursionError:
            raise c.fail("the evaluation nests too deeply") from None
        if len(grants) > 1:
            grants.sort(key=_grant_order)
        if cash and _ZERO in cash.values():  # a benefit that pays nothing in all is left out
            cash = {k: v for k, v in cash.items() if v}
        return Result.of(household.id, period, cash, tuple(grants),
                         penalties, facts.obligations if facts is not _NO_FACTS else {},
                         _unknown(c, period) if c.unknown else ())

    def _explained(self, household: Household, period: cal.Period, explain: bool = True) -> Result:
        """An evaluation keeping every unit with its reasons (and the general path of any other)."""
        c = rt.Ctx(household)
        judged = period.end
        try:
            facts = self._facts(c, judged)
            cash: dict[str, Decimal] = {}
            grants: list[Grant] = []
            units: list[Unit] = []
            for plan in self.benefits:
                for unit in self._units(c, plan, period, facts, explain):
                    if unit is None:  # an unpaid unit, not kept when nothing is to be explained
                        continue
                    if explain:
                        units.append(unit)
                    if not unit.paid:
                        continue
                    if unit.amount is None:
                        grants.append(Grant(plan.article.id, unit.member, unit.day))
                    elif unit.amount:
                        cash[plan.article.id] = cash.get(plan.article.id, Decimal("0.00")) + unit.amount
            penalties = {
                oid: status.penalty
                for oid, status in facts.obligations.items()
                if status.penalty is not None and status.penalty_due in period and status.penalty
            }
        except RecursionError:
            raise c.fail("the evaluation nests too deeply") from None
        grants.sort(key=lambda g: (g.on, g.benefit, g.member or ""))
        return Result(household.id, period, {k: v for k, v in cash.items() if v}, tuple(grants),
                      penalties, facts.obligations, tuple(units), _unknown(c, period))

    def _facts(self, c: rt.Ctx, judged: dt.date) -> _Facts:
        vetoes: dict[str, dt.date | None] = {}
        for veto in self.vetoes:
            c.article = veto.article.id
            vetoes[veto.article.id] = veto.day(c, judged, judged, judged, None)
        obligations = {o.article.id: self._obligation(c, o, judged) for o in self.obligations}
        return _Facts(vetoes, obligations)

    # ------------------------------------------------------------------ obligations
    def _obligation(self, c: rt.Ctx, plan: _Obligation, judged: dt.date) -> ObligationStatus:
        a = plan.article
        c.article = a.id
        oid = a.id
        trigger = plan.trigger(c, judged, judged, judged, None)
        if trigger is None or trigger > judged:
            return ObligationStatus(oid, "not_applicable", reason="not_triggered", trigger=trigger)
        if trigger < a.in_force:
            return ObligationStatus(oid, "not_applicable", reason="not_in_force", trigger=trigger)
        checks: list[Check] = []
        for i, fn in enumerate(plan.conditions):
            value = fn(c, trigger, trigger, trigger, None)
            checks.append(Check("when", i, value))
            if value is not True:
                return ObligationStatus(oid, "not_applicable", reason="condition_false", trigger=trigger,
                                        checks=tuple(checks))
        for i, fn in enumerate(plan.exceptions):
            value = fn(c, trigger, trigger, trigger, None)
            checks.append(Check("unless", i, value))
            if value is True:
                return ObligationStatus(oid, "not_applicable", reason="exception", trigger=trigger,
                                        checks=tuple(checks))
        within = plan.within(c, trigger, trigger, trigger, None)
        if within is None:
            raise c.fail("the time allowed (`within`) is missing")
        # a deadline past the end of the calendar is missing: it never passes, so the obligation can
        # be fulfilled (or the contract signed) any day, and is pending with no due day until then
        deadline = rt.arith(c, "+", trigger, within)
        if plan.contract is not None:
            signed = plan.contract(c, trigger, trigger, trigger, None)
            in_time = signed is not None and (deadline is None or signed <= deadline)
            checks.append(Check("contract", 0, in_time))
            if not in_time:
                return ObligationStatus(oid, "not_applicable", reason="no_contract", trigger=trigger,
                                        due=deadline, checks=tuple(checks))
        act = plan.fulfilled(c, judged, judged, judged, None)
        if act is not None and (deadline is None or act <= deadline):
            if act <= judged:
                return ObligationStatus(oid, "fulfilled", on=act, trigger=trigger, due=deadline,
                                        checks=tuple(checks))
            act = None
        if deadline is None or judged <= deadline:
            return ObligationStatus(oid, "pending", due=deadline, trigger=trigger, checks=tuple(checks))
        since = deadline + dt.timedelta(days=1)
        cured = act if act is not None and act <= judged else None
        penalty = penalty_due = None
        if plan.penalty is not None:
            penalty = rt.money(c, plan.penalty(c, since, since, since, None))
            penalty_due = since
            if plan.penalty_within is not None:
                extra = plan.penalty_within(c, since, since, since, None)
                penalty_due = rt.arith(c, "+", since, extra) if extra is not None else since
        return ObligationStatus(oid, "breached", since=since, cured_on=cured, trigger=trigger, due=deadline,
                                penalty=penalty, penalty_due=penalty_due, checks=tuple(checks))

    # ------------------------------------------------------------------ benefits
    def _units(self, c: rt.Ctx, plan: _Benefit, period: cal.Period, facts: _Facts,
               explain: bool) -> Iterator[Unit | None]:
        """The units of a benefit in a period; without `explain`, an unpaid unit may be None."""
        a = plan.article
        schedule = a.schedule
        judged = period.end
        c.article = a.id
        if isinstance(schedule, (ir.Monthly, ir.Yearly)):
            for day, start, end in unit_days(schedule, period.start, period.end):
                for person in self._subjects(c, plan, day):
                    yield self._judge(c, plan, day, start, end, person, facts, explain)
        elif isinstance(schedule, ir.Once):
            assert plan.day is not None
            for person in self._candidates(c, plan, judged):
                c.article = a.id
                day = plan.day(c, judged, judged, judged, person)
                if day is not None and day in period and (person is None or person.birth <= day) \
                        and self._subject_on(c, plan, person, day):
                    yield self._judge(c, plan, day, day, day, person, facts, explain)
        else:
            assert isinstance(schedule, ir.PerEvent) and plan.days is not None
            year_start = dt.date(period.start.year, 1, 1)
            for person in self._candidates(c, plan, judged):
                c.article = a.id
                born = person.birth if person is not None else dt.date.min
                events = sorted(d for d in plan.days(c, judged, judged, judged, person) or ()
                                if d is not None and year_start <= d <= judged and d >= born)
                paid_in_year: dict[int, int] = {}
                for day in events:
                    if not self._subject_on(c, plan, person, day):
                        continue
                    unit = self._judge(c, plan, day, day, day, person, facts, explain or day < period.start)
                    if unit is None:
                        continue
                    if unit.paid and schedule.cap is not None:
                        count = paid_in_year.get(day.year, 0)
                        if count >= schedule.cap:
                            unit = attrs.evolve(unit, paid=False, reason="cap_reached",
                                                detail=f"{schedule.cap} already paid in {day.year}")
                        else:
                            paid_in_year[day.year] = count + 1
                    if day >= period.start:
                        yield unit

    def _candidates(self, c: rt.Ctx, plan: _Benefit, judged: dt.date) -> tuple[Person | None, ...]:
        """Who may have a unit of a benefit paid on a day of its own (`once on`, `on each of`): without
        `for each`, the household; else every member born by the judged day, each of whom is a subject
        of a unit when the `for each` collection holds them on that unit's day (`_subject_on`)."""
        if plan.subjects is None:
            return _NOBODY
        return rt.members(c, judged)

    def _subject_on(self, c: rt.Ctx, plan: _Benefit, person: Person | None, day: dt.date) -> bool:
        """Whether a person is in the `for each` collection of a benefit on a day (the household always is)."""
        if person is None:
            return True
        subjects = self._subjects(c, plan, day)
        c.article = plan.article.id
        return any(p is person for p in subjects)

    def _subjects(self, c: rt.Ctx, plan: _Benefit, day: dt.date) -> tuple[Person | None, ...]:
        if plan.subjects is None:
            return (None,)
        c.article = plan.article.id
        people: tuple[Person, ...] = plan.subjects(c, day, day, day, None)
        return people

    def _judge(self, c: rt.Ctx, plan: _Benefit, day: dt.date, start: dt.date, end: dt.date,
               person: Person | None, facts: _Facts, explain: bool) -> Unit | None:
        """What comes of one unit; without `explain`, None for a unit that is not paid."""
        a = plan.article
        c.article = a.id
        member = person.id if person is not None else None
        if day < a.in_force:
            if not explain:
                return None
            return Unit(a.id, member, day, start, end, False, None, "not_in_force", a.in_force.isoformat())
        for veto_id in plan.vetoes:
            vetoed_from = facts.vetoes.get(veto_id)
            if vetoed_from is not None and vetoed_from <= day:
                if not explain:
                    return None
                return Unit(a.id, member, day, start, end, False, None, "vetoed", f"{veto_id} from {vetoed_from}")

        def unit(paid: bool, reason: str, detail: str = "", amount: Decimal | None = None,
                 checks: tuple[Check, ...] = ()) -> Unit:
            return Unit(a.id, member, day, start, end, paid, amount, reason, detail, checks)

        checks: list[Check] = []
        if not explain and plan.contract is None and not plan.exceptions and not plan.suspenders:
            for fn in plan.conditions:  # the common case, without the bookkeeping explanations need
                if fn(c, day, start, end, person) is not True:
                    return None
            amount = self._amount(c, plan, day, start, end, person)
            return None if amount is _UNPAID else Unit(a.id, member, day, start, end, True, amount, "paid")
        if plan.contract is not None:
            signed = plan.contract(c, day, start, end, person)
            ok = signed is not None and signed <= day
            checks.append(Check("contract", 0, ok))
            if not ok:
                return unit(False, "no_contract", "", checks=tuple(checks))
        for i, fn in enumerate(plan.conditions):
            value = fn(c, day, start, end, person)
            if explain:
                checks.append(Check("when", i, value))
            if value is not True:
                return unit(False, "condition_false", str(i), checks=tuple(checks))
        for i, fn in enumerate(plan.exceptions):
            value = fn(c, day, start, end, person)
            if explain:
                checks.append(Check("unless", i, value))
            if value is True:
                return unit(False, "exception", str(i), checks=tuple(checks))
        for oid, until in plan.suspenders:
            status = facts.obligations[oid]
            breached = status.status == "breached" and status.since is not None and status.since <= day
            if breached and (until == "good" or status.cured_on is None or day < status.cured_on):
                return unit(False, "suspended", oid, checks=tuple(checks))
        amount = self._amount(c, plan, day, start, end, person)
        if amount is _UNPAID:
            if not explain:
                return None
            return unit(False, "amount_unknown", ", ".join(c.unknown[-1].missing), checks=tuple(checks))
        return unit(True, "paid", "", amount, tuple(checks))

    # ------------------------------------------------------------------ benefits, without explanations
    def _unit_days_of(self, plan: _Benefit, fast: _FastPlan, period: cal.Period,
                      ) -> tuple[tuple[dt.date, dt.date, dt.date], ...]:
        """The units of a periodic benefit in a period from its first day in force (cached)."""
        last = fast.last  # the period of the last call and its units, replaced at once
        if last[0] is period:
            return last[1]
        key = (fast.index, period.start, period.end)
        days = self._days.get(key)
        if days is None:
            schedule = plan.article.schedule
            assert isinstance(schedule, (ir.Monthly, ir.Yearly))
            in_force = plan.article.in_force
            days = tuple(u for u in unit_days(schedule, period.start, period.end) if u[0] >= in_force)
            if len(self._days) > 4096:
                self._days.clear()
            self._days[key] = days
        fast.last = (period, days)
        return days

    def _periodic(self, c: rt.Ctx, plan: _Benefit, fast: _FastPlan, period: cal.Period, facts: _Facts,
                  cash: dict[str, Decimal], grants: list[Grant]) -> None:
        """Add what a monthly or yearly benefit pays in a period."""
        aid = plan.article.id
        c.article = aid
        last = fast.last
        days = last[1] if last[0] is period else self._unit_days_of(plan, fast, period)
        if not days:
            return
        vetoed = _vetoed_from(plan, facts) if plan.vetoes else None
        acc = cash.get(aid)
        if fast.sift is not None and fast.simple:  # the units paid at one call, the same amount for each
            if vetoed is not None:
                days = tuple(u for u in days if u[0] < vetoed)
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
                    acc = _ZERO + each * n  # exact, so the same as adding the amount n times
                else:
                    for _ in paid:
                        acc = (_ZERO if acc is None else acc) + each
        elif plan.subjects is None and fast.simple:
            hoisted, rest = fast.hoisted, fast.rest
            amount: Any = _UNPAID
            for day, start, end in days:
                if vetoed is not None and vetoed <= day:
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
                    if amount is _UNPAID or not fast.fixed_amount:
                        amount = self._amount(c, plan, day, start, end, None)
                        if amount is _UNPAID:
                            continue
                    if amount is None:
                        grants.append(Grant(aid, None, day))
                    elif amount:
                        acc = (_ZERO if acc is None else acc) + amount
        else:
            for day, start, end in days:
                if vetoed is not None and vetoed <= day:
                    continue
                for person in self._subjects(c, plan, day):
                    paid = self._paid(c, plan, fast, day, start, end, person, facts)
                    if paid is _UNPAID:
                        continue
                    if paid is None:
                        grants.append(Grant(aid, person.id if person is not None else None, day))
                    elif paid:
                        acc = (_ZERO if acc is None else acc) + paid
        if acc is not None:
            cash[aid] = acc

    def _once(self, c: rt.Ctx, plan: _Benefit, fast: _FastPlan, period: cal.Period, facts: _Facts,
              cash: dict[str, Decimal], grants: list[Grant]) -> None:
        """Add what a benefit paid once pays in a period."""
        assert plan.day is not None
        aid = plan.article.id
        judged = period.end
        for person in self._candidates(c, plan, judged):
            c.article = aid
            day = plan.day(c, judged, judged, judged, person)
            if day is not None and isinstance(day, dt.date) and period.start <= day <= judged \
                    and (person is None or person.birth <= day) \
                    and self._subject_on(c, plan, person, day):  # the day lies in the period
                paid = self._paid(c, plan, fast, day, day, day, person, facts)
                if paid is _UNPAID:
                    continue
                if paid is None:
                    grants.append(Grant(aid, person.id if person is not None else None, day))
                elif paid:
                    cash[aid] = cash.get(aid, _ZERO) + paid

    def _paid(self, c: rt.Ctx, plan: _Benefit, fast: _FastPlan, day: dt.date, start: dt.date, end: dt.date,
              person: Person | None, facts: _Facts) -> Any:
        """What one unit pays (None: a grant in kind), or _UNPAID."""
        if not fast.simple:
            unit = self._judge(c, plan, day, start, end, person, facts, False)
            return _UNPAID if unit is None or not unit.paid else unit.amount
        a = plan.article
        c.article = a.id
        if day < a.in_force:
            return _UNPAID
        for veto_id in plan.vetoes:
            vetoed_from = facts.vetoes.get(veto_id)
            if vetoed_from is not None and vetoed_from <= day:
                return _UNPAID
        for fn in fast.conditions:
            if fn(c, day, start, end, person) is not True:
                return _UNPAID
        return self._amount(c, plan, day, start, end, person)

    def _amount(self, c: rt.Ctx, plan: _Benefit, day: dt.date, start: dt.date, end: dt.date,
                person: Person | None) -> Any:
        """What a unit that is due pays: an exact amount, None for a grant in kind, or _UNPAID when the
        amount is missing (the unit is kept in `c.unknown` with the values it lacks)."""
        if plan.amount is None:
            return None
        value = plan.amount(c, day, start, end, person)
        if value is not None:
            return rt.money(c, value)
        missing: list[str] = []
        for label, probe in plan.probes:
            try:
                if probe(c, day, start, end, person) is None:
                    missing.append(label)
            except EvaluationError:  # a value the amount did not need
                continue
        c.article = plan.article.id
        c.unknown.append(UnknownAmount(plan.article.id, person.id if person is not None else None, day,
                                       tuple(missing)))
        return _UNPAID

    def veto_days(self, household: Household, on: dt.date) -> dict[str, dt.date | None]:
        """The day each veto of the charter applies from for a household, judged on a day (None: none)."""
        c = rt.Ctx(household)
        try:
            return self._facts(c, on).vetoes
        except RecursionError:
            raise c.fail("the evaluation nests too deeply") from None

    # ------------------------------------------------------------------ eligibility
    def eligibility(self, household: Household, article_id: str, on: dt.date) -> tuple[Verdict, ...]:
        """The verdict for each person the eligibility judges (or the household) on a day."""
        plan = self.eligibilities.get(article_id)
        if plan is None:
            raise EvaluationError(f"no eligibility `{article_id}` in charter `{self.charter.id}`",
                                  household=household.id)
        c = rt.Ctx(household)
        c.article = article_id
        subjects: tuple[Person | None, ...] = (None,)
        if plan.subjects is not None:
            subjects = plan.subjects(c, on, on, on, None)
        verdicts = []
        for person in subjects:
            values = tuple((label, fn(c, on, on, on, person)) for label, fn in plan.requirements)
            failed = tuple(label for label, value in values if value is not True)
            if on < plan.article.in_force:
                failed = ("in_force",) + failed
            subject = person.id if person is not None else household.id
            verdicts.append(Verdict(article_id, subject, on, not failed, failed, values))
        return tuple(verdicts)


_ZERO = Decimal("0.00")
_UNPAID: Any = object()
_NOBODY: tuple[None] = (None,)
_NO_FACTS = _Facts({}, {})


def _unknown(c: rt.Ctx, period: cal.Period) -> tuple[UnknownAmount, ...]:
    """The units of the period whose amount is unknown, each once, in the order of grants (units before
    the period are judged only to count a yearly cap)."""
    found = {(u.day, u.benefit, u.member or ""): u for u in c.unknown if period.start <= u.day <= period.end}
    return tuple(found[k] for k in sorted(found))


def _grant_order(g: Grant) -> tuple[dt.date, str, str]:
    return (g.on, g.benefit, g.member or "")


def _fixed_money(amount: ir.Expr | None) -> Any:
    """The amount of each unit when the charter writes it as a constant (None: in kind), or _UNPAID."""
    if amount is None:
        return None
    if isinstance(amount, ir.Const) and isinstance(amount.value, (int, Decimal)) and not isinstance(amount.value, bool):
        try:
            return Decimal(amount.value).quantize(rt.CENT, rounding=ROUND_HALF_UP)
        except ArithmeticError:
            return _UNPAID
    return _UNPAID


def _vetoed_from(plan: _Benefit, facts: _Facts) -> dt.date | None:
    """The first day from which one of the vetoes over a benefit holds, if any."""
    first = None
    for veto_id in plan.vetoes:
        day = facts.vetoes.get(veto_id)
        if day is not None and (first is None or day < first):
            first = day
    return first


class _FastPlan:
    """How a benefit is judged when nothing is to be explained."""

    __slots__ = ("conditions", "fixed_amount", "hoisted", "index", "last", "money", "money_digits", "once",
                 "periodic", "rest", "sift", "simple")

    def __init__(self, plan: _Benefit, index: int, hoisted: int, rest: Any, money: Any,
                 definitions: dict[str, ir.Expr]) -> None:
        a = plan.article
        self.index = index
        self.last: tuple[cal.Period | None, tuple[tuple[dt.date, dt.date, dt.date], ...]] = (None, ())
        self.periodic = isinstance(a.schedule, (ir.Monthly, ir.Yearly))
        self.once = isinstance(a.schedule, ir.Once)
        # no contract, exception or suspension: a unit is paid when it is in force, not vetoed and
        # every condition is true
        self.simple = plan.contract is None and not plan.exceptions and not plan.suspenders
        # the leading conditions that are the same for every unit of a household; then the others
        self.hoisted = plan.conditions[:hoisted]
        # the units of a periodic benefit without `for each` that pay a fixed amount (or in kind)
        # are sifted at one call, which gives the days of the units paid
        self.sift: Callable[[rt.Ctx, tuple[tuple[dt.date, dt.date, dt.date], ...]], list[dt.date]] | None = (
            rest[0] if isinstance(rest, tuple) else None)
        self.money = money
        # the digits of the fixed amount: n units pay it times n when the product is exact
        self.money_digits = len(money.as_tuple().digits) if isinstance(money, Decimal) else 0
        self.rest = (rest,) if rest is not None and self.sift is None else plan.conditions[hoisted:]
        # all the conditions, judged in order until one is not true (those after the hoisted ones
        # joined in one function when the back end can)
        self.conditions = self.hoisted + self.rest if self.sift is None else plan.conditions
        self.fixed_amount = a.amount is not None and invariant(a.amount, definitions)
