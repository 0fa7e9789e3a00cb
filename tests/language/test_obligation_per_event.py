"""One obligation per event (issue 10, §5): "register every birth within 30 days" (`for each c in children`,
`triggered on c.birth_date`), "attend each quarterly 孕检" (`for each d in checkup_days`, `triggered on d`)
give an instance for each person (on its trigger day) or day of the list, each with its own trigger, deadline,
fulfilment, status, penalty and explanation; the results list the instances by person or day, a suspension
holds while any instance is in breach, and an obligation without `for each` is judged as before. The same in
every engine and in both keyword languages."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CHARTERS, run_cli
from entry_points import every_engine

import charterlib
from charterlib.ir.printer import charter_text

ENGLISH = '''charter events "每事一义务"
  level town
  uses family_planning
  in force 2005-01-01

household fields:
  checkup_days: list of date = [] "孕检预约日"

person fields:
  registered_on: optional date "出生登记日"

define children "子女" = members where role = child
define wife_checks "妻子孕检日" = (members where role = wife).pregnancy_checks

benefit allowance "第一条 补贴":
  every month on last day
  pay 10 yuan

obligation register_births "第二条 每个子女出生后三十日内登记":
  for each c in children
  triggered on c.birth_date
  within 30 days
  unless c.out_of_policy_birth
  fulfilled on c.registered_on
  on breach:
    penalty 50 yuan
    suspend allowance until fulfilled

obligation checkups "第三条 按期孕检，逾期每日 2 元，至多 20 元":
  for each d in checkup_days
  triggered on d
  within 7 days
  fulfilled on earliest(wife_checks where it >= d)
  on breach:
    penalty 2 yuan per day late, at most 20 yuan

obligation first_registered "第四条 第一个子女登记（不逐一）":
  triggered on nth(children, 1).birth_date
  within 30 days
  fulfilled on nth(children, 1).registered_on
'''
CHINESE = '''章程 events "每事一义务"
  级别 镇
  采用 family_planning
  施行于 2005-01-01

户 字段:
  checkup_days: 列表 date = [] "孕检预约日"

成员 字段:
  registered_on: 可空 date "出生登记日"

定义 children "子女" = members 其中 role = child
定义 wife_checks "妻子孕检日" = (members 其中 role = wife).pregnancy_checks

福利 allowance "第一条 补贴":
  每月 于 末日
  发放 10 元

义务 register_births "第二条 每个子女出生后三十日内登记":
  对每个 c 属于 children
  触发于 c.birth_date
  期限 30 天
  除非 c.out_of_policy_birth
  履行于 c.registered_on
  违约时:
    违约金 50 元
    暂停 allowance 至履行

义务 checkups "第三条 按期孕检，逾期每日 2 元，至多 20 元":
  对每个 d 属于 checkup_days
  触发于 d
  期限 7 天
  履行于 最早(wife_checks 其中 其 >= d)
  违约时:
    违约金 每逾期 1 日 2 元，至多 20 元

义务 first_registered "第四条 第一个子女登记（不逐一）":
  触发于 第几个(children, 1).birth_date
  期限 30 天
  履行于 第几个(children, 1).registered_on
'''


def _load(text: str, backend: str = "compiled") -> charterlib.Charter:
    return charterlib.loads(text, "events.charter", search_path=[CHARTERS], backend=backend)


COMPILED = _load(ENGLISH)
REFERENCE = _load(ENGLISH, "reference")


def _person(pid: str, role: str, born: str, **fields: Any) -> dict[str, Any]:
    sex = "female" if role == "wife" else fields.pop("sex", "male")
    return {"id": pid, "role": role, "sex": sex, "birth_date": born, **fields}


REGISTER: list[dict[str, Any]] = [
    # P: four check-up days in 2005 (one in 2006); three children of 2005, one of 2003
    {"id": "P", "village": "v", "checkup_days": ["2006-03-01", "2005-03-01", "2005-06-01", "2005-09-01", "2005-12-01"],
     "members": [
         _person("P-w", "wife", "1980-01-01", pregnancy_checks=["2005-03-05", "2005-06-20", "2005-09-08"]),
         # born before the charter is in force: no instance
         _person("P-c0", "child", "2003-05-01"),
         # born 02-01, due 03-03, registered 02-20: fulfilled
         _person("P-c1", "child", "2005-02-01", registered_on="2005-02-20"),
         # born 03-01, died 03-10, never registered: due 03-31, in breach from 04-01 (she is no member since
         # 03-10, but was on her trigger day): 50 yuan in April, the allowance suspended from April on
         _person("P-c2", "child", "2005-03-01", sex="female", died_on="2005-03-10"),
         # born 06-10 outside the policy: the exception, not applicable
         _person("P-c3", "child", "2005-06-10", out_of_policy_birth=True),
     ]},
    # Q: one child born 2005-06-10, due 07-10, registered late on 07-20: 50 yuan in July; the allowance is
    # suspended from 07-11 until the cure on 07-20, which is before July's unit (07-31): every month is paid
    {"id": "Q", "village": "v", "members": [_person("Q-w", "wife", "1981-01-01"),
                                            _person("Q-c", "child", "2005-06-10", registered_on="2005-07-20")]},
    # R: nothing to register, no check-up day
    {"id": "R", "village": "v", "members": [_person("R-w", "wife", "1982-01-01")]},
]


def test_both_keyword_languages_give_equal_representations() -> None:
    chinese = _load(CHINESE)
    assert chinese.ir == COMPILED.ir
    assert charter_text(chinese.ir, "zh") == charter_text(COMPILED.ir, "zh")
    text = charter_text(COMPILED.ir)
    assert "    for each c in children  : list of person\n    triggered on c.birth_date  : date" in text
    assert "    for each d in checkup_days  : list of date\n    triggered on d  : date" in text
    assert "    fulfilled on earliest(wife_checks where it >= d)  : optional date" in text


@pytest.mark.parametrize("period", ["2005", "2005-04", "2005-06", "2005-07", "2005-12", "2005-03-15/2005-07-15",
                                    "2006", "2004"])
def test_every_engine_judges_each_instance_alike(tmp_path: Path, period: str) -> None:
    summaries: list[Any] = []
    every_engine(COMPILED, REFERENCE, REGISTER, period, tmp_path, summaries=summaries)
    assert summaries and all(not s.one_by_one_articles and not s.one_by_one for s in summaries)  # all in SQL


def test_each_instance_has_its_own_trigger_deadline_status_and_penalty(tmp_path: Path) -> None:
    outcomes = every_engine(COMPILED, REFERENCE, REGISTER, "2005", tmp_path)
    p, q, r = (outcomes[h] for h in "PQR")
    assert p["obligations"]["register_births"] == {"status": "breached", "instances": {
        "P-c1": {"status": "fulfilled", "on": "2005-02-20"},
        "P-c2": {"status": "breached", "since": "2005-04-01"},
        "P-c3": {"status": "not_applicable"},
    }}
    # check-ups: 03-01 attended 03-05 (by 03-08); 06-01 attended only 06-20 (due 06-08): in breach from 06-09,
    # 11 days late (06-09 to 06-19), 22 yuan capped at 20; 09-01 attended 09-08, the deadline; 12-01 not at
    # all: in breach from 12-09, 23 days by 12-31, 46 yuan capped at 20; 2006-03-01 is not yet triggered
    assert p["obligations"]["checkups"] == {"status": "breached", "instances": {
        "2005-03-01": {"status": "fulfilled", "on": "2005-03-05"},
        "2005-06-01": {"status": "breached", "since": "2005-06-09", "cured_on": "2005-06-20", "days_late": 11,
                       "accrued": "20.00", "cap_reached": True},
        "2005-09-01": {"status": "fulfilled", "on": "2005-09-08"},
        "2005-12-01": {"status": "breached", "since": "2005-12-09", "days_late": 23, "accrued": "20.00",
                       "cap_reached": True},
    }}
    # 50 for P-c2, and 20 + 20 for the check-ups; the allowance suspended from April: 3 months of 12
    assert p["penalties"] == {"checkups": "40.00", "register_births": "50.00"}
    assert p["cash"] == {"allowance": "30.00"}
    # without `for each`: as before (the first child, P-c0, born before the charter is in force)
    assert p["obligations"]["first_registered"] == {"status": "not_applicable"}
    assert q["obligations"]["register_births"] == {"status": "breached", "instances": {
        "Q-c": {"status": "breached", "since": "2005-07-11", "cured_on": "2005-07-20"}}}
    assert q["penalties"] == {"register_births": "50.00"}
    assert q["cash"] == {"allowance": "120.00"}
    assert q["obligations"]["first_registered"] == {"status": "breached", "since": "2005-07-11",
                                                    "cured_on": "2005-07-20"}
    assert r["obligations"]["register_births"] == {"status": "not_applicable", "instances": {}}
    assert r["obligations"]["checkups"] == {"status": "not_applicable", "instances": {}}
    assert r["penalties"] == {} and r["cash"] == {"allowance": "120.00"}


def test_a_month_judges_the_instances_triggered_by_its_end() -> None:
    april = COMPILED.evaluate(REGISTER[0], "2005-04").to_json()
    assert april["obligations"]["register_births"]["instances"] == {
        "P-c1": {"status": "fulfilled", "on": "2005-02-20"}, "P-c2": {"status": "breached", "since": "2005-04-01"}}
    assert april["penalties"] == {"register_births": "50.00"}
    assert list(april["obligations"]["checkups"]["instances"]) == ["2005-03-01"]


def test_a_year_is_the_sum_of_its_months() -> None:
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
        assert penalties == year.penalties and cash == year.cash, household["id"]


def test_the_explanation_lists_each_instance() -> None:
    explanation = COMPILED.explain(REGISTER[0], "2005")
    text = explanation.to_text()
    assert ("  breached: 1 breached; 1 fulfilled; 1 not applicable (of 3)\n"
            "  P-c1: fulfilled: triggered on 2005-02-01; due 2005-03-03 (30 days); fulfilled on 2005-02-20\n"
            "      ✗ unless c.out_of_policy_birth  (events.charter:") in text
    assert "  P-c3: not applicable: an exception applies\n      ✓ unless c.out_of_policy_birth" in text
    assert ("  2005-06-01: breached: triggered on 2005-06-01; due 2005-06-08 (7 days); in breach since 2005-06-09; "
            "cured on 2005-06-20; 11 days late at 2.00 per day: 20.00 accrued (the cap, 20.00, is reached)") in text
    assert ("  2005-04-30 … 2005-12-31 (9 units): not paid: suspended by the breach of register_births (in breach "
            "since 2005-04-01, for P-c2)") in text
    zh = explanation.to_text("zh")
    assert "  违约: 共 3 项：违约 1 项；已履行 1 项；不适用 1 项" in zh
    assert "  P-c2: 违约: 于 2005-03-01 触发; 期限 2005-03-31 (30 天); 自 2005-04-01 起违约; 违约金 50.00 元，2005-04-01 到期" \
        in zh
    assert "未发放：因违反 register_births 暂停（自 2005-04-01 起违约，P-c2）" in zh
    entry = next(a for a in explanation.to_json()["articles"] if a["id"] == "register_births")
    assert entry["status"] == {"status": "breached"}
    assert [(i["key"], i["status"]["status"], i["trigger"]) for i in entry["instances"]] == [
        ("P-c1", "fulfilled", "2005-02-01"), ("P-c2", "breached", "2005-03-01"), ("P-c3", "not_applicable", "2005-06-10")]
    assert entry["instances"][1]["penalty"] == {"amount": "50.00", "due": "2005-04-01"}
    assert REFERENCE.explain(REGISTER[0], "2005").to_text() == text
    nobody = COMPILED.explain(REGISTER[2], "2005", article="checkups").to_text()
    assert "  not applicable: no instance: no person or day of its list triggered it by 2005-12-31" in nobody


def test_charter_eval_lists_the_instances(tmp_path: Path) -> None:
    charter = tmp_path / "events.charter"
    charter.write_text(ENGLISH, encoding="utf-8")
    register = tmp_path / "register.json"
    register.write_text(json.dumps(REGISTER, ensure_ascii=False), encoding="utf-8")
    code, out, err = run_cli("--path", "charters", "eval", str(charter), str(register), "--period", "2005")
    assert code == 0, err
    line = next(x for x in out.splitlines() if x.startswith("Q "))
    assert "Q-c breached since 2005-07-11, cured 2005-07-20" in line
    line = next(x for x in out.splitlines() if x.startswith("P "))
    assert "P-c1 fulfilled 2005-02-20; P-c2 breached since 2005-04-01; P-c3 not applicable" in line
    assert "penalties 140.00" in out
    code, out, err = run_cli("--path", "charters", "eval", str(charter), str(register), "--period", "2005", "--lang", "zh")
    assert "2005-03-01 于 2005-03-05 履行；2005-06-01 自 2005-06-09 起违约，于 2005-06-20 纠正" in out


EXAMPLES = '''
example births "每个孩子":
  period 2005
  household "X": village = "v"
    person "X-c1": role = child, sex = male, birth_date = 2005-02-01, registered_on = 2005-02-20
    person "X-c2": role = child, sex = female, birth_date = 2005-04-01, registered_on = 2005-05-11
  expect obligation register_births breached
  expect obligation register_births "X-c1" fulfilled on 2005-02-20
  expect obligation register_births "X-c2" breached since 2005-05-02 cured_on 2005-05-11
  expect penalty register_births 50 yuan

example checks "孕检":
  period 2005-06
  household "Y": village = "v", checkup_days = [2005-06-01]
    person "Y-w": role = wife, sex = female, birth_date = 1980-01-01, pregnancy_checks = [2005-06-12]
  expect obligation checkups 2005-06-01 breached since 2005-06-09 cured_on 2005-06-12
  expect penalty checkups 6 yuan
'''


def test_examples_expect_the_status_of_an_instance() -> None:
    charter = _load(ENGLISH + EXAMPLES)
    outcomes = charter.run_examples()
    assert [(o.name, o.passed, o.failures) for o in outcomes] == [("births", True, ()), ("checks", True, ())]


@pytest.mark.parametrize("line, code", [
    ('  expect obligation first_registered "X-c1" fulfilled', "expectation-mismatch"),
    ("  expect obligation register_births 2005-02-01 fulfilled", "expectation-mismatch"),
    ('  expect obligation checkups "X-c1" fulfilled', "expectation-mismatch"),
    ("  expect obligation register_births breached since 2005-05-02", "expectation-mismatch"),
    ('  expect obligation register_births "X-c9" fulfilled', "unknown-member"),
])
def test_an_expectation_names_an_instance_exactly_when_there_are_instances(line: str, code: str) -> None:
    with pytest.raises(charterlib.CheckError) as caught:
        _load(ENGLISH + EXAMPLES.replace("  expect penalty register_births 50 yuan", line))
    assert [d.code for d in caught.value.diagnostics if d.is_error] == [code]


@pytest.mark.parametrize("old, new", [
    ("for each c in children", "for each c in rural"),
    ("for each d in checkup_days", "for each d in count(children)"),
])
def test_for_each_over_what_is_not_a_list_of_persons_or_days_is_located(old: str, new: str) -> None:
    with pytest.raises(charterlib.CheckError) as caught:
        _load(ENGLISH.replace(old, new))
    [error] = [d for d in caught.value.diagnostics if d.is_error]
    assert error.code == "type-mismatch" and "a list of persons (like `children`) or of days" in error.message
    assert error.span is not None and error.span.text == new.split(" in ")[1]


def test_a_day_of_the_list_has_no_fields() -> None:
    with pytest.raises(charterlib.CheckError) as caught:
        _load(ENGLISH.replace("triggered on d\n", "triggered on d.birth_date\n"))
    assert [d.code for d in caught.value.diagnostics if d.is_error] == ["type-mismatch"]
