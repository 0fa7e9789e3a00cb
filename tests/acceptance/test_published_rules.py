"""The published rules shipped in `charters/`, each example computed by hand (the arithmetic in the
comments) and checked in every engine: the national 奖励扶助 (`jiangli_fuzhu`) and 特别扶助
(`tebie_fuzhu`), the provincial 独生子女父母奖励费 of 河南 (`henan`, on the national 奖励扶助), and the
two village charters that top a benefit up (`lizhuang` on `henan`, `zhangwan` on `tebie_fuzhu`);
what a village may not do to them; and the Chinese-keyword twin of `tebie_fuzhu`."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CHARTERS
from entry_points import every_engine

import charterlib
from charterlib import Library

PUBLISHED = ("jiangli_fuzhu", "tebie_fuzhu", "tebie_fuzhu.zh", "henan", "lizhuang", "zhangwan")


def _engines(name: str) -> tuple[charterlib.Charter, charterlib.Charter]:
    path = CHARTERS / f"{name}.charter"
    return charterlib.load(path), charterlib.load(path, backend="reference")


def _person(pid: str, role: str, sex: str, born: str, **fields: Any) -> dict[str, Any]:
    return {"id": pid, "role": role, "sex": sex, "birth_date": born, **fields}


def _cash(outcomes: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The cash of each household's result (households.md JSON), by household and article."""
    return {hid: result["cash"] for hid, result in outcomes.items()}


@pytest.mark.parametrize("name", PUBLISHED)
def test_the_examples_of_each_published_rule_pass_in_both_back_ends(name: str) -> None:
    for charter in _engines(name):
        outcomes = charter.run_examples()
        assert outcomes and all(o.passed for o in outcomes), [o for o in outcomes if not o.passed]


# ---------------------------------------------------------------------------------------------------
# 奖励扶助: 600 元 a year per person from 2004, 720 元 from 2009, 960 元 from 2012 (for 2004–2013:
# 5 years at 600, 3 at 720, 2 at 960), from the year each spouse turns 60, for every year he or she is
# alive on 31 December.

REWARD_REGISTER: list[dict[str, Any]] = [
    # A: one son. The husband turns 60 in 2004 and dies on 2013-03-15: paid 2004–2012,
    #    5 × 600 + 3 × 720 + 960 = 3000 + 2160 + 960 = 6120 元. The wife turns 60 in 2006: paid 2006–2013,
    #    3 × 600 + 3 × 720 + 2 × 960 = 1800 + 2160 + 1920 = 5880 元. Together 12000 元.
    {"id": "A", "village": "x", "rural": True, "members": [
        _person("A-h", "husband", "male", "1944-05-10", died_on="2013-03-15"),
        _person("A-w", "wife", "female", "1946-08-20"),
        _person("A-c", "child", "male", "1975-03-01")]},
    # B: two daughters, the elder married out in 1998 (she is still 现存). The husband turns 60 in 2010:
    #    2 × 720 + 2 × 960 = 3360 元; the wife in 2012: 2 × 960 = 1920 元. Together 5280 元.
    {"id": "B", "village": "x", "rural": True, "members": [
        _person("B-h", "husband", "male", "1950-01-01"),
        _person("B-w", "wife", "female", "1952-07-01"),
        _person("B-c1", "child", "female", "1976-04-01", left_on="1998-10-01", left_for="married_out"),
        _person("B-c2", "child", "female", "1979-09-01")]},
    # C: 子女死亡现无子女. The husband was born on 1932-12-31, before 1933-01-01: never paid. The wife,
    #    born on 1933-01-01, is over 60 when the rule starts: paid from 2004 (已超过60周岁的，以……开始执行时的
    #    实际年龄为起点), 3000 + 2160 + 1920 = 7080 元.
    {"id": "C", "village": "x", "rural": True, "members": [
        _person("C-h", "husband", "male", "1932-12-31"),
        _person("C-w", "wife", "female", "1933-01-01"),
        _person("C-c", "child", "male", "1960-01-01", died_on="2000-07-01")]},
    # D: urban (not 农业户口): nothing. E: a second son born out of policy in 1985: nothing.
    # F: three children living: nothing.
    {"id": "D", "village": "x", "rural": False, "members": [
        _person("D-h", "husband", "male", "1940-01-01"), _person("D-c", "child", "male", "1970-01-01")]},
    {"id": "E", "village": "x", "rural": True, "members": [
        _person("E-h", "husband", "male", "1940-01-01"),
        _person("E-c1", "child", "male", "1980-01-01"),
        _person("E-c2", "child", "male", "1985-01-01", out_of_policy_birth=True)]},
    {"id": "F", "village": "x", "rural": True, "members": [
        _person("F-h", "husband", "male", "1940-01-01"),
        *[_person(f"F-c{i}", "child", "female", f"197{i}-01-01") for i in range(1, 4)]]},
]


