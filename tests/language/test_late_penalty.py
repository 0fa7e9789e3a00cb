"""Late payment per period, with a cap (issue 10, §5; the anchor is the Accord Project late-delivery-and-penalty
clause): `penalty 5 yuan per day late, at most 300 yuan` (违约金 每逾期 1 日 5 元，至多 300 元) accrues the rate
for each day of breach (or each completed month, or each N of them) from the first day of breach until the
cure (exclusive) or the judged day, capped in all; a period owes what accrued in it, so a year is the sum of
its months. The same in every engine and in both keyword languages, explained with the days or months late,
the accrued total and whether the cap is reached."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CHARTERS
from entry_points import every_engine
from hypothesis import HealthCheck, given, settings
from strategies import households

import charterlib
from charterlib.ir.printer import charter_text

ENGLISH = '''charter late "逾期违约金"
  level town
  uses family_planning
  in force 2005-01-01

define children "子女" = members where role = child
define spouses "夫妻" = members where role in {husband, wife}
define method_on "落实节育措施日" =
  earliest((spouses where contraception in {iud, implant, sterilization}).contraception_on)

benefit allowance "第一条 独生子女补贴":
  every month on last day
  when one_child_cert_on is set
  pay 10 yuan

obligation register "第二条 生育登记：逾期每日 5 元，至多 300 元":
  triggered on nth(children, 1).birth_date
  within 30 days
  fulfilled on one_child_cert_on
  on breach:
    penalty 5 yuan per day late, at most 300 yuan
    suspend allowance until fulfilled

obligation method "第三条 签协议后三个月内落实节育措施：逾期每满一月 20 元，至多 100 元":
  triggered on contract_signed_on
  within 3 months
  fulfilled on method_on
  on breach:
    penalty 20 yuan per month late, at most 100 yuan

obligation waiver "第四条 领证后一月内签放弃再生育承诺书：每逾期 14 日 10 元":
  triggered on preferential_cert_on
  within 1 month
  fulfilled on second_birth_waiver_on
  on breach:
    penalty every 14 days late, 10 yuan, at most 1000 yuan
'''
CHINESE = '''章程 late "逾期违约金"
  级别 镇
  采用 family_planning
  施行于 2005-01-01

定义 children "子女" = members 其中 role = child
定义 spouses "夫妻" = members 其中 role 属于 {husband, wife}
定义 method_on "落实节育措施日" =
  最早((spouses 其中 contraception 属于 {iud, implant, sterilization}).contraception_on)

福利 allowance "第一条 独生子女补贴":
  每月 于 末日
  当 one_child_cert_on 已设定
  发放 10 元

义务 register "第二条 生育登记：逾期每日 5 元，至多 300 元":
  触发于 第几个(children, 1).birth_date
  期限 30 天
  履行于 one_child_cert_on
  违约时:
    违约金 每逾期 1 日 5 元，至多 300 元
    暂停 allowance 至履行

义务 method "第三条 签协议后三个月内落实节育措施：逾期每满一月 20 元，至多 100 元":
  触发于 contract_signed_on
  期限 3 个月
  履行于 method_on
  违约时:
    违约金 每逾期 1 个月 20 元，至多 100 元

义务 waiver "第四条 领证后一月内签放弃再生育承诺书：每逾期 14 日 10 元":
  触发于 preferential_cert_on
  期限 1 个月
  履行于 second_birth_waiver_on
  违约时:
    违约金 10 元 按照 14 日 逾期，至多 1000 元
'''


def _load(text: str, backend: str = "compiled") -> charterlib.Charter:
    return charterlib.loads(text, "late.charter", search_path=[CHARTERS], backend=backend)


COMPILED = _load(ENGLISH)
REFERENCE = _load(ENGLISH, "reference")


def _wife(hid: str, **fields: Any) -> dict[str, Any]:
    return {"id": f"{hid}-w", "role": "wife", "sex": "female", "birth_date": "1980-01-01", **fields}


def _child(hid: str, born: str) -> dict[str, Any]:
    return {"id": f"{hid}-c", "role": "child", "sex": "male", "birth_date": born}


REGISTER: list[dict[str, Any]] = [
    # A: the child is born on 2005-02-01, due 2005-03-03 (30 days), in breach from 2005-03-04, registered on
    # 2005-05-20 (the cure): late from 03-04 to 05-19, 28 + 30 + 19 = 77 days, 5 × 77 = 385 capped at 300
    {"id": "A", "village": "v", "one_child_cert_on": "2005-05-20", "members": [_wife("A"), _child("A", "2005-02-01")]},
    # B: contract 2005-01-15, due 2005-04-15 (3 months), in breach from 04-16, the method on 2005-08-10: the
    # months of breach complete on 05-15, 06-15 and 07-15 (the 4th would on 08-15): 3 × 20 = 60
    {"id": "B", "village": "v", "contract_signed_on": "2005-01-15",
     "members": [_wife("B", contraception="iud", contraception_on="2005-08-10")]},
    # C: contract 2005-01-31, due 2005-04-30 (the month rule), in breach from 05-01, never cured: by
    # 2005-12-31 eight months are completed (05-31 … 12-31), 8 × 20 = 160 capped at 100 (reached in September)
    {"id": "C", "village": "v", "contract_signed_on": "2005-01-31", "members": [_wife("C")]},
    # D: certificate 2005-01-10, due 2005-02-10, in breach from 02-11, the waiver on 2005-04-01: 18 + 31 = 49
    # days late, 3 completed blocks of 14 days: 3 × 10 = 30
    {"id": "D", "village": "v", "preferential_cert_on": "2005-01-10", "second_birth_waiver_on": "2005-04-01",
     "members": [_wife("D")]},
    # E: nothing late
    {"id": "E", "village": "v", "members": [_wife("E")]},
]


def test_both_keyword_languages_and_both_word_orders_give_equal_representations() -> None:
    chinese = _load(CHINESE)
    assert chinese.ir == COMPILED.ir
    assert charter_text(chinese.ir) == charter_text(COMPILED.ir)
    text = charter_text(COMPILED.ir)
    assert "    penalty per 1 day late: 5 yuan  : money\n    penalty at most 300 yuan  : money" in text
    assert "    penalty per 1 month late: 20 yuan  : money" in text
    assert "    penalty per 14 days late: 10 yuan  : money" in text
    assert "penalty per 1 day late: 5 元  : money" in charter_text(COMPILED.ir, "zh")


@pytest.mark.parametrize("period", ["2005", "2005-03", "2005-05", "2005-09", "2005-04-10/2005-06-20", "2006"])
def test_every_engine_accrues_alike(tmp_path: Path, period: str) -> None:
    summaries: list[Any] = []
    every_engine(COMPILED, REFERENCE, REGISTER, period, tmp_path, summaries=summaries)
    assert summaries and all(not s.one_by_one_articles and not s.one_by_one for s in summaries)  # all in SQL


def test_the_year_is_computed_by_hand(tmp_path: Path) -> None:
    outcomes = every_engine(COMPILED, REFERENCE, REGISTER, "2005", tmp_path)
    a, b, c, d, e = (outcomes[h] for h in "ABCDE")
    assert a["penalties"] == {"register": "300.00"}
    assert a["obligations"]["register"] == {"status": "breached", "since": "2005-03-04", "cured_on": "2005-05-20",
                                            "days_late": 77, "accrued": "300.00", "cap_reached": True}
    # suspended from 03-04 until the cure on 05-20: the units of March and April are not paid (10 of 12)
    assert a["cash"] == {"allowance": "100.00"}
    assert b["penalties"] == {"method": "60.00"}
    assert b["obligations"]["method"] == {"status": "breached", "since": "2005-04-16", "cured_on": "2005-08-10",
                                          "months_late": 3, "accrued": "60.00", "cap_reached": False}
    assert c["penalties"] == {"method": "100.00"}
    assert c["obligations"]["method"] == {"status": "breached", "since": "2005-05-01", "months_late": 8,
                                          "accrued": "100.00", "cap_reached": True}
    assert d["penalties"] == {"waiver": "30.00"}
    assert d["obligations"]["waiver"] == {"status": "breached", "since": "2005-02-11", "cured_on": "2005-04-01",
                                          "days_late": 49, "accrued": "30.00", "cap_reached": False}
    assert e["penalties"] == {} and e["obligations"]["register"] == {"status": "not_applicable"}


def _penalties(household: dict[str, Any], period: str) -> dict[str, Decimal]:
    return dict(COMPILED.evaluate(household, period).penalties)


def test_a_period_owes_what_accrued_in_it() -> None:
    a, b, c, d = REGISTER[:4]
    # A: March 28 days (140), April 30 (150), May up to the cap (10 of the 19 days' 95)
    assert [_penalties(a, f"2005-{m:02d}").get("register") for m in (2, 3, 4, 5, 6)] == [
        None, Decimal("140.00"), Decimal("150.00"), Decimal("10.00"), None]
    # B: a month completed on 05-15, 06-15 and 07-15, 20 yuan each
    assert [_penalties(b, f"2005-{m:02d}").get("method") for m in (4, 5, 6, 7, 8)] == [
        None, Decimal("20.00"), Decimal("20.00"), Decimal("20.00"), None]
    # C: 20 yuan a month from May to September, when the cap of 100 is reached; nothing in 2006
    assert [_penalties(c, f"2005-{m:02d}").get("method") for m in range(5, 11)] == [Decimal("20.00")] * 5 + [None]
    assert _penalties(c, "2006") == {}
    # D: 14 days late by 02-24 (10 yuan in February), 49 by the cure (20 more in March)
    assert _penalties(d, "2005-02") == {"waiver": Decimal("10.00")}
    assert _penalties(d, "2005-03") == {"waiver": Decimal("20.00")}
    # a range from 04-10 to 06-20: by 04-09, 28 + 9 = 37 days had accrued 185; by the cure 300 (the cap)
    assert _penalties(a, "2005-04-10/2005-06-20") == {"register": Decimal("115.00")}


def test_the_status_shows_what_has_accrued_by_the_judged_day() -> None:
    june = COMPILED.evaluate(REGISTER[2], "2005-06").to_json()["obligations"]["method"]
    # C by 2005-06-30: the months completed on 05-31 and 06-30
    assert june == {"status": "breached", "since": "2005-05-01", "months_late": 2, "accrued": "40.00",
                    "cap_reached": False}


def test_a_year_is_the_sum_of_its_months_by_hand() -> None:
    for household in REGISTER:
        year = COMPILED.evaluate(household, "2005")
        penalties: dict[str, Decimal] = {}
        cash: dict[str, Decimal] = {}
        for month in range(1, 13):
            result = COMPILED.evaluate(household, f"2005-{month:02d}")
            for k, v in result.penalties.items():
                penalties[k] = penalties.get(k, Decimal(0)) + v
            for k, v in result.cash.items():
                cash[k] = cash.get(k, Decimal(0)) + v
        assert penalties == year.penalties, household["id"]
        assert cash == year.cash, household["id"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(household=households())
def test_a_year_is_the_sum_of_its_months(household: dict[str, Any]) -> None:
    for year in ("2005", "2006"):
        whole = COMPILED.evaluate(household, year)
        penalties: dict[str, Decimal] = {}
        for month in range(1, 13):
            for k, v in COMPILED.evaluate(household, f"{year}-{month:02d}").penalties.items():
                penalties[k] = penalties.get(k, Decimal(0)) + v
        assert {k: v for k, v in penalties.items() if v} == whole.penalties


def test_the_explanation_shows_the_days_late_the_accrued_total_and_the_cap() -> None:
    text = COMPILED.explain(REGISTER[0], "2005", article="register").to_text()
    assert ("  breached: triggered on 2005-02-01; due 2005-03-03 (30 days); in breach since 2005-03-04; cured on "
            "2005-05-20; 77 days late at 5.00 per day: 300.00 accrued (the cap, 300.00, is reached)") in text
    assert "Penalties: register 300.00" in text
    zh = COMPILED.explain(REGISTER[1], "2005", article="method").to_text("zh")
    assert "逾期 3 个月，每逾期 1 个月 20.00 元，累计 60.00 元（上限 100.00 元）" in zh
    waiver = COMPILED.explain(REGISTER[3], "2005-03", article="waiver")
    assert "49 days late at 10.00 per 14 days: 30.00 accrued (at most 1000.00)" in waiver.to_text()
    [entry] = waiver.to_json()["articles"]
    assert entry["penalty"] == {"rate": "10.00", "per": "14 day", "cap": "1000.00", "days_late": 49,
                                "accrued": "30.00", "cap_reached": False, "in_period": "20.00"}
    assert REFERENCE.explain(REGISTER[0], "2005").to_text() == COMPILED.explain(REGISTER[0], "2005").to_text()


MISTAKES = [
    ("penalty 5 yuan per day late, at most 300 yuan", "penalty 5 yuan per day late", "penalty-without-cap"),
    ("penalty 5 yuan per day late, at most 300 yuan", "penalty 5 yuan per day late, at most 300", "type-mismatch"),
    ("penalty 5 yuan per day late, at most 300 yuan", "penalty 5 per day late, at most 300 yuan", "type-mismatch"),
    ("penalty 5 yuan per day late, at most 300 yuan", "penalty 5 yuan per year late, at most 300 yuan", "late-unit"),
    ("penalty 5 yuan per day late, at most 300 yuan", "penalty 5 yuan per 0 days late, at most 300 yuan",
     "late-unit"),
    ("penalty 5 yuan per day late, at most 300 yuan",
     "penalty 5 yuan per day late, at most 300 yuan\n    penalty 50 yuan", "duplicate-clause"),
]


@pytest.mark.parametrize("old, new, code", MISTAKES, ids=[m[2] + str(i) for i, m in enumerate(MISTAKES)])
def test_the_mistakes_of_a_late_penalty_are_located(old: str, new: str, code: str) -> None:
    with pytest.raises(charterlib.CheckError) as caught:
        _load(ENGLISH.replace(old, new))
    errors = [d for d in caught.value.diagnostics if d.is_error]
    assert [d.code for d in errors] == [code]
    assert errors[0].span is not None


def test_a_missing_or_negative_rate_or_cap_is_an_evaluation_error_in_every_engine(tmp_path: Path) -> None:
    text = ENGLISH.replace("at most 300 yuan", "at most deposit").replace(
        "define children", 'household fields:\n  deposit: optional money "押金"\n\ndefine children')
    compiled, reference = _load(text), _load(text, "reference")
    def like_a(hid: str, **fields: Any) -> dict[str, Any]:
        return {"id": hid, "village": "v", "one_child_cert_on": "2005-05-20",
                "members": [_wife(hid), _child(hid, "2005-02-01")], **fields}

    # no deposit, a negative one: errors; 200 yuan: the cap
    register = [like_a("A"), like_a("A2", deposit="-1.00"), like_a("A3", deposit="200.00"), REGISTER[4]]
    outcomes = every_engine(compiled, reference, register, "2005", tmp_path)
    assert isinstance(outcomes["A"], tuple) and isinstance(outcomes["A2"], tuple)
    assert outcomes["A3"]["penalties"] == {"register": "200.00"}
    with pytest.raises(charterlib.EvaluationError, match="not negative, but its cap is -1.00"):
        compiled.evaluate(register[1], "2005")
