"""Stage 4: evaluation semantics — calendar, periods, schedules, vetoes, obligations, errors."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CHARTERS, run_cli

import charterlib
from charterlib.runtime import Period, PeriodError, add_months, age, birthday

D = dt.date


@pytest.mark.parametrize(("day", "months", "expected"), [
    (D(2004, 8, 31), 6, D(2005, 2, 28)),
    (D(2004, 1, 31), 1, D(2004, 2, 29)),
    (D(2004, 11, 20), 6, D(2005, 5, 20)),
    (D(2005, 3, 31), -1, D(2005, 2, 28)),
])
def test_month_rule(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_ages_count_completed_years_and_29_february_birthdays_fall_on_28_february() -> None:
    assert age(D(2001, 2, 1), D(2005, 1, 31)) == 3
    assert age(D(2001, 2, 1), D(2005, 2, 1)) == 4
    assert birthday(D(2004, 2, 29), 1) == D(2005, 2, 28)
    assert age(D(2004, 2, 29), D(2005, 2, 28)) == 1
    assert age(D(2004, 2, 29), D(2005, 2, 27)) == 0


@pytest.mark.parametrize(("text", "start", "end"), [
    ("2005", D(2005, 1, 1), D(2005, 12, 31)),
    ("2004-02", D(2004, 2, 1), D(2004, 2, 29)),
    ("2005-07-01/2006-06-30", D(2005, 7, 1), D(2006, 6, 30)),
])
def test_periods(text: str, start: dt.date, end: dt.date) -> None:
    period = Period.parse(text)
    assert (period.start, period.end, period.text) == (start, end, text)


@pytest.mark.parametrize("text", ["05", "2005-13", "2005-02-30/2005-03-01", "2006-01-01/2005-01-01", "x"])
def test_bad_periods_are_library_errors(text: str) -> None:
    with pytest.raises(PeriodError):
        Period.parse(text)


def household(**fields: Any) -> dict[str, Any]:
    members = fields.pop("members", [])
    return {"id": "H", "village": "测试村", "rural": True, **fields, "members": members}


def person(pid: str, role: str, sex: str, born: str, **fields: Any) -> dict[str, Any]:
    return {"id": pid, "role": role, "sex": sex, "birth_date": born, **fields}


PARENTS = [person("w", "wife", "female", "1975-01-01"), person("h", "husband", "male", "1973-01-01")]


@pytest.fixture(scope="module")
def town() -> charterlib.Charter:
    return charterlib.load(CHARTERS / "hongshandian.charter")


def village(text: str, backend: str = "compiled") -> charterlib.Charter:
    header = 'charter v "测试村"\n  extends hongshandian\n  in force 2005-01-01\n\n'
    return charterlib.loads(header + text, "v.charter", search_path=[CHARTERS], backend=backend)


def test_a_child_counts_from_its_birth_day(town: charterlib.Charter) -> None:
    h = household(one_child_cert_on="2005-03-15",
                  members=PARENTS + [person("c", "child", "male", "2005-03-10")])
    # health fee months are judged on their last day: March 2005 has the child and the certificate
    assert town.evaluate(h, "2005").cash == {"health_fee": Decimal("100.00")}
    assert town.evaluate(h, "2005-02").cash == {}


def test_health_fee_is_paid_through_the_month_of_the_14th_birthday(town: charterlib.Charter) -> None:
    h = household(one_child_cert_on="2000-01-01", members=PARENTS + [person("c", "child", "male", "1991-06-15")])
    assert town.evaluate(h, "2005-06").cash == {"health_fee": Decimal("10.00")}
    assert town.evaluate(h, "2005-07").cash == {}


def test_a_charter_is_not_retroactive(town: charterlib.Charter) -> None:
    h = household(one_child_cert_on="2000-01-01", members=PARENTS + [person("c", "child", "male", "2000-06-15")])
    assert town.evaluate(h, "2003").cash == {}
    assert town.evaluate(h, "2004").cash == {"health_fee": Decimal("120.00")}


def test_the_veto_cuts_benefits_from_the_out_of_policy_birth(town: charterlib.Charter) -> None:
    h = household(one_child_cert_on="2000-01-01", members=PARENTS + [
        person("c1", "child", "male", "2000-06-15"),
        person("c2", "child", "male", "2005-04-10", out_of_policy_birth=True)])
    result = town.evaluate(h, "2005", explain=True)
    assert result.cash == {"health_fee": Decimal("30.00")}  # January to March
    reasons = {u.day.month: u.reason for u in result.units if u.benefit == "health_fee"}
    assert reasons[3] == "paid" and reasons[4] == "vetoed"


def test_parameters_take_the_value_in_force_on_the_judged_day() -> None:
    charter = village(
        "parameter rate = 10 yuan from 2005-01-01, 15 yuan from 2005-07-01\n\n"
        'benefit monthly "第五条":\n  every month on first day\n  when rural\n  pay rate\n'
    )
    assert charter.evaluate(household(members=PARENTS), "2005").cash["monthly"] == Decimal("150.00")


def test_monthly_units_judged_on_the_first_day_see_the_unit_days() -> None:
    charter = village('benefit b "第五条":\n  every month on first day\n  when today = unit start\n  pay 1 yuan\n')
    result = charter.evaluate(household(members=PARENTS), "2005-03-01/2005-05-15")
    assert result.cash == {"b": Decimal("3.00")}  # 1 March, 1 April, 1 May


def test_yearly_units_on_fixed_days_and_per_member() -> None:
    charter = village('benefit b "第五条":\n  for each kid in children\n  every year on 03-01, 09-01\n'
                      "  when age of kid < 7\n  pay 50 yuan\n")
    h = household(members=PARENTS + [person("c1", "child", "female", "1999-05-01"),
                                     person("c2", "child", "female", "2005-05-01")])
    result = charter.evaluate(h, "2005")
    # c1 is 5 on 1 March and 6 on 1 September; c2 is counted on 1 September only
    assert result.cash == {"b": Decimal("150.00")}


def test_events_are_capped_per_calendar_year_counting_from_its_first_day() -> None:
    charter = charterlib.load(CHARTERS / "yongzhong.charter")
    checks = [f"2005-{m:02d}-05" for m in range(1, 10)]
    h = household(members=[person("w", "wife", "female", "1980-01-01", pregnancy_checks=checks), PARENTS[1]])
    assert charter.evaluate(h, "2005").cash == {"check_subsidy": Decimal("30.00")}
    assert charter.evaluate(h, "2005-06-01/2005-12-31").cash == {"check_subsidy": Decimal("5.00")}


def test_obligation_statuses_as_of_the_last_day_of_the_period() -> None:
    zhazi = charterlib.load(CHARTERS / "zhazi.charter")
    h = household(contract_signed_on="2004-08-01", members=PARENTS + [
        person("c1", "child", "female", "2000-01-01"), person("c2", "child", "female", "2005-01-31")])
    status = lambda p: zhazi.evaluate(h, p).obligations["contraception_after_second_birth"].to_json()
    assert status("2004") == {"status": "not_applicable"}
    assert status("2005-07") == {"status": "pending", "due": "2005-07-31"}  # 31 Jan + 6 months
    assert status("2005-08") == {"status": "breached", "since": "2005-08-01"}
    assert zhazi.evaluate(h, "2005-08").penalties == {"contraception_after_second_birth": Decimal("300.00")}
    assert zhazi.evaluate(h, "2005-09").penalties == {}


def test_an_act_on_the_deadline_day_is_on_time() -> None:
    zhazi = charterlib.load(CHARTERS / "zhazi.charter")
    wife = person("w", "wife", "female", "1975-01-01", contraception="iud", contraception_on="2005-07-31")
    h = household(contract_signed_on="2004-08-01", members=[wife, PARENTS[1],
                  person("c1", "child", "female", "2000-01-01"), person("c2", "child", "female", "2005-01-31")])
    assert zhazi.evaluate(h, "2005").obligations["contraception_after_second_birth"].to_json() == {
        "status": "fulfilled", "on": "2005-07-31"}


def test_the_one_member_that_raises_an_error_naming_household_and_article() -> None:
    charter = village('benefit b "第五条":\n  once on 2005-06-01\n  when age of the(children) < 10\n  pay 1 yuan\n')
    h = household(members=PARENTS + [person("c1", "child", "female", "2000-01-01"),
                                     person("c2", "child", "male", "2001-01-01")])
    with pytest.raises(charterlib.EvaluationError) as info:
        charter.evaluate(h, "2005")
    assert info.value.household == "H" and info.value.article == "b"
    assert "exactly one" in str(info.value) and "c1, c2" in str(info.value)


def test_a_parameter_without_a_value_yet_is_an_evaluation_error() -> None:
    charter = village('parameter rate = 10 yuan from 2010-01-01\n\nbenefit b "第五条":\n  once on 2005-06-01\n  pay rate\n')
    with pytest.raises(charterlib.EvaluationError, match="rate"):
        charter.evaluate(household(members=PARENTS), "2005")


def test_missing_values_make_conditions_unknown_not_true() -> None:
    charter = village('benefit b "第五条":\n  once on 2005-06-01\n  when not (preferential_cert_on <= today)\n  pay 1 yuan\n')
    assert charter.evaluate(household(members=PARENTS), "2005").cash == {}
    assert charter.evaluate(household(members=PARENTS, preferential_cert_on="2006-01-01"), "2005").cash == {
        "b": Decimal("1.00")}


def test_explanations_name_the_reason_of_every_unpaid_unit() -> None:
    zhazi = charterlib.load(CHARTERS / "zhazi.charter")
    h = household(contract_signed_on="2004-08-01", members=PARENTS + [
        person("c1", "child", "female", "1997-09-09"), person("c2", "child", "female", "2004-12-15")])
    explanation = zhazi.explain(h, "2005", "tuition_waiver")
    text = explanation.to_text()
    assert "2005-09-01 c1: not granted: suspended by the breach of contraception_after_second_birth" in text
    data = explanation.to_json()
    [article] = data["articles"]
    reasons = [(u["day"], u["member"], u["reason"]) for u in article["units"]]
    assert ("2005-03-01", "c1", "paid") in reasons and ("2005-09-01", "c1", "suspended") in reasons
    assert "周岁 daughter 介于 6 至 15" in explanation.to_text("zh")


def test_results_are_exact_decimals() -> None:
    charter = village('benefit b "第五条":\n  once on 2005-06-01\n  pay 100 yuan / 3\n')
    assert charter.evaluate(household(members=PARENTS), "2005").cash == {"b": Decimal("33.33")}


MONTHLY = ('define kids = count(members where role = child)\n\n'
           'benefit b "第五条":\n  every month on last day\n  when one_child_cert_on <= today and kids = 1\n'
           '  pay 10 yuan\n')


@pytest.mark.parametrize("fields", [
    {},  # no certificate: no unit is paid
    {"one_child_cert_on": "2004-03-01"},  # every member born before the period: the count is kept
    {"one_child_cert_on": "2005-03-31"},
])
@pytest.mark.parametrize("born", ["2001-05-05", "2005-05-20"])  # a child born within the period
def test_monthly_units_are_the_same_with_both_back_ends(fields: dict[str, Any], born: str) -> None:
    h = household(members=PARENTS + [person("c", "child", "female", born)], **fields)
    compiled = village(MONTHLY).evaluate(h, "2005")
    reference = village(MONTHLY, "reference").evaluate(h, "2005")
    assert compiled == reference
    assert [str(v) for v in compiled.cash.values()] == [str(v) for v in reference.cash.values()]
    if fields:
        assert compiled.cash["b"] == Decimal("10.00") * (12 if born < "2005" and fields["one_child_cert_on"] < "2005"
                                                         else 10 if born < "2005" else 8)


UNJUDGED_TEXT = ('charter unjudged "t"\n  level town\n  uses family_planning\n  in force 2000-01-01\n\n'
                 'define kids = members where role = child\n\n'
                 'benefit b "第一条":\n  once on 2005-06-01\n  pay 10 yuan\n\n'
                 'eligibility e "第二条":\n  require rural\n  unless age of the(kids) < 3\n')
UNJUDGED = charterlib.loads(UNJUDGED_TEXT, "unjudged.charter", search_path=[CHARTERS])
TWINS = {"id": "T", "village": "v", "members": [
    {"id": "T-1", "role": "child", "sex": "female", "birth_date": "2001-01-01"},
    {"id": "T-2", "role": "child", "sex": "male", "birth_date": "2001-01-01"}]}


def test_an_eligibility_that_cannot_be_judged_is_said_in_the_explanation_not_raised(tmp_path: Path) -> None:
    # explain failed on a household that evaluates, because an eligibility (not part of the result) errs
    explanation = UNJUDGED.explain(TWINS, "2005")
    assert explanation.result.cash == {"b": Decimal("10.00")}
    assert "cannot be judged: `the` needs exactly one, but there are 2: T-1, T-2" in explanation.to_text()
    assert "无法判定：" in explanation.to_text("zh")
    [entry] = [a for a in explanation.to_json()["articles"] if a["id"] == "e"]
    assert entry["error"].startswith("`the` needs exactly one") and entry["verdicts"] == []
    with pytest.raises(charterlib.EvaluationError, match="article e"):  # asked for by name: the error is the answer
        UNJUDGED.explain(TWINS, "2005", "e")
    charter = tmp_path / "unjudged.charter"
    charter.write_text(UNJUDGED_TEXT, encoding="utf-8")
    register = tmp_path / "r.json"
    register.write_text(json.dumps([TWINS]), encoding="utf-8")
    code, out, err = run_cli("--path", str(CHARTERS), "explain", str(charter), str(register), "--household", "T",
                             "--period", "2005")
    assert code == 3 and "cannot be judged" in out and "household T, article e: `the` needs" in err
