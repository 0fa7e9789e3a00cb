"""People leave (issue 10 §1): a person is a member from the day of birth until the day before they die
(`died_on`) or leave (`left_on`), in every engine; `ever members` is everyone born by the day."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CHARTERS, ROOT
from entry_points import every_engine

import charterlib
from charterlib import batch, ir

GONE = ROOT / "tests" / "fixtures" / "gone.charter"
COMPILED = charterlib.load(GONE, [CHARTERS])
REFERENCE = charterlib.load(GONE, [CHARTERS], backend="reference")


def _person(pid: str, role: str, sex: str, born: str, **more: str) -> dict[str, Any]:
    return {"id": pid, "role": role, "sex": sex, "birth_date": born, **more}


REGISTER: list[dict[str, Any]] = [
    # the son died on 31 March; a daughter was born on 15 May; the husband died on 30 June
    {"id": "A", "village": "x", "members": [
        _person("A-1", "husband", "male", "1960-01-01", died_on="2005-06-30"),
        _person("A-2", "wife", "female", "1962-01-01"),
        _person("A-3", "child", "male", "1990-01-01", died_on="2005-03-31"),
        _person("A-4", "child", "female", "2005-05-15")]},
    # the son moved out on 1 February, the daughter married out on 1 August
    {"id": "B", "village": "x", "members": [
        _person("B-3", "child", "female", "1990-01-01", left_on="2005-08-01", left_for="married_out"),
        _person("B-4", "child", "male", "1992-01-01", left_on="2005-02-01", left_for="moved_out")]},
    # nobody leaves: every benefit as before
    {"id": "C", "village": "x", "members": [
        _person("C-1", "husband", "male", "1960-01-01"), _person("C-2", "wife", "female", "1962-01-01"),
        _person("C-3", "child", "female", "2004-12-31")]},
    # born and died at the calendar's ends
    {"id": "D", "village": "x", "members": [
        _person("D-1", "child", "female", "0001-01-01", died_on="0001-01-01"),
        _person("D-2", "child", "male", "0001-01-01", died_on="9999-12-31"),
        _person("D-3", "wife", "female", "0001-01-01", left_on="0001-01-02")]},
    # a son turns 1 on 1 March and dies on 1 June: his one-off is paid in the year as in March
    {"id": "F", "village": "x", "members": [_person("F-1", "child", "male", "2004-03-01", died_on="2005-06-01")]},
]


def _cash(period: str) -> dict[str, dict[str, Decimal]]:
    return {h["id"]: COMPILED.evaluate(h, period).cash for h in REGISTER}


def test_the_members_on_a_day_are_the_living_persons_present_that_day() -> None:
    year = _cash("2005")
    # A: Jan, Feb with the son (31 March: he died that day), May to Dec with the daughter; 失独 on
    # 1 April and 1 May; the daughter is the only (and eldest) child from May; no husband on 31 Dec
    assert year["A"] == {"per_child": Decimal("100.00"), "bereaved": Decimal("200.00"),
                         "daughters_only": Decimal("8.00"), "eldest_girl": Decimal("16.00")}
    # B: two children in January, one from 1 February to July, none from 1 August (失独 on the first
    # days of August to December); the eldest is the daughter until she left; her marriage pays once
    assert year["B"] == {"per_child": Decimal("80.00"), "bereaved": Decimal("500.00"),
                         "daughters_only": Decimal("6.00"), "eldest_girl": Decimal("14.00"),
                         "married_out": Decimal("50.00")}
    assert year["C"] == {"per_child": Decimal("120.00"), "daughters_only": Decimal("12.00"),
                         "eldest_girl": Decimal("24.00"), "spouse_alive": Decimal("7.00"),
                         "birthdays": Decimal("3.00")}  # C-3 turns 1 on 31 December
    # F: the son from January to May (died 1 June); 失独 on 1 June to 1 December; his first birthday
    assert year["F"] == {"per_child": Decimal("50.00"), "bereaved": Decimal("700.00"), "birthdays": Decimal("3.00")}
    assert _cash("2005-03")["F"] == {"per_child": Decimal("10.00"), "birthdays": Decimal("3.00")}


def test_a_person_who_dies_on_the_judged_day_is_not_a_member_that_day() -> None:
    assert _cash("2005-03")["A"] == {}  # 31 March: the son died that day
    assert _cash("2005-02")["A"] == {"per_child": Decimal("10.00")}
    assert _cash("2005-06")["A"]["eldest_girl"] == Decimal("2.00")
    assert COMPILED.evaluate(REGISTER[0], "2005-05").cash["per_child"] == Decimal("10.00")  # born 15 May


def test_a_year_is_the_sum_of_its_months() -> None:
    year = _cash("2005")
    months: dict[str, dict[str, Decimal]] = {h["id"]: {} for h in REGISTER}
    for month in range(1, 13):
        for hid, cash in _cash(f"2005-{month:02d}").items():
            for article, amount in cash.items():
                months[hid][article] = months[hid].get(article, Decimal(0)) + amount
    assert months == year


@pytest.mark.parametrize("period", ["2005", "2005-03", "2005-08", "2005-01-01/2005-12-31", "2004-12-01/2005-02-01",
                                    "0001", "0001-01", "9999", "9999-12"])
def test_every_engine_agrees_and_sql_judges_every_household(tmp_path: Path, period: str) -> None:
    summaries: list[batch.BatchSummary] = []
    every_engine(COMPILED, REFERENCE, REGISTER, period, tmp_path, summaries=summaries)
    assert summaries and all(s.one_by_one == 0 for s in summaries)


def test_at_the_calendars_ends() -> None:
    # D-1 died the day she was born: never a member; D-2 is one until 9999-12-30; D-3 for one day
    assert COMPILED.evaluate(REGISTER[3], "0001-01").cash == {"per_child": Decimal("10.00")}
    assert COMPILED.evaluate(REGISTER[3], "9999-11").cash == {"per_child": Decimal("10.00")}
    assert COMPILED.evaluate(REGISTER[3], "9999-12").cash == {}  # D-2 died on the last day of the calendar

def test_a_death_or_departure_before_the_birth_is_a_record_error(tmp_path: Path) -> None:
    register = [{"id": "E", "village": "x", "members": [
        _person("E-1", "child", "female", "2005-01-31", died_on="2005-01-30"),
        _person("E-2", "child", "female", "2005-01-31", left_on="2004-01-01")]}]
    outcomes = every_engine(COMPILED, REFERENCE, register, "2005", tmp_path)
    assert outcomes == {"E": ("errors", ["members[0].died_on", "members[1].left_on"])}
    _, issues = COMPILED.validator().household(register[0])
    assert [(i.path, i.message) for i in issues] == [
        ("members[0].died_on", "2005-01-30 is before the birth date 2005-01-31"),
        ("members[1].left_on", "2004-01-01 is before the birth date 2005-01-31")]


def test_the_vocabulary_has_the_days_a_person_died_and_left() -> None:
    fields = {f.name: f for f in COMPILED.ir.person_fields}
    assert (str(fields["died_on"].type), fields["died_on"].title) == ("optional date", "死亡日期")
    assert (str(fields["left_on"].type), fields["left_on"].title) == ("optional date", "迁出日期")
    left_for = fields["left_for"].type.enum
    assert left_for is not None and left_for.labels == ("moved_out", "married_out", "other")
    assert left_for.titles == ("迁出", "婚嫁迁出", "其他")


@pytest.mark.parametrize("declared", ["died_on: date", "left_on: text", "died_on: optional date = 2005-01-01"])
def test_a_charter_declaring_a_leaving_field_otherwise_is_told(declared: str) -> None:
    text = f'charter own "自定"\n  level town\n  in force 2000-01-01\n\nperson fields:\n  {declared}\n'
    result = charterlib.check_text(text)
    assert [d.code for d in result.diagnostics if d.is_error] == ["leaving-field"]


def test_a_charter_may_declare_them_itself(tmp_path: Path) -> None:
    text = ('charter own "自定"\n  level town\n  in force 2000-01-01\n\nperson fields:\n'
            '  died_on: optional date "死亡日期"\n\nbenefit b "b":\n  every month on last day\n'
            '  when count(members) >= 1\n  pay 1 yuan\n\nbenefit first "f":\n  every month on last day\n'
            '  when nth(members, 1).birth_date > 1955-01-01\n  pay 2 yuan\n')
    charter, reference = charterlib.loads(text), charterlib.loads(text, backend="reference")
    # the eldest dies on 1 July: from July the first member is the younger one
    household = {"id": "H", "members": [{"id": "H-1", "birth_date": "1950-01-01", "died_on": "2005-07-01"},
                                        {"id": "H-2", "birth_date": "1960-01-01"}]}
    assert charter.evaluate(household, "2005").cash == {"b": Decimal("12.00"), "first": Decimal("12.00")}
    alone = {"id": "I", "members": [{"id": "I-1", "birth_date": "1950-01-01", "died_on": "2005-07-01"}]}
    assert charter.evaluate(alone, "2005").cash == {"b": Decimal("6.00")}
    summaries: list[batch.BatchSummary] = []
    for period in ("2005", "2005-06", "2005-07"):
        (tmp_path / period).mkdir()
        every_engine(charter, reference, [household, alone], period, tmp_path / period, summaries=summaries)
    assert all(s.one_by_one == 0 for s in summaries)

def test_ever_members_in_both_spellings_is_one_representation() -> None:
    def expr(text: str, chinese: bool = False) -> ir.Expr:
        header = ('章程 own "自定"\n  级别 镇\n  施行于 2000-01-01\n\n定义' if chinese
                  else 'charter own "自定"\n  level town\n  in force 2000-01-01\n\ndefine')
        source = f"{header} kids = {text}\n"
        charter = charterlib.loads(source)
        return next(d.expr for d in charter.ir.definitions if d.name == "kids")

    english, chinese = expr("ever members"), expr("历来成员", chinese=True)
    assert english == chinese == ir.Members(english.type, ever=True)
    assert expr("members") != english


BEREAVED = ROOT / "tests" / "fixtures" / "bereaved.charter"
BEREAVED_COMPILED = charterlib.load(BEREAVED, [CHARTERS])
BEREAVED_REFERENCE = charterlib.load(BEREAVED, [CHARTERS], backend="reference")


def test_died_and_alive_test_a_person_on_the_judged_day() -> None:
    cash = {h["id"]: BEREAVED_COMPILED.evaluate(h, "2005").cash for h in REGISTER}
    # A: the son died on 31 March (paid from March: on the last day of March he had died); the husband
    # on 30 June (the wife is a widow on 31 December); the eldest child ever born is the dead son
    assert cash["A"] == {"child_died": Decimal("200.00"), "widow": Decimal("30.00")}
    # B: the children moved and married out, and are alive: the eldest, who left, is still alive
    assert cash["B"] == {"eldest_alive": Decimal("4.00")}
    assert cash["C"] == {"eldest_alive": Decimal("4.00")}
    # D: the daughter died on the first day of the calendar; no child ever born in June of year 1 is
    # the eldest alive (the eldest is the daughter, who died)
    assert BEREAVED_COMPILED.evaluate(REGISTER[3], "0001-01").cash == {"child_died": Decimal("20.00")}
    nobody = {"id": "N", "village": "x", "members": []}  # no eldest: `alive` of nobody is missing
    assert BEREAVED_COMPILED.evaluate(nobody, "2005").cash == {}


@pytest.mark.parametrize("period", ["2005", "2005-03", "2005-06-30/2005-12-31", "0001", "9999"])
def test_died_and_alive_in_every_engine(tmp_path: Path, period: str) -> None:
    summaries: list[batch.BatchSummary] = []
    every_engine(BEREAVED_COMPILED, BEREAVED_REFERENCE, REGISTER, period, tmp_path, summaries=summaries)
    assert summaries and all(s.one_by_one == 0 for s in summaries)


def test_died_and_alive_a_year_is_the_sum_of_its_months() -> None:
    for household in REGISTER:
        year = BEREAVED_COMPILED.evaluate(household, "2005").cash
        months: dict[str, Decimal] = {}
        for month in range(1, 13):
            for article, amount in BEREAVED_COMPILED.evaluate(household, f"2005-{month:02d}").cash.items():
                months[article] = months.get(article, Decimal(0)) + amount
        assert months == year, household["id"]


def test_died_and_alive_in_both_spellings_are_one_representation() -> None:
    english = charterlib.loads('charter own "自定"\n  level town\n  in force 2000-01-01\n\nperson fields:\n'
                               '  died_on: optional date\n\ndefine x = any(ever members, died(it) or not alive(it))\n')
    chinese = charterlib.loads('章程 own "自定"\n  级别 镇\n  施行于 2000-01-01\n\n成员 字段:\n'
                               '  died_on: 可空 日期\n\n定义 x = 任一(历来成员, 已故(其) 或 非 在世(其))\n')
    assert english.ir.definitions == chinese.ir.definitions


def test_without_died_on_nobody_has_died(tmp_path: Path) -> None:
    text = ('charter own "自定"\n  level town\n  in force 2000-01-01\n\nbenefit b "b":\n  every month on last day\n'
            '  when all(members, alive(it)) and not any(members, died(it)) and alive(nth(members, 1))\n  pay 1 yuan\n')
    compiled, reference = charterlib.loads(text), charterlib.loads(text, backend="reference")
    register = [{"id": "H", "members": [{"id": "H-1", "birth_date": "1950-01-01"}]}]
    assert compiled.evaluate(register[0], "2005").cash == {"b": Decimal("12.00")}
    every_engine(compiled, reference, register, "2005", tmp_path)


@pytest.mark.parametrize("charter", [BEREAVED_COMPILED, BEREAVED_REFERENCE], ids=["compiled", "reference"])
def test_the_examples_with_deaths_and_departures_pass(charter: charterlib.Charter) -> None:
    outcomes = charter.run_examples()
    assert [o.name for o in outcomes] == ["widowed", "married_out"]
    assert all(o.passed for o in outcomes)


def test_the_second_birth_counts_a_first_child_who_died(tmp_path: Path) -> None:
    # 柞子村 第七条 "生育第二个子女": the second child born, among every child ever born (ever members).
    # Z-1: the son died in 2003, the daughter was born 2005-01-10: deadline 2005-07-10, no method by
    # then, so breached from 2005-07-11 with the 300 元 penalty. Z-2: the same but the son is alive and
    # the wife was sterilised on 2005-05-01: fulfilled. Z-3: one child only (the dead son), none due.
    zhazi = charterlib.load(CHARTERS / "zhazi.charter")
    reference = charterlib.load(CHARTERS / "zhazi.charter", backend="reference")
    wife = _person("w", "wife", "female", "1978-02-02")
    son = _person("c1", "child", "male", "2000-06-01")
    daughter = _person("c2", "child", "female", "2005-01-10")
    base = {"village": "柞子村", "rural": True, "contract_signed_on": "2004-07-10"}

    def of(household: str, *persons: dict[str, Any]) -> list[dict[str, Any]]:
        return [{**p, "id": f"{household}-{p['id']}"} for p in persons]  # person ids unique in a register

    register = [
        {"id": "Z-1", **base, "members": of("Z-1", wife, {**son, "died_on": "2003-09-09"}, daughter)},
        {"id": "Z-2", **base, "members": of("Z-2", {**wife, "contraception": "sterilization",
                                                    "contraception_on": "2005-05-01"}, son, daughter)},
        {"id": "Z-3", **base, "members": of("Z-3", wife, {**son, "died_on": "2003-09-09"})},
    ]
    outcomes = every_engine(zhazi, reference, register, "2005", tmp_path)
    status = {h: r["obligations"]["contraception_after_second_birth"] for h, r in outcomes.items()}
    assert status["Z-1"] == {"status": "breached", "since": "2005-07-11"}
    assert outcomes["Z-1"]["penalties"] == {"contraception_after_second_birth": "300.00"}
    assert status["Z-2"] == {"status": "fulfilled", "on": "2005-05-01"}
    assert status["Z-3"] == {"status": "not_applicable"}