def test_the_national_reward_from_the_year_each_spouse_turns_60_until_death(tmp_path: Path) -> None:
    compiled, reference = _engines("jiangli_fuzhu")
    outcomes = every_engine(compiled, reference, REWARD_REGISTER, "2004-01-01/2013-12-31", tmp_path)
    assert _cash(outcomes) == {"A": {"reward": "12000.00"}, "B": {"reward": "5280.00"},
                               "C": {"reward": "7080.00"}, "D": {}, "E": {}, "F": {}}


def test_the_reward_of_the_year_a_spouse_dies_is_not_paid() -> None:
    compiled, _ = _engines("jiangli_fuzhu")
    household = REWARD_REGISTER[0]
    # 2012: both alive on 31 December, 2 × 960 = 1920 元; 2013: the husband died in March, 960 元.
    assert compiled.evaluate(household, "2012").cash == {"reward": Decimal("1920.00")}
    assert compiled.evaluate(household, "2013").cash == {"reward": Decimal("960.00")}
    units = {a["id"]: a for a in compiled.explain(household, "2013").to_json()["articles"]}["reward"]["units"]
    assert [(u["member"], u["paid"]) for u in units] == [("A-w", True)]


# ---------------------------------------------------------------------------------------------------
# 特别扶助, per parent per month (元): 死亡 100 / 伤残 80 from 2008; 135 / 110 from 2012; from 2014 城镇
# 340 / 270 and 农村 170 / 150; from 2016 农村 340 / 270 too. Paid from the month the wife turns 49 (with
# no wife, the parent), for every month whose last day finds the parent alive.

