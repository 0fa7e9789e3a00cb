"""Household records: validation per households.md, and registers where no household is lost."""

from __future__ import annotations

import json
from typing import Any

import pytest

import charterlib
from charterlib.records import parse_records
from conftest import CHARTERS, run_cli

ZHAZI = charterlib.load(CHARTERS / "zhazi.charter")


def good() -> dict[str, Any]:
    return {"id": "G1", "village": "柞子村", "rural": True, "members": [
        {"id": "G1-w", "role": "wife", "sex": "female", "birth_date": "1979-03-02"},
        {"id": "G1-c1", "role": "child", "sex": "female", "birth_date": "1996-02-01"}]}


def issues(record: dict[str, Any]) -> list[tuple[str, str, str]]:
    _, found = ZHAZI.validator().household(record)
    return [(i.severity, i.path, i.message) for i in found]


def test_defaults_are_applied() -> None:
    household = ZHAZI.household(good())
    assert household.fields["preferential_cert_on"] is None
    wife = household.member("G1-w")
    assert wife is not None and wife.fields["ethnicity"] == "han" and wife.fields["pregnancy_checks"] == ()


@pytest.mark.parametrize(("change", "path", "message"), [
    (lambda r: r["members"][1].update(birth_date="2005-02-30"), "members[1].birth_date", "is not a date"),
    (lambda r: r["members"][0].update(sex="F"), "members[0].sex", "is not one of female, male"),
    (lambda r: r.update(rural="yes"), "rural", "is not a bool"),
    (lambda r: r.pop("members"), "members", "required field missing"),
    (lambda r: r["members"][0].pop("role"), "members[0].role", "required field missing"),
    (lambda r: r["members"][0].update(pregnancy_checks=["2005-01-01", "soon"]), "members[0].pregnancy_checks[1]", "is not a date"),
    (lambda r: r["members"][0].update(contraception_on=20050101), "members[0].contraception_on", "is not a date"),
    (lambda r: r["members"][1].update(id="G1-w"), "members[1].id", "appears twice"),
])
def test_bad_values_are_reported_with_their_path(change: Any, path: str, message: str) -> None:
    record = good()
    change(record)
    found = issues(record)
    assert any(s == "error" and p == path and message in m for s, p, m in found), found


def test_unknown_fields_are_warned_with_the_closest_name() -> None:
    record = good()
    record["rurall"] = True
    assert issues(record) == [("warning", "rurall", "unknown field, ignored (did you mean `rural`?)")]
    assert ZHAZI.household(record).id == "G1"


def test_a_record_with_errors_raises_a_record_error_listing_every_issue() -> None:
    record = good()
    record["rural"] = "yes"
    record["members"][0]["sex"] = "F"
    with pytest.raises(charterlib.RecordError) as info:
        ZHAZI.household(record)
    assert len(info.value.issues) == 2


def test_person_ids_are_unique_in_a_register() -> None:
    validator = ZHAZI.validator()
    first, _ = validator.household(good())
    second = good()
    second["id"] = "G2"
    household, found = validator.household(second)
    assert first is not None and household is None
    assert "already used in household G1" in found[0].message


def test_a_mixed_register_loses_no_household() -> None:
    path = CHARTERS / "data" / "zhazi-mixed.jsonl"
    items = list(ZHAZI.evaluate_register(charterlib.records.read_records(path), "2005"))
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(items) == len(lines) == 14
    good_items = [i for i in items if i.result is not None]
    bad_items = [i for i in items if i.result is None]
    assert len(good_items) == 8 and len(bad_items) == 6
    assert all(any(x.severity == "error" for x in i.issues) for i in bad_items)
    assert {i.household for i in bad_items} == {"ZZ-B1", "ZZ-B2", "ZZ-B3", "ZZ-B4", "ZZ-B5", "?"}


def test_cli_reports_bad_records_on_stderr_and_exits_1() -> None:
    code, out, err = run_cli("eval", "charters/zhazi.charter", "charters/data/zhazi-mixed.jsonl", "--period", "2005", "--json")
    assert code == 1
    assert len(json.loads(out)) == 8
    assert "household ZZ-B1 at members[2].birth_date" in err
    assert "line 7: household ?: not valid JSON" in err
    assert "14 households read: 8 evaluated, 6 with errors" in err


def test_registers_may_be_an_array_an_object_or_json_lines() -> None:
    array = json.dumps([good()])
    assert [r[0] for r in parse_records(array)] == ["#1"]  # type: ignore[index]
    assert [r[0] for r in parse_records(json.dumps({"households": [good()]}))] == ["#1"]  # type: ignore[index]
    lines = json.dumps(good()) + "\n\n" + json.dumps(good()) + "\n"
    assert [r[0] for r in parse_records(lines)] == ["line 1", "line 3"]  # type: ignore[index]


@pytest.mark.parametrize("day", ["2005-W01-1", "20050101", "2005-1-01", "2005-02-30", " 2005-01-01"])
def test_only_calendar_dates_written_yyyy_mm_dd_are_dates(day: str) -> None:
    record = good()
    record["members"][0]["birth_date"] = day
    assert ("error", "members[0].birth_date") in {(s, p) for s, p, _ in issues(record)}
