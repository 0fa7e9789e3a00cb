"""Households the SQL plan sends to the household evaluator: each is written once, counted once,
whatever the output and however the register is read."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from conftest import CHARTERS

import charterlib
from charterlib import batch

HEADER = 'charter t "t"\n  level town\n  uses family_planning\n  in force 2005-01-01\n\n'
# `the(children)` fails in SQL for a household with two children: every unit of A is flagged
ONE_ARTICLE = HEADER + ("define children = members where role = child\n\n"
                        "benefit allowance \"补助\":\n  every month on last day\n"
                        "  when count(children) != 1 or age of the(children) < 18\n  pay 1 yuan\n")
# a missing amount on every unit of A; B is paid
MISSING_AMOUNT = HEADER + ("benefit monthly \"月补\":\n  every month on last day\n"
                           "  pay (if one_child_cert_on <= today then 10 yuan else 5 yuan)\n")
REGISTER = [
    {"id": "A", "village": "x", "members": [
        {"id": "A-1", "role": "child", "sex": "male", "birth_date": "2000-01-01"},
        {"id": "A-2", "role": "child", "sex": "male", "birth_date": "2001-01-01"}]},
    {"id": "B", "village": "x", "one_child_cert_on": "2000-01-01", "members": [
        {"id": "B-1", "role": "wife", "sex": "female", "birth_date": "1970-01-01"}]},
]


def _charter(text: str) -> charterlib.Charter:
    return charterlib.loads(text, "t.charter", search_path=[CHARTERS])


def _expected(charter: charterlib.Charter) -> dict[str, Any]:
    items = charter.evaluate_register([(str(i), r) for i, r in enumerate(REGISTER)], "2005")
    return {i.household: i.result.to_json() if i.result else None for i in items}


def _sources(tmp_path: Path) -> list[Any]:
    path = tmp_path / "register.json"
    path.write_text(json.dumps(REGISTER), encoding="utf-8")
    households, persons = tmp_path / "households.csv", tmp_path / "persons.csv"
    households.write_text("id,village,one_child_cert_on\nA,x,\nB,x,2000-01-01\n", encoding="utf-8")
    persons.write_text("household_id,id,role,sex,birth_date\nA,A-1,child,male,2000-01-01\n"
                       "A,A-2,child,male,2001-01-01\nB,B-1,wife,female,1970-01-01\n", encoding="utf-8")
    return [path, (households, persons)]


def _read(out: Path) -> list[dict[str, Any]]:
    if out.suffix == ".parquet":
        rows = pq.read_table(out).to_pylist()
    else:
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    parsed = [{k: json.loads(v) if k in ("cash", "in_kind", "penalties", "obligations", "amount_unknown")
               and isinstance(v, str) else v for k, v in r.items() if k != "penalties_total"} for r in rows]
    return [{k: v for k, v in r.items() if k != "amount_unknown" or v} for r in parsed]


@pytest.mark.parametrize("text", [ONE_ARTICLE, MISSING_AMOUNT], ids=["the", "amount"])
@pytest.mark.parametrize("out", [None, "results.jsonl", "results.parquet"])
@pytest.mark.parametrize("chunk_size", [None, 1])
def test_a_household_sent_one_by_one_is_written_once(tmp_path: Path, text: str, out: str | None,
                                                     chunk_size: int | None) -> None:
    charter = _charter(text)
    expected = _expected(charter)
    for source in _sources(tmp_path):
        if out is None:
            rows, summary, _issues = batch.results(charter, source, "2005", chunk_size=chunk_size)
        else:
            summary = batch.run(charter, source, "2005", out=tmp_path / out, chunk_size=chunk_size)
            rows = _read(tmp_path / out)
        got: dict[str, Any] = {}
        for row in rows:
            assert row["household"] not in got, f"{row['household']} written twice from {source}"
            got[row["household"]] = row
        assert got == {k: v for k, v in expected.items() if v is not None}
        assert summary.households == 2
        assert summary.evaluated == sum(1 for v in expected.values() if v is not None)
        assert summary.with_errors == sum(1 for v in expected.values() if v is None)
        paid = [Decimal(a) for v in expected.values() if v is not None for a in v["cash"].values()]
        assert summary.total_cash == sum(paid, Decimal("0.00"))
