"""Names that differ only in case (allowed: case matters in the language) are different columns in SQL,
whose identifiers ignore case: the batch engine gives the household evaluator's results."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import CHARTERS

import charterlib
from charterlib import batch

CHARTER = '''charter case "t"
  level town
  uses family_planning
  in force 2004-01-01

household fields:
  flag: bool = false "小写"
  Flag: bool = false "大写"

person fields:
  score: integer = 0 "s"
  Score: integer = 0 "S"

define children = members where role = child
define Children = members where role = wife

benefit lower "t":
  every month on last day
  when flag and count(children) = 0
  pay 1 yuan

benefit Lower "t":
  every month on last day
  when Flag and count(Children) = 1
  pay 10 yuan

benefit per "t":
  for each p in members where Score > score
  once on 2005-06-01
  pay 100 yuan
'''

REGISTER = [
    {"id": "C1", "village": "v", "flag": True, "Flag": False,
     "members": [{"id": "C1-w", "role": "wife", "sex": "female", "birth_date": "1980-01-01", "score": 1, "Score": 5}]},
    {"id": "C2", "village": "v", "flag": False, "Flag": True,
     "members": [{"id": "C2-w", "role": "wife", "sex": "female", "birth_date": "1980-01-01", "score": 5, "Score": 1}]},
]


def _tables(tmp_path: Path, kind: str) -> tuple[Path, Path]:
    h_rows = [{k: v for k, v in r.items() if k != "members"} for r in REGISTER]
    p_rows = [{"household_id": r["id"], **m} for r in REGISTER for m in r["members"]]
    paths = tmp_path / f"households.{kind}", tmp_path / f"persons.{kind}"
    for rows, path in zip((h_rows, p_rows), paths):
        if kind == "parquet":
            pq.write_table(pa.Table.from_pylist(rows), path)
        else:
            columns = list(rows[0])
            lines = [",".join(columns)] + [",".join(str(r[c]).lower() if isinstance(r[c], bool) else str(r[c])
                                                    for c in columns) for r in rows]
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paths


@pytest.mark.parametrize("kind", ["json", "csv", "parquet"])
def test_fields_articles_and_definitions_differing_in_case_stay_apart(tmp_path: Path, kind: str) -> None:
    charter = charterlib.loads(CHARTER, "case.charter", search_path=[CHARTERS])
    expected = {i.household: i.result.to_json() for i in
                charter.evaluate_register([(str(n), r) for n, r in enumerate(REGISTER)], "2005") if i.result}
    assert expected["C1"]["cash"] == {"lower": "12.00", "per": "100.00"}
    assert expected["C2"]["cash"] == {"Lower": "120.00"}
    source: Any
    if kind == "json":
        source = tmp_path / "register.json"
        source.write_text(json.dumps(REGISTER), encoding="utf-8")
    else:
        source = _tables(tmp_path, kind)
    rows, summary, issues = batch.results(charter, source, "2005")
    assert not [i for i in issues if i.severity == "error"]
    assert {r["household"]: r for r in rows} == expected
    assert summary.one_by_one == 0


def test_cash_and_penalties_keep_the_key_order_of_the_household_evaluator(tmp_path: Path) -> None:
    articles = "".join(f'benefit {name} "t":\n  every month on last day\n  pay 1 yuan\n\n'
                       for name in ("zz", "mm", "Zz", "aa", "B"))
    charter = charterlib.loads(CHARTER.split("household fields")[0] + articles, "order.charter",
                               search_path=[CHARTERS])
    register = tmp_path / "register.json"
    register.write_text(json.dumps(REGISTER), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    batch.run(charter, register, "2005", out=out)
    expected = [json.dumps(i.result.to_json(), ensure_ascii=False, separators=(",", ":")) for i in
                charter.evaluate_register([(str(n), r) for n, r in enumerate(REGISTER)], "2005") if i.result]
    assert out.read_text(encoding="utf-8").splitlines() == expected