SPECIAL_REGISTER: list[dict[str, Any]] = [
    # T1, 城镇: the only son died on 2010-05-01; the wife turned 49 on 2009-07-15. Each parent from May
    #    2010: 20 × 100 (2010-05 to 2011-12) + 24 × 135 + 36 × 340 = 2000 + 3240 + 12240 = 17480 元;
    #    the two: 34960 元.
    {"id": "T1", "village": "x", "rural": False, "members": [
        _person("T1-h", "husband", "male", "1958-02-01"),
        _person("T1-w", "wife", "female", "1960-07-15"),
        _person("T1-c", "child", "male", "1985-04-01", died_on="2010-05-01")]},
    # T2, 农村: the only daughter has a grade 2 disability; the wife turns 49 on 2013-03-20 (the husband,
    #    younger, is paid with her). Each parent: 10 × 110 (2013-03 to 12) + 24 × 150 + 12 × 270
    #    = 1100 + 3600 + 3240 = 7940 元; the two: 15880 元.
    {"id": "T2", "village": "x", "rural": True, "members": [
        _person("T2-h", "husband", "male", "1966-01-01"),
        _person("T2-w", "wife", "female", "1964-03-20"),
        _person("T2-c", "child", "female", "1990-08-01", disability_grade="grade_2")]},
    # T3, 农村: the only daughter died on 2009-04-04; the wife (49 in 2007) died on 2011-06-01. She is paid
    #    2009-04 to 2011-05: 26 × 100 = 2600 元. The husband is paid with her for those 26 months (2600 元);
    #    then, 丧偶, from the month he turns 49 himself (2011-09-10): 4 × 100 + 24 × 135 + 24 × 170
    #    + 12 × 340 = 400 + 3240 + 4080 + 4080 = 11800 元, so 14400 元. Together 17000 元.
    {"id": "T3", "village": "x", "rural": True, "members": [
        _person("T3-h", "husband", "male", "1962-09-10"),
        _person("T3-w", "wife", "female", "1958-01-01", died_on="2011-06-01"),
        _person("T3-c", "child", "female", "1984-01-01", died_on="2009-04-04")]},
    # T4, 农村: the only son died on 2010-01-15, a child was born on 2012-03-10 (再生育): each parent
    #    2010-01 to 2012-02, 24 × 100 + 2 × 135 = 2670 元; the two: 5340 元.
    {"id": "T4", "village": "x", "rural": True, "members": [
        _person("T4-h", "husband", "male", "1954-01-01"),
        _person("T4-w", "wife", "female", "1955-01-01"),
        _person("T4-c1", "child", "male", "1980-01-01", died_on="2010-01-15"),
        _person("T4-c2", "child", "male", "2012-03-10")]},
    # T5, 农村: the only son, grade 1 disabled, died on 2014-06-15; the wife turned 49 on 2009-01-01.
    #    Each parent: 伤残 36 × 80 (2009–2011) + 24 × 110 + 5 × 150 (2014-01 to 05), then 死亡 7 × 170
    #    (2014-06 to 12) + 12 × 170 + 12 × 340 = 2880 + 2640 + 750 + 1190 + 2040 + 4080 = 13580 元;
    #    the two: 27160 元.
    {"id": "T5", "village": "x", "rural": True, "members": [
        _person("T5-h", "husband", "male", "1959-01-01"),
        _person("T5-w", "wife", "female", "1960-01-01"),
        _person("T5-c", "child", "male", "1983-01-01", disability_grade="grade_1", died_on="2014-06-15")]},
    # T6: the husband was born before 1933 (夫妻均应在1933年1月1日以后出生): nothing.
    # T7: a grade 4 disability (not 三级以上): nothing.
    {"id": "T6", "village": "x", "rural": True, "members": [
        _person("T6-h", "husband", "male", "1932-05-05"),
        _person("T6-w", "wife", "female", "1935-01-01"),
        _person("T6-c", "child", "male", "1960-01-01", died_on="2005-01-01")]},
    {"id": "T7", "village": "x", "rural": True, "members": [
        _person("T7-w", "wife", "female", "1955-01-01"),
        _person("T7-c", "child", "male", "1980-01-01", disability_grade="grade_4")]},
]

SPECIAL_CASH = {"T1": {"special_assistance": "34960.00"}, "T2": {"special_assistance": "15880.00"},
                "T3": {"special_assistance": "17000.00"}, "T4": {"special_assistance": "5340.00"},
                "T5": {"special_assistance": "27160.00"}, "T6": {}, "T7": {}}


@pytest.mark.parametrize("name", ["tebie_fuzhu", "tebie_fuzhu.zh"])
def test_the_special_assistance_table_by_case_area_and_day(tmp_path: Path, name: str) -> None:
    compiled, reference = _engines(name)
    outcomes = every_engine(compiled, reference, SPECIAL_REGISTER, "2008-01-01/2016-12-31", tmp_path)
    assert _cash(outcomes) == SPECIAL_CASH


def test_the_special_assistance_of_a_year_is_the_sum_of_its_months() -> None:
    compiled, _ = _engines("tebie_fuzhu")
    for household in SPECIAL_REGISTER:
        for year in ("2009", "2011", "2012", "2014", "2016"):
            months = sum((compiled.evaluate(household, f"{year}-{m:02d}").total_cash for m in range(1, 13)),
                         Decimal(0))
            assert compiled.evaluate(household, year).total_cash == months, (household["id"], year)


