"""Obligations: the status of each as of the judged day (not applicable, pending, fulfilled or breached,
with its checks), and the penalty a breach makes due in a period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar

import attrs

from ... import ir
from ...results import Check, ObligationStatus
from ...runtime import calendar as cal
from ...runtime import functions as rt
from ...runtime.functions import Fn
from ._plan import Build, Facts, Plan, Tally


@attrs.frozen
class Obligation(Plan):
    """An obligation made ready to evaluate: the functions of its conditions, exceptions, contract,
    trigger, time allowed, fulfilment and penalty."""

    article: ir.Obligation
    conditions: tuple[Fn, ...]
    exceptions: tuple[Fn, ...]
    contract: Fn | None
    trigger: Fn
    within: Fn
    fulfilled: Fn
    penalty: Fn | None
    penalty_within: Fn | None

    judges: ClassVar[bool] = True
    settles: ClassVar[bool] = True

    @classmethod
    def plans(cls, articles: Sequence[ir.Obligation], build: Build) -> tuple[Obligation, ...]:
        f = build.backend.function
        return tuple(
            cls(a,
                tuple(f(c.expr, None) for c in a.conditions),
                tuple(f(c.expr, None) for c in a.exceptions),
                f(a.contract, None) if a.contract is not None else None,
                f(a.trigger, None),
                f(a.within, None),
                f(a.fulfilled, None),
                f(a.penalty, None) if a.penalty is not None else None,
                f(a.penalty_within, None) if a.penalty_within is not None else None)
            for a in articles
        )

    def judge(self, c: rt.Ctx, judged: dt.date, facts: Facts) -> None:
        facts.obligations[self.article.id] = self.status(c, judged)

    def settle(self, c: rt.Ctx, period: cal.Period, facts: Facts, tally: Tally, explain: bool) -> None:
        status = facts.obligations[self.article.id]
        if status.penalty is not None and status.penalty_due in period and status.penalty:
            tally.penalties[self.article.id] = status.penalty

    def status(self, c: rt.Ctx, judged: dt.date) -> ObligationStatus:
        """The status of the obligation as of a day."""
        a = self.article
        c.article = a.id
        oid = a.id
        trigger = self.trigger(c, judged, judged, judged, None)
        if trigger is None or trigger > judged:
            return ObligationStatus(oid, "not_applicable", reason="not_triggered", trigger=trigger)
        if trigger < a.in_force:
            return ObligationStatus(oid, "not_applicable", reason="not_in_force", trigger=trigger)
        checks: list[Check] = []
        for i, fn in enumerate(self.conditions):
            value = fn(c, trigger, trigger, trigger, None)
            checks.append(Check("when", i, value))
            if value is not True:
                return ObligationStatus(oid, "not_applicable", reason="condition_false", trigger=trigger,
                                        checks=tuple(checks))
        for i, fn in enumerate(self.exceptions):
            value = fn(c, trigger, trigger, trigger, None)
            checks.append(Check("unless", i, value))
            if value is True:
                return ObligationStatus(oid, "not_applicable", reason="exception", trigger=trigger,
                                        checks=tuple(checks))
        within = self.within(c, trigger, trigger, trigger, None)
        if within is None:
            raise c.fail("the time allowed (`within`) is missing")
        # a deadline past the end of the calendar is missing: it never passes, so the obligation can
        # be fulfilled (or the contract signed) any day, and is pending with no due day until then
        deadline = rt.arith(c, "+", trigger, within)
        if self.contract is not None:
            signed = self.contract(c, trigger, trigger, trigger, None)
            in_time = signed is not None and (deadline is None or signed <= deadline)
            checks.append(Check("contract", 0, in_time))
            if not in_time:
                return ObligationStatus(oid, "not_applicable", reason="no_contract", trigger=trigger,
                                        due=deadline, checks=tuple(checks))
        act = self.fulfilled(c, judged, judged, judged, None)
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
        if self.penalty is not None:
            penalty = rt.money(c, self.penalty(c, since, since, since, None))
            penalty_due = since
            if self.penalty_within is not None:
                extra = self.penalty_within(c, since, since, since, None)
                penalty_due = rt.arith(c, "+", since, extra) if extra is not None else since
        return ObligationStatus(oid, "breached", since=since, cured_on=cured, trigger=trigger, due=deadline,
                                penalty=penalty, penalty_due=penalty_due, checks=tuple(checks))
