"""Numbers beyond what SQL holds (64-bit whole numbers, DECIMAL(18,2) amounts, sums of them) are one
household's matter in every engine, never the run's: the batch engine gives the household evaluator's answer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import CHARTERS
from entry_points import every_engine

import charterlib

TEXT = '''charter num "t"
  level town
  uses family_planning
  in force 2004-01-01

household fields:
  subsidy: money = 0 yuan "补助"
  size: integer = 0 "人口"

benefit b "t":
  every month on last day
  when size * size >= 0
  pay subsidy

benefit c "t":
  once on 2005-06-01
  when size > 3
  pay 1 yuan * size
'''
COMPILED = charterlib.loads(TEXT, "num.charter", search_path=[CHARTERS])
REFERENCE = charterlib.loads(TEXT, "num.charter", search_path=[CHARTERS], backend="reference")
INT64_MAX = 2**63 - 1


def _household(hid: str, subsidy: str, size: int) -> dict[str, Any]:
    return {"id": hid, "village": "v", "subsidy": subsidy, "size": size,
            "members": [{"id": f"{hid}-p", "role": "wife", "sex": "female", "birth_date": "1980-01-01"}]}


REGISTER = [
    _household("small", "10.00", 4),
    _household("int64max", "10.00", INT64_MAX),          # size * size overflows BIGINT; 1 yuan * size is no amount
    _household("sixteen", "9999999999999999.99", 4),     # 12 units of the largest amount: a sum beyond DECIMAL(18,2)
    _household("square", "1.00", 3037000500),            # size * size just past 2**63
    _household("negative", "-9999999999999999.99", -INT64_MAX - 1),
]


@pytest.mark.parametrize("period", ["2005", "2005-06"])
def test_numbers_beyond_sql_are_the_households_matter_in_every_engine(tmp_path: Path, period: str) -> None:
    outcomes = every_engine(COMPILED, REFERENCE, REGISTER, period, tmp_path)
    assert outcomes["small"]["total_cash"] == ("124.00" if period == "2005" else "14.00")
    assert isinstance(outcomes["int64max"], tuple)  # 9223372036854775807.00 yuan is more than money holds
    if period == "2005":
        assert outcomes["sixteen"]["total_cash"] == "120000000000000003.88"  # exact, not a failed run


def test_an_amount_beyond_money_is_an_evaluation_error_naming_the_article() -> None:
    with pytest.raises(charterlib.EvaluationError, match=r"article c.*larger than money holds|larger than money "
                                                         r"holds.*"):
        COMPILED.evaluate(REGISTER[1], "2005")


def test_the_summary_counts_the_households_sent_one_by_one_for_numbers_beyond_sql(tmp_path: Path) -> None:
    from charterlib import batch

    path = tmp_path / "register.json"
    path.write_text(json.dumps(REGISTER), encoding="utf-8")
    _, whole, _ = batch.results(COMPILED, path, "2005")
    assert whole.beyond_sql == whole.one_by_one == len(REGISTER)  # one chunk: all of it
    assert "5 households were evaluated one by one by the household evaluator (their part of the register " \
           "held numbers beyond what SQL holds)" in whole.text()
    assert "an article would have failed" not in whole.text() and whole.to_json()["beyond_sql"] == 5
    _, chunks, _ = batch.results(COMPILED, path, "2005", chunk_size=1)
    assert 0 < chunks.beyond_sql < whole.beyond_sql  # by chunks of one, "small" is evaluated in SQL


def test_a_bad_record_in_a_table_register_beyond_sql_is_still_that_households_error(tmp_path: Path) -> None:
    """A whole table register is checked by the plan's own pass; when its numbers then go beyond SQL, the
    households evaluated one by one are those that passed the checks, not every row of the tables
    (found by the differential test: a household with a bad person row was given a result)."""
    bad = _household("bad", "1.00", 3037000500)
    bad["members"][0]["sex"] = "F"  # not a label: the household's error in every engine
    outcomes = every_engine(COMPILED, REFERENCE, [*REGISTER, bad], "2005", tmp_path, tables=("csv", "parquet"))
    assert outcomes["bad"] == ("errors", ["members[0].sex"])
    assert outcomes["square"]["cash"]  # the good household beyond SQL is evaluated one by one
