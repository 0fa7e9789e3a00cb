"""Members who leave (a `died_on` the charter declares): a per-member unit on a day of its own takes its
subjects on that day, so a year is the sum of its months in every engine."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CHARTERS, ROOT
from entry_points import every_engine

import charterlib

LEAVING = ROOT / "tests" / "fixtures" / "leaving.charter"
COMPILED = charterlib.load(LEAVING, [CHARTERS])
REFERENCE = charterlib.load(LEAVING, [CHARTERS], backend="reference")
REGISTER: list[dict[str, Any]] = [
    {"id": "A", "village": "x", "members": [
        {"id": "A-1", "role": "husband", "sex": "male", "birth_date": "1945-06-01", "died_on": "2005-12-01"},
        {"id": "A-2", "role": "wife", "sex": "female", "birth_date": "1970-06-01", "died_on": "2005-07-01",
         "pregnancy_checks": ["2005-02-01", "2005-03-01", "2005-04-01", "2005-08-01"]},
        {"id": "A-3", "role": "child", "sex": "female", "birth_date": "2004-06-10", "died_on": "2005-09-01"}]},
    {"id": "B", "village": "x", "members": [
        {"id": "B-1", "role": "husband", "sex": "male", "birth_date": "1945-06-01"},
        {"id": "B-2", "role": "wife", "sex": "female", "birth_date": "1970-06-01",
         "pregnancy_checks": ["2005-02-01", "2005-03-01", "2005-04-01"]},
        {"id": "B-3", "role": "child", "sex": "female", "birth_date": "2004-06-10"}]},
]


def _cash(period: str) -> dict[str, dict[str, Decimal]]:
    return {h["id"]: COMPILED.evaluate(h, period).cash for h in REGISTER}


def test_a_one_off_for_a_member_who_left_later_in_the_year_is_paid_in_the_year() -> None:
    year = _cash("2005")
    assert year["A"] == {"sixty": Decimal("10.00"), "checks": Decimal("10.00"), "unlowered": Decimal("3.00")}
    months: dict[str, dict[str, Decimal]] = {"A": {}, "B": {}}
    for month in range(1, 13):
        for hid, cash in _cash(f"2005-{month:02d}").items():
            for article, amount in cash.items():
                months[hid][article] = months[hid].get(article, Decimal(0)) + amount
    assert months == year


@pytest.mark.parametrize("period", ["2005", "2005-06", "2005-07", "2005-12", "2005-06-01/2005-07-01"])
def test_every_engine_takes_the_subjects_on_the_units_day(tmp_path: Path, period: str) -> None:
    every_engine(COMPILED, REFERENCE, REGISTER, period, tmp_path)


def test_the_explanation_of_the_year_shows_the_unit_of_the_member_who_left() -> None:
    articles = {a["id"]: a for a in COMPILED.explain(REGISTER[0], "2005").to_json()["articles"]}
    assert [(u["member"], u["day"], u["paid"]) for u in articles["sixty"]["units"]] == [("A-1", "2005-06-01", True)]
    checks = [(u["day"], u["reason"]) for u in articles["checks"]["units"]]  # 08-01: she had left
    assert checks == [("2005-02-01", "paid"), ("2005-03-01", "paid"), ("2005-04-01", "cap_reached")]
