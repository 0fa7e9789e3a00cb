"""The set-at-a-time back end (DuckDB): equal to the household evaluator, table registers, nothing lost."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import sqlglot
from conftest import CHARTERS, ROOT, run_cli
from entry_points import write_tables
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import households

import charterlib
from charterlib import batch
from charterlib.runtime import Period

NAMES = ["zhazi", "xinbian", "yongzhong", "zimu", "hongshandian"]
LOADED = {n: charterlib.load(CHARTERS / f"{n}.charter") for n in NAMES}
FIXTURES = ROOT / "tests" / "fixtures" / "cases"
# collections the SQL back end cannot lower to aggregates: it reads member lists instead
LOADED["unlowered"] = charterlib.load(ROOT / "tests" / "fixtures" / "unlowered.charter", search_path=[CHARTERS])


def household_results(charter: charterlib.Charter, register: list[dict[str, Any]], period: str) -> dict[str, Any]:
    out = {}
    for item in charter.evaluate_register([(str(i), r) for i, r in enumerate(register)], period):
        out[item.household] = item.result.to_json() if item.result else None
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.lists(households(), min_size=1, max_size=8), name=st.sampled_from([*NAMES, "unlowered"]),
       period=st.sampled_from(["2004", "2005", "2005-06", "2004-07-01/2006-06-30", "2006-01-01/2006-01-31"]))
def test_batch_equals_the_household_evaluator(tmp_path_factory: pytest.TempPathFactory, data: list[dict[str, Any]],
                                               name: str, period: str) -> None:
    register = [dict(h, id=f"H{i}", members=[dict(m, id=f"H{i}-{m['id']}") for m in h["members"]])
                for i, h in enumerate(data)]
    path = tmp_path_factory.mktemp("reg") / "register.json"
    path.write_text(json.dumps(register, ensure_ascii=False), encoding="utf-8")
    expected = household_results(LOADED[name], register, period)
    tables = _tables(path.parent, register)  # the same register as households and persons tables
    for source, options in ((path, {"chunk_size": 3}), (tables, {}), (tables, {"chunk_size": 2})):
        rows, summary, issues = batch.results(LOADED[name], source, period, **options)
        got = {r["household"]: r for r in rows}
        for hid, result in expected.items():
            if result is None:  # an evaluation error: reported, not in the results
                assert hid not in got
                assert any(i.household == hid for i in issues)
            else:
                assert got[hid] == result
        assert summary.evaluated + summary.with_errors == len(register)


@pytest.mark.parametrize("case", sorted(FIXTURES.glob("*.json")), ids=lambda p: p.stem)
def test_batch_reproduces_the_acceptance_cases_without_fallback(tmp_path: Path, case: Path) -> None:
    data = json.loads(case.read_text(encoding="utf-8"))
    if not data.get("expect"):
        pytest.skip("eligibility only")
    charter = charterlib.load(CHARTERS / f"{data['charter']}.charter")
    register = tmp_path / "register.json"
    register.write_text(json.dumps(data["households"], ensure_ascii=False), encoding="utf-8")
    for period in sorted({e["period"] for e in data["expect"]}):
        rows, summary, _ = batch.results(charter, register, period)
        assert summary.one_by_one == 0 and not summary.one_by_one_articles
        got = {r["household"]: r for r in rows}
        for e in data["expect"]:
            if e["period"] == period:
                assert got[e["household"]] == dict(e, obligations=e.get("obligations", {}))


def _tables(tmp_path: Path, records: list[dict[str, Any]]) -> tuple[Path, Path]:
    """The register as households.csv and persons.csv in tmp_path."""
    write_tables(tmp_path, records, "csv")
    return tmp_path / "households.csv", tmp_path / "persons.csv"


def test_csv_tables_give_the_same_results_as_json(tmp_path: Path) -> None:
    data = json.loads((FIXTURES / "zhazi.json").read_text(encoding="utf-8"))
    households, persons = _tables(tmp_path, data["households"])
    rows, _summary, issues = batch.results(LOADED["zhazi"], (households, persons), "2005")
    assert not [i for i in issues if i.severity == "error"]
    expected = {e["household"]: e for e in data["expect"] if e["period"] == "2005"}
    assert {r["household"]: r for r in rows} == expected


def test_parquet_tables_and_outputs(tmp_path: Path) -> None:
    data = json.loads((FIXTURES / "yongzhong.json").read_text(encoding="utf-8"))
    h_rows = [{k: v for k, v in r.items() if k != "members"} for r in data["households"]]
    p_rows = [{"household_id": r["id"], **m} for r in data["households"] for m in r["members"]]
    for rows in (h_rows, p_rows):
        for row in rows:
            for k, v in list(row.items()):
                if isinstance(v, str) and len(v) == 10 and v[4] == "-" and v[:4].isdigit():
                    row[k] = Period.parse(v + "/" + v).start
                if k == "pregnancy_checks":
                    row[k] = [Period.parse(d + "/" + d).start for d in v]
    for rows, name in ((h_rows, "households"), (p_rows, "persons")):
        columns = sorted({k for row in rows for k in row})  # from_pylist alone takes the first row's keys
        pq.write_table(pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows]),
                       tmp_path / f"{name}.parquet")
    for suffix in ("parquet", "csv", "jsonl"):
        out = tmp_path / f"results.{suffix}"
        summary = batch.run(LOADED["yongzhong"], tmp_path, "2005", out=out)
        assert summary.evaluated == 4 and summary.with_errors == 0
        assert out.exists()
    lines = [json.loads(line) for line in (tmp_path / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["household"]: r["total_cash"] for r in lines} == {"YZ-1": "730.00", "YZ-2": "5.00", "YZ-3": "30.00", "YZ-4": "300.00"}
    table = pq.read_table(tmp_path / "results.parquet")
    assert table.num_rows == 4 and "obligations" in table.column_names


def test_a_register_with_ten_percent_corrupted_records_loses_nothing(tmp_path: Path) -> None:
    good = json.loads((FIXTURES / "zhazi.json").read_text(encoding="utf-8"))["households"]
    lines = []
    for i in range(200):
        record = json.loads(json.dumps(good[i % len(good)]))
        record["id"] = f"N{i}"
        for m in record["members"]:
            m["id"] = f"N{i}-{m['id']}"
        if i % 10 == 3:
            record["members"][0]["birth_date"] = "2005-02-30"
        lines.append(json.dumps(record, ensure_ascii=False))
    lines[17] = '{"id": "broken", '  # not JSON at all
    path = tmp_path / "register.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    summary = batch.run(LOADED["zhazi"], path, "2005", out=tmp_path / "out.jsonl", errors=errors)
    assert summary.households == 200
    assert summary.evaluated + summary.with_errors == 200
    assert summary.with_errors == 21  # 20 bad dates, and one line that is not JSON
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 179
    reported = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert sum(1 for r in reported if r["path"] == "members[0].birth_date") == 20


def test_bad_values_in_tables_are_reported_with_their_path(tmp_path: Path) -> None:
    data = json.loads((FIXTURES / "zhazi.json").read_text(encoding="utf-8"))["households"]
    broken = json.loads(json.dumps(data))
    broken[0]["members"][2]["birth_date"] = "2005-02-30"
    broken[1]["members"][0]["sex"] = "F"
    broken[2]["rural"] = "yes"
    households, persons = _tables(tmp_path, broken)
    _rows, summary, issues = batch.results(LOADED["zhazi"], (households, persons), "2005")
    found = {(i.household, i.path) for i in issues if i.severity == "error"}
    assert ("ZZ-1", "members[2].birth_date") in found
    assert ("ZZ-2", "members[0].sex") in found
    assert ("ZZ-3", "rural") in found
    assert summary.with_errors == 3 and summary.evaluated == 4


def test_the_plan_is_sql_that_sqlglot_reads() -> None:
    plan = batch.Planner(LOADED["zhazi"].ir).plan(Period.parse("2005"))
    for statement in (*plan.statements, plan.results):
        assert sqlglot.parse_one(statement, read="duckdb") is not None


def test_an_article_sql_cannot_compute_is_named_and_evaluated_one_by_one(tmp_path: Path) -> None:
    charter = charterlib.loads('charter v "村"\n  extends hongshandian\n  in force 2005-01-01\n\n'
                               'benefit third "第五条":\n  once on 2005-06-01\n  pay 100 yuan / 3\n',
                               "v.charter", search_path=[CHARTERS])
    register = tmp_path / "r.json"
    register.write_text(json.dumps([{"id": "H", "village": "v", "members": []}]), encoding="utf-8")
    rows, summary, _ = batch.results(charter, register, "2005")
    assert [a for a, _ in summary.one_by_one_articles] == ["third"]
    assert rows[0]["cash"] == {"third": "33.33"}


def test_cli_eval_writes_results_errors_and_a_summary(tmp_path: Path) -> None:
    out, errors = tmp_path / "out.csv", tmp_path / "errors.jsonl"
    code, stdout, stderr = run_cli("eval", "charters/zhazi.charter", "charters/data/zhazi-mixed.jsonl",
                                   "--period", "2005", "--out", str(out), "--errors", str(errors))
    assert code == 1
    assert "14 households read: 8 evaluated, 6 with errors" in stdout + stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 9  # header and 8 households
    assert len(errors.read_text(encoding="utf-8").splitlines()) == 7  # 6 errors and 1 warning


def test_table_registers_fall_back_one_by_one_with_equal_results(tmp_path: Path) -> None:
    charter = charterlib.loads('charter v "村"\n  extends hongshandian\n  in force 2004-01-01\n\n'
                               'benefit third "第五条":\n  once on 2005-06-01\n  when rural\n  pay 100 yuan / 3\n',
                               "v.charter", search_path=[CHARTERS])
    data = json.loads((FIXTURES / "zhazi.json").read_text(encoding="utf-8"))["households"]
    households, persons = _tables(tmp_path, data)
    rows, summary, _ = batch.results(charter, (households, persons), "2005")
    assert summary.one_by_one == len(data) and [a for a, _ in summary.one_by_one_articles] == ["third"]
    expected = household_results(charter, data, "2005")
    assert {r["household"]: r for r in rows} == expected


def test_collections_are_lowered_to_aggregates_unless_they_cannot_be() -> None:
    for name in NAMES:
        assert not batch.Planner(LOADED[name].ir).plan(Period.parse("2005")).uses_lists, name
    plan = batch.Planner(LOADED["unlowered"].ir).plan(Period.parse("2005"))
    assert plan.uses_lists
    assert any("FROM pp AS p WHERE" in s for s in plan.statements)  # a correlated subquery


@pytest.mark.parametrize("period", ["2005", "2004-07-01/2006-06-30"])
def test_unlowered_collections_equal_the_household_evaluator(tmp_path: Path, period: str) -> None:
    register = json.loads((FIXTURES / "zhazi.json").read_text(encoding="utf-8"))["households"]
    path = tmp_path / "register.json"
    path.write_text(json.dumps(register, ensure_ascii=False), encoding="utf-8")
    expected = household_results(LOADED["unlowered"], register, period)
    for source in (path, _tables(tmp_path, register)):
        rows, summary, _ = batch.results(LOADED["unlowered"], source, period)
        assert {r["household"]: r for r in rows} == {k: v for k, v in expected.items() if v is not None}
        assert summary.one_by_one_articles == ()


@pytest.mark.parametrize("kind", ["jsonl", "csv", "parquet"])
def test_outputs_hold_the_same_results_whole_or_in_chunks(tmp_path: Path, kind: str) -> None:
    register = json.loads((FIXTURES / "zhazi.json").read_text(encoding="utf-8"))["households"]
    path = tmp_path / "register.json"
    path.write_text(json.dumps(register, ensure_ascii=False), encoding="utf-8")
    charter = LOADED["unlowered"]
    for source in (path, _tables(tmp_path, register)):
        expected = sorted(batch.results(charter, source, "2005")[0], key=lambda r: r["household"])
        for chunk_size in (None, 2):
            out = tmp_path / f"results.{kind}"
            batch.run(charter, source, "2005", out=out, chunk_size=chunk_size)
            if kind == "jsonl":
                got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
            else:
                table = (pq.read_table(out).to_pylist() if kind == "parquet" else
                         list(csv.DictReader(out.open(encoding="utf-8", newline=""))))
                got = [{k: json.loads(v) if k in ("cash", "in_kind", "penalties", "obligations") else v
                        for k, v in row.items() if k not in ("penalties_total", "amount_unknown")} for row in table]
            assert sorted(got, key=lambda r: r["household"]) == expected, (source, chunk_size)
            if chunk_size is None:  # a whole register's results come in the order of household ids
                assert [r["household"] for r in got] == sorted(r["household"] for r in got)


def test_cli_eval_names_a_register_it_cannot_read_without_a_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "missing.jsonl"
    code, stdout, stderr = run_cli("eval", "charters/zhazi.charter", str(missing), "--period", "2005",
                                   "--out", str(tmp_path / "out.jsonl"))
    assert code == 2  # a file that cannot be opened: the command cannot run as asked
    assert "Traceback" not in stdout + stderr
    assert f"{missing}: no such file" in stderr


def test_cli_eval_refuses_an_output_folder_that_does_not_exist(tmp_path: Path) -> None:
    code, stdout, stderr = run_cli("eval", "charters/zhazi.charter", "charters/data/zhazi.json", "--period", "2005",
                                   "--out", str(tmp_path / "missing" / "out.parquet"))
    assert code == 2
    assert "Traceback" not in stdout + stderr
    assert "cannot write the results there" in stderr
