"""Levels, from the nation to the village: a charter stands on those above it, and what a state level
grants (national, provincial, city, county) a lower charter may add to and raise, never repeal, cut,
suspend or veto; the rules of the town and the village stay the village's to change."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CHARTERS, ROOT

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
    ('override benefit reward "r":\n  for each p in members where role in {husband, wife}\n  every year on 12-31\n'
     '  when rural\n  pay 600 yuan\n  unless one_child_cert_on is set\n', "state-benefit-cut"),
    ('override benefit reward "r":\n  for each p in members where role = wife\n  every year on 12-31\n'
     '  when rural\n  pay 900 yuan\n', "state-benefit-cut"),
    ('override benefit parents_award "p":\n  every year on 12-31\n  when one_child_cert_on is set\n'
     '  pay 100 yuan / 2\n', "state-benefit-cut"),
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