def test_the_explanation_shows_the_cell_and_the_day_it_started() -> None:
    compiled, _ = _engines("tebie_fuzhu")
    text = compiled.explain(SPECIAL_REGISTER[4], "2014-06").to_text("en")  # T5: the son died in June 2014
    assert "tefu_rate[death, countryside] = 170 yuan, from 2014-01-01" in text
    text = compiled.explain(SPECIAL_REGISTER[4], "2014-05").to_text("en")  # still 伤残 in May
    assert "tefu_rate[disability, countryside] = 150 yuan, from 2014-01-01" in text


# ---------------------------------------------------------------------------------------------------
# 河南省 第三十一条（一）: 20 元 per parent per month (the village 李庄: 30 元), from the month of the
# 光荣证 to the month the child turns 18, until another child is born; in force from 2020-06-03 (the
# village's charter from 2021-01-01).

HENAN_REGISTER: list[dict[str, Any]] = [
    # H1: the son turns 18 in 2021-09.
    {"id": "H1", "village": "x", "rural": True, "one_child_cert_on": "2015-05-10", "members": [
        _person("H1-h", "husband", "male", "1976-02-01"),
        _person("H1-w", "wife", "female", "1978-03-01"),
        _person("H1-c", "child", "male", "2003-09-12")]},
    # H2: a second child born on 2021-08-02: paid up to July 2021.
    {"id": "H2", "village": "x", "rural": False, "one_child_cert_on": "2015-03-01", "members": [
        _person("H2-h", "husband", "male", "1988-01-01"),
        _person("H2-w", "wife", "female", "1989-01-01"),
        _person("H2-c1", "child", "female", "2014-06-01"),
        _person("H2-c2", "child", "male", "2021-08-02")]},
    # H3: rural, the son is past 18; the husband turned 60 in 2015, the wife turns 60 in 2021: 奖励扶助.
    {"id": "H3", "village": "x", "rural": True, "one_child_cert_on": "1988-04-01", "members": [
        _person("H3-h", "husband", "male", "1955-02-01"),
        _person("H3-w", "wife", "female", "1961-06-01"),
        _person("H3-c", "child", "male", "1987-05-01")]},
    # H4: urban; the husband died on 2021-05-02, so he is paid up to April 2021.
    {"id": "H4", "village": "x", "rural": False, "one_child_cert_on": "2006-01-01", "members": [
        _person("H4-h", "husband", "male", "1975-01-01", died_on="2021-05-02"),
        _person("H4-w", "wife", "female", "1977-01-01"),
        _person("H4-c", "child", "female", "2005-03-03")]},
]


def test_the_provincial_award_on_the_national_reward(tmp_path: Path) -> None:
    compiled, reference = _engines("henan")
    outcomes = every_engine(compiled, reference, HENAN_REGISTER, "2020-06-01/2021-12-31", tmp_path)
    assert _cash(outcomes) == {
        # H1: 2020-06 to 2021-09, 16 months × 2 parents × 20 元 = 640 元
        "H1": {"parents_award": "640.00"},
        # H2: 2020-06 to 2021-07, 14 months × 2 × 20 元 = 560 元
        "H2": {"parents_award": "560.00"},
        # H3: 奖励扶助 2020: the husband 960 元; 2021: both, 2 × 960 元: 2880 元
        "H3": {"reward": "2880.00"},
        # H4: the husband 2020-06 to 2021-04 (11 months), the wife 2020-06 to 2021-12 (19): 30 × 20 元 = 600 元
        "H4": {"parents_award": "600.00"},
    }


