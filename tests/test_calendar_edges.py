"""The calendar's edges: periods and dates at 0001-01-01 and 9999-12-31 give one answer in every engine."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import charterlib
from charterlib import batch
from conftest import CHARTERS

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
    rows, summary, _ = batch.results(compiled, path, period)
    assert {r["household"]: r for r in rows} == {k: v for k, v in expected.items() if v is not None}
