"""Tables of amounts keyed by several dimensions, over time (`parameter NAME per KEY, KEY:` with a block of
cells for each day the values change, read as `special_rate[situation, area]`): checked with located
diagnostics, alike in both keyword languages, evaluated alike by the compiled and reference evaluators and
the batch engine, and explained with the cell used and the day its value started."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CHARTERS, GOLDEN, ROOT, run_cli
from entry_points import every_engine

import charterlib
from charterlib import ir
from charterlib.ir.printer import charter_text
from charterlib.sql import Scope, SqlCompiler

ENGLISH = ROOT / "tests" / "fixtures" / "special_assistance.charter"
CHINESE = ROOT / "tests" / "fixtures" / "special_assistance.zh.charter"
COMPILED = charterlib.load(ENGLISH, [CHARTERS])
REFERENCE = charterlib.load(ENGLISH, [CHARTERS], backend="reference")


def _parent(hid: str, role: str, born: str, **fields: Any) -> dict[str, Any]:
    sex = "female" if role == "wife" else "male"
    return {"id": f"{hid}-{role[0]}", "role": role, "sex": sex, "birth_date": born, **fields}


REGISTER: list[dict[str, Any]] = [
    # death of the only child, in town; she is of the minority, both are over 49
    {"id": "S-1", "village": "x", "rural": False, "situation": "death", "area": "urban",
     "members": [_parent("S-1", "husband", "1958-03-01"), _parent("S-1", "wife", "1960-05-01", ethnicity="minority")]},
    # disability, in the country: he turns 49 on 2014-06-15 (paid from June), she is 49 by then
    {"id": "S-2", "village": "x", "rural": True, "situation": "disability",
     "members": [_parent("S-2", "husband", "1965-06-15"), _parent("S-2", "wife", "1964-01-20")]},
    # no case: nothing
    {"id": "S-3", "village": "x", "rural": True, "members": [_parent("S-3", "wife", "1950-01-01")]},
]
PERIODS = ["2008", "2013", "2014", "2016", "2022", "2022-06", "2022-07", "2013-12-01/2014-01-31", "2007"]


@pytest.mark.parametrize("period", PERIODS)
def test_every_engine_reads_the_table_alike(tmp_path: Path, period: str) -> None:
    summaries: list[Any] = []
    every_engine(COMPILED, REFERENCE, REGISTER, period, tmp_path, summaries=summaries)
    assert summaries and all(not s.one_by_one_articles and not s.one_by_one for s in summaries)  # all in SQL


def test_the_batch_engine_reads_the_table_in_sql() -> None:
    sql = SqlCompiler(COMPILED.ir)
    [special] = [a for a in COMPILED.ir.articles if a.id == "special"]
    assert isinstance(special, ir.Benefit) and special.amount is not None
    assert isinstance(special.amount, ir.Arith) and isinstance(special.amount.left, ir.TableRef)
    text = sql.value(special.amount.left, Scope("d"))
    assert "CASE" in text and "DATE '2022-07-01'" in text and "'rural'" in text


def test_the_amounts_are_those_of_the_table_on_each_day() -> None:
    year = {h["id"]: COMPILED.evaluate(h, "2022").cash for h in REGISTER}
    # he: 340 yuan for January to June, 500 yuan from July; she 20 yuan a month more (minority)
    assert year["S-1"] == {"special": Decimal(6 * 340 + 6 * 500 + 6 * 360 + 6 * 520)}
    # rural, disability: 270 yuan (2016's value) to June, 400 yuan from July, for each; 60 yuan a year
    assert year["S-2"] == {"special": Decimal(2 * (6 * 270 + 6 * 400)), "rural_extra": Decimal(60)}
    assert year["S-3"] == {}
    y2014 = COMPILED.evaluate(REGISTER[1], "2014").cash
    assert y2014["special"] == Decimal(12 * 150 + 7 * 150)  # he is 49 from 2014-06-15: June's unit on

    # 2008: he is 49 (100 yuan a month, death); she, born 1960, is not yet
    assert COMPILED.evaluate(REGISTER[0], "2008").cash == {"special": Decimal(12 * 100)}


@pytest.mark.parametrize("year", ["2014", "2016", "2022"])
def test_a_year_is_the_sum_of_its_months_across_a_change_of_value(year: str) -> None:
    for household in REGISTER:
        whole = COMPILED.evaluate(household, year).cash
        months: dict[str, Decimal] = {}
        for month in range(1, 13):
            for article, amount in COMPILED.evaluate(household, f"{year}-{month:02d}").cash.items():
                months[article] = months.get(article, Decimal(0)) + amount
        assert months == whole, household["id"]


def test_both_keyword_languages_give_equal_representations() -> None:
    chinese = charterlib.load(CHINESE, [CHARTERS])
    assert chinese.ir == COMPILED.ir
    assert charter_text(chinese.ir) == charter_text(COMPILED.ir)
    assert charter_text(chinese.ir, "zh") == charter_text(COMPILED.ir, "zh")
    assert "    [death, rural] from 2016-01-01: 340 元" in charter_text(COMPILED.ir, "zh")
    assert "    [真] always: 60 元" in charter_text(COMPILED.ir, "zh")


@pytest.mark.parametrize("path, lang", [(ENGLISH, "en"), (CHINESE, "zh"), (CHINESE, "en")])
def test_charter_compile_ir_prints_the_table_as_its_golden(path: Path, lang: str) -> None:
    code, out, err = run_cli("--path", "charters", "compile", "--ir", os.path.relpath(path, ROOT), "--lang", lang)
    assert code == 0, err
    golden = GOLDEN / "tables" / f"{path.name[: -len('.charter')]}.ir.{lang}.txt"
    if os.environ.get("CHARTERLIB_REGOLD"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")
    assert "pay special_rate[situation, area] + minority_supplement[parent.ethnicity]  : optional money" in out


def test_a_later_day_may_change_some_cells_only() -> None:
    table = next(p for p in COMPILED.ir.parameters if p.name == "special_rate")
    assert [d.name for d in table.dimensions] == ["situation", "area"]
    urban = table.cell(("death", "urban"))
    rural = table.cell(("death", "rural"))
    assert urban is not None and rural is not None
    assert [str(start) for start, _ in urban.values] == ["2008-01-01", "2012-01-01", "2014-01-01", "2022-07-01"]
    assert [str(start) for start, _ in rural.values] == ["2008-01-01", "2012-01-01", "2014-01-01", "2016-01-01",
                                                         "2022-07-01"]


def test_the_explanation_shows_the_cell_used_and_the_day_its_value_started() -> None:
    explanation = COMPILED.explain(REGISTER[1], "2022")
    text = explanation.to_text()
    assert "      → special_rate[disability, rural] = 270 yuan, from 2016-01-01  (" in text
    assert "      → special_rate[disability, rural] = 400 yuan, from 2022-07-01  (" in text
    assert "      → minority_supplement[han] = 0 yuan" in text
    assert "      → rural_bonus[true] = 60 yuan" in text
    zh = explanation.to_text("zh")
    assert "      → special_rate[disability, rural] = 400 元，自 2022-07-01 起  (" in zh
    assert "      → rural_bonus[真] = 60 元" in zh
    line = next(i for i, x in enumerate(ENGLISH.read_text(encoding="utf-8").splitlines(), 1)
                if "disability, rural = 400 yuan" in x)
    assert f"special_assistance.charter:{line})" in text
    units = next(a for a in explanation.to_json()["articles"] if a["id"] == "special")["units"]
    july = next(u for u in units if u["day"] == "2022-07-31")
    cell = july["cells"][0]
    assert cell.pop("source").endswith(f"special_assistance.charter:{line}")
    assert cell == {"text": "special_rate[disability, rural]", "table": "special_rate",
                    "keys": ["disability", "rural"], "value": "400 yuan", "since": "2022-07-01"}
    assert REFERENCE.explain(REGISTER[1], "2022").to_text() == text


def test_an_explanation_of_a_unit_before_the_table_shows_no_cell() -> None:
    text = COMPILED.explain(REGISTER[2], "2022").to_text()
    assert "→" not in text


def test_a_village_reads_the_table_of_the_charter_it_extends_and_a_definition_can_key_one() -> None:
    village = '''charter v "村"
  level village
  extends special_assistance
  in force 2008-01-01

define kids "子女" = members where role = child
define first_child_sex "第一个子女的性别" = first(kids).sex

parameter top_up "村加发" per first_child_sex:
  female = 10 yuan
  male = 5 yuan

benefit village_top_up "村特扶加发":
  every year on 12-31
  when situation is set and count(kids) >= 1
  pay special_rate[death, rural] + top_up[first_child_sex]
'''
    text = village.replace("first(kids)", "nth(kids, 1)")
    compiled = charterlib.loads(text, "v.charter", search_path=[ENGLISH.parent, CHARTERS])
    reference = charterlib.loads(text, "v.charter", search_path=[ENGLISH.parent, CHARTERS], backend="reference")
    household = {**REGISTER[0], "members": [*REGISTER[0]["members"],
                                             {"id": "S-1-c", "role": "child", "sex": "female",
                                              "birth_date": "1985-01-01"}]}
    for charter in (compiled, reference):
        assert charter.evaluate(household, "2022").cash["village_top_up"] == Decimal(500 + 10)
    with pytest.raises(charterlib.CheckError) as caught:
        charterlib.loads(text + "\nrepeal special_rate\n", "v.charter", search_path=[ENGLISH.parent, CHARTERS])
    assert "repeal-in-use" in {d.code for d in caught.value.diagnostics}
