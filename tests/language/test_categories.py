"""Charter-local categories (`define situation = if child_died then death else disability`): a definition
whose arms give bare names that are nothing in scope is an enumeration of the charter, its labels usable
as a field's are (`=`, `in`, `case`, the keys of a table), alike in every engine and in both keyword
languages, inherited like a definition (an override keeps the labels), with located diagnostics."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CHARTERS, ROOT
from entry_points import every_engine

import charterlib
from charterlib.ir.printer import charter_text

FIXTURES = ROOT / "tests" / "fixtures"
ENGLISH = FIXTURES / "categories.charter"
CHINESE = FIXTURES / "categories.zh.charter"
COMPILED = charterlib.load(ENGLISH, [CHARTERS])
REFERENCE = charterlib.load(ENGLISH, [CHARTERS], backend="reference")


def _child(hid: str, **fields: Any) -> dict[str, Any]:
    return {"id": f"{hid}-1", "role": "child", "sex": "male", "birth_date": "1990-01-01", **fields}


REGISTER: list[dict[str, Any]] = [
    # in the country; the only child died on 2013-07-10: `death` from July's unit (judged on the 31st)
    {"id": "D", "village": "x", "rural": True, "members": [_child("D", died_on="2013-07-10")]},
    # in town, a disabled child: `disability` throughout
    {"id": "I", "village": "x", "rural": False, "child_disabled": True, "members": [_child("I")]},
    # a child alive and well: `neither`, nothing paid
    {"id": "N", "village": "x", "rural": True, "members": [_child("N")]},
    # a disabled child who died in town on 2013-12-15: `death` from December's unit
    {"id": "X", "village": "x", "rural": False, "child_disabled": True, "members": [_child("X", died_on="2013-12-15")]},
]


@pytest.mark.parametrize("period", ["2013", "2014", "2013-12-01/2014-01-31", "2012-06", "2007"])
def test_every_engine_reads_a_category_alike(tmp_path: Path, period: str) -> None:
    summaries: list[Any] = []
    every_engine(COMPILED, REFERENCE, REGISTER, period, tmp_path, summaries=summaries)
    assert summaries and all(not s.one_by_one_articles and not s.one_by_one for s in summaries)  # all in SQL


def test_the_amounts_follow_the_category_of_each_day(tmp_path: Path) -> None:
    cash = {hid: outcome["cash"] for hid, outcome in every_engine(COMPILED, REFERENCE, REGISTER, "2013",
                                                                  tmp_path).items()}
    # D: July to December, death in the country at 2013's rate, 6 × 100 = 600; condolence on 12-31: 500
    assert cash["D"] == {"special": "600.00", "condolence": "500.00"}
    # I: twelve months of disability, 12 × 80 = 960; condolence 200
    assert cash["I"] == {"special": "960.00", "condolence": "200.00"}
    assert cash["N"] == {}
    # X: January to November disability (11 × 80 = 880), December death (100): 980; death on 12-31: 500
    assert cash["X"] == {"special": "980.00", "condolence": "500.00"}
    year = {h["id"]: COMPILED.evaluate(h, "2014").cash for h in REGISTER}
    # 2014's rates: death in the country 170, disability in town 270, death in town 340, for twelve months
    assert year["D"] == {"special": Decimal(12 * 170), "condolence": Decimal(500)}
    assert year["I"] == {"special": Decimal(12 * 270), "condolence": Decimal(200)}
    assert year["X"] == {"special": Decimal(12 * 340), "condolence": Decimal(500)}


@pytest.mark.parametrize("year", ["2013", "2014"])
def test_a_year_is_the_sum_of_its_months(year: str) -> None:
    for household in REGISTER:
        whole = COMPILED.evaluate(household, year).cash
        months: dict[str, Decimal] = {}
        for month in range(1, 13):
            for article, amount in COMPILED.evaluate(household, f"{year}-{month:02d}").cash.items():
                months[article] = months.get(article, Decimal(0)) + amount
        assert months == whole, household["id"]


def test_the_category_is_an_enumeration_of_the_charter() -> None:
    situation = next(d for d in COMPILED.ir.definitions if d.name == "situation")
    assert situation.category is not None
    assert situation.category.labels == ("death", "disability", "neither")  # in order of first appearance
    assert not situation.category.ordered
    area = next(d for d in COMPILED.ir.definitions if d.name == "area")
    assert area.category is not None and area.category.labels == ("countryside", "urban")
    assert next(d for d in COMPILED.ir.definitions if d.name == "child_died").category is None
    table = next(p for p in COMPILED.ir.parameters if p.name == "special_rate")
    assert [d.name for d in table.dimensions] == ["situation", "area"]
    assert table.dimensions[0].type.enum == situation.category
    text = charter_text(COMPILED.ir)
    assert ("define situation = if child_died then death else if child_disabled then disability else neither"
            "  : situation (death, disability, neither)  (categories)") in text


def test_both_keyword_languages_give_equal_representations() -> None:
    chinese = charterlib.load(CHINESE, [CHARTERS])
    assert chinese.ir == COMPILED.ir
    assert charter_text(chinese.ir, "zh") == charter_text(COMPILED.ir, "zh")
    assert "按 situation {death: 500 元, disability: 200 元, neither: 0 元}" in charter_text(COMPILED.ir, "zh")


def test_the_examples_inside_the_charters_pass() -> None:
    for path in (ENGLISH, CHINESE):
        charter = charterlib.load(path, [CHARTERS])
        assert all(outcome.passed for outcome in charter.run_examples()), path


def test_the_explanation_shows_the_cell_of_the_category() -> None:
    text = COMPILED.explain(REGISTER[0], "2013-12").to_text()
    assert "✓ situation in {death, disability}" in text
    assert "→ special_rate[death, countryside] = 100 yuan, from 2008-01-01" in text


CHINESE_NAMES = '''章程 tefu "特别扶助"
  级别 镇
  采用 family_planning
  施行于 2008-01-01

定义 子女死亡 "子女死亡" = 任一(历来成员, role = 子女 且 已故(其))
定义 情形 "情形" = 如果 子女死亡 则 死亡 否则 伤残

参数 扶助金 "扶助金标准" 按照 情形、rural：
  死亡、真 = 170 元
  死亡、假 = 340 元
  伤残、真 = 150 元
  伤残、假 = 270 元

福利 扶助 "特别扶助金"：
  每年 于 12-31
  当 情形 = 死亡 或 情形 属于 {伤残}
  发放 扶助金[情形, rural] + 按 情形 {死亡: 1 元, 伤残: 0 元}
'''


def test_a_category_may_be_named_and_labelled_in_chinese() -> None:
    charter = charterlib.loads(CHINESE_NAMES, "tefu.charter", search_path=[CHARTERS])
    reference = charterlib.loads(CHINESE_NAMES, "tefu.charter", search_path=[CHARTERS], backend="reference")
    died = {"id": "T", "village": "x", "rural": True, "members": [_child("T", died_on="2010-01-01")]}
    alive = {"id": "U", "village": "x", "rural": False, "members": [_child("U")]}
    for c in (charter, reference):
        assert c.evaluate(died, "2010").cash == {"扶助": Decimal(171)}  # 170 yuan + 1 yuan for 死亡
        assert c.evaluate(alive, "2010").cash == {"扶助": Decimal(270)}
    [situation] = [d for d in charter.ir.definitions if d.name == "情形"]
    assert situation.category is not None and situation.category.labels == ("死亡", "伤残")


def test_arms_that_are_labels_of_a_field_give_that_fields_enumeration() -> None:
    text = _village('define first_sex = if count(members) > 2 then female else male\n\n'
                    'benefit b "b":\n  every year on 12-31\n  when first_sex = 女\n  pay 1 yuan\n')
    charter = charterlib.loads(text, "v.charter", search_path=[FIXTURES, CHARTERS])
    [first_sex] = [d for d in charter.ir.definitions if d.name == "first_sex"]
    assert first_sex.category is None and first_sex.expr.type.enum is not None
    assert first_sex.expr.type.enum.name == "sex"


def _village(body: str) -> str:
    return ('charter v "村"\n  level village\n  extends categories\n  in force 2008-01-01\n\n' + body)


VILLAGE = _village('''override define situation "情形（村）" = if child_disabled then disability else if child_died then death else neither

parameter top_up "村加发" per situation:
  death = 30 yuan
  disability = 20 yuan
  neither = 0 yuan

benefit village_top_up "村加发":
  every year on 12-31
  when situation in {death, disability}
  pay top_up[situation] + case situation {death: 1 yuan, else: 2 yuan}
''')


def test_a_village_inherits_a_category_and_its_override_keeps_the_labels(tmp_path: Path) -> None:
    compiled = charterlib.loads(VILLAGE, "v.charter", search_path=[FIXTURES, CHARTERS])
    reference = charterlib.loads(VILLAGE, "v.charter", search_path=[FIXTURES, CHARTERS], backend="reference")
    [situation] = [d for d in compiled.ir.definitions if d.name == "situation"]
    assert situation.category is not None and situation.category.labels == ("death", "disability", "neither")
    outcomes = every_engine(compiled, reference, REGISTER, "2013", tmp_path)
    # X: the village asks first whether the child is disabled: disability all year, 12 × 80 = 960 by the
    # town's table (its articles read the overriding definition), 200 of condolence, 20 + 2 of top-up
    assert outcomes["X"]["cash"] == {"special": "960.00", "condolence": "200.00", "village_top_up": "22.00"}
    # D: death from July: 600 and 500 by the town's articles, 30 + 1 by the village's
    assert outcomes["D"]["cash"] == {"special": "600.00", "condolence": "500.00", "village_top_up": "31.00"}


def _errors(text: str, name: str = "v.charter") -> list[charterlib.Diagnostic]:
    with pytest.raises(charterlib.CheckError) as caught:
        charterlib.loads(text, name, search_path=[FIXTURES, CHARTERS])
    return [d for d in caught.value.diagnostics if d.is_error]


@pytest.mark.parametrize("change, replacement, code, line, words", [
    # a label the category does not have, with the closest one
    ("when situation in {death, disability}", "when situation = deth", "unknown-label", 15,
     "`deth` is not a label of `situation`, whose labels are death, disability, neither"),
    ("when situation in {death, disability}", "when situation in {death, disabled}", "unknown-label", 15,
     "`disabled` is not a label of `situation`"),
    ("case situation {death: 1 yuan, else: 2 yuan}", "case situation {death: 1 yuan, disability: 2 yuan}",
     "case-not-exhaustive", 16, "no value for `neither`"),
    ("  neither = 0 yuan\n", "", "missing-cell", 9, "no cell `neither`"),
    ("  neither = 0 yuan\n", "  nether = 0 yuan\n", "unknown-table-key", 11, "`nether` is not a label of `situation`"),
    ("then death else neither", "then death else none_of_these", "override-type", 6, "an override of a category keeps its labels"),
    ("when situation in {death, disability}", "when death", "label-without-field", 15,
     "`death` is a label of `situation`, but nothing here says which category"),
])
def test_a_mistake_with_a_category_is_a_located_diagnostic(change: str, replacement: str, code: str, line: int,
                                                          words: str) -> None:
    assert change in VILLAGE
    [error] = _errors(VILLAGE.replace(change, replacement))
    assert error.code == code and words in error.message, error.message
    assert error.span is not None and error.span.line == line


@pytest.mark.parametrize("definition, word", [
    ("define mixed = if child_died then dead else 100 yuan", "`100 yuan`"),
    ("define mixed = case rural {true: dead, false: child_died}", "`child_died`, a definition,"),
])
def test_arms_mixing_labels_and_values_are_an_error(definition: str, word: str) -> None:
    [error] = _errors(_village(definition + "\n"))
    assert error.code == "mixed-arms" and word in error.message and "`dead`" in error.message
    assert error.span is not None and error.span.text == "dead"
