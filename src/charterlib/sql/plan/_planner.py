"""The SQL plan of a charter for one period: one statement per veto, obligation and benefit, and
the query that assembles each household's result in the format of households.md.

It mirrors the household evaluator gate by gate (`ir.BENEFIT_GATES`), so that both give the same
results; where the household evaluator would raise, the plan marks the household (`err`), and the
runner evaluates it with the household evaluator instead. Each article kind has a module of its own,
found through `ARTICLES`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from ... import ir
from ...common.args import describe
from ...common.errors import ArgumentError
from ...ir.analysis import FieldsRead, obligation_order
from ...runtime import Period
from .._aggregates import Aggregates
from .._compiler import SqlCompiler
from ..text import Unsupported, ident, sql_names
from . import benefit, obligation, results, veto

MAX_ARTICLES = 500
"""The most articles a plan holds: each is a statement whose cost grows with the others (1,000 articles
took 26 s and 0.8 GB for a register of 7 households, 2,000 took 113 s and 2.5 GB); a larger charter is
evaluated by the household evaluator, household by household, in bounded memory."""

ARTICLES: dict[type, Callable[[Any, Any, Period], list[str]]] = {
    ir.Veto: veto.plan,
    ir.Obligation: obligation.plan,
    ir.Benefit: benefit.plan,
}
"""The plan of each article kind, by its IR class; eligibilities are judged on demand, not per period."""

_ORDER = {"veto": 0, "obligation": 1, "benefit": 2, "eligibility": 3}
"""Articles are planned after those they read: vetoes, then obligations (benefits read both), each
obligation after those whose status it reads."""


@attrs.frozen
class Plan:
    """The statements to run, in order, and the query of the results.

    The statements read `hh_base` (the households, with their member lists when `uses_lists`) and
    `pp` (the persons, one row each, keyed by `#hid`); the first creates `hh`, the households with
    the member aggregates the articles read.
    """

    statements: tuple[str, ...]
    results: str
    errors: str
    unsupported: tuple[tuple[str, str], ...] = ()
    uses_lists: bool = False
    person_checks: bool = False
    """Whether `hh` also counts each household's persons (`#n`) and those with a bad value (`#bad`)."""
    paid: str = ""
    """The units paid (household, benefit, amount), for the totals."""
    penalties: str = ""
    """The penalties due in the period (household, obligation, penalty), for the totals."""
    costs: str = ""
    """What each payer bears of each unit paid (household, benefit, payer, rank, amount), for the totals;
    empty when no benefit says who bears its cost (the results then have no `costs` column)."""


class Planner:
    """Builds the SQL plan of a charter for a period."""

    def __init__(self, charter: ir.Charter) -> None:
        if not isinstance(charter, ir.Charter):
            raise ArgumentError(f"a Planner plans a checked charter (Charter.ir), not {describe(charter)}.")
        self.charter = charter
        self.rank = {cid: i for i, cid in enumerate(charter.chain)}
        self._tables = sql_names([f"{a.kind}:{a.id}" for a in charter.articles])
        fields = FieldsRead.of(charter)
        self.person_fields = fields.member_struct(charter)
        self.value_fields = fields.value_struct()
        self._aggregates: Aggregates | None = None
        self._uses_lists = False

    def compiler(self) -> SqlCompiler:
        """A compiler of expressions sharing the plan's member aggregates."""
        return SqlCompiler(self.charter, self._aggregates, self.person_fields, self.value_fields,
                           statuses={a.id: self.table(a) for a in self.charter.articles if isinstance(a, ir.Obligation)})

    def note(self, sql: SqlCompiler) -> None:
        """Take note of what a compiler's expressions needed (the member lists)."""
        self._uses_lists |= sql.uses_lists

    def unsupported(self) -> tuple[tuple[str, str], ...]:
        """The articles this back end cannot compute, with the reason (checked with any period); `*` for
        a charter too large for a plan (more than MAX_ARTICLES articles)."""
        if len(self.charter.articles) > MAX_ARTICLES:
            reason = (f"it has {len(self.charter.articles)} articles, more than the {MAX_ARTICLES} a plan takes "
                      f"in bounded time and memory")
            return (("*", reason),)
        found = []
        for article in self.charter.articles:
            try:
                self._article(article, Period.parse("2005"))
            except Unsupported as exc:
                found.append((article.id, str(exc)))
        return tuple(found)

    def plan(self, period: Period | str, person_checks: bool = False) -> Plan:
        """The plan for a period (raises Unsupported when an article cannot be computed in SQL).

        With `person_checks`, the pass over the persons also counts them and their bad values (`pp`
        then has a `#bad` column), so a register is checked without a pass of its own."""
        if not isinstance(period, Period):
            period = Period.parse(period)
        statements = []
        self._aggregates, self._uses_lists = Aggregates(), False
        if person_checks:
            self._aggregates.named("#bad", 'count(*) FILTER (WHERE p."#bad")', "0")
            self._aggregates.named("#n", "count(*)", "0")
        try:
            rank = {oid: i for i, oid in enumerate(obligation_order(self.charter))}  # each after those it reads
            for article in sorted(self.charter.articles, key=lambda a: (_ORDER[a.kind], rank.get(a.id, 0))):
                statements.extend(self._article(article, period))
            households = f"CREATE OR REPLACE TEMP TABLE hh AS {self._aggregates.attach('hh_base', 'pp')}"
            return Plan((households, *statements), results.results(self, period), results.errors(self),
                        uses_lists=self._uses_lists, person_checks=person_checks,
                        paid=results.paid(self), penalties=results.penalties(self, period),
                        costs=results.borne(self) if self.charter.costed else "")
        finally:
            self._aggregates = None

    def _article(self, article: ir.AnyArticle, period: Period) -> list[str]:
        planned = ARTICLES.get(type(article))
        return planned(self, article, period) if planned is not None else []

    def table(self, article: ir.AnyArticle) -> str:
        """The temporary table of an article's rows (ids differing only in case get tables apart)."""
        return ident(self._tables[f"{article.kind}:{article.id}"])

    def vetoes_of(self, a: ir.Benefit) -> list[ir.Veto]:
        """The vetoes over a benefit: those of its own charter and of the charters it extends."""
        return [v for v in self.charter.articles if isinstance(v, ir.Veto)
                and self.rank.get(v.origin, 0) <= self.rank.get(a.origin, 0)]

    def suspenders_of(self, a: ir.Benefit) -> list[tuple[str, str]]:
        """The obligations suspending a benefit, with how long (`fulfilled` or `good`)."""
        found: list[tuple[str, str]] = []
        for o in self.charter.articles:
            if isinstance(o, ir.Obligation):
                for s in o.suspensions:
                    if a.id in s.articles:
                        found.append((o.id, s.until))
        return found
