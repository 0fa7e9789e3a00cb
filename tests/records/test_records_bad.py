"""Bad JSON records, each that record's error and never the run's, the same in both engines:
numbers out of range, JSON that cannot be read, misspelt fields, ids used twice."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import CHARTERS, ROOT, run_cli
from register_runs import both, errors

import charterlib
from charterlib.registers import parse_records, read_records

RT = charterlib.load(ROOT / "tests" / "fixtures" / "records_test.charter", search_path=[CHARTERS])
ZHAZI = charterlib.load(CHARTERS / "zhazi.charter")


def household(hid: str, **fields: Any) -> dict[str, Any]:
    return {"id": hid, "village": "v", "rural": True, **fields,
            "members": [{"id": f"{hid}-w", "role": "wife", "sex": "female", "birth_date": "1980-01-01"}]}


def write_jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n"
                            for r in records), encoding="utf-8")
    return path


# ------------------------------------------------------------------ a field misspelt

def test_a_field_misspelling_one_the_charter_reads_is_an_error_naming_both(tmp_path: Path) -> None:
    register = write_jsonl(tmp_path / "r.jsonl", [
        household("A", 信誉金缴纳日="2005-01-01"),  # the charter reads 信誉金交纳日: 450.00 would vanish
        household("B", 信誉金交纳日="2005-01-01"),
    ])
    outcome = both(RT, register)
    assert outcome.with_errors == 1 and set(outcome.results) == {"B"}
    assert outcome.results["B"]["cash"] == {"deposit": "450.00"}
    [issue] = [i for i in outcome.issues if i.household == "A"]
    assert issue.severity == "error" and issue.path == "信誉金缴纳日"
    assert "the charter's field `信誉金交纳日` is missing" in issue.message


def test_a_person_field_misspelt_is_an_error_at_its_path(tmp_path: Path) -> None:
    record = household("A")
    record["members"][0]["bonus_onn"] = "2005-01-01"
    outcome = both(RT, write_jsonl(tmp_path / "r.jsonl", [record]))
    assert errors(outcome) == {("A", "members[0].bonus_onn")}


def test_unknown_fields_that_are_no_misspelling_of_a_field_read_stay_counted_warnings(tmp_path: Path) -> None:
    register = write_jsonl(tmp_path / "r.jsonl", [
        household("A", unread_notee="2005-01-01"),  # close to a field the charter declares but never reads
        household("B", 信誉金交纳日="2005-01-01", 信誉金缴纳日="2005-01-01"),  # the field read is there too
        household("C", remark="x"),
    ])
    outcome = both(RT, register)
    assert outcome.with_errors == 0 and outcome.evaluated == 3 and outcome.warnings == 3
    assert {i.severity for i in outcome.issues} == {"warning"}


def test_a_required_field_misspelt_is_one_error_naming_both(tmp_path: Path) -> None:
    record = household("A")
    record["vilage"] = record.pop("village")
    outcome = both(ZHAZI, write_jsonl(tmp_path / "r.jsonl", [record]))
    [issue] = outcome.issues
    assert issue.path == "vilage" and "`village`" in issue.message


def test_the_cli_names_both_fields_and_exits_1(tmp_path: Path) -> None:
    register = write_jsonl(tmp_path / "r.jsonl", [household("A", 信誉金缴纳日="2005-01-01")])
    code, _, err = run_cli("--path", str(CHARTERS), "eval", "tests/fixtures/records_test.charter", str(register),
                           "--period", "2005")
    assert code == 1
    assert "信誉金缴纳日" in err and "信誉金交纳日" in err


# ------------------------------------------------------------------ value ranges

@pytest.mark.parametrize(("field", "value", "good"), [
    ("size", 2 ** 63 - 1, True), ("size", -(2 ** 63), True), ("size", 2 ** 63, False), ("size", -(2 ** 63) - 1, False),
    ("size", "1" + "0" * 25, False),  # huge_int.json
    ("size", "9" * 5000, False),  # more digits than Python converts: bigint_json.jsonl
    ("subsidy", "9999999999999999.99", True), ("subsidy", "10000000000000000.00", False),
    ("subsidy", "1000000000000000000000000000000.00", False),  # huge_money.json: a traceback before
    ("subsidy", "1e400", False), ("subsidy", 1e300, False), ("subsidy", "12.345", False), ("subsidy", "12.340", True),
    ("subsidy", "1_000", False), ("subsidy", " 10", False), ("subsidy", "NaN", False),
    ("area", "9" * 28 + ".5", True), ("area", "1" + "0" * 28, False),
    ("area", "1" + "0" * 40, False),  # huge_dec.json: rounded silently before
    ("area", "0.0000000001", True), ("area", "0.00000000001", False),
])
def test_numbers_outside_the_ranges_of_every_engine_are_errors_at_their_path(
        tmp_path: Path, field: str, value: Any, good: bool) -> None:
    raw = json.dumps(household("A"))[:-1] + f', "{field}": {value if not isinstance(value, str) or field == "size" else json.dumps(value)}}}'
    records = list(parse_records(raw))
    assert len(records) == 1 and not isinstance(records[0], Exception)
    validator = RT.validator()
    checked, found = validator.household(records[0][1], "line 1")
    assert (checked is not None) == good, found
    if not good:
        assert [(i.path, i.severity) for i in found] == [(field, "error")]
        assert len(str(found[0])) < 300  # a huge value is shown cut short


def test_a_register_of_huge_numbers_is_read_by_both_engines(tmp_path: Path) -> None:
    register = tmp_path / "r.jsonl"
    register.write_text("\n".join([
        json.dumps(household("ok", subsidy="10.00", size=4, area="1.5")),
        json.dumps(household("int"))[:-1] + ', "size": ' + "9" * 5000 + "}",
        json.dumps(household("money", subsidy="1" + "0" * 30 + ".00")),
        json.dumps(household("dec"))[:-1] + ', "area": 1' + "0" * 40 + "}",
        json.dumps(household("exp"))[:-1] + ', "area": 1e999999}',
    ]) + "\n", encoding="utf-8")
    outcome = both(RT, register)
    assert set(outcome.results) == {"ok"}
    assert errors(outcome) == {("int", "size"), ("money", "subsidy"), ("dec", "area"), ("exp", "area")}


# ------------------------------------------------------------------ JSON that cannot be read

def deep(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("kind", ["array", "object", "lines"])
def test_a_record_nested_too_deeply_is_that_records_error(tmp_path: Path, kind: str) -> None:
    good = [json.dumps(household(h)) for h in ("A", "B")]
    bad = '{"id": "X", "village": ' + deep(100_000) + "}"
    if kind == "lines":
        text = "\n".join([good[0], bad, good[1]]) + "\n"
    else:
        array = "[" + ", ".join([good[0], bad, good[1]]) + "]"
        text = array if kind == "array" else '{"households": ' + array + "}"
    path = tmp_path / "r.json"
    path.write_text(text, encoding="utf-8")
    outcome = both(ZHAZI, path)
    assert (outcome.households, outcome.evaluated, outcome.with_errors) == (3, 2, 1)
    [issue] = outcome.issues
    assert "nested too deeply" in issue.message and issue.position == ("line 2" if kind == "lines" else "#2")


def test_a_bad_element_of_an_array_loses_only_itself() -> None:
    text = "[" + json.dumps(household("A")) + ', {"id": "B", oops}, ' + json.dumps(household("C")) + "]"
    items = list(parse_records(text))
    assert [i[0] if isinstance(i, tuple) else f"error {i.position}" for i in items] == [  # type: ignore[attr-defined]
        "#1", "error #2", "#3"]
    cut = text[:-40]  # a file cut short: what comes before the cut is read
    assert isinstance(next(iter(parse_records(cut))), tuple)


def test_a_json_lines_line_that_is_not_utf8_loses_only_itself(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes(json.dumps(household("A")).encode() + b"\n" + b'{"id": "B", "village": "\xff\xfe"}\n'
                     + json.dumps(household("C"), ensure_ascii=False).encode() + b"\n")
    outcome = both(ZHAZI, path)
    assert set(outcome.results) == {"A", "C"} and outcome.with_errors == 1
    assert outcome.issues[0].position == "line 2" and "not UTF-8" in outcome.issues[0].message


@pytest.mark.parametrize("text", [
    json.dumps(household("X")),  # oneline.jsonl
    json.dumps(household("X")) + "\n",
    json.dumps(household("X"), indent=2),  # one household, pretty-printed
])
def test_a_register_of_one_household_is_a_register(tmp_path: Path, text: str) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(text, encoding="utf-8")
    outcome = both(ZHAZI, path)
    assert set(outcome.results) == {"X"} and outcome.with_errors == 0


# ------------------------------------------------------------------ ids used twice

def test_every_duplicate_household_id_is_reported_even_after_a_rejected_record(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "r.jsonl", [household("X", rural="yes"), household("X"), household("X")])
    outcome = both(ZHAZI, path)  # dup_after_bad.jsonl: the second was evaluated under X before
    assert outcome.evaluated == 0 and outcome.with_errors == 3
    assert [i.path for i in outcome.issues] == ["rural", "id", "id"]
    assert "first at line 1" in outcome.issues[1].message


def test_a_person_id_of_a_rejected_household_is_still_taken(tmp_path: Path) -> None:
    first = household("A", rural="yes")
    second = household("B")
    second["members"][0]["id"] = "A-w"
    outcome = both(ZHAZI, write_jsonl(tmp_path / "r.jsonl", [first, second]))
    assert outcome.evaluated == 0 and ("B", "members[0].id") in errors(outcome)


def test_the_cli_reports_a_register_cut_short_record_by_record(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text("[" + json.dumps(household("A")) + ", " + json.dumps(household("B"))[:30], encoding="utf-8")
    code, out, err = run_cli("eval", "charters/zhazi.charter", str(path), "--period", "2005", "--json")
    assert code == 1 and "Traceback" not in err
    assert [r["household"] for r in json.loads(out)] == ["A"]
    assert "#2" in err


def test_read_records_gives_every_record_of_the_repros_kinds(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(household("A")).encode() + b"\n\n" + b"[1, 2\n")
    items = list(read_records(path))
    assert isinstance(items[0], tuple) and items[0][0] == "line 1"
    assert isinstance(items[1], charterlib.RecordError) and items[1].position == "line 3"  # type: ignore[attr-defined]