def test_the_village_raises_the_provincial_award_and_adds_its_own(tmp_path: Path) -> None:
    compiled, reference = _engines("lizhuang")
    outcomes = every_engine(compiled, reference, HENAN_REGISTER, "2021", tmp_path)
    assert _cash(outcomes) == {
        "H1": {"parents_award": "540.00"},  # 9 months × 2 × 30 元
        "H2": {"parents_award": "420.00"},  # 7 months × 2 × 30 元
        "H3": {"reward": "1920.00", "elders_visit": "100.00"},  # 2 × 960 元; 100 元 a household
        "H4": {"parents_award": "480.00"},  # (4 + 12) months × 30 元
    }
    assert compiled.ir.levels == (("jiangli_fuzhu", "national"), ("henan", "province"), ("lizhuang", "village"))


# 李庄's 第三条 raises the provincial 20 元 to 30 元; the village is in force from 2021-01-01, the province
# from 2020-06-03: before 2021 the province's 20 元 is paid, from the month of 2020-06-03 (June 2020, judged on
# its last day), and 30 元 from January 2021 (check/_levels.py `carried`).

def test_the_village_raise_keeps_the_provincial_award_before_the_village_is_in_force(tmp_path: Path) -> None:
    compiled, reference = _engines("lizhuang")
    award = compiled.ir.article("parents_award")
    assert award is not None and award.in_force.isoformat() == "2020-06-03"
    (tmp_path / "2020").mkdir()
    (tmp_path / "both").mkdir()
    outcomes = every_engine(compiled, reference, HENAN_REGISTER, "2020", tmp_path / "2020")
    assert _cash(outcomes) == {
        "H1": {"parents_award": "280.00"},  # 2020-06 to 12: 7 months × 2 × 20 元
        "H2": {"parents_award": "280.00"},  # the same
        "H3": {"reward": "960.00"},  # the husband alone is 60 or more; no 第四条 before 2021
        "H4": {"parents_award": "280.00"},  # 7 × 2 × 20 元
    }
    outcomes = every_engine(compiled, reference, HENAN_REGISTER, "2020-01-01/2021-12-31", tmp_path / "both")
    assert _cash(outcomes) == {
        "H1": {"parents_award": "820.00"},  # 280 + 9 × 2 × 30 = 280 + 540
        "H2": {"parents_award": "700.00"},  # 280 + 7 × 2 × 30 = 280 + 420
        "H3": {"reward": "2880.00", "elders_visit": "100.00"},  # 960 + 2 × 960; 100 元 in 2021
        "H4": {"parents_award": "760.00"},  # 280 + (4 + 12) × 30 = 280 + 480
    }


def test_the_village_award_of_a_span_across_its_day_is_the_sum_of_its_months() -> None:
    compiled, _ = _engines("lizhuang")
    household = HENAN_REGISTER[0]
    months = [(y, m) for y in (2020, 2021) for m in range(1, 13)]
    award = {f"{y}-{m:02d}": compiled.evaluate(household, f"{y}-{m:02d}").total_cash for y, m in months}
    # nothing before June 2020; 2 × 20 = 40 元 a month to December 2020; 2 × 30 = 60 元 to September 2021
    assert [award[f"2020-{m:02d}"] for m in range(1, 13)] == [Decimal(0)] * 5 + [Decimal("40.00")] * 7
    assert [award[f"2021-{m:02d}"] for m in range(1, 13)] == [Decimal("60.00")] * 9 + [Decimal(0)] * 3
    for year in ("2020", "2021"):
        assert compiled.evaluate(household, year).total_cash == sum(
            (v for k, v in award.items() if k.startswith(year)), Decimal(0))
    assert compiled.evaluate(household, "2020-07-01/2021-06-30").total_cash == Decimal("600.00")  # 6 × 40 + 6 × 60


def test_the_explanation_shows_the_provincial_amount_before_the_village_s_day() -> None:
    compiled, _ = _engines("lizhuang")
    household = HENAN_REGISTER[0]

    def units(period: str) -> list[tuple[str, bool, str | None]]:
        articles = {a["id"]: a for a in compiled.explain(household, period).to_json()["articles"]}
        return [(u["member"], u["paid"], u.get("amount")) for u in articles["parents_award"]["units"]]

    assert units("2020-12") == [("H1-h", True, "20.00"), ("H1-w", True, "20.00")]
    assert units("2021-01") == [("H1-h", True, "30.00"), ("H1-w", True, "30.00")]
    assert "the article is in force only from 2020-06-03" in compiled.explain(household, "2020-05").to_text("en")


