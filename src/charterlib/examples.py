"""Runs the example blocks a charter carries: its own executable tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Protocol

import attrs

from . import ir
from .common.errors import CharterError
from .records import Household
from .results import Result, Verdict, money_text


class Charter(Protocol):
    """What running examples needs of a charter (`charterlib.Charter` is one)."""

    @property
    def id(self) -> str:
        """The charter id."""

    @property
    def ir(self) -> ir.Charter:
        """The checked charter."""

    def household(self, record: Any) -> Household:
        """The record as a validated household."""

    def evaluate(self, household: Any, period: Any) -> Result:
        """The household's result for a period."""

    def eligibility(self, household: Any, article: str, on: dt.date | str) -> tuple[Verdict, ...]:
        """An eligibility's verdicts on a day."""


@attrs.frozen
class ExampleOutcome:
    """What came of one example: passed, or the expectations it failed."""

    charter: str
    name: str
    title: str | None
    passed: bool
    failures: tuple[str, ...]
    location: str = ""

    def to_json(self) -> dict[str, Any]:
        """The outcome as JSON-ready data."""
        return {"charter": self.charter, "example": self.name, "title": self.title, "passed": self.passed,
                "failures": list(self.failures), "location": self.location}


def run_examples(charter: Charter) -> tuple[ExampleOutcome, ...]:
    """Run the examples the charter itself declares (inherited ones run in their own charter)."""
    return tuple(_run(charter, example) for example in charter.ir.examples if example.origin == charter.id)


def _run(charter: Charter, example: ir.Example) -> ExampleOutcome:
    location = str(example.span) if example.span is not None else ""

    def outcome(failures: list[str]) -> ExampleOutcome:
        return ExampleOutcome(charter.id, example.name, example.title, not failures, tuple(failures), location)

    if example.household is None:
        return outcome(["the example has no household"])
    try:
        household = charter.household(example.household)
        failures: list[str] = []
        result = charter.evaluate(household, example.period) if example.period else None
        in_kind_expected = [e for e in example.expectations if e.kind == "in_kind"]
        for e in example.expectations:
            failures.extend(_check(charter, household, result, e))
        if result is not None and in_kind_expected:
            expected = [(e.target, e.member, e.on) for e in in_kind_expected]
            got = [(g.benefit, g.member, g.on) for g in result.in_kind]
            for extra in [g for g in got if g not in expected]:
                failures.append(f"unexpected in-kind grant {extra[0]} {_to(extra[1])} on {extra[2]}")
        return outcome(failures)
    except CharterError as exc:
        return outcome([f"error: {exc}"])


def _to(member: str | None) -> str:
    """Whom a grant goes to, in words."""
    return f"to {member}" if member is not None else "to the household"


def _check(charter: Charter, household: Any, result: Result | None, e: ir.ExampleExpectation) -> list[str]:
    if e.kind in ("eligible", "ineligible"):
        assert e.target is not None and e.on is not None
        verdicts = {v.subject: v for v in charter.eligibility(household, e.target, e.on)}
        verdict = verdicts.get(e.member or "")
        if verdict is None:
            return [f"{e.member} is not judged by {e.target} on {e.on}"]
        if e.kind == "eligible" and not verdict.eligible:
            return [f"expected {e.member} eligible for {e.target} on {e.on}, but failed: {', '.join(verdict.failed)}"]
        if e.kind == "ineligible" and verdict.failed != e.failing:
            got = ", ".join(verdict.failed) or "nothing (eligible)"
            return [f"expected {e.member} to fail {', '.join(e.failing)} for {e.target} on {e.on}, but failed: {got}"]
        return []
    assert result is not None
    if e.kind == "cash":
        cash = result.cash.get(e.target or "", Decimal(0))
        if cash != e.amount:
            return [f"expected cash {e.target} {money_text(e.amount or Decimal(0))}, got {money_text(cash)}"]
    elif e.kind == "total":
        if result.total_cash != e.amount:
            return [f"expected total {money_text(e.amount or Decimal(0))}, got {money_text(result.total_cash)}"]
    elif e.kind == "penalty":
        penalty = result.penalties.get(e.target or "", Decimal(0))
        if penalty != e.amount:
            return [f"expected penalty {e.target} {money_text(e.amount or Decimal(0))}, got {money_text(penalty)}"]
    elif e.kind == "cost":
        cost = result.costs.get(e.target or "", {}).get(e.payer or "", Decimal(0))
        if cost != e.amount:
            return [f"expected cost {e.target} {e.payer} {money_text(e.amount or Decimal(0))}, got {money_text(cost)}"]
    elif e.kind == "nothing":
        if result.cash or result.in_kind or result.penalties:
            return [f"expected nothing, got {result.to_json()}"]
    elif e.kind == "in_kind":
        if not any(g.benefit == e.target and g.member == e.member and g.on == e.on for g in result.in_kind):
            return [f"expected in-kind {e.target} {_to(e.member)} on {e.on}, not granted"]
    elif e.kind == "obligation":
        status = result.obligations.get(e.target or "")
        if status is None:
            return [f"obligation {e.target} was not judged"]
        name = e.target
        key = e.member if e.on is None else e.on.isoformat()
        if key is not None:  # an instance of an obligation with `for each`, by person or day
            name = f"{e.target} for {key}"
            instance = next((i for i in status.each() if i.key == key and status.instances is not None), None)
            if instance is None:
                return [f"obligation {name} has no instance (nothing triggered it)"]
            status = instance
        expected = {"status": e.status, **{k: d.isoformat() for k, d in e.attributes}}
        actual = status.to_json()
        actual.pop("instances", None)
        if any(actual.get(k) != v for k, v in expected.items()):
            return [f"expected obligation {name} {expected}, got {actual}"]
    return []
