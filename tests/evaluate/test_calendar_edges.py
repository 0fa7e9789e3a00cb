"""The calendar's edges: periods and dates at 0001-01-01 and 9999-12-31 give one answer in every engine."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import CHARTERS
from entry_points import every_engine

import charterlib
from charterlib import batch

SHIPPED = ["zhazi", "xinbian", "yongzhong", "zimu", "yatian"]


def _outcomes(charter: charterlib.Charter, register: list[dict[str, Any]], period: str) -> dict[str, Any]:
    items = charter.evaluate_register([(str(i), r) for i, r in enumerate(register)], period)
    return {i.household: i.result.to_json() if i.result else None for i in items}


@pytest.mark.parametrize("name", SHIPPED)
@pytest.mark.parametrize("period", ["9999", "9999-12", "9999-12-31/9999-12-31", "0001", "0001-01"])
def test_periods_at_the_ends_of_the_calendar_evaluate_alike_everywhere(tmp_path: Path, name: str, period: str) -> None:
    register = json.loads((CHARTERS / "data" / f"{name}.json").read_text(encoding="utf-8"))
    compiled = charterlib.load(CHARTERS / f"{name}.charter")
    reference = charterlib.load(CHARTERS / f"{name}.charter", backend="reference")
    expected = _outcomes(compiled, register, period)
    assert _outcomes(reference, register, period) == expected
    for household in register:  # explanations reach every unit, paid or not
        compiled.explain(household, period).to_text("zh")
    path = tmp_path / "register.json"
    path.write_text(json.dumps(register, ensure_ascii=False), encoding="utf-8")
    rows, _summary, _ = batch.results(compiled, path, period)
    assert {r["household"]: r for r in rows} == {k: v for k, v in expected.items() if v is not None}


HEADER = 'charter edge "t"\n  level town\n  uses family_planning\n  in force 0001-01-01\n\n'
EDGE_CHARTERS = {
    "deadline": HEADER + ("obligation o \"t\":\n  triggered on one_child_cert_on\n  within 1 month\n"
                          "  fulfilled on contract_signed_on\n  on breach:\n    penalty 50 yuan within 30 days\n"),
    "contract": HEADER + ("obligation o \"t\":\n  contract signed on contract_signed_on\n"
                          "  triggered on one_child_cert_on\n  within 6 months\n  fulfilled on preferential_cert_on\n"),
    "birthday": HEADER + ("define children \"c\" = members where role = child\n"
                          "define d = birthday(nth(children, 1), 9999)\n\n"
                          "benefit b \"t\":\n  every month on last day\n  when d > today\n  pay 10 yuan\n"),
    "months": HEADER + ("define d = one_child_cert_on + 99999 months\n\n"
                        "benefit b \"t\":\n  every month on last day\n  when d > today or d is missing\n  pay 10 yuan\n"),
    "minus": HEADER + ("define d = one_child_cert_on - 1 day\n\n"
                       "benefit b \"t\":\n  every month on last day\n  when d < today or d is missing\n  pay 1 yuan\n"),
    "per member": HEADER + ("benefit sixty \"t\":\n  for each p in members\n  once on birthday(p, 60)\n"
                            "  pay 10 yuan\n\n"
                            "benefit age \"t\":\n  for each p in members where age of it on today >= 0\n"
                            "  every year on 12-31\n  pay 1 yuan\n"),
}
EDGE_REGISTER = [
    {"id": "D1", "village": "v", "one_child_cert_on": "9999-12-15", "contract_signed_on": "9999-12-01",
     "preferential_cert_on": "9999-12-31", "members": [
         {"id": "D1-w", "role": "wife", "sex": "female", "birth_date": "0001-01-01"},
         {"id": "D1-c", "role": "child", "sex": "male", "birth_date": "9999-12-01"}]},
    {"id": "D2", "village": "v", "one_child_cert_on": "0001-01-01", "contract_signed_on": "0001-01-01", "members": [
        {"id": "D2-w", "role": "wife", "sex": "female", "birth_date": "0001-01-01"},
        {"id": "D2-c", "role": "child", "sex": "male", "birth_date": "0001-01-01"}]},
    {"id": "D3", "village": "v", "one_child_cert_on": "9999-12-31", "contract_signed_on": "9999-12-31", "members": [
        {"id": "D3-w", "role": "wife", "sex": "female", "birth_date": "9940-02-29"},
        {"id": "D3-c", "role": "child", "sex": "male", "birth_date": "9999-12-31"}]},
    {"id": "D4", "village": "v", "one_child_cert_on": "2005-03-01", "contract_signed_on": "2005-01-01", "members": [
        {"id": "D4-w", "role": "wife", "sex": "female", "birth_date": "1945-06-30"},
        {"id": "D4-c", "role": "child", "sex": "male", "birth_date": "2005-01-01"}]},
]


@pytest.mark.parametrize("name", sorted(EDGE_CHARTERS))
@pytest.mark.parametrize("period", ["2005", "9999", "9999-12", "0001", "0001-01-01/0001-01-31"])
def test_days_computed_outside_the_calendar_are_missing_in_every_engine(tmp_path: Path, name: str,
                                                                         period: str) -> None:
    compiled = charterlib.loads(EDGE_CHARTERS[name], "edge.charter", search_path=[CHARTERS])
    reference = charterlib.loads(EDGE_CHARTERS[name], "edge.charter", search_path=[CHARTERS], backend="reference")
    outcomes = every_engine(compiled, reference, EDGE_REGISTER, period, tmp_path)
    assert not [k for k, v in outcomes.items() if isinstance(v, tuple)], outcomes  # nothing fails


def test_a_deadline_past_the_calendar_is_pending_with_no_due_day() -> None:
    charter = charterlib.loads(EDGE_CHARTERS["deadline"], "edge.charter", search_path=[CHARTERS])
    household = dict(EDGE_REGISTER[2], contract_signed_on=None)
    assert charter.evaluate(household, "9999").to_json()["obligations"] == {"o": {"status": "pending", "due": None}}
    text = charter.explain(household, "9999").to_text()
    assert "due after the calendar's last day (9999-12-31)" in text


def test_a_birth_on_the_first_day_of_the_calendar_is_a_birth_date() -> None:
    zhazi = charterlib.load(CHARTERS / "zhazi.charter")
    household = json.loads((CHARTERS / "data" / "zhazi.json").read_text(encoding="utf-8"))[0]
    household["members"][-1]["birth_date"] = "0001-01-01"
    zhazi.evaluate(household, "2005")  # the child is 2004 years old, not without a birth date
    zhazi.explain(household, "2005").to_text("zh")


LEAP = HEADER + ("define kids \"c\" = members where role = child\n\n"
                 "benefit leap \"t\":\n  every year on 02-28, 02-29, 12-31\n  when unit end >= unit start\n  pay 10 yuan\n\n"
                 "benefit minor \"t\":\n  every year on 06-30\n  when age of nth(kids, 1) on unit end < 18\n  pay 1 yuan\n")
NO_CHILD = [{"id": "N", "village": "v", "members": [
    {"id": "N-1", "role": "wife", "sex": "female", "birth_date": "1970-01-01"}]}]


@pytest.mark.parametrize("period", ["2005", "2004", "9999"])
def test_days_of_a_year_that_fall_on_one_day_make_one_unit(tmp_path: Path, period: str) -> None:
    # 02-29 is 02-28 in a common year: once, not twice (twice paid it twice, the first unit ending the day
    # before it started)
    compiled = charterlib.loads(LEAP, "edge.charter", search_path=[CHARTERS])
    reference = charterlib.loads(LEAP, "edge.charter", search_path=[CHARTERS], backend="reference")
    outcomes = every_engine(compiled, reference, NO_CHILD, period, tmp_path)
    assert outcomes["N"]["cash"].get("leap") == ("30.00" if period == "2004" else "20.00")


def test_the_age_of_no_one_is_missing_in_every_engine(tmp_path: Path) -> None:
    # SQL once gave -1 (so `< 18` held and the batch engine paid a household without children)
    compiled = charterlib.loads(LEAP, "edge.charter", search_path=[CHARTERS])
    reference = charterlib.loads(LEAP, "edge.charter", search_path=[CHARTERS], backend="reference")
    outcomes = every_engine(compiled, reference, NO_CHILD, "2005", tmp_path)
    assert "minor" not in outcomes["N"]["cash"]
