"""`case` on a bool (`case rural {true: …, false: …}`, 按 … {真: …, 假: …}): checked like a `case` on a
label (every arm, no arm twice, no other label), the same in every engine and in both keyword languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CHARTERS
from entry_points import every_engine

import charterlib
from charterlib.ir.printer import charter_text

ENGLISH = '''charter cb "按真假"
  level town
  uses family_planning
  in force 2000-01-01

benefit by_area "第一条 城乡不同标准":
  every year on 12-31
  pay case rural {true: 80 yuan, false: 100 yuan}

benefit certified "第二条 领证户":
  every year on 12-31
  pay case (one_child_cert_on is set) {true: 10 yuan, else: 0 yuan}
'''
CHINESE = '''章程 cb "按真假"
  级别 镇
  采用 family_planning
  施行于 2000-01-01

福利 by_area "第一条 城乡不同标准":
  每年 于 12-31
  发放 按 rural {真: 80 元, 假: 100 元}

福利 certified "第二条 领证户":
  每年 于 12-31
  发放 按 (one_child_cert_on 已设定) {真: 10 元, 否则: 0 元}
'''


def _load(text: str, backend: str = "compiled") -> charterlib.Charter:
    return charterlib.loads(text, "cb.charter", search_path=[CHARTERS], backend=backend)


def test_a_case_on_a_bool_is_the_same_in_both_keyword_languages() -> None:
    english, chinese = _load(ENGLISH), _load(CHINESE)
    assert charter_text(chinese.ir, "en") == charter_text(english.ir, "en")
    assert "pay case rural {true: 80 yuan, false: 100 yuan}" in charter_text(english.ir, "en")
    assert "按 rural {真: 80 元, 假: 100 元}" in charter_text(english.ir, "zh")


def test_a_case_on_a_bool_is_the_same_in_every_engine(tmp_path: Path) -> None:
    register = [{"id": "R", "village": "v", "rural": True, "one_child_cert_on": "2003-01-01", "members": []},
                {"id": "U", "village": "v", "rural": False, "members": []}]
    outcomes = every_engine(_load(ENGLISH), _load(ENGLISH, "reference"), register, "2005", tmp_path)
    assert outcomes["R"]["cash"] == {"by_area": "80.00", "certified": "10.00"}
    assert outcomes["U"]["cash"] == {"by_area": "100.00"}


@pytest.mark.parametrize("arms, code", [
    ("{true: 80 yuan}", "case-not-exhaustive"),
    ("{true: 80 yuan, true: 1 yuan, false: 2 yuan}", "duplicate-label"),
    ("{true: 80 yuan, female: 2 yuan, false: 1 yuan}", "unknown-label"),
])
def test_a_case_on_a_bool_is_checked_like_a_case_on_a_label(arms: str, code: str) -> None:
    text = ENGLISH.replace("{true: 80 yuan, false: 100 yuan}", arms)
    with pytest.raises(charterlib.CheckError) as caught:
        _load(text)
    assert [d.code for d in caught.value.diagnostics if d.is_error] == [code]


def test_a_case_on_a_number_still_says_what_it_chooses_by() -> None:
    with pytest.raises(charterlib.CheckError) as caught:
        _load(ENGLISH.replace("case rural {", "case 3 {"))
    [error] = [d for d in caught.value.diagnostics if d.is_error]
    assert error.code == "type-mismatch" and "chooses by a label or a bool" in error.message
