"""Every entry point gives one answer, on generated charters in use and generated registers.

For each generated charter (`charter_strategies`) and register (`register_strategies`: days at the
calendar's edges, members who die or leave, numbers beyond SQL, bad records), the compiled household
evaluator, the reference interpreter, and the batch engine from JSON, CSV and Parquet, whole and in
chunks of two, give the same result for every household and report the same households with errors
(`engines.every_engine`). Each test also counts the paths it reached, and fails when a path was never
reached: set-at-a-time SQL, households sent one by one because an article would fail on them in SQL,
chunks sent one by one because their numbers are beyond SQL, charters with an article SQL cannot compute,
bad records, amounts of unknown value, and every schedule kind.

In CI the examples are fixed (a seed) so that the paths reached are the same on every run, and a failing
example is reported as found (shrinking one takes minutes: CHARTERLIB_DIFF_SHRINK=1 asks for it); set
CHARTERLIB_DIFF_EXAMPLES=N to run N random examples instead (a long run, on demand)."""

from __future__ import annotations

import collections
import datetime as dt
import os
import re
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from charter_strategies import HEADER, SCHEDULE_KINDS, Generated, charters
from conftest import CHARTERS
from entry_points import every_engine, household_outcomes
from hypothesis import HealthCheck, Phase, example, given, seed, settings
from hypothesis import strategies as st
from register_strategies import registers

import charterlib
from charterlib.runtime import Period

_LONG = int(os.environ.get("CHARTERLIB_DIFF_EXAMPLES", "0"))
_PHASES = [Phase.explicit, Phase.generate] + ([Phase.shrink] if os.environ.get("CHARTERLIB_DIFF_SHRINK") == "1" else [])


def _settings(examples: int) -> Callable[[Any], Any]:
    """Hypothesis settings, with a fixed seed in CI (the same examples in every checkout; `derandomize`
    depends on where the file is)."""
    chosen = settings(max_examples=_LONG or examples, deadline=None, database=None, phases=_PHASES,
                      suppress_health_check=list(HealthCheck))

    def apply(test: Any) -> Any:
        return chosen(test if _LONG else seed(20261202)(test))
    return apply


PERIODS = ["2005", "2005", "2005", "2004", "2004", "2003", "2005-02", "2004-02", "2005-06", "2004-02-15/2005-03-31",
           "9999", "0001-01"]


def _load(generated: Generated) -> tuple[charterlib.Charter, charterlib.Charter]:
    """The generated charter, compiled and interpreted (it checks: a charter that does not is a bug of
    the strategy)."""
    compiled = charterlib.loads(generated.text, "gen.charter", search_path=[CHARTERS])
    reference = charterlib.loads(generated.text, "gen.charter", search_path=[CHARTERS], backend="reference")
    return compiled, reference


def _explained_alike(charter: charterlib.Charter, register: list[dict[str, Any]], period: str,
                     outcomes: dict[str, Any]) -> None:
    """`explain` fails on exactly the households that have no result, and never otherwise."""
    for record in register:
        if isinstance(outcomes[record["id"]], tuple):
            continue
        try:
            explanation = charter.explain(record, period)
        except charterlib.EvaluationError:  # pragma: no cover - the failure the assertion names
            raise AssertionError(f"explain fails on {record['id']}, which evaluates") from None
        assert explanation.to_text("zh") and explanation.to_json()


