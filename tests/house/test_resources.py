"""Resources are bounded before the work: a period of at most 100 years, a SQL plan of at most
MAX_ARTICLES articles (a larger charter is evaluated household by household, in bounded memory)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import CHARTERS, ROOT, run_cli

import charterlib
from charterlib import batch
from charterlib.runtime import Period
from charterlib.sql import MAX_ARTICLES

sys.path.insert(0, str(ROOT / "bench"))
from large_charter import charter_text


@pytest.mark.parametrize("text", ["0001-01-01/9999-12-31", "2000-01-01/2100-01-01"])
def test_a_period_of_more_than_100_years_is_refused_before_the_work(text: str) -> None:
    with pytest.raises(charterlib.PeriodError, match="spans more than 100 years"):
        Period.parse(text)
    start, end = (Period.parse(f"{d}/{d}").start for d in text.split("/"))
    with pytest.raises(charterlib.PeriodError, match="spans more than 100 years"):
        Period.of(start, end)
    for engine in ("household", "batch"):
        code, _, stderr = run_cli("eval", "charters/zhazi.charter", "charters/data/zhazi.json", "--period", text,
                                  "--engine", engine)
        assert code == 2 and "spans more than 100 years" in stderr


def test_a_period_of_100_years_is_evaluated() -> None:
    zhazi = charterlib.load(CHARTERS / "zhazi.charter")
    household = json.loads((CHARTERS / "data" / "zhazi.json").read_text(encoding="utf-8"))[1]
    assert zhazi.evaluate(household, "2000-01-01/2099-12-31").total_cash > 0


def test_a_charter_too_large_for_a_plan_is_evaluated_household_by_household(tmp_path: Path) -> None:
    charter = charterlib.loads(charter_text(MAX_ARTICLES + 1), "big.charter", search_path=[CHARTERS])
    register = json.loads((CHARTERS / "data" / "zhazi.json").read_text(encoding="utf-8"))
    rows, summary, _ = batch.results(charter, CHARTERS / "data" / "zhazi.json", "2005")
    assert [a for a, _ in summary.one_by_one_articles] == ["*"]
    assert f"articles, more than the {MAX_ARTICLES} a plan takes" in summary.text()
    expected = {i.household: i.result.to_json() for i in
                charter.evaluate_register([(str(n), r) for n, r in enumerate(register)], "2005") if i.result}
    assert {r["household"]: r for r in rows} == expected


def test_an_expression_whose_sql_would_explode_is_evaluated_household_by_household(tmp_path: Path) -> None:
    day = "today"
    for _ in range(7):  # `age` names its day three times in SQL: 3 ** 7 copies of the innermost day
        day = f"birthday(the(children), age of the(children) on {day})"
    text = ('charter agey "t"\n  level town\n  uses family_planning\n  in force 2004-01-01\n\n'
            f"define children = members where role = child\ndefine d = {day}\n\n"
            'benefit b "t":\n  every month on last day\n  when d is set\n  pay 1 yuan\n')
    charter = charterlib.loads(text, "agey.charter", search_path=[CHARTERS])
    register = json.loads((CHARTERS / "data" / "zhazi.json").read_text(encoding="utf-8"))
    rows, summary, _issues = batch.results(charter, CHARTERS / "data" / "zhazi.json", "2005")
    assert [a for a, _ in summary.one_by_one_articles] == ["b"]
    expected = charter.evaluate_register([(str(n), r) for n, r in enumerate(register)], "2005")
    assert {r["household"]: r for r in rows} == {i.household: i.result.to_json() for i in expected if i.result}
