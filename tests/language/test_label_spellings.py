"""Labels spelt as their titles (`女` for `female`, `丈夫` for `husband`) and bools as a Chinese register
writes them (`是`, `否`): equal in meaning to the English spellings, in charters (expressions, `case`,
examples) and in registers (JSON, CSV, Parquet), in every engine."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from conftest import CHARTERS
from entry_points import every_engine

import charterlib
from charterlib.ir.printer import charter_text

TEMPLATE = '''charter zl "标签"
  level town
  uses family_planning
  in force 2000-01-01

benefit girls "第一条 女孩":
  for each d in members where sex = {female} and role = {child}
  every year on 03-01
  when rural
  pay 10 yuan

benefit mixed "第二条 夫妻":
  every year on 03-01
  when any(members, role in {{{husband}, {wife}}} and contraception = {sterilization})
  pay case the(members where role = {husband}).role {{{husband}: 5 yuan, else: 1 yuan}}

example spelt "两种写法":
  period 2005
  household "H": village = "v", rural = true
    person "H-1": role = {husband}, sex = {male}, birth_date = 1970-01-01, contraception = {sterilization}
    person "H-2": role = {child}, sex = {female}, birth_date = 2000-01-01
  expect cash girls 10 yuan
  expect cash mixed 5 yuan
  expect total 15 yuan
'''
ENGLISH = {"female": "female", "male": "male", "child": "child", "husband": "husband", "wife": "wife",
               "sterilization": "sterilization"}
CHINESE = {"female": "女", "male": "男", "child": "子女", "husband": "丈夫", "wife": "妻子", "sterilization": "绝育"}


def _load(words: dict[str, str], backend: str = "compiled") -> charterlib.Charter:
    return charterlib.loads(TEMPLATE.format(**words), "zl.charter", search_path=[CHARTERS], backend=backend)


def test_a_label_spelt_as_its_title_is_the_label() -> None:
    english, chinese = _load(ENGLISH), _load(CHINESE)
    assert charter_text(chinese.ir, "en") == charter_text(english.ir, "en")
    assert charter_text(chinese.ir, "zh") == charter_text(english.ir, "zh")
    assert "sex = female and role = child" in charter_text(chinese.ir, "en")
    for charter in (english, chinese):
        assert [o.passed for o in charter.run_examples()] == [True]


REGISTER: list[dict[str, Any]] = [
    {"id": "A", "village": "v", "rural": True, "members": [
        {"id": "A-1", "role": "husband", "sex": "male", "birth_date": "1970-01-01", "contraception": "sterilization"},
        {"id": "A-2", "role": "child", "sex": "female", "birth_date": "2000-01-01"},
        {"id": "A-3", "role": "child", "sex": "male", "birth_date": "2002-01-01"}]},
    {"id": "B", "village": "v", "rural": False, "members": [
        {"id": "B-1", "role": "wife", "sex": "female", "birth_date": "1971-01-01", "contraception": "iud"},
        {"id": "B-2", "role": "child", "sex": "female", "birth_date": "2001-01-01"}]},
]
TITLES = {"role": {"husband": "丈夫", "wife": "妻子", "child": "子女"}, "sex": {"female": "女", "male": "男"},
          "contraception": {"sterilization": "绝育", "iud": "上环"}}


def _in_chinese(register: list[dict[str, Any]]) -> list[dict[str, Any]]:
    spelt = copy.deepcopy(register)
    for household in spelt:
        household["rural"] = "是" if household["rural"] else "否"
        for person in household["members"]:
            for field, titles in TITLES.items():
                if field in person:
                    person[field] = titles[person[field]]
    return spelt


def test_a_register_written_in_chinese_gives_the_same_results_in_every_engine(tmp_path: Path) -> None:
    charter, reference = _load(ENGLISH), _load(ENGLISH, "reference")
    english = every_engine(charter, reference, REGISTER, "2005", tmp_path / "en")
    chinese = every_engine(charter, reference, _in_chinese(REGISTER), "2005", tmp_path / "zh")
    assert chinese == english
    assert english["A"]["cash"] == {"girls": "10.00", "mixed": "5.00"} and english["B"]["cash"] == {}


@pytest.fixture(autouse=True)
def _folders(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "zh").mkdir()


def test_a_title_two_labels_share_is_no_spelling_of_either() -> None:
    text = ('charter t "t"\n  level town\n  in force 2000-01-01\n\nhousehold fields:\n'
            '  kind: enum {a "甲", b "甲", c "丙"} "种类"\n\n'
            'benefit x "x":\n  every year on 03-01\n  when kind = 甲\n  pay 1 yuan\n')
    with pytest.raises(charterlib.CheckError) as caught:
        charterlib.loads(text, "t.charter")
    [error] = [d for d in caught.value.diagnostics if d.is_error]
    assert error.code == "unknown-label" and "`甲` is not a label of `kind`" in error.message
    assert charterlib.loads(text.replace("kind = 甲", "kind = 丙"), "t.charter").ir is not None


def test_a_value_that_is_neither_label_nor_title_is_worded_as_before() -> None:
    charter = _load(ENGLISH)
    bad = copy.deepcopy(REGISTER[0])
    bad["members"][1]["sex"] = "女孩"
    bad["rural"] = "对"
    [(_, result, issues)] = [(r.position, r.result, r.issues) for r in charter.evaluate_register([bad], "2005")]
    assert result is None
    assert sorted(i.message for i in issues) == ['"女孩" is not one of female, male',
                                                 '"对" is not a bool (true or false)']