# A charter and register that reach, for sure, every path the test asks for (generated examples reach
# each only now and then): every schedule kind paying, a penalty falling due (one-off and per delay, of
# obligations with an instance for each person or day), a unit of unknown amount, a
# household sent one by one, a chunk with numbers beyond SQL (`size * size`), a bad record, eligibility
# verdicts, a member who leaves during the year, 29 February, costs shared and taken over.
SEEN = Generated(HEADER.format(in_force="2000-01-01") + """
benefit b1 "第1条 孕检补助":
  on each of spouses.pregnancy_checks at most 2 per year
  when size * size >= 0
  pay 5 yuan

benefit b2 "第2条 孕检补助（每人）":
  for each p in spouses where role = wife
  on each of p.pregnancy_checks
  pay 1 yuan

benefit b3 "第3条 签约奖励":
  once on contract_signed_on
  pay if one_child_cert_on <= today then 50 yuan else 40 yuan

benefit b4 "第4条 周岁礼":
  for each p in kids
  once on birthday(p, 1)
  grant costing 20 yuan
  cost shared:
    county 5 yuan
    household 15 yuan
    when not rural: household taken over by village

benefit b5 "第5条 月补贴":
  every month on first day
  when count(kids) >= 1 and age of the(kids) >= 0
  pay rate

benefit b6 "第6条 月补贴（每人）":
  for each p in present
  every month on last day
  when age of p >= 18
  pay 2 yuan

benefit b7 "第7条 闰日补助":
  every year on 02-28, 02-29, 12-31
  pay 3 yuan
  cost shared:
    county 1 yuan
    village 2 yuan
    when month_of(unit end) = 12: village taken over by town 1 yuan, province 1 yuan

obligation o8 "第8条 签约后落实节育措施":
  triggered on contract_signed_on
  within 3 months
  fulfilled on method_on
  on breach:
    penalty 100 yuan within 1 month
    suspend b1 until fulfilled

eligibility e "第9条 成年":
  for each p in present
  require adult: age of p >= 18
  require kept: not breached(o8, 1 year)
  require births_kept: not breached(o10)

obligation o10 "第10条 每个子女出生登记":
  for each p in kids
  triggered on p.birth_date
  within 30 days
  fulfilled on p.admitted_on
  on breach:
    penalty 2 yuan per day late, at most 50 yuan

obligation o11 "第11条 每次孕检后落实节育措施":
  for each d in spouses.pregnancy_checks
  triggered on d
  within 1 month
  fulfilled on method_on
  on breach:
    penalty every month late, 3 yuan, at most 9 yuan
    suspend b7 until fulfilled
""", (("b1", "each of"), ("b2", "each of per member"), ("b3", "once"), ("b4", "once per member"),
      ("b5", "monthly first day"), ("b6", "monthly last day"), ("b7", "yearly")), False)
SEEN_REGISTER = [
    {"id": "H1", "village": "v", "contract_signed_on": "2005-01-31", "size": 3037000500, "members": [
        {"id": "H1-1", "role": "wife", "sex": "female", "birth_date": "1975-02-28",
         "pregnancy_checks": ["2005-01-01", "2005-02-28", "2005-03-01", "2005-03-01"]},
        {"id": "H1-2", "role": "husband", "sex": "male", "birth_date": "1970-12-31", "died_on": "2005-06-30"},
        {"id": "H1-3", "role": "child", "sex": "female", "birth_date": "2004-02-29"}]},
    {"id": "H2", "village": "v", "contract_signed_on": "2004-12-31", "members": [
        {"id": "H2-1", "role": "wife", "sex": "female", "birth_date": "1975-02-28", "contraception": "iud",
         "contraception_on": "2005-06-30", "pregnancy_checks": ["2004-02-29", "2005-07-01", "9999-12-31"]},
        {"id": "H2-2", "role": "child", "sex": "male", "birth_date": "2004-08-31", "left_on": "2005-10-01"}]},
    {"id": "H3", "village": "v", "one_child_cert_on": "2005-01-31", "contract_signed_on": "2005-01-31",
     "members": []},
    {"id": "H4", "village": "v", "members": [  # twins: `the(kids)` is an error, found in SQL, evaluated one by one
        {"id": "H4-1", "role": "child", "sex": "male", "birth_date": "2001-02-28"},
        {"id": "H4-2", "role": "child", "sex": "male", "birth_date": "2001-02-28"}]},
    {"id": "H5", "village": "v", "members": [{"id": "H5-1", "role": "wife", "sex": "F", "birth_date": "1980-01-01"}]},
]
# the same, with an article SQL cannot compute: every household is evaluated one by one
SEEN_WITHOUT_SQL = Generated(SEEN.text + """
benefit b10 "第10条 无SQL形式":
  every year on 12-31
  pay sum([1 yuan, 2 yuan])
""", (*SEEN.schedules, ("b10", "yearly")), True)


