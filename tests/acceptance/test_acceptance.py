"""The acceptance cases of ../shared/spec/cases (copied into tests/fixtures/cases): every expected
value reproduced exactly, by both back ends, through the library and through `charter eval --json`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import CHARTERS, ROOT, SPEC, run_cli

import charterlib

FIXTURES = ROOT / "tests" / "fixtures" / "cases"
CASES = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.glob("*.json"))}
EXPECTATIONS = [
    (name, i, e) for name, case in CASES.items() for i, e in enumerate(case.get("expect", []))
]


def _expected(e: dict[str, Any]) -> dict[str, Any]:
    expected = dict(e)
    expected.setdefault("obligations", {})  # charters without obligations: the cases omit the key
    return expected


@pytest.fixture(scope="module", params=["compiled", "reference"])
def charters(request: pytest.FixtureRequest) -> dict[str, charterlib.Charter]:
    return {name: charterlib.load(CHARTERS / f"{case['charter']}.charter", backend=request.param)
            for name, case in CASES.items()}


def test_the_fixtures_are_the_spec_cases() -> None:
    if not SPEC.is_dir():
        pytest.skip("../shared/spec is not beside the repository")
    for path in sorted((SPEC / "cases").glob("*.json")):
        assert json.loads(path.read_text(encoding="utf-8")) == CASES[path.stem], path.name


def test_every_case_is_covered() -> None:
    assert len(EXPECTATIONS) == 32
    assert sum(len(e["members"]) for c in CASES.values() for e in c.get("expect_eligibility", [])) == 7


@pytest.mark.parametrize(("name", "index", "expected"), EXPECTATIONS,
                         ids=[f"{n}-{e['household']}-{e['period']}" for n, _, e in EXPECTATIONS])
def test_case_result(charters: dict[str, charterlib.Charter], name: str, index: int, expected: dict[str, Any]) -> None:
    households = {h["id"]: h for h in CASES[name]["households"]}
    result = charters[name].evaluate(households[expected["household"]], expected["period"])
    assert result.to_json() == _expected(expected)


def test_case_eligibility(charters: dict[str, charterlib.Charter]) -> None:
    case = CASES["yatian"]
    [household] = case["households"]
    for e in case["expect_eligibility"]:
        verdicts = charters["yatian"].eligibility(household, e["eligibility"], e["on"])
        assert {v.subject: v.to_json() for v in verdicts} == e["members"]


@pytest.mark.parametrize("name", [n for n in CASES if CASES[n].get("expect")])
def test_cli_eval_json_reproduces_the_cases(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    register = tmp_path / "register.json"
    register.write_text(json.dumps(case["households"], ensure_ascii=False), encoding="utf-8")
    for period in sorted({e["period"] for e in case["expect"]}):
        code, out, err = run_cli("eval", f"charters/{case['charter']}.charter", str(register), "--period", period, "--json")
        assert code == 0, err
        results = {r["household"]: r for r in json.loads(out)}
        assert len(results) == len(case["households"])
        for e in case["expect"]:
            if e["period"] == period:
                assert results[e["household"]] == _expected(e)


def test_cli_eligible_json_has_the_shape_of_the_case(tmp_path: Path) -> None:
    case = CASES["yatian"]
    register = tmp_path / "register.json"
    register.write_text(json.dumps(case["households"], ensure_ascii=False), encoding="utf-8")
    [expected] = case["expect_eligibility"]
    code, out, _ = run_cli("eligible", "charters/yatian.charter", str(register), "--article",
                           expected["eligibility"], "--on", expected["on"], "--json")
    assert code == 0
    assert json.loads(out) == expected
