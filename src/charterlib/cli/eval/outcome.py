"""What an engine did with a register (`Outcome`), by the household evaluator or the set-at-a-time engine."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from typing import Any

import attrs

from ...charter import Charter, RegisterSummary
from ...common.errors import ArgumentError, CharterError
from ...records import RecordIssue
from ...results import add_costs, costs_of
from ...results.files import ResultWriter, write_issues
from ...results.schema import output_columns, result_row
from ...runtime import Period
from .._common import Refused, register_records, say

ZERO = Decimal("0.00")


@attrs.frozen
class Outcome:
    """What an engine did with a register: counts, totals, issues, and the results when they are shown."""

    households: int
    evaluated: int
    with_errors: int
    cash: dict[str, Decimal]
    penalties: dict[str, Decimal]
    issues: list[RecordIssue]
    rows: list[dict[str, Any]] | None
    """The results in the format of households.md, in the order of household ids (None: written to --out)."""
    notes: list[str] = attrs.field(factory=list)
    extra: dict[str, Any] = attrs.field(factory=dict)
    unknown: dict[str, int] = attrs.field(factory=dict)
    """Per benefit, the units due whose amount could not be computed."""
    households_with_unknown: int = 0
    costs: dict[str, dict[str, Decimal]] = attrs.field(factory=dict)
    """Per benefit that says who bears its cost, what each payer bears of it (in the order of `ir.PAYERS`)."""

    @property
    def warnings(self) -> int:
        """How many issues are warnings."""
        return sum(1 for i in self.issues if i.severity == "warning")


def household_outcome(args: argparse.Namespace, charter: Charter, period: Period,
                      register: str | tuple[str, str], progress: bool) -> Outcome:
    """Evaluate a register one household at a time."""
    bar = _bar(progress)
    items = []
    try:
        for item in charter.evaluate_register(register_records(args, charter, register), period):
            items.append(item)
            bar.update(1)
    finally:
        bar.close()
    results = sorted((i.result for i in items if i.result is not None), key=lambda r: r.household)
    issues = list(RegisterSummary.of(items).issues)  # an issue of a whole table once, not once per household
    cash: dict[str, Decimal] = {}
    penalties: dict[str, Decimal] = {}
    costs: dict[str, dict[str, Decimal]] = {}
    for r in results:
        for article, amount in r.cash.items():
            cash[article] = cash.get(article, ZERO) + amount
        for article, amount in r.penalties.items():
            penalties[article] = penalties.get(article, ZERO) + amount
        for article, payers in r.costs.items():
            add_costs(costs, article, payers.items())
    rows: list[dict[str, Any]] | None = [r.to_json() for r in results]
    if args.out is not None:  # the bytes the batch engine writes for the same register
        writer = ResultWriter(args.out, output_columns(charter.ir.costed))
        try:
            writer.write_rows(result_row(r) for r in results)
        finally:
            writer.close()
        rows = None
    if args.errors is not None:
        write_issues(args.errors, issues)
    unknown: dict[str, int] = {}
    for r in results:
        for unit in r.amount_unknown:
            unknown[unit.benefit] = unknown.get(unit.benefit, 0) + 1
    return Outcome(len(items), len(results), sum(1 for i in items if i.result is None), cash, penalties, issues, rows,
                   unknown=unknown, households_with_unknown=sum(1 for r in results if r.amount_unknown),
                   costs=costs_of(costs))


def batch_outcome(args: argparse.Namespace, charter: Charter, period: Period,
                  register: str | tuple[str, str], progress: bool) -> Outcome:
    """Evaluate a register set-at-a-time (DuckDB)."""
    # charterlib.batch needs duckdb and pyarrow, of the `batch` extra, which may be missing: imported only here,
    # once the command has found them installed (eval.command chooses this engine only then)
    from ...batch import BatchRunner, results
    from ...engines import engine

    failures = engine("duckdb").failures

    options: dict[str, Any] = {"chunk_size": args.chunk_size}
    if args.memory_limit is not None:
        options["memory_limit"] = args.memory_limit
    try:
        if args.out is not None:
            runner = BatchRunner(charter, **options)
            try:
                summary = runner.run(register, period, out=args.out, errors=args.errors, progress=progress)
            finally:
                runner.close()
            issues, rows = runner.issues, None
        else:
            found, summary, issues = results(charter, register, period, progress=progress, **options)
            rows = sorted(found, key=lambda r: str(r["household"]))
            if args.errors is not None:
                write_issues(args.errors, issues)
    except ArgumentError as exc:
        raise Refused(str(exc)) from None
    except failures.memory as exc:
        raise CharterError(f"the set-at-a-time engine ran out of memory ({exc}): give a larger --memory-limit "
                           f"or a smaller --chunk-size") from None
    except failures.error as exc:
        raise CharterError(f"the set-at-a-time engine failed: {exc}") from None
    notes = []
    if summary.one_by_one:
        notes.append(say(args, "one_by_one", n=summary.one_by_one))
    for article, reason in summary.one_by_one_articles:
        notes.append(say(args, "unvectorized_all", r=reason) if article == "*" else
                     say(args, "unvectorized", a=article, r=reason))
    extra = {"one_by_one": summary.one_by_one,
             "unvectorized_articles": [{"article": a, "reason": r} for a, r in summary.one_by_one_articles],
             "seconds": round(summary.seconds, 3)}
    return Outcome(summary.households, summary.evaluated, summary.with_errors, dict(summary.totals),
                   dict(summary.penalties_by_article), list(issues), rows, notes, extra,
                   dict(summary.amount_unknown), summary.households_with_unknown_amounts, dict(summary.costs))


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _bar(progress: bool) -> Any:
    if not progress:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(unit=" households", file=sys.stderr, dynamic_ncols=True)
