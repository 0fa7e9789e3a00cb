"""Obligations: the status of each as of the judged day (not applicable, pending, fulfilled or breached,
with its checks), of each instance for an obligation with `for each` (one per person or day of a list),
and the penalty a breach makes due in a period (one-off, or accrued for each delay, capped)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, ClassVar

import attrs

from ... import ir
from ...records import Person
from ...results import Check, Late, ObligationStatus
from ...runtime import calendar as cal
from ...runtime import functions as rt
from ...runtime.functions import Fn
from ._plan import Build, Facts, Plan, Tally


@attrs.frozen
class Obligation(Plan):
    """An obligation made ready to evaluate: the functions of its conditions, exceptions, contract,
    trigger, time allowed, fulfilment and penalty (one-off, or the rate and cap of one per delay), and of
    the persons or days it has an instance for."""

    article: ir.Obligation
    conditions: tuple[Fn, ...]
    exceptions: tuple[Fn, ...]
    contract: Fn | None
    trigger: Fn
    within: Fn
    fulfilled: Fn
    penalty: Fn | None
    penalty_within: Fn | None
    late_rate: Fn | None = None
    late_cap: Fn | None = None
    subjects: Fn | None = None

    judges: ClassVar[bool] = True
    settles: ClassVar[bool] = True

    @classmethod
    def plans(cls, articles: Sequence[ir.Obligation], build: Build) -> tuple[Obligation, ...]:
        f = build.backend.function
        plans = []
        for a in articles:
            var = a.subject.var if a.subject is not None else None
            plans.append(cls(
                a,
                tuple(f(c.expr, var) for c in a.conditions),
                tuple(f(c.expr, var) for c in a.exceptions),
                f(a.contract, var) if a.contract is not None else None,
                f(a.trigger, var),
                f(a.within, var),
                f(a.fulfilled, var),
                f(a.penalty, var) if a.penalty is not None else None,
                f(a.penalty_within, var) if a.penalty_within is not None else None,
                f(a.late.rate, var) if a.late is not None else None,
                f(a.late.cap, var) if a.late is not None else None,
                f(a.subject.collection, None) if a.subject is not None else None,
            ))
        return tuple(plans)

    def judge(self, c: rt.Ctx, judged: dt.date, facts: Facts) -> None:
        if self.subjects is None:
            facts.obligations[self.article.id] = self.status(c, judged)
        else:
            facts.obligations[self.article.id] = ObligationStatus.summary(self.article.id, self.instances(c, judged))

    def settle(self, c: rt.Ctx, period: cal.Period, facts: Facts, tally: Tally, explain: bool) -> None:
        status = facts.obligations[self.article.id]
        due = status.penalty_in(period)
        if due:
            tally.penalties[self.article.id] = due

    def instances(self, c: rt.Ctx, judged: dt.date) -> tuple[ObligationStatus, ...]:
        """The status of each instance as of a day: for each person of the list on its trigger day, or each
        day of the list (each once), whose trigger falls from the day the article is in force to that day."""
        a = self.article
        assert self.subjects is not None
        c.article = a.id
        found: list[tuple[dt.date, str, ObligationStatus]] = []
        if a.per_day:
            days = self.subjects(c, judged, judged, judged, None) or ()
            elements: Sequence[Any] = sorted({d for d in days if d is not None})
        else:
            elements = rt.ever_members(c, judged)
        for element in elements:
            c.article = a.id
            trigger = self.trigger(c, judged, judged, judged, element)
            if trigger is None or trigger > judged or trigger < a.in_force:
                continue
            if isinstance(element, Person):
                on_day: tuple[Person, ...] = self.subjects(c, trigger, trigger, trigger, None)
                c.article = a.id
                if not any(p is element for p in on_day):
                    continue
            status = self.status(c, judged, element, trigger)
            found.append((trigger, status.key or "", status))
        found.sort(key=lambda x: (x[0], x[1]))
        return tuple(s for _, _, s in found)

    def status(self, c: rt.Ctx, judged: dt.date, subject: Any = None,
               trigger: dt.date | None = None) -> ObligationStatus:
        """The status of the obligation (or of its instance for a person or day) as of a day."""
        a = self.article
        c.article = a.id
        oid = a.id
        s = subject
        which: dict[str, Any] = {}
        if s is not None:
            which = {"event": s} if isinstance(s, dt.date) else {"member": s.id}
        else:
            trigger = self.trigger(c, judged, judged, judged, None)
            if trigger is None or trigger > judged:
                return ObligationStatus(oid, "not_applicable", reason="not_triggered", trigger=trigger)
            if trigger < a.in_force:
                return ObligationStatus(oid, "not_applicable", reason="not_in_force", trigger=trigger)
        assert trigger is not None
        checks: list[Check] = []
        for i, fn in enumerate(self.conditions):
            value = fn(c, trigger, trigger, trigger, s)
            checks.append(Check("when", i, value))
            if value is not True:
                return ObligationStatus(oid, "not_applicable", reason="condition_false", trigger=trigger,
                                        checks=tuple(checks), **which)
        for i, fn in enumerate(self.exceptions):
            value = fn(c, trigger, trigger, trigger, s)
            checks.append(Check("unless", i, value))
            if value is True:
                return ObligationStatus(oid, "not_applicable", reason="exception", trigger=trigger,
                                        checks=tuple(checks), **which)
        within = self.within(c, trigger, trigger, trigger, s)
        if within is None:
            raise c.fail("the time allowed (`within`) is missing")
        # a deadline past the end of the calendar is missing: it never passes, so the obligation can
        # be fulfilled (or the contract signed) any day, and is pending with no due day until then
        deadline = rt.arith(c, "+", trigger, within)
        if self.contract is not None:
            signed = self.contract(c, trigger, trigger, trigger, s)
            in_time = signed is not None and (deadline is None or signed <= deadline)
            checks.append(Check("contract", 0, in_time))
            if not in_time:
                return ObligationStatus(oid, "not_applicable", reason="no_contract", trigger=trigger,
                                        due=deadline, checks=tuple(checks), **which)
        act = self.fulfilled(c, judged, judged, judged, s)
        if act is not None and (deadline is None or act <= deadline):
            if act <= judged:
                return ObligationStatus(oid, "fulfilled", on=act, trigger=trigger, due=deadline,
                                        checks=tuple(checks), **which)
            act = None
        if deadline is None or judged <= deadline:
            return ObligationStatus(oid, "pending", due=deadline, trigger=trigger, checks=tuple(checks), **which)
        since = deadline + dt.timedelta(days=1)
        cured = act if act is not None and act <= judged else None
        penalty = penalty_due = None
        if self.penalty is not None:
            penalty = rt.money(c, self.penalty(c, since, since, since, s))
            penalty_due = since
            if self.penalty_within is not None:
                extra = self.penalty_within(c, since, since, since, s)
                penalty_due = rt.arith(c, "+", since, extra) if extra is not None else since
        late = self._late(c, since, cured, judged, s)
        return ObligationStatus(oid, "breached", since=since, cured_on=cured, trigger=trigger, due=deadline,
                                penalty=penalty, penalty_due=penalty_due, checks=tuple(checks), late=late, **which)

    def _late(self, c: rt.Ctx, since: dt.date, cured: dt.date | None, judged: dt.date, s: Any) -> Late | None:
        """What a penalty per delay comes to, its rate and cap judged on the first day of breach."""
        late = self.article.late
        if late is None or self.late_rate is None or self.late_cap is None:
            return None
        rate = rt.money(c, self.late_rate(c, since, since, since, s))
        cap = rt.money(c, self.late_cap(c, since, since, since, s))
        if rate < 0 or cap < 0:
            raise c.fail(f"a penalty for being late is not negative, but its {'rate' if rate < 0 else 'cap'} is "
                         f"{rate if rate < 0 else cap}")
        return Late(late.unit, late.every, rate, cap, since, cured, judged)
