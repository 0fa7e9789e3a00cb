"""Properties of evaluation on generated households."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from conftest import CHARTERS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import households

import charterlib
from charterlib.runtime import add_months

NAMES = ["zhazi", "xinbian", "yongzhong", "zimu", "hongshandian"]
CHARTERS_BY_NAME = {n: charterlib.load(CHARTERS / f"{n}.charter") for n in NAMES}
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def evaluate(name: str, household: dict[str, Any], period: str) -> charterlib.Result | None:
    try:
        return CHARTERS_BY_NAME[name].evaluate(household, period)
    except charterlib.EvaluationError:
        return None


def _cash(results: list[charterlib.Result | None]) -> dict[str, Decimal] | None:
    total: dict[str, Decimal] = {}
    for r in results:
        if r is None:
            return None
        for k, v in r.cash.items():
            total[k] = total.get(k, Decimal(0)) + v
    return total


@SETTINGS
@given(household=households(), name=st.sampled_from(NAMES), year=st.integers(2004, 2006))
def test_a_year_is_the_sum_of_its_months(household: dict[str, Any], name: str, year: int) -> None:
    whole = evaluate(name, household, str(year))
    months = [evaluate(name, household, f"{year}-{m:02d}") for m in range(1, 13)]
    if whole is None or any(m is None for m in months):
        return  # an evaluation error (e.g. `the` on two children) is reported, not summed
    assert whole.cash == _cash(months)
    assert sorted(whole.in_kind, key=repr) == sorted((g for m in months for g in m.in_kind), key=repr)  # type: ignore[union-attr]


@SETTINGS
@given(household=households(), name=st.sampled_from(NAMES), cut=st.integers(1, 900))
def test_a_range_is_the_sum_of_any_split(household: dict[str, Any], name: str, cut: int) -> None:
    start, end = dt.date(2004, 3, 15), dt.date(2006, 11, 20)
    middle = start + dt.timedelta(days=cut)
    whole = evaluate(name, household, f"{start}/{end}")
    first = evaluate(name, household, f"{start}/{middle}")
    second = evaluate(name, household, f"{middle + dt.timedelta(days=1)}/{end}")
    if whole is None or first is None or second is None:
        return
    assert whole.cash == _cash([first, second])


@SETTINGS
@given(household=households(), name=st.sampled_from(NAMES), seed=st.integers(0, 1000))
def test_results_do_not_depend_on_the_order_of_members(household: dict[str, Any], name: str, seed: int) -> None:
    shuffled = dict(household, members=list(household["members"]))
    random.Random(seed).shuffle(shuffled["members"])
    assert evaluate(name, household, "2005") == evaluate(name, shuffled, "2005")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.lists(households(), min_size=2, max_size=5), seed=st.integers(0, 1000))
def test_results_do_not_depend_on_the_order_of_households(data: list[dict[str, Any]], seed: int) -> None:
    register = [dict(h, id=f"H{i}", members=[dict(m, id=f"H{i}-{m['id']}") for m in h["members"]])
                for i, h in enumerate(data)]
    zhazi = CHARTERS_BY_NAME["zhazi"]

    def run(records: list[dict[str, Any]]) -> dict[str, Any]:
        items = zhazi.evaluate_register([(str(i), r) for i, r in enumerate(records)], "2005")
        return {i.household: (i.result.to_json() if i.result else None) for i in items}

    shuffled = list(register)
    random.Random(seed).shuffle(shuffled)
    assert run(register) == run(shuffled)


ZH = {"zhazi": charterlib.load(CHARTERS / "zhazi.zh.charter"), "yatian": charterlib.load(CHARTERS / "yatian.zh.charter")}
YATIAN = charterlib.load(CHARTERS / "yatian.charter")


@SETTINGS
@given(household=households(), period=st.sampled_from(["2004", "2005", "2005-06", "2004-07-01/2006-06-30"]))
def test_chinese_and_english_spellings_give_equal_results(household: dict[str, Any], period: str) -> None:
    assert evaluate("zhazi", household, period) == _try(ZH["zhazi"], household, period)
    on = dt.date(2005, 6, 1)
    assert YATIAN.eligibility(household, "family_planning_officer", on) == ZH["yatian"].eligibility(
        household, "family_planning_officer", on)


def _try(charter: charterlib.Charter, household: dict[str, Any], period: str) -> charterlib.Result | None:
    try:
        return charter.evaluate(household, period)
    except charterlib.EvaluationError:
        return None


@SETTINGS
@given(household=households(), name=st.sampled_from(NAMES),
       period=st.sampled_from(["1990", "2004", "2005-02", "2003-12-31/2004-01-01", "2099"]))
def test_evaluation_raises_nothing_but_library_errors(household: dict[str, Any], name: str, period: str) -> None:
    try:
        CHARTERS_BY_NAME[name].explain(household, period).to_text("zh")
    except charterlib.CharterError:
        pass


def test_month_rule_round_trip() -> None:
    assert add_months(dt.date(2005, 1, 31), 1) == dt.date(2005, 2, 28)


REFERENCE_BY_NAME = {n: charterlib.load(CHARTERS / f"{n}.charter", backend="reference") for n in NAMES}
SIMPLE = charterlib.load(CHARTERS.parent / "bench" / "simple.charter", search_path=[CHARTERS])


def _outcome(charter: charterlib.Charter, household: dict[str, Any], period: str, explain: bool) -> Any:
    try:
        result = charter.evaluate(household, period, explain=explain)
    except charterlib.EvaluationError as exc:
        return ("error", str(exc), exc.article)
    return (result, list(result.cash.items()), result.in_kind, list(result.obligations.items()),
            list(result.penalties.items()))


@SETTINGS
@given(household=households(), name=st.sampled_from([*NAMES, "simple"]), backend=st.sampled_from(["compiled", "reference"]),
       period=st.sampled_from(["2004", "2005", "2005-06", "2005-03-10/2005-03-31", "2004-07-01/2006-06-30", "1990"]))
def test_results_without_explanations_equal_those_with(household: dict[str, Any], name: str, backend: str,
                                                       period: str) -> None:
    charter = SIMPLE if name == "simple" else (CHARTERS_BY_NAME if backend == "compiled" else REFERENCE_BY_NAME)[name]
    assert _outcome(charter, household, period, False) == _outcome(charter, household, period, True)
