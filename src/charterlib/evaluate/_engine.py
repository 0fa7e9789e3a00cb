"""The evaluation driver: the plan of every article, built through the registry of article kinds, run per
household and period (the facts as of the judged day, then what each article gives or takes).

It is the same for every back end: a back end only turns each expression of the typed IR into a
function `(ctx, today, unit_start, unit_end, subject) -> value`, once, when the engine is built.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .. import ir
from ..common.errors import EvaluationError
from ..compile import Backend
from ..ir.analysis import obligation_order, obligations_needed
from ..records import Household
from ..results import Grant, ObligationStatus, Result, UnknownAmount, Verdict, costs_of
from ..runtime import calendar as cal
from ..runtime import functions as rt
from .articles import ARTICLES, NO_FACTS, Build, Eligibility, Facts, Plan, Tally


class Engine:
    """A charter made ready to evaluate: every expression turned into a function, once."""

    def __init__(self, charter: ir.Charter, backend: Backend) -> None:
        self.charter = charter
        self.backend = backend
        build = Build(charter, backend, {d.name: d.expr for d in charter.definitions})
        plans: list[Plan] = []
        for kind, plan in ARTICLES.items():
            plans += plan.plans(tuple(a for a in charter.articles if isinstance(a, kind)), build)
        plans = [p.prepare(build) for p in plans]  # the functions that join others, once all are asked
        finish = getattr(backend, "finish", None)
        real = None
        if finish is not None:  # a back end that builds all its functions at once
            finish()
            real = backend.resolve  # type: ignore[attr-defined]
        self.plans: tuple[Plan, ...] = tuple(p.ready(real) for p in plans)
        """The plan of every article, kind by kind in the order of `ARTICLES`."""
        # the facts in order: vetoes, then obligations, each after those whose status it reads
        rank = {oid: i for i, oid in enumerate(obligation_order(charter))}
        judging = [p for p in self.plans if p.judges]
        self._judging = tuple(sorted(judging, key=lambda p: (isinstance(p.article, ir.Obligation),
                                                              rank.get(p.article.id, 0))))
        self._settling = tuple(p for p in self.plans if p.settles)
        self.eligibilities = {p.article.id: p for p in self.plans if isinstance(p, Eligibility)}
        obligations = {p.article.id: p for p in self._judging if isinstance(p.article, ir.Obligation)}
        self._statuses_read: dict[str, tuple[Plan, ...]] = {
            a.id: tuple(obligations[o] for o in obligations_needed(charter, a.expressions()))
            for a in charter.articles if isinstance(a, ir.Eligibility)}
        """The obligations each eligibility reads the status of (through others too), in the order judged."""

    # ------------------------------------------------------------------ households
    def evaluate(self, household: Household, period: cal.Period, explain: bool = False) -> Result:
        """What a household is owed and owes in a period, judged as of the period's last day (to
        `explain`, with every unit and its reasons)."""
        c = rt.Ctx(household)
        tally = Tally()
        try:
            facts = self._facts(c, period.end) if self._judging else NO_FACTS
            for plan in self._settling:
                plan.settle(c, period, facts, tally, explain)
        except RecursionError:
            raise c.fail("the evaluation nests too deeply") from None
        grants = tally.grants
        if len(grants) > 1:
            grants.sort(key=_grant_order)
        cash = tally.cash
        if cash and _ZERO in cash.values():  # a benefit that pays nothing in all is left out
            cash = {k: v for k, v in cash.items() if v}
        obligations = facts.obligations if facts is not NO_FACTS else {}  # NO_FACTS' is shared
        costs = costs_of(tally.costs) if tally.costs else {}
        if explain:
            return Result(household.id, period, cash, tuple(grants), tally.penalties, obligations,
                          tuple(tally.units), _unknown(c, period), costs)
        return Result.of(household.id, period, cash, tuple(grants), tally.penalties, obligations,
                         _unknown(c, period) if c.unknown else (), costs)

    def _facts(self, c: rt.Ctx, judged: dt.date) -> Facts:
        facts = Facts({}, {})
        c.statuses = facts.obligations  # the statuses judged so far, which later obligations may read
        for plan in self._judging:
            plan.judge(c, judged, facts)
        return facts

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
        read = self._statuses_read.get(article_id)
        if read:  # the obligations whose status it reads, judged as of the day
            facts = Facts({}, {})
            c.statuses = facts.obligations
            try:
                for obligation in read:
                    obligation.judge(c, on, facts)
            except RecursionError:
                raise c.fail("the evaluation nests too deeply") from None
        return plan.verdicts(c, household.id, on)

    def statuses(self, household: Household, on: dt.date) -> dict[str, ObligationStatus]:
        """The status of each obligation of the charter for a household, judged as of a day."""
        c = rt.Ctx(household)
        facts = Facts({}, {})
        c.statuses = facts.obligations
        try:
            for plan in self._judging:
                if isinstance(plan.article, ir.Obligation):
                    plan.judge(c, on, facts)
        except RecursionError:
            raise c.fail("the evaluation nests too deeply") from None
        return facts.obligations


_ZERO = Decimal("0.00")


def _unknown(c: rt.Ctx, period: cal.Period) -> tuple[UnknownAmount, ...]:
    """The units of the period whose amount is unknown, each once, in the order of grants (units before
    the period are judged only to count a yearly cap)."""
    found = {(u.day, u.benefit, u.member or ""): u for u in c.unknown if period.start <= u.day <= period.end}
    return tuple(found[k] for k in sorted(found))


def _grant_order(g: Grant) -> tuple[dt.date, str, str]:
    return (g.on, g.benefit, g.member or "")
