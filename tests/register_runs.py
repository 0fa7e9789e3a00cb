"""Run a register through both engines and compare what each household ended in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

import charterlib
from charterlib import batch
from charterlib.registers import read_records, read_tables

Register = Path | tuple[Path, Path]


@attrs.frozen
class Outcome:
    """What one engine did with a register."""

    households: int
    evaluated: int
    with_errors: int
    warnings: int
    results: dict[str, Any] = attrs.field(hash=False)
    issues: tuple[charterlib.RecordIssue, ...]


def household_engine(charter: charterlib.Charter, register: Register, period: str = "2005") -> Outcome:
    """The household evaluator, one household at a time (`Charter.evaluate_register`)."""
    records = read_tables(*register, charter.ir) if isinstance(register, tuple) else read_records(register)
    items = list(charter.evaluate_register(records, period))
    summary = charterlib.RegisterSummary.of(items)
    results = {i.household: i.result.to_json() for i in items if i.result is not None}
    assert len(results) == summary.evaluated  # no household evaluated twice
    return Outcome(summary.households, summary.evaluated, summary.with_errors, summary.warnings, results,
                   summary.issues)


def batch_engine(charter: charterlib.Charter, register: Register, period: str = "2005", **options: Any) -> Outcome:
    """The set-at-a-time engine (`batch.results`)."""
    rows, summary, issues = batch.results(charter, register, period, **options)
    results = {r["household"]: r for r in rows}
    assert len(results) == len(rows) == summary.evaluated
    return Outcome(summary.households, summary.evaluated, summary.with_errors, summary.warnings, results,
                   tuple(issues))


def both(charter: charterlib.Charter, register: Register, period: str = "2005", **options: Any) -> Outcome:
    """Both engines, which must agree household by household; the household evaluator's outcome."""
    one = household_engine(charter, register, period)
    other = batch_engine(charter, register, period, **options)
    assert (one.households, one.evaluated, one.with_errors, one.warnings) == (
        other.households, other.evaluated, other.with_errors, other.warnings), (one, other)
    assert one.results == other.results
    assert one.households == one.evaluated + one.with_errors
    return one


def errors(outcome: Outcome) -> set[tuple[str, str]]:
    """The (household, path) of every error."""
    return {(i.household, i.path) for i in outcome.issues if i.severity == "error"}
