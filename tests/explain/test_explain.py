"""Stage 5, explain: every explanation says, of each article, what the evaluation found and why, the
same in English, in Chinese and as JSON, and nothing the result does not hold."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from conftest import CHARTERS

import charterlib
from charterlib.results import Result

SHIPPED = [("zhazi", "zhazi"), ("xinbian", "xinbian"), ("yatian", "yatian"), ("yongzhong", "yongzhong"),
           ("zimu", "zimu")]
CASES = [(charter, household["id"]) for charter, data in SHIPPED
         for household in json.loads((CHARTERS / "data" / f"{data}.json").read_text(encoding="utf-8"))]


def _explained(charter_id: str, household_id: str) -> tuple[charterlib.Charter, Result, charterlib.Explanation]:
    charter = charterlib.load(CHARTERS / f"{charter_id}.charter")
    household = next(h for h in json.loads((CHARTERS / "data" / f"{charter_id}.json").read_text(encoding="utf-8"))
                     if h["id"] == household_id)
    return charter, charter.evaluate(household, "2005"), charter.explain(household, "2005")


@pytest.mark.parametrize("charter_id, household_id", CASES)
def test_the_json_holds_every_unit_of_the_result_with_its_reason(charter_id: str, household_id: str) -> None:
    _, result, explanation = _explained(charter_id, household_id)
    data = explanation.to_json()
    units = [u for a in data["articles"] if a["kind"] == "benefit" for u in a["units"]]
    assert [(u["benefit"], u["member"], u["day"], u["paid"], u["reason"]) for u in units] == [
        (u.benefit, u.member, u.day.isoformat(), u.paid, u.reason) for u in explanation.result.units]
    paid = {}
    for u in explanation.result.units:
        if u.paid and u.amount is not None:
            paid[u.benefit] = paid.get(u.benefit, Decimal(0)) + u.amount
    assert {k: v for k, v in paid.items() if v} == result.cash  # the units paid add up to the cash


@pytest.mark.parametrize("charter_id, household_id", CASES)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_text_names_every_article_and_the_totals(charter_id: str, household_id: str, language: str) -> None:
    charter, result, explanation = _explained(charter_id, household_id)
    text = explanation.to_text(language)
    for article in charter.ir.articles:
        assert f"[{article.id}, " in text, article.id
    totals = [line for line in text.splitlines() if line.startswith(("Cash:", "现金"))]
    assert len(totals) == 1 and totals[0].endswith(f"{result.total_cash:.2f}"), totals


def test_the_chinese_text_speaks_chinese() -> None:
    _, _, explanation = _explained("zhazi", "ZZ-2")
    en, zh = explanation.to_text("en"), explanation.to_text("zh")
    assert "not paid: a condition is not met" in en and "not paid" not in zh
    assert "breached" in en and "breached" not in zh
    assert en.count("\n") == zh.count("\n")  # the same lines, worded in each language


def test_one_article_alone() -> None:
    charter = charterlib.load(CHARTERS / "zhazi.charter")
    household = json.loads((CHARTERS / "data" / "zhazi.json").read_text(encoding="utf-8"))[1]
    data = charter.explain(household, "2005", "pension_subsidy").to_json()
    assert [a["id"] for a in data["articles"]] == ["pension_subsidy"]
    assert [u["paid"] for u in data["articles"][0]["units"]] == [True]


def test_an_unknown_article_is_a_sentence_with_a_suggestion() -> None:
    charter = charterlib.load(CHARTERS / "zhazi.charter")
    household = json.loads((CHARTERS / "data" / "zhazi.json").read_text(encoding="utf-8"))[1]
    with pytest.raises(charterlib.ArgumentError, match="pension_subsidy"):
        charter.explain(household, "2005", "pension_subsidi")
