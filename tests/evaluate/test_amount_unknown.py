"""A unit whose amount comes out missing is a fact about that unit: the household keeps its other
results, and the unit is reported as `amount_unknown` with the missing values named, in every engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CHARTERS
from entry_points import every_engine

import charterlib
from charterlib import batch

TEXT = '''charter ifmissing "t"
  level town
  uses family_planning
  in force 2005-01-01

define cert_rate = if one_child_cert_on <= today then 10 yuan else 5 yuan

benefit b "按证发放":
  every year on 12-31
  pay (if one_child_cert_on <= today then 10 yuan else 5 yuan)

benefit c "c":
  every year on 12-31
  pay 1 yuan

benefit d "每人":
  for each p in members
  once on 2005-06-01
  pay cert_rate

benefit e "按学历":
  for each p in members
  every year on 12-31
  pay case p.admission_tier { undergrad_first: 3 yuan, undergrad_second: 2 yuan, junior_college: 1 yuan }
'''
COMPILED = charterlib.loads(TEXT, "ifmissing.charter", search_path=[CHARTERS])
REFERENCE = charterlib.loads(TEXT, "ifmissing.charter", search_path=[CHARTERS], backend="reference")
HOUSEHOLDS = [
    {"id": "A", "village": "x", "members": [
        {"id": "A-1", "role": "wife", "sex": "female", "birth_date": "1970-01-01"}]},
    {"id": "B", "village": "x", "one_child_cert_on": "2000-01-01", "members": [
        {"id": "B-1", "role": "wife", "sex": "female", "birth_date": "1970-01-01", "admission_tier": "junior_college"},
        {"id": "B-2", "role": "child", "sex": "male", "birth_date": "1986-01-01", "admitted_on": "2004-09-01",
         "admission_tier": "undergrad_first"}]},
]


@pytest.mark.parametrize("charter", [COMPILED, REFERENCE], ids=["compiled", "reference"])
def test_the_other_results_are_kept_and_the_unit_names_what_is_missing(charter: charterlib.Charter) -> None:
    result = charter.evaluate(HOUSEHOLDS[0], "2005").to_json()
    assert result["cash"] == {"c": "1.00"} and result["total_cash"] == "1.00"
    assert result["amount_unknown"] == [
        {"benefit": "d", "member": "A-1", "day": "2005-06-01", "missing": ["cert_rate"]},
        {"benefit": "b", "member": None, "day": "2005-12-31", "missing": ["one_child_cert_on"]},
        {"benefit": "e", "member": "A-1", "day": "2005-12-31", "missing": ["p.admission_tier"]},
    ]
    assert "amount_unknown" not in charter.evaluate(HOUSEHOLDS[1], "2005").to_json()


def test_explanations_say_the_amount_is_unknown_and_what_is_missing() -> None:
    assert "not paid: due, but the amount is unknown (one_child_cert_on missing)" in \
        COMPILED.explain(HOUSEHOLDS[0], "2005").to_text()
    assert "未发放：应发，但金额无法计算（缺少 one_child_cert_on）" in COMPILED.explain(HOUSEHOLDS[0], "2005").to_text("zh")
    unit = next(u for a in COMPILED.explain(HOUSEHOLDS[0], "2005").to_json()["articles"] if a["id"] == "b"
                for u in a["units"])
    assert unit["reason"] == "amount_unknown" and unit["detail"] == "one_child_cert_on"


@pytest.mark.parametrize("period", ["2005", "2005-06", "2005-12"])
def test_every_engine_reports_the_same_units(tmp_path: Path, period: str) -> None:
    every_engine(COMPILED, REFERENCE, HOUSEHOLDS, period, tmp_path)


def test_the_batch_summary_counts_the_units_of_unknown_amount(tmp_path: Path) -> None:
    register = tmp_path / "r.json"
    register.write_text(json.dumps(HOUSEHOLDS), encoding="utf-8")
    summary = batch.run(COMPILED, register, "2005", out=tmp_path / "out.jsonl")
    assert summary.amount_unknown == {"b": 1, "d": 1, "e": 1}
    assert summary.households_with_unknown_amounts == 1
    assert summary.evaluated == 2 and summary.with_errors == 0
    assert "b: 1 unit due but of unknown amount" in summary.text()


@pytest.mark.parametrize("engine", ["household", "batch"])
def test_the_command_shows_the_units_and_exits_3(tmp_path: Path, engine: str) -> None:
    from conftest import run_cli

    charter = tmp_path / "ifmissing.charter"
    charter.write_text(TEXT, encoding="utf-8")
    register = tmp_path / "r.json"
    register.write_text(json.dumps(HOUSEHOLDS), encoding="utf-8")
    code, stdout, stderr = run_cli("--path", str(CHARTERS), "eval", str(charter), str(register), "--period", "2005",
                                   "--engine", engine)
    assert code == 3, stdout + stderr
    assert "units due but of unknown amount, for values missing from the register: 3 in 1 household (b (1), " \
           "d (1), e (1))" in stdout
    assert "amount unknown" in stdout.splitlines()[2]  # a column of the table
    code, stdout, _ = run_cli("--path", str(CHARTERS), "eval", str(charter), str(register), "--period", "2005",
                              "--engine", engine, "--lang", "zh")
    assert code == 3 and "金额无法计算" in stdout
