"""Household records: validation per households.md, and registers where no household is lost."""

from __future__ import annotations

import ast
import json
import re
from decimal import Decimal
from typing import Any

import pytest
from conftest import CHARTERS, ROOT, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import households

import charterlib
from charterlib.registers import parse_records, read_records

ZHAZI = charterlib.load(CHARTERS / "zhazi.charter")
FAST_CHARTERS = {
    "zhazi": ZHAZI, "yatian": charterlib.load(CHARTERS / "yatian.charter"),
    "hongshandian": charterlib.load(CHARTERS / "hongshandian.charter"),
    "simple": charterlib.load(ROOT / "bench" / "simple.charter", search_path=[CHARTERS]),
    "records_test": charterlib.load(ROOT / "tests" / "fixtures" / "records_test.charter", search_path=[CHARTERS]),
}


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
    items = list(ZHAZI.evaluate_register(read_records(path), "2005"))
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


# ------------------------------------------------------------------ the generated fast validator

ODD_TEXT = st.sampled_from(["han", "child", "female", "wife", "none", "iud", "", "2005-02-30", "2005-W01-1",
                            "20050101", "2005-01-01", "1999-12-31", " 2005-01-01", "2005-01-01T00:00", "0.5"])
ODD_VALUES = st.one_of(
    ODD_TEXT, ODD_TEXT, st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=True),
    st.lists(st.one_of(ODD_TEXT, st.none(), st.integers()), max_size=3), st.just({}), st.just([]),
)
FIELD_NAMES = ["id", "members", "village", "rural", "one_child_cert_on", "preferential_cert_on", "rurall",
               "role", "sex", "birth_date", "ethnicity", "education", "contraception", "contraception_on",
               "pregnancy_checks", "out_of_policy_birth", "admitted_on", "admission_tier", "violated_policy",
               "name", "size", "subsidy", "area", "信誉金交纳日", "信誉金缴纳日", "bonus_on"]


@st.composite
def odd_records(draw: st.DrawFn) -> Any:
    """A generated household, then a few changes that may or may not make it wrong."""
    record: Any = draw(households())
    for _ in range(draw(st.integers(0, 3))):
        members = record.get("members")
        members = members if isinstance(members, list) else []
        people = [m for m in members if isinstance(m, dict)]
        target = record if not people or draw(st.booleans()) else draw(st.sampled_from(people))
        action = draw(st.integers(0, 5))
        name = draw(st.sampled_from(FIELD_NAMES))
        if action <= 2:
            target[name] = draw(ODD_VALUES)
        elif action == 3:
            target.pop(name, None)
        elif action == 4 and people:
            members.append(dict(draw(st.sampled_from(people))))  # a member twice
        elif action == 5 and members:
            members[0] = draw(ODD_VALUES)
    return draw(st.sampled_from([record, record.get("members"), None])) if draw(st.integers(0, 30)) == 0 else record


def _typed(household: Any) -> Any:
    if household is None:
        return None
    return (household.id, household.fields, list(household.fields),
            [(p.id, p.birth, p.fields, list(p.fields)) for p in household.members])


def _same_as_general(charter: charterlib.Charter, record: Any) -> None:
    general = charter.validator()
    general.quick = lambda raw: None
    expected, expected_issues = general.household(record)
    quick = charter.validator().quick(record)
    if quick is not None:  # the fast path gives a household only when there is no issue at all
        assert expected_issues == [] and _typed(quick) == _typed(expected), record
    found, found_issues = charter.validator().household(record)
    assert _typed(found) == _typed(expected) and found_issues == expected_issues, record


ODD_LIST = ["han", "child", "female", "wife", "none", "iud", "sterilization", "", "x", "2005-02-30", "2005-W01-1",
            "20050101", "2005-01-01", "1999-12-31", " 2005-01-01", "2005-01-01T00:00", "2005-1-01", "0.5",
            None, True, False, 0, 1, 2.5, float("nan"), [], ["2005-01-01"], ["2005-01-01", "soon"], [None], {}, (),
            2 ** 63 - 1, 2 ** 63, -(2 ** 63), -(2 ** 63) - 1, Decimal("1" + "0" * 30), Decimal("0.5"),
            "9999999999999999.99", "1e3", "0000-01-01", [[[[]]]]]


@pytest.mark.parametrize("name", ["zhazi", "simple", "records_test"])
def test_the_fast_validator_agrees_on_every_odd_value_of_every_field(name: str) -> None:
    charter = FAST_CHARTERS[name]
    for field in FIELD_NAMES:
        for value in ODD_LIST:
            for where in ("household", "person"):
                record: Any = good()
                (record if where == "household" else record["members"][0])[field] = value
                _same_as_general(charter, record)
            record = good()
            record["members"][1].pop(field, None)
            _same_as_general(charter, record)


@pytest.mark.parametrize("name", ["zhazi", "yatian", "hongshandian", "simple"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=odd_records())
def test_the_fast_validator_gives_what_the_general_one_gives(name: str, record: Any) -> None:
    _same_as_general(FAST_CHARTERS[name], record)


def test_the_fast_validator_is_generated_code_without_user_names() -> None:
    from charterlib.records._fast import generate

    for charter in FAST_CHARTERS.values():
        generated = generate(charter.ir)
        assert generated is not None
        tree = ast.parse(generated[0])
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        allowed = re.compile(r"^(rt|K|MISS|NEW|PERSON|HOUSEHOLD|ID|ORDER|DATE|DATE_OF|[LG]\d+|raw|f|g|p|o|v|d|hid|pid|people|members|defaults|"
                             r"dict|list|str|bool|int|len|set|map|tuple|KeyError|TypeError)$")
        assert all(allowed.match(n) for n in names), sorted(n for n in names if not allowed.match(n))


def test_a_seen_id_sends_a_well_formed_record_to_the_general_checks() -> None:
    validator = ZHAZI.validator()
    assert validator.household(good())[0] is not None
    again, found = validator.household(good())
    assert again is None and "appears twice in the register" in found[0].message
