"""Levels, from the nation to the village: a charter stands on those above it, and what a state level
grants (national, provincial, city, county) a lower charter may add to and raise, never repeal, cut,
suspend or veto; the rules of the town and the village stay the village's to change."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import CHARTERS, ROOT
from entry_points import every_engine

import charterlib
from charterlib import ir
from charterlib.ir.printer import charter_text

LEVELS = ROOT / "tests" / "fixtures" / "levels"
PATH = [CHARTERS, LEVELS]


def _load(text: str, name: str = "c.charter") -> charterlib.Charter:
    return charterlib.loads(text, name, search_path=PATH)


def _errors(text: str) -> list[str]:
    with pytest.raises(charterlib.CheckError) as caught:
        _load(text)
    return [d.code for d in caught.value.diagnostics if d.is_error]


VILLAGE = 'charter c "村"\n  level village\n  extends provincial_reward\n  in force 2005-01-01\n\n'


def test_the_whole_chain_of_levels_is_known_to_the_ir() -> None:
    charter = _load(VILLAGE)
    assert charter.ir.levels == (("national_reward", "national"), ("provincial_reward", "province"), ("c", "village"))
    assert [charter.ir.level_of(a.origin) for a in charter.ir.articles] == ["national", "province"]
    assert ir.LEVELS == ("national", "province", "city", "county", "town", "village")


def test_a_village_may_add_articles_and_raise_a_state_benefit() -> None:
    raised = _load(VILLAGE + 'override benefit reward "奖励扶助金（村里提高到每人每年700元）":\n'
                   '  for each p in members where role in {husband, wife}\n  every year on 12-31\n  when rural\n'
                   '  pay 700 yuan\n\nbenefit top_up "村里另加":\n  every year on 12-31\n  when rural\n  pay 50 yuan\n')
    household = {"id": "H", "village": "v", "rural": True, "one_child_cert_on": "2003-01-01", "members": [
        {"id": "H-1", "role": "husband", "sex": "male", "birth_date": "1940-01-01"},
        {"id": "H-2", "role": "wife", "sex": "female", "birth_date": "1942-01-01"}]}
    assert {k: str(v) for k, v in raised.evaluate(household, "2005").cash.items()} == {
        "reward": "1400.00", "parents_award": "100.00", "top_up": "50.00"}


@pytest.mark.parametrize("change, code", [
    (('override benefit reward "r":\n  for each p in members where role in {husband, wife}\n  every year on 12-31\n'
     '  when rural\n  pay 600 yuan\n  unless one_child_cert_on is set\n'), "state-benefit-cut"),
    (('override benefit reward "r":\n  for each p in members where role = wife\n  every year on 12-31\n'
     '  when rural\n  pay 900 yuan\n'), "state-benefit-cut"),
    (('override benefit parents_award "p":\n  every year on 12-31\n  when one_child_cert_on is set\n'
     '  pay 100 yuan / 2\n'), "state-benefit-cut"),
    ("repeal reward\n", "state-benefit-repealed"),
])
def test_a_village_may_not_cut_or_repeal_a_state_benefit(change: str, code: str) -> None:
    assert _errors(VILLAGE + change) == [code]


def test_the_town_and_the_village_keep_their_own_rules(tmp_path: Path) -> None:
    # a town charter on the province's: the village may repeal, cut, suspend and veto the town's benefits
    (tmp_path / "town.charter").write_text(
        'charter town "镇"\n  level town\n  extends provincial_reward\n  in force 2005-01-01\n\n'
        'benefit town_fee "镇保健费":\n  every year on 12-31\n  pay 20 yuan\n\n'
        'benefit town_gift "镇慰问":\n  every year on 12-31\n  pay 10 yuan\n', encoding="utf-8")
    text = ('charter v "村"\n  level village\n  extends town\n  in force 2005-01-01\n\nrepeal town_gift\n\n'
            'override benefit town_fee "村里减半":\n  every year on 12-31\n  pay 10 yuan\n\n'
            'obligation sign "签协议":\n  triggered on 2005-01-01\n  within 3 months\n  fulfilled on contract_signed_on\n'
            '  on breach:\n    suspend town_fee until fulfilled\n')
    charter = charterlib.loads(text, "v.charter", search_path=[*PATH, tmp_path])
    assert [a.id for a in charter.ir.articles] == ["reward", "parents_award", "town_fee", "sign"]


def test_a_state_level_may_not_cut_a_higher_one_but_a_charter_without_a_level_is_held_to_every_one() -> None:
    province = ('charter c "省"\n  level province\n  extends national_reward\n  in force 2005-01-01\n\n'
                'override benefit reward "r":\n  for each p in members where role in {husband, wife}\n'
                '  every year on 12-31\n  when rural\n  pay 100 yuan\n')
    assert _errors(province) == ["state-benefit-cut"]
    assert _errors(province.replace("  level province\n", "")) == ["state-benefit-cut"]
    national = _load(province.replace("level province", "level national"))  # the same level: its own to change
    assert national.ir.article("reward") is not None


def test_a_charter_builds_on_those_of_its_level_or_above() -> None:
    assert _errors('charter c "c"\n  level province\n  extends zhazi\n  in force 2005-01-01\n') == ["level-above-parent"]
    assert _load('charter c "c"\n  level village\n  extends zhazi\n  in force 2005-01-01\n').ir.level == "village"


def test_the_levels_are_spelt_in_both_keyword_languages() -> None:
    for en, zh in [("national", "国家"), ("province", "省"), ("city", "市"), ("county", "县"), ("town", "镇"),
                   ("village", "村")]:
        english = _load(f'charter c "c"\n  level {en}\n  in force 2005-01-01\n')
        chinese = _load(f'章程 c "c"\n  级别 {zh}\n  施行于 2005-01-01\n')
        assert english.ir.level == chinese.ir.level == en
        assert charter_text(english.ir, "en") == charter_text(chinese.ir, "en")


# ---------------------------------------------------------------------------------------------------
# What a state benefit reads (check/_reads.py): the county's `care` pays `care_rate` (30 yuan a month from
# 2010, 40 from 2015) to the households `cared` (a wife of 49 or more, through `older_wives`, and a 光荣证),
# `year_end` pays `care_bonus[area]` (urban 100, countryside 200 yuan); nothing of the state reads
# `visit_budget` or `many_children` (tests/fixtures/levels/county_care.charter).

ON_COUNTY = 'charter c "村"\n  level village\n  extends county_care\n  in force 2016-01-01\n\n'
CARE_RAISED = ('override parameter care_rate "r" = 30 yuan from 2010-01-01, 45 yuan from 2015-01-01, '
               '50 yuan from 2016-01-01\n\noverride parameter care_bonus "b" per area:\n  urban = 120 yuan\n'
               '  countryside = 250 yuan\n\n')
CARED = {"id": "C1", "village": "v", "rural": True, "one_child_cert_on": "2000-01-01", "members": [
    {"id": "C1-w", "role": "wife", "sex": "female", "birth_date": "1960-03-01"}]}


def _engines(text: str) -> tuple[charterlib.Charter, charterlib.Charter]:
    return (charterlib.loads(text, "c.charter", search_path=PATH),
            charterlib.loads(text, "c.charter", search_path=PATH, backend="reference"))


def test_a_village_may_raise_the_parameters_a_state_benefit_reads(tmp_path: Path) -> None:
    # 2016, the wife alone (56, rural, 光荣证): reward 600 (national), parents_award 100 (provincial),
    # care 12 × 50 = 600 (the village's care_rate), year_end 250 (the village's countryside cell)
    compiled, reference = _engines(ON_COUNTY + CARE_RAISED)
    outcomes = every_engine(compiled, reference, [CARED], "2016", tmp_path)
    assert outcomes["C1"]["cash"] == {"reward": "600.00", "parents_award": "100.00", "care": "600.00",
                                      "year_end": "250.00"}


def test_what_no_state_benefit_reads_stays_the_village_s_to_change() -> None:
    charter = _load(ON_COUNTY + 'override parameter visit_budget "v" = 1 yuan\n\n'
                    'override define many_children "m" = false\n')
    assert {p.name: p.origin for p in charter.ir.parameters}["visit_budget"] == "c"


@pytest.mark.parametrize("change, code", [
    # lower on one day only: 35 yuan from 2015-01-01, where the county gives 40
    ('override parameter care_rate "r" = 30 yuan from 2010-01-01, 35 yuan from 2015-01-01, 50 yuan from 2016-01-01\n',
     "state-benefit-cut"),
    # no value before 2012 (the county's starts in 2010)
    ('override parameter care_rate "r" = 60 yuan from 2012-01-01\n', "state-benefit-cut"),
    # one cell lower (countryside 150 < 200), the other raised
    ('override parameter care_bonus "b" per area:\n  urban = 300 yuan\n  countryside = 150 yuan\n',
     "state-benefit-cut"),
    ("repeal care_rate\n", "state-benefit-cut"),
    ('override define cared "c" = count(older_wives) >= 1\n', "state-definition-changed"),
    # a category the table is keyed by
    ('override define area "a" = if rural then urban else countryside\n', "state-definition-changed"),
    # read through `cared`, and through `older_wives`
    ("repeal older_wives\n", "state-definition-changed"),
    ('override define wives "w" = members where role = wife and rural\n', "state-definition-changed"),
])
def test_a_village_may_not_cut_a_state_benefit_through_what_it_reads(change: str, code: str) -> None:
    assert _errors(ON_COUNTY + change) == [code]


def test_the_diagnostic_names_the_benefits_reading_it_and_where_they_are_declared() -> None:
    with pytest.raises(charterlib.CheckError) as caught:
        _load(ON_COUNTY + "repeal wives\n")
    [d] = caught.value.diagnostics
    assert d.code == "state-definition-changed"
    assert d.message.startswith("`wives` is read by `care` (through `cared`, `older_wives`) and `year_end` "
                                "(through `cared`, `older_wives`), benefits of the county level (charter "
                                "`county_care`)")
    assert [n.message for n in d.notes] == ["definition `wives` is declared here, in `county_care`",
                                            "`care` is declared here, in `county_care`",
                                            "`year_end` is declared here, in `county_care`"]
    assert all(n.span is not None and n.span.source.name.endswith("county_care.charter") for n in d.notes)


def test_a_parameter_a_state_benefit_reads_is_held_to_what_the_charter_above_gives(tmp_path: Path) -> None:
    # the town raised care_rate to 50 from 2010 (its own override, so its origin is the town's): the village
    # below may not take it under 50, though it is still above the county's 40
    (tmp_path / "town.charter").write_text(
        'charter town "镇"\n  level town\n  extends county_care\n  in force 2012-01-01\n\n'
        'override parameter care_rate "镇标准" = 50 yuan from 2010-01-01\n', encoding="utf-8")
    text = ('charter v "村"\n  level village\n  extends town\n  in force 2016-01-01\n\n'
            'override parameter care_rate "村标准" = 45 yuan from 2010-01-01\n')
    with pytest.raises(charterlib.CheckError) as caught:
        charterlib.loads(text, "v.charter", search_path=[*PATH, tmp_path])
    [d] = caught.value.diagnostics
    assert d.code == "state-benefit-cut"
    assert "`care_rate` would be 45 yuan from 2010-01-01, where it was 50 yuan" in d.message


def test_a_benefit_cut_outright_is_reported_once() -> None:
    # the override of `care` lowers its amount: that is the error; what `care` reads is not judged again
    assert _errors(ON_COUNTY + 'override benefit care "c":\n  every month on last day\n  when cared\n'
                   '  pay 10 yuan\n\noverride parameter care_rate "r" = 1 yuan\n') == ["state-benefit-cut"]


def test_a_charter_of_the_same_level_may_change_what_the_benefits_read() -> None:
    county = ON_COUNTY.replace("level village", "level county")
    charter = _load(county + 'override parameter care_rate "r" = 1 yuan\n\noverride define cared "c" = false\n')
    assert charter.ir.level == "county"


# ---------------------------------------------------------------------------------------------------
# An override that raises a state benefit keeps what the state paid before the village is in force
# (check/_levels.py `carried`): the village (in force 2016-01-01) pays 60 yuan a month for `care`, which
# the county pays from 2010 (30 yuan, 40 from 2015).

CARE_60 = 'override benefit care "村标准：每户每月60元":\n  every month on last day\n  when cared\n  pay 60 yuan\n'


def test_a_raised_state_benefit_pays_the_old_amount_before_the_village_is_in_force(tmp_path: Path) -> None:
    compiled, reference = _engines(ON_COUNTY + CARE_60)
    care = compiled.ir.article("care")
    assert care is not None and care.in_force.isoformat() == "2010-01-01"  # the county's day
    # 2015: 12 × 40 = 480; 2016: 12 × 60 = 720; together 1200
    # 2015-07 to 2016-06: 6 × 40 + 6 × 60 = 240 + 360 = 600
    for period, cash in [("2015", "480.00"), ("2016", "720.00"), ("2015-01-01/2016-12-31", "1200.00"),
                         ("2015-07-01/2016-06-30", "600.00")]:
        folder = tmp_path / period.replace("/", "_")
        folder.mkdir()
        outcomes = every_engine(compiled, reference, [CARED], period, folder)
        assert outcomes["C1"]["cash"]["care"] == cash, period


def test_a_year_across_the_village_s_day_is_the_sum_of_its_months() -> None:
    compiled, _ = _engines(ON_COUNTY + CARE_60)
    for year in ("2015", "2016"):
        months = [compiled.evaluate(CARED, f"{year}-{m:02d}").cash.get("care", Decimal(0)) for m in range(1, 13)]
        assert sum(months, Decimal(0)) == compiled.evaluate(CARED, year).cash["care"]
        assert set(months) == {Decimal("40.00") if year == "2015" else Decimal("60.00")}
    # across the day: 2015-12 is the county's 40 yuan, 2016-01 the village's 60
    assert compiled.evaluate(CARED, "2015-12-01/2016-01-31").cash["care"] == Decimal("100.00")


def test_a_raise_by_a_charter_in_force_as_early_keeps_its_own_day() -> None:
    charter = _load(ON_COUNTY.replace("2016-01-01", "2010-01-01") + CARE_60)
    care = charter.ir.article("care")
    assert isinstance(care, ir.Benefit) and isinstance(care.amount, ir.Const)  # nothing to keep


def test_the_town_s_benefits_are_replaced_from_the_village_s_day(tmp_path: Path) -> None:
    (tmp_path / "town.charter").write_text(
        'charter town "镇"\n  level town\n  extends county_care\n  in force 2012-01-01\n\n'
        'benefit town_fee "镇保健费":\n  every month on last day\n  pay 20 yuan\n', encoding="utf-8")
    text = ('charter v "村"\n  level village\n  extends town\n  in force 2016-01-01\n\n'
            'override benefit town_fee "村标准":\n  every month on last day\n  pay 30 yuan\n')
    charter = charterlib.loads(text, "v.charter", search_path=[*PATH, tmp_path])
    fee = charter.ir.article("town_fee")
    assert fee is not None and fee.in_force.isoformat() == "2016-01-01"
    assert charter.evaluate(CARED, "2015").cash.get("town_fee") is None


def test_raises_down_the_chain_keep_each_level_s_amount_for_its_own_days(tmp_path: Path) -> None:
    # the national reward (in force 2004, 600 yuan), raised by a province in force from 2006 (700 yuan), raised
    # again by a village in force from 2008 (800 yuan): one spouse, rural, 2004–2009:
    # 2 × 600 + 2 × 700 + 2 × 800 = 1200 + 1400 + 1600 = 4200
    reward = ('  for each p in members where role in {husband, wife}\n  every year on 12-31\n  when rural\n')
    (tmp_path / "sheng.charter").write_text(
        'charter sheng "省"\n  level province\n  extends national_reward\n  in force 2006-01-01\n\n'
        f'override benefit reward "省标准":\n{reward}  pay 700 yuan\n', encoding="utf-8")
    text = ('charter cun "村"\n  level village\n  extends sheng\n  in force 2008-01-01\n\n'
            f'override benefit reward "村标准":\n{reward}  pay 800 yuan\n')
    compiled, reference = (charterlib.loads(text, "cun.charter", search_path=[*PATH, tmp_path], backend=b)
                           for b in ("compiled", "reference"))
    wife = {"id": "W", "village": "v", "rural": True, "members": [
        {"id": "W-w", "role": "wife", "sex": "female", "birth_date": "1940-01-01"}]}
    outcomes = every_engine(compiled, reference, [wife], "2004-01-01/2009-12-31", tmp_path)
    assert outcomes["W"]["cash"]["reward"] == "4200.00"
    assert [str(compiled.evaluate(wife, str(y)).cash["reward"]) for y in (2005, 2007, 2009)] == [
        "600.00", "700.00", "800.00"]
    lowered = text.replace("pay 800 yuan", "pay 650 yuan")  # above the nation's 600, under the province's 700
    with pytest.raises(charterlib.CheckError) as caught:
        charterlib.loads(lowered, "cun.charter", search_path=[*PATH, tmp_path])
    assert [d.code for d in caught.value.diagnostics] == ["state-benefit-cut"]


def test_a_parameter_that_is_not_a_number_must_stay_as_it_was(tmp_path: Path) -> None:
    (tmp_path / "guo.charter").write_text(
        'charter guo "国"\n  level national\n  uses family_planning\n  in force 2004-01-01\n\n'
        'parameter cert_from "领证起算日" = 1990-01-01\n\n'
        'benefit award "奖励":\n  every year on 12-31\n  when one_child_cert_on >= cert_from\n  pay 100 yuan\n',
        encoding="utf-8")
    head = 'charter cun "村"\n  level village\n  extends guo\n  in force 2008-01-01\n\n'
    same = charterlib.loads(head + 'override parameter cert_from "同" = 1990-01-01\n', "cun.charter",
                            search_path=[*PATH, tmp_path])
    assert same.ir.article("award") is not None
    with pytest.raises(charterlib.CheckError) as caught:
        charterlib.loads(head + 'override parameter cert_from "改" = 1980-01-01\n', "cun.charter",
                         search_path=[*PATH, tmp_path])
    [d] = caught.value.diagnostics
    assert d.code == "state-benefit-cut"
    assert "`cert_from` would be 1980-01-01 from the start, where it was 1990-01-01" in d.message


def test_a_function_a_state_benefit_calls_may_not_be_overridden(tmp_path: Path) -> None:
    # the county's benefit calls its function 年满; a village overriding the function would change who
    # gets the county's benefit (state-definition-changed); a function no state benefit calls stays free
    (tmp_path / "county_fn.charter").write_text('''charter county_fn "县：按年龄的关怀"
  level county
  uses family_planning
  in force 2010-01-01

define 年满(p: person, n: integer) = age of p >= n
define 未用(p: person) = age of p >= 1

benefit older "年满60周岁的关怀金":
  for each p in members
  every year on 12-31
  when 年满(p, 60)
  pay 100 yuan
''', encoding="utf-8")
    village = '''charter village_fn "村"
  level village
  extends county_fn
  in force 2011-01-01

override define 年满(p: person, n: integer) = age of p >= n + 5
'''
    checked = charterlib.check_text(village, "village_fn.charter", search_path=(*PATH, tmp_path))
    codes = [d.code for d in checked.diagnostics if d.is_error]
    assert codes == ["state-definition-changed"]
    [d] = [d for d in checked.diagnostics if d.is_error]
    assert "`年满` is read by" in d.message and "older" in d.message
    free = village.replace("override define 年满(p: person, n: integer) = age of p >= n + 5",
                           "override define 未用(p: person) = age of p >= 2")
    assert charterlib.check_text(free, "village_fn.charter", search_path=(*PATH, tmp_path)).ok


_INSURANCE = '''charter cost_v "村"
  level village
  extends yiwai_baoxian
  in force 2006-01-01

override benefit accident_insurance "第三条 计划生育家庭意外伤害保险":
  every year on 01-01
  when rural
  when one_child_household or two_daughters_sterilized
  grant costing 60 yuan
  cost shared:
    province 5 yuan
    county 5 yuan
    town 10 yuan
    village VILLAGE
    household HOUSEHOLD
    when poor or special_support: household taken over by village 15 yuan, town 15 yuan
'''


@pytest.mark.parametrize("village, household, more, ok", [
    ("10 yuan", "30 yuan", "", True),  # as the county wrote it
    ("10 yuan", "30 yuan", "    when rural: household taken over by village\n", True),  # the village bears more
    ("20 yuan", "20 yuan", "", False),  # the household's share changed (though lowered: the county decides it)
    ("10 yuan", "30 yuan", "    when rural: household taken over by county\n", False),  # onto the county
    ("5 yuan", "35 yuan", "", False),  # the household pays more
])
def test_a_village_may_bear_more_of_a_state_benefit_s_cost_but_shift_none(village: str, household: str, more: str,
                                                                          ok: bool) -> None:
    # 青溪县's insurance (county): 60 元 a household, 省5 县5 镇10 村10 户30; a village may take the household's
    # share over itself, after the county's takeovers, but not change what the county wrote others bear
    text = _INSURANCE.replace("VILLAGE", village).replace("HOUSEHOLD", household) + more
    checked = charterlib.check_text(text, "cost_v.charter", search_path=tuple(PATH))
    codes = [d.code for d in checked.diagnostics if d.is_error]
    if ok:
        assert codes == [], [d.message for d in checked.diagnostics]
    else:  # (a changed household share no longer matches the county's takeover either: cost-shares-sum)
        assert "state-cost-shifted" in codes, [d.message for d in checked.diagnostics]


def test_a_state_benefit_raised_by_a_town_stays_protected_below_it(tmp_path: Path) -> None:
    # the town raises the national 600 to 700 (allowed); the village below may not then cut it to 500:
    # the override is still the nation's grant (ir.Article.granted_by), not the town's own benefit
    benefit = '''benefit reward "奖励扶助金":
  for each p in members where role in {husband, wife}
  every year on 12-31
  when rural
  pay AMOUNT
'''
    (tmp_path / "town_raise.charter").write_text('charter town_raise "镇"\n  level town\n  extends national_reward\n'
                                                 '  in force 2005-01-01\n\noverride ' + benefit.replace("AMOUNT", "700 yuan"),
                                                 encoding="utf-8")
    village = ('charter village_cut "村"\n  level village\n  extends town_raise\n  in force 2006-01-01\n\noverride '
               + benefit.replace("AMOUNT", "500 yuan"))
    checked = charterlib.check_text(village, "village_cut.charter", search_path=(*PATH, tmp_path))
    [error] = [d for d in checked.diagnostics if d.is_error]
    assert error.code == "state-benefit-cut"
    assert "of the national level (charter `national_reward`)" in error.message
    town = charterlib.check_file(tmp_path / "town_raise.charter", search_path=(*PATH, tmp_path))
    assert town.ok and town.charter is not None
    assert town.charter.article("reward").granted_by == "national_reward"  # type: ignore[union-attr]


def test_an_obligation_whose_status_a_state_benefit_tests_may_not_be_overridden(tmp_path: Path) -> None:
    # the county pays 诚信户 a reward when its own obligation was kept; a village overriding that obligation
    # (a longer time allowed) would change who gets the county's benefit
    (tmp_path / "county_ob.charter").write_text('''charter county_ob "县：诚信户奖励"
  level county
  uses family_planning
  in force 2010-01-01

obligation method "落实节育措施":
  triggered on one_child_cert_on
  within 3 months
  fulfilled on earliest((members where role = wife).contraception_on)

benefit honest "诚信户奖励":
  every year on 12-31
  when not breached(method, 1 year)
  pay 100 yuan
''', encoding="utf-8")
    village = '''charter village_ob "村"
  level village
  extends county_ob
  in force 2011-01-01

override obligation method "落实节育措施（村：六个月）":
  triggered on one_child_cert_on
  within 6 months
  fulfilled on earliest((members where role = wife).contraception_on)
'''
    checked = charterlib.check_text(village, "village_ob.charter", search_path=(*PATH, tmp_path))
    [error] = [d for d in checked.diagnostics if d.is_error]
    assert error.code == "state-definition-changed"
    assert error.message.startswith("The status of `method` is read by `honest`")
