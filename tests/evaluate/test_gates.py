"""The gates of a unit of a benefit: the engine judges exactly `ir.BENEFIT_GATES`, in order, by name, and
each gate is reached — for each, a charter and a household whose unit that gate decides."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import CHARTERS

import charterlib
from charterlib import ir
from charterlib.evaluate import GATES


def test_the_engine_judges_the_gates_of_the_ir_in_order_each_by_the_function_of_its_name() -> None:
    assert [g.name for g in GATES] == [g.name for g in ir.BENEFIT_GATES]
    assert [g.test.__name__ for g in GATES] == [g.name for g in ir.BENEFIT_GATES]


def household(**fields: Any) -> dict[str, Any]:
    members = [{"id": "w", "role": "wife", "sex": "female", "birth_date": "1975-01-01"},
               {"id": "h", "role": "husband", "sex": "male", "birth_date": "1973-01-01"},
               *fields.pop("members", [])]
    return {"id": "H", "village": "测试村", "rural": True, **fields, "members": members}


BREACHED = {"contract_signed_on": "2004-08-01", "members": [
    {"id": "c1", "role": "child", "sex": "female", "birth_date": "2000-01-01"},
    {"id": "c2", "role": "child", "sex": "female", "birth_date": "2005-01-31"}]}
"""A second child on 31 January 2005 and no long-term method within 6 months: breached from 1 August."""

SUSPENDING = ('obligation o "第六条":\n  triggered on nth(children, 2).birth_date\n  within 6 months\n'
              "  fulfilled on earliest((spouses where contraception in {sterilization, iud}).contraception_on)\n"
              "  on breach:\n    suspend b until fulfilled\n")
"""An obligation that suspends the benefit `b` while it is breached."""

WHEN_RURAL = "once on 2005-12-31\n  when rural\n"

CASES: dict[str, tuple[str, dict[str, Any], str]] = {
    # the gate: (the benefit b, the household, the period), the unit of b on the period's last day failing
    # that gate, every gate before it passed
    "not_in_force": ("once on 2004-12-31\n  pay 1 yuan\n", household(), "2004"),
    "vetoed": ("once on 2005-12-31\n  pay 1 yuan\n",
               household(members=[{"id": "c", "role": "child", "sex": "male", "birth_date": "2005-04-10",
                                   "out_of_policy_birth": True}]), "2005"),
    "no_contract": ("once on 2005-12-31\n  contract signed on contract_signed_on\n  pay 1 yuan\n",
                    household(), "2005"),
    "condition_false": (WHEN_RURAL + "  pay 1 yuan\n", household(rural=False), "2005"),
    "exception": (WHEN_RURAL + "  unless rural\n  pay 1 yuan\n", household(), "2005"),
    "suspended": (WHEN_RURAL + "  pay 1 yuan\n\n" + SUSPENDING, household(**BREACHED), "2005"),
    "amount_unknown": (WHEN_RURAL + "  pay (if one_child_cert_on <= today then 10 yuan else 5 yuan)\n",
                       household(), "2005"),
}


def village(text: str, backend: str) -> charterlib.Charter:
    header = 'charter v "测试村"\n  extends hongshandian\n  in force 2005-01-01\n\n'
    return charterlib.loads(header + 'benefit b "第五条":\n  ' + text, "v.charter", search_path=[CHARTERS],
                            backend=backend)


def test_every_gate_has_its_case() -> None:
    assert list(CASES) == [g.name for g in ir.BENEFIT_GATES]


@pytest.mark.parametrize("backend", ["compiled", "reference"])
@pytest.mark.parametrize("gate", list(CASES))
def test_each_gate_decides_a_unit_and_is_its_reason(gate: str, backend: str) -> None:
    text, record, period = CASES[gate]
    charter = village(text, backend)
    explained = charter.evaluate(record, period, explain=True)
    [unit] = [u for u in explained.units if u.benefit == "b"]
    assert (unit.paid, unit.reason) == (False, gate)
    assert "b" not in explained.cash and "b" not in charter.evaluate(record, period).cash  # fast path too
    explanation = charter.explain(record, period, "b")
    [article] = explanation.to_json()["articles"]
    assert [u["reason"] for u in article["units"]] == [gate]
    assert f"{unit.day}: not paid: " in explanation.to_text()


@pytest.mark.parametrize("backend", ["compiled", "reference"])
def test_a_unit_that_passes_every_gate_is_paid(backend: str) -> None:
    charter = village("once on 2005-12-31\n  contract signed on contract_signed_on\n  when rural\n"
                      "  unless not rural\n  pay 1 yuan\n", backend)
    record = household(contract_signed_on="2005-01-01")
    [unit] = [u for u in charter.evaluate(record, "2005", explain=True).units if u.benefit == "b"]
    assert (unit.paid, unit.reason, str(unit.amount)) == (True, "paid", "1.00")
    assert str(charter.evaluate(record, "2005").cash["b"]) == "1.00"
