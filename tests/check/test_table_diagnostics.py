"""The diagnostics of tables of amounts (`parameter NAME per KEY, KEY:`): each mistake in a table or in
the reading of one is a located diagnostic, said in the charter's keyword language."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import CHARTERS, ROOT

import charterlib

FIXTURES = ROOT / "tests" / "fixtures"
CHINESE = FIXTURES / "special_assistance.zh.charter"

HEAD = '''charter t "表"
  level town
  uses family_planning
  in force 2008-01-01

household fields:
  situation: optional enum {disability "伤残", death "死亡"}
  area: enum {urban "城镇", rural "农村"} = rural
  count_of: int = 0

'''
TABLE = '''parameter special_rate "特别扶助金标准" per situation, area:
  from 2008-01-01:
    disability, urban = 80 yuan
    disability, rural = 80 yuan
    death, urban = 100 yuan
    death, rural = 100 yuan
'''
USE = '''
benefit special "特别扶助金":
  every month on last day
  when situation is set
  pay special_rate[situation, area]
'''


def _errors(text: str) -> list[Any]:
    with pytest.raises(charterlib.CheckError) as caught:
        charterlib.loads(text, "t.charter", search_path=[CHARTERS])
    return [d for d in caught.value.diagnostics if d.severity.value == "error"]


def test_the_table_as_written_checks() -> None:
    charterlib.loads(HEAD + TABLE + USE, "t.charter", search_path=[CHARTERS])


@pytest.mark.parametrize("table, use, code, line, words", [
    (TABLE.replace("    death, urban = 100 yuan\n", ""), USE, "missing-cell", 12, "no cell `death, urban` from 2008-01-01"),
    (TABLE.replace("death, rural", "death, rurl"), USE, "unknown-table-key", 16, "did you mean `rural`?"),
    (TABLE.replace("death, rural", "death, true"), USE, "unknown-table-key", 16, "labels are urban, rural"),
    (TABLE + "    death, rural = 110 yuan\n", USE, "duplicate-cell", 17, "twice"),
    (TABLE.replace("death, rural =", "death ="), USE, "table-key-count", 16, "has 1"),
    (TABLE.replace("rural = 100 yuan", "rural = 100"), USE, "type-mismatch", 16, "must be money"),
    (TABLE.replace("per situation, area", "per situation, count_of"), USE, "type-mismatch", 11, "an integer"),
    (TABLE.replace("per situation, area", "per situation, aera"), USE, "unknown-name", 11, "did you mean `area`?"),
    (TABLE + "  from 2007-01-01:\n    death, rural = 1 yuan\n", USE, "parameter-order", 17, "earliest"),
    (TABLE, USE.replace("[situation, area]", "[area, area]"), "type-mismatch", 21, "Key 1 of table"),
    (TABLE, USE.replace("[situation, area]", "[situation]"), "table-key-count", 21, "given 1"),
    (TABLE, USE.replace("[situation, area]", "[situation, rurl]"), "unknown-label", 21, "did you mean `rural`?"),
    (TABLE, USE.replace("special_rate[situation, area]", "special_rate"), "table-needs-keys", 21,
     "`special_rate[situation, area]`"),
    (TABLE, USE.replace("special_rate[situation, area]", "area[situation]"), "not-a-table", 21, "not a table"),
    (TABLE, USE.replace("special_rate[", "special_rat["), "unknown-name", 21, "did you mean `special_rate`?"),
])
def test_a_mistake_in_a_table_is_a_located_diagnostic(table: str, use: str, code: str, line: int, words: str) -> None:
    [diagnostic] = _errors(HEAD + table + use)
    assert diagnostic.code == code and diagnostic.span is not None and diagnostic.span.line == line, diagnostic
    assert words in diagnostic.message + diagnostic.help, diagnostic


def test_a_missing_cell_is_said_in_the_charters_keyword_language() -> None:
    text = CHINESE.read_text(encoding="utf-8").replace("  真 = 60 元\n", "")
    [diagnostic] = _errors(text)
    assert diagnostic.code == "missing-cell" and "`真`" in diagnostic.message


def test_an_override_keeps_the_dimensions_of_the_table() -> None:
    village = '''charter v "村"
  level village
  extends special_assistance
  in force 2008-01-01

override parameter rural_bonus "农村户加发（村标准）" per area:
  urban = 0 yuan
  rural = 80 yuan
'''
    folder = FIXTURES
    with pytest.raises(charterlib.CheckError) as caught:
        charterlib.loads(village, "v.charter", search_path=[folder, CHARTERS])
    [diagnostic] = [d for d in caught.value.diagnostics if d.severity.value == "error"]
    assert diagnostic.code == "override-type" and "a table keyed by `rural`" in diagnostic.message
    charterlib.loads(village.replace("per area:\n  urban = 0 yuan\n  rural = 80 yuan", "per rural:\n  true = 80 yuan\n"
                                     "  false = 0 yuan"), "v.charter", search_path=[folder, CHARTERS])