def _eligible_alike(compiled: charterlib.Charter, reference: charterlib.Charter, register: list[dict[str, Any]],
                    period: str) -> int:
    """The eligibility `e` (when the charter has one) gets the same verdicts, or the same error, from both
    household evaluators, on the period's last day and at the calendar's ends; returns the verdicts."""
    if "e" not in compiled.engine.eligibilities:
        return 0
    verdicts = 0
    for record in register:
        for day in (Period.parse(period).end, dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2004, 2, 29)):
            answers: list[Any] = []
            for charter in (compiled, reference):
                try:
                    answers.append(charter.eligibility(record, "e", day))
                except charterlib.CharterError as exc:  # a bad record, `the` on two children…
                    answers.append(["error", type(exc).__name__, str(exc)])
            assert answers[0] == answers[1], (record["id"], day)
            verdicts += isinstance(answers[0], tuple)
    return verdicts


def test_every_entry_point_gives_one_answer() -> None:
    reached: collections.Counter[str] = collections.Counter()

    @_settings(60)
    @given(generated=charters(), register=registers(), period=st.sampled_from(PERIODS))
    @example(generated=SEEN, register=SEEN_REGISTER, period="2005")
    @example(generated=SEEN_WITHOUT_SQL, register=SEEN_REGISTER, period="2005")
    def run(generated: Generated, register: list[dict[str, Any]], period: str) -> None:
        compiled, reference = _load(generated)
        summaries: list[Any] = []
        with tempfile.TemporaryDirectory() as folder:
            outcomes = every_engine(compiled, reference, register, period, Path(folder), summaries=summaries)
        _explained_alike(compiled, register, period, outcomes)
        reached["eligibility verdicts"] += _eligible_alike(compiled, reference, register, period)
        households = len(register)
        for summary in summaries:
            assert summary.households == households
            assert summary.evaluated + summary.with_errors <= households  # bad records are neither
            if summary.one_by_one_articles:
                reached["an article SQL cannot compute"] += 1
            else:
                reached["numbers beyond SQL"] += summary.beyond_sql > 0
                reached["one by one"] += summary.one_by_one > summary.beyond_sql
            if summary.one_by_one < summary.evaluated + summary.with_errors:
                reached["set at a time"] += 1
        results = [v for v in outcomes.values() if not isinstance(v, tuple)]
        failed = [v for v in outcomes.values() if isinstance(v, tuple)]
        reached["households with results"] += len(results)
        reached["households with errors"] += len(failed)
        reached["amounts unknown"] += sum(1 for v in results if v.get("amount_unknown"))
        reached["penalties"] += sum(1 for v in results if v["penalties"])
        reached["in kind"] += sum(1 for v in results if v["in_kind"])
        reached["costs borne"] += sum(1 for v in results if v.get("costs"))
        reached.update(_paid_kinds(generated, results))
        statuses = [s for v in results for s in v["obligations"].values()]
        reached["obligation instances"] += sum(len(s.get("instances", ())) for s in statuses)
        statuses += [i for s in statuses for i in s.get("instances", {}).values()]
        reached["late penalties"] += sum(1 for s in statuses if "accrued" in s)
        reached["status conditions"] += bool(results) and bool(_STATUS_TEST.search(generated.text))

    run()
    never = [path for path in ["set at a time", "one by one", "numbers beyond SQL", "an article SQL cannot compute",
                               "households with results", "households with errors", "amounts unknown", "penalties",
                               "in kind", "costs borne", "eligibility verdicts", "obligation instances",
                               "late penalties", "status conditions", *SCHEDULE_KINDS] if not reached[path]]
    assert not never, f"never reached: {never} ({dict(reached)})"