def test_the_village_tops_up_the_special_assistance(tmp_path: Path) -> None:
    compiled, reference = _engines("zhangwan")
    register = [
        # the example's household: 2016, 2 × 12 × 340 元 = 8160 元 and 2 × 12 × 50 元 = 1200 元
        {"id": "ZW-1", "village": "张湾村", "rural": True, "members": [
            _person("ZW-1-h", "husband", "male", "1962-05-01"),
            _person("ZW-1-w", "wife", "female", "1963-10-10"),
            _person("ZW-1-c", "child", "male", "1989-01-20", died_on="2015-08-30")]},
        # 城镇, a grade 3 disabled daughter, a widow who turned 49 on 2016-07-01: July to December,
        # 6 × 270 元 = 1620 元 and 6 × 50 元 = 300 元
        {"id": "ZW-2", "village": "张湾村", "rural": False, "members": [
            _person("ZW-2-w", "wife", "female", "1967-07-01"),
            _person("ZW-2-c", "child", "female", "1992-02-02", disability_grade="grade_3")]},
    ]
    outcomes = every_engine(compiled, reference, register, "2016", tmp_path)
    assert _cash(outcomes) == {"ZW-1": {"special_assistance": "8160.00", "village_topup": "1200.00"},
                               "ZW-2": {"special_assistance": "1620.00", "village_topup": "300.00"}}


# ---------------------------------------------------------------------------------------------------
# What a village may not do to the state's benefits (§4, check/_levels.py, check/_reads.py): cut (itself or
# through what it reads), repeal, suspend, veto.

AWARD_CONDITIONS = ("  for each parent in spouses\n  every month on last day\n  when one_child_cert_on <= today\n"
                    "   and count(ever_children) = 1\n   and birthday(nth(ever_children, 1), 18) >= unit start\n")


@pytest.mark.parametrize("parent, change, code", [
    ("henan", 'override benefit parents_award "减为十元":\n' + AWARD_CONDITIONS + "  pay 10 yuan\n",
     "state-benefit-cut"),
    ("henan", "repeal reward\n", "state-benefit-repealed"),
    # what the national 奖励扶助 reads: its amount, and who gets it
    ("henan", 'override parameter reward_rate "一元" = 1 yuan\n', "state-benefit-cut"),
    ("henan", 'override define qualifying_children "无人符合" = false\n', "state-definition-changed"),
    ("tebie_fuzhu", 'override define area "城乡" = if rural then urban else countryside\n', "state-definition-changed"),
    ("tebie_fuzhu", ('obligation register "登记":\n  triggered on 2016-01-01\n  within 1 month\n'
                     '  fulfilled on contract_signed_on\n  on breach:\n    suspend special_assistance until fulfilled\n'),
     "state-benefit-suspended"),
    ("tebie_fuzhu", 'veto veto "一票否决":\n  from earliest((members where out_of_policy_birth).birth_date)\n',
     "state-benefit-vetoed"),
])
def test_a_village_may_not_cut_repeal_suspend_or_veto_the_published_benefits(parent: str, change: str,
                                                                             code: str) -> None:
    text = f'charter v "村"\n  level village\n  extends {parent}\n  in force 2021-01-01\n\n{change}'
    with pytest.raises(charterlib.CheckError) as caught:
        charterlib.loads(text, "v.charter", search_path=[CHARTERS])
    assert [d.code for d in caught.value.diagnostics if d.is_error] == [code]


def test_the_chinese_keyword_twin_checks_to_the_same_representation() -> None:
    library = Library()
    english = library.check_file(CHARTERS / "tebie_fuzhu.charter").charter
    chinese = library.check_file(CHARTERS / "tebie_fuzhu.zh.charter").charter
    assert english is not None and chinese is not None
    assert english == chinese
