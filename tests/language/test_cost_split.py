"""Costs of benefits and who bears them (issue 10, §6): `grant costing AMOUNT` (给予 费用 …), a `cost shared:`
block (费用分担) of `PAYER AMOUNT` lines and takeovers (`when C: PAYER taken over by PAYER AMOUNT, …`, 当 C：户
转由 村 15 元、镇 15 元), the same in both keyword languages, checked with located diagnostics, evaluated alike
by the compiled and reference evaluators and the batch engine (a column per payer), explained in English
and Chinese, and totalled per benefit and per payer.

The charter is tests/fixtures/costs.charter (its Chinese twin costs.zh.charter); every expectation below
is computed by hand in the comment above it."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CHARTERS, ROOT, run_cli
from entry_points import every_engine

import charterlib
from charterlib import batch, ir
from charterlib.ir.printer import charter_text
from charterlib.results import costs_by_payer

ENGLISH = ROOT / "tests" / "fixtures" / "costs.charter"
CHINESE = ROOT / "tests" / "fixtures" / "costs.zh.charter"
COMPILED = charterlib.load(ENGLISH, [CHARTERS])
REFERENCE = charterlib.load(ENGLISH, [CHARTERS], backend="reference")


def _wife(hid: str, **fields: Any) -> dict[str, Any]:
    return {"id": f"{hid}-w", "role": "wife", "sex": "female", "birth_date": "1970-01-01", **fields}


REGISTER: list[dict[str, Any]] = [
    # one child (turns 14 on 2005-07-10), the certificate since 2000: insured, and paid the allowance
    {"id": "H1", "village": "x", "rural": True, "one_child_cert_on": "2000-01-01",
     "members": [_wife("H1"), {"id": "H1-c", "role": "child", "sex": "male", "birth_date": "1991-07-10"}]},
    # poor: insured, the household's share borne by the village and the town; and the kit of June
    {"id": "H2", "village": "x", "rural": True, "poor": True, "members": [_wife("H2")]},
    # 特扶: insured as H2; pays its own 30 yuan of the variable grant
    {"id": "H3", "village": "x", "rural": True, "special_support": True, "household_share": "30.00",
     "members": [_wife("H3")]},
    # not rural; its share of the variable grant is 25 yuan: 30 + 25 = 55, not the 60 it costs
    {"id": "H4", "village": "x", "rural": False, "household_share": "25.00", "members": [_wife("H4")]},
    # poor, not rural: three pregnancy checks in 2005, two a year granted (March, May), the town's 5
    # yuan of each borne by the village; and the kit of June
    {"id": "H5", "village": "x", "rural": False, "poor": True,
     "members": [_wife("H5", pregnancy_checks=["2005-03-01", "2005-05-01", "2005-07-01"])]},
]
MONTHS = [f"2005-{m:02d}" for m in range(1, 13)]


def _costs(outcome: Any) -> dict[str, dict[str, str]]:
    return outcome.get("costs", {}) if isinstance(outcome, dict) else {}


def test_the_chinese_and_english_spellings_give_one_representation() -> None:
    chinese = charterlib.load(CHINESE, [CHARTERS])
    assert chinese.ir == COMPILED.ir
    assert charter_text(chinese.ir) == charter_text(COMPILED.ir)
    insurance = COMPILED.ir.article("insurance")
    assert isinstance(insurance, ir.Benefit) and insurance.split is not None
    assert [s.payer for s in insurance.split.shares] == ["province", "county", "town", "village", "household"]
    [takeover] = insurance.split.takeovers
    assert takeover.payer == "household" and [s.payer for s in takeover.takers] == ["village", "town"]
    assert "when poor or special_support: household taken over by village 15 yuan, town 15 yuan" in \
        charter_text(COMPILED.ir)


def test_every_expression_of_a_split_is_held_by_its_article() -> None:
    for article in COMPILED.ir.articles:
        assert isinstance(article, ir.Benefit) and article.split is not None
        held = list(article.expressions())
        split = article.split
        wanted = [article.cost, *(s.amount for s in split.shares),
                  *(e for t in split.takeovers for e in (t.condition.expr, *(s.amount for s in t.takers)))]
        assert all(any(e is w for e in held) for w in wanted if w is not None), article.id
    kit = COMPILED.ir.article("kit")
    assert isinstance(kit, ir.Benefit) and kit.split is not None and not kit.split.written
    assert kit.split.shares == (ir.Share("county", None),)  # no split: all on the charter's level


def test_a_year_in_every_engine(tmp_path: Path) -> None:
    summaries: list[batch.BatchSummary] = []
    outcomes = every_engine(COMPILED, REFERENCE, REGISTER, "2005", tmp_path, summaries=summaries)
    # H1: insured on 01-01, nothing taken over (5 + 5 + 10 + 10 + 30 = 60); the allowance of 10 yuan a
    # month: the county 4 yuan of each of 12 months = 48; the town 6 yuan of January to June (the child is
    # 13 on those months' last days) = 36; the village the town's 6 yuan from July (14 on 07-31) = 36
    assert outcomes["H1"]["cash"] == {"allowance": "120.00"}
    assert outcomes["H1"]["costs"] == {
        "allowance": {"county": "48.00", "town": "36.00", "village": "36.00"},
        "insurance": {"province": "5.00", "county": "5.00", "town": "10.00", "village": "10.00", "household": "30.00"},
    }
    # H2, poor: the household's 30 borne by the village (10 + 15 = 25) and the town (10 + 15 = 25); the kit,
    # 8 yuan, with no split: all on the county, the level of the charter
    assert outcomes["H2"]["costs"] == {
        "insurance": {"province": "5.00", "county": "5.00", "town": "25.00", "village": "25.00"},
        "kit": {"county": "8.00"},
    }
    # H3, 特扶: the insurance as H2's; the variable grant: the county 30, the household its own 30
    assert outcomes["H3"]["costs"] == {
        "insurance": {"province": "5.00", "county": "5.00", "town": "25.00", "village": "25.00"},
        "variable": {"county": "30.00", "household": "30.00"},
    }
    # H4: 30 + 25 = 55 shared of 60: an evaluation error of the household, in every engine
    assert isinstance(outcomes["H4"], tuple) and outcomes["H4"][0] == "errors"
    # H5: two checks granted of three (at most 2 a year), 5 yuan each, the town's share borne by the
    # village (poor): 10; and the kit: the county 8
    assert [g["on"] for g in outcomes["H5"]["in_kind"] if g["benefit"] == "checks"] == ["2005-03-01", "2005-05-01"]
    assert outcomes["H5"]["costs"] == {"checks": {"village": "10.00"}, "kit": {"county": "8.00"}}
    # the run: the insurance of H1, H2, H3 (3 × 60 = 180): province 15, county 15, town 10 + 25 + 25 = 60,
    # village 60, household 30; the allowance of H1 (120); the variable grant of H3 (60); the checks of H5
    # (10); the kits of H2 and H5 (16)
    for summary in summaries:
        assert not summary.one_by_one_articles and summary.one_by_one == 1  # H4 alone: the rest in SQL
        assert {b: {p: str(v) for p, v in by.items()} for b, by in summary.costs.items()} == {
            "allowance": {"county": "48.00", "town": "36.00", "village": "36.00"},
            "checks": {"village": "10.00"},
            "insurance": {"province": "15.00", "county": "15.00", "town": "60.00", "village": "60.00",
                          "household": "30.00"},
            "kit": {"county": "16.00"},
            "variable": {"county": "30.00", "household": "30.00"},
        }
        # a payer's bill: the county 15 + 48 + 16 + 30 = 109, the town 60 + 36 = 96, the village
        # 60 + 36 + 10 = 106, the household 30 + 30 = 60 (and 15 + 109 + 96 + 106 + 60 = 386
        # = 180 + 120 + 10 + 16 + 60)
        assert {p: str(v) for p, v in summary.costs_by_payer.items()} == {
            "province": "15.00", "county": "109.00", "town": "96.00", "village": "106.00", "household": "60.00"}
        assert summary.to_json()["costs_by_payer"]["county"] == "109.00"


def test_the_split_that_does_not_add_up_names_the_household_and_the_article() -> None:
    household = COMPILED.household(REGISTER[3])
    for charter in (COMPILED, REFERENCE):
        with pytest.raises(charterlib.EvaluationError) as caught:
            charter.evaluate(household, "2005")
        assert caught.value.household == "H4" and caught.value.article == "variable"
        assert caught.value.reason == ("the shares of the cost of the unit of 2005-12-31 add up to 55.00 yuan, "
                                       "but the cost is 60.00 yuan")


@pytest.mark.parametrize("period", ["2005-07", "2005-06", "2005-01-01/2005-03-31"])
def test_months_in_every_engine(tmp_path: Path, period: str) -> None:
    outcomes = every_engine(COMPILED, REFERENCE, REGISTER, period, tmp_path, tables=())
    allowance = _costs(outcomes["H1"]).get("allowance")
    # July: the child is 14 on 07-31, the village bears the town's 6; June: 13, the town bears it; the
    # first quarter: 3 months of county 4 and town 6
    assert allowance == {"2005-07": {"county": "4.00", "village": "6.00"},
                         "2005-06": {"county": "4.00", "town": "6.00"},
                         "2005-01-01/2005-03-31": {"county": "12.00", "town": "18.00"}}[period]
    if period == "2005-07":  # the check of July is the third of the year: past the cap, granted not, costs nothing
        assert "checks" not in _costs(outcomes["H5"])


def test_a_year_of_monthly_units_costs_the_sum_of_its_months() -> None:
    for household in REGISTER:
        if household["id"] == "H4":
            continue
        year = COMPILED.evaluate(household, "2005").costs
        months: dict[str, dict[str, Decimal]] = {}
        for month in MONTHS:
            for benefit, payers in COMPILED.evaluate(household, month).costs.items():
                for payer, amount in payers.items():
                    months.setdefault(benefit, {})[payer] = months.get(benefit, {}).get(payer, Decimal(0)) + amount
        assert year == months, household["id"]
        assert costs_by_payer(year) == costs_by_payer(months)


def test_explanations_show_the_split_and_the_takeovers() -> None:
    household = COMPILED.household(REGISTER[1])
    english = COMPILED.explain(household, "2005", article="insurance").to_text()
    assert "      cost 60.00 yuan: province 5.00, county 5.00, town 25.00, village 25.00\n" in english
    assert ("      ✓ when poor or special_support: household taken over by village 15 yuan, town 15 yuan  "
            "(tests/fixtures/costs.charter:29)") in english
    # the result's costs at the end, every benefit's (the kit too)
    assert english.endswith("Costs: insurance 60.00 (province 5.00, county 5.00, town 25.00, village 25.00); "
                            "kit 8.00 (county 8.00)")
    first = COMPILED.household(REGISTER[0])
    chinese = COMPILED.explain(first, "2005", article="insurance").to_text("zh")
    assert "      费用 60.00 元：省 5.00、县 5.00、镇 10.00、村 10.00、户 30.00\n" in chinese
    assert "      ✗ 当 poor 或 special_support：户 转由 村 15 元、镇 15 元" in chinese
    data = COMPILED.explain(household, "2005", article="insurance").to_json("zh")
    [unit] = data["articles"][0]["units"]
    assert unit["cost"] == "60.00" and unit["costs"]["village"] == "25.00"
    assert unit["takeovers"] == [{"index": 0, "value": True, "payer": "household",
                                  "text": "当 poor 或 special_support：户 转由 村 15 元、镇 15 元",
                                  "source": "tests/fixtures/costs.charter:29:10"}]
    # a month of the allowance once the village takes over the town's share
    allowance = COMPILED.explain(first, "2005-08", article="allowance").to_text()
    assert "      cost 10.00 yuan: county 4.00, village 6.00\n" in allowance
    assert "      ✓ when any(children, age of it >= 14): town taken over by village" in allowance


def test_charter_eval_totals_per_benefit_and_per_payer(tmp_path: Path) -> None:
    register = tmp_path / "register.json"
    register.write_text(json.dumps([h for h in REGISTER if h["id"] != "H4"]), encoding="utf-8")
    code, out, _ = run_cli("--path", "charters", "eval", str(ENGLISH), str(register), "--period", "2005")
    assert code == 0
    # the costs table, after the results: a line per benefit, the total a payer's bill
    assert out.split("\n\n")[2] == (
        "cost borne by  province  county   town  village  household   total\n"
        "insurance         15.00   15.00  60.00    60.00      30.00  180.00\n"
        "allowance                 48.00  36.00    36.00             120.00\n"
        "checks                                    10.00              10.00\n"
        "variable                  30.00                      30.00   60.00\n"
        "kit                       16.00                              16.00\n"
        "total             15.00  109.00  96.00   106.00      60.00  386.00")
    code, out, _ = run_cli("--path", "charters", "eval", str(ENGLISH), str(register), "--period", "2005", "--lang", "zh",
                           "--engine", "batch", "--out", str(tmp_path / "out.csv"))
    assert code == 0
    assert "  insurance（费用）：180.00 元，由 省 15.00、县 15.00、镇 60.00、村 60.00、户 30.00 承担" in out
    assert "  县 共承担 109.00 元" in out
    header = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith(",amount_unknown,costs")  # the column of the results of a charter with costs only


def test_charters_without_costs_keep_their_results_files(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    code, _, _ = run_cli("eval", "charters/zimu.charter", "charters/data/zimu.json", "--period", "2005",
                         "--engine", "batch", "--out", str(out))
    assert code == 0
    assert out.read_text(encoding="utf-8").splitlines()[0].endswith(",obligations,amount_unknown")


def _check(text: str) -> list[tuple[str, str]]:
    with pytest.raises(charterlib.CheckError) as caught:
        charterlib.loads(text, "costs.charter", search_path=[CHARTERS])
    return [(d.code, d.message) for d in caught.value.diagnostics if d.is_error]


BASE = ENGLISH.read_text(encoding="utf-8")


@pytest.mark.parametrize("old, new, code, message", [
    ("    household 30 yuan\n", "    household 25 yuan\n", "cost-shares-sum",
     "The shares of the cost of `insurance` add up to 55.00 yuan, but the cost is 60.00 yuan."),
    ("village 15 yuan, town 15 yuan", "village 15 yuan, town 10 yuan", "cost-shares-sum",
     "The parts of the share of `household` taken over add up to 25.00 yuan, but that share is 30.00 yuan."),
    ("    county 4 yuan\n", "    county 5 yuan\n", "cost-shares-sum",
     "The shares of the cost of `allowance` add up to 11.00 yuan, but the amount paid is 10.00 yuan."),
    ("    town 10 yuan\n", "    twon 10 yuan\n", "unknown-payer",
     ("`twon` cannot bear a cost: a share is borne by a level (`national`, `province`, `city`, `county`, "
      "`town`, `village`) or by the `household`.")),
    ("    village 10 yuan\n", "    village 5 yuan\n    village 5 yuan\n", "duplicate-payer",
     "`village` is given a share twice."),
    ("village 15 yuan, town 15 yuan", "household 15 yuan, town 15 yuan", "takeover-by-payer",
     "`household` cannot take over its own share."),
    ("when poor: town taken over by village", "when poor: city taken over by village", "takeover-without-share",
     "`city` has no share of the cost for others to take over."),
    ("when poor: town taken over by village", "when poor: town taken over by village, county", "takeover-amount-missing",
     "`village` takes over a part of the share of `town` but says not how much."),
    ("    county 30 yuan\n", "    county 30\n", "type-mismatch", None),
    ("  when poor\n  grant costing 8 yuan\n", "  when poor\n  grant\n  cost shared:\n    county 8 yuan\n",
     "split-without-cost", "Benefit `kit` shares a cost, but its grant has none to share."),
])
def test_mistakes_are_located_diagnostics(old: str, new: str, code: str, message: str | None) -> None:
    assert old in BASE
    found = _check(BASE.replace(old, new, 1))
    assert code in [c for c, _ in found], found
    if message is not None:
        assert (code, message) in found, found


def test_a_cost_with_no_split_needs_a_level() -> None:
    found = _check(BASE.replace("  level county\n", ""))
    assert [c for c, _ in found] == ["cost-without-payer"]


def test_a_cost_split_is_a_clause_of_benefits_only() -> None:
    text = BASE + '\nobligation duty "第六条":\n  triggered on 2005-01-01\n  within 30 days\n' \
                  '  fulfilled on one_child_cert_on\n  cost shared:\n    county 1 yuan\n'
    assert [c for c, _ in _check(text)] == ["misplaced-clause"]


def test_examples_expect_what_a_payer_bears(tmp_path: Path) -> None:
    example = '''
example poor_household "贫困户"
  period 2005
  household "E": village = "x", rural = true, poor = true
  expect cost insurance village 25 yuan
  expect cost insurance household 0 yuan
  expect cost kit county 8 yuan
'''.replace('"贫困户"', '"贫困户":')
    charter = charterlib.loads(BASE + example, "costs.charter", search_path=[CHARTERS])
    [outcome] = charter.run_examples()
    assert outcome.passed, outcome.failures
    wrong = charterlib.loads(BASE + example.replace("village 25 yuan", "village 20 yuan"), "costs.charter",
                             search_path=[CHARTERS])
    [outcome] = wrong.run_examples()
    assert outcome.failures == ("expected cost insurance village 20.00, got 25.00",)
    found = _check(BASE + example.replace("kit county", "kit town"))
    assert found == [("unknown-payer", "`town` bears no share of the cost of `kit`; it falls on `county`.")]