_STATUS_TEST = re.compile(r"(?:breached|fulfilled|pending|违约|已履行|待履行)\(")
"""A test of an obligation's status in a generated charter."""


def _paid_kinds(generated: Generated, results: list[dict[str, Any]]) -> list[str]:
    """The schedule kinds of the benefits that paid a unit (cash or in kind) in these results."""
    kinds = generated.kinds
    paid = {a for r in results for a in r["cash"]} | {g["benefit"] for r in results for g in r["in_kind"]}
    return [kinds[a] for a in sorted(paid)]


def _sum(results: list[dict[str, Any]]) -> dict[str, Any]:
    """What the results of several periods add up to: cash and penalties by article, the grants, the
    units of unknown amount, and what each payer bears of each benefit's cost."""
    cash: dict[str, Decimal] = collections.defaultdict(Decimal)
    penalties: dict[str, Decimal] = collections.defaultdict(Decimal)
    grants: list[Any] = []
    unknown: list[Any] = []
    costs: dict[tuple[str, str], Decimal] = collections.defaultdict(Decimal)
    for r in results:
        for article, amount in r["cash"].items():
            cash[article] += Decimal(amount)
        for article, payers in r.get("costs", {}).items():
            for payer, amount in payers.items():
                costs[article, payer] += Decimal(amount)
        for article, amount in r["penalties"].items():
            penalties[article] += Decimal(amount)
        grants += [tuple(sorted(g.items())) for g in r["in_kind"]]
        unknown += [tuple(sorted(u.items())) for u in r.get("amount_unknown", [])]
    return {"cash": {k: v for k, v in cash.items() if v}, "penalties": {k: v for k, v in penalties.items() if v},
            "in_kind": sorted(grants), "amount_unknown": sorted(unknown), "costs": {k: v for k, v in costs.items() if v}}


def test_a_year_is_the_sum_of_its_months() -> None:
    # Obligations, vetoes and the days of a schedule (`once on DAY`, `on each of DAYS`) are computed as of
    # the period's last day (LANGUAGE.md, "Time"; docs/language.md), and so are the suspensions and
    # penalties that follow: when what they read changes during the year (a member who leaves,
    # `preferential_cert_on <= today`), the year finds what its months did not. So the generated charters
    # here hold benefits of every kind, per household and per member, with household days that read
    # fields, and no obligation or veto; SEEN has obligations whose statuses do not change (their instances
    # for each person or day included, and penalties per delay, which accrue in the months as in the year).
    reached: collections.Counter[str] = collections.Counter()

    @_settings(200)
    @given(generated=charters(sql_less=False, judged_at_end=False), register=registers(max_size=4), year=st.sampled_from([2004, 2005]))
    @example(generated=SEEN, register=SEEN_REGISTER, year=2005)
    def run(generated: Generated, register: list[dict[str, Any]], year: int) -> None:
        compiled, reference = _load(generated)
        for charter in (compiled, reference):
            whole = household_outcomes(charter, register, str(year))
            months = [household_outcomes(charter, register, f"{year}-{m:02d}") for m in range(1, 13)]
            for hid, result in whole.items():
                if isinstance(result, tuple) or any(isinstance(m[hid], tuple) for m in months):
                    continue  # an evaluation error (`the` on two children) is reported, not summed
                assert _sum([result]) == _sum([m[hid] for m in months]), (hid, generated.text)
                reached.update(_paid_kinds(generated, [m[hid] for m in months]))
                reached["costs borne"] += bool(result.get("costs"))

    run()
    never = [kind for kind in (*SCHEDULE_KINDS, "costs borne") if not reached[kind]]
    assert not never, f"no paid unit of these schedule kinds, or no cost borne: {never}"
