"""`charter eval`: every household of a register for a period, by either engine, shown the same way
whatever the register's format and the engine."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from ._cli_common import (
    CLEAN,
    INPUT,
    LOOK,
    Refused,
    err,
    is_table_register,
    load_charter,
    out,
    out_json,
    readable_file,
    register_records,
    say,
    table,
    table_files,
)
from .charter import Charter, RegisterSummary
from .common.args import memory_size
from .common.errors import ArgumentError, CharterError, OutputError
from .records import RecordIssue
from .results import money_text
from .results.files import ResultWriter, check_writable, output_kind, write_issues
from .results.schema import result_row
from .runtime import Period

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

    @property
    def warnings(self) -> int:
        """How many issues are warnings."""
        return sum(1 for i in self.issues if i.severity == "warning")


def cmd_eval(args: argparse.Namespace) -> int:
    """Evaluate every household of a register for a period."""
    try:
        period = Period.parse(args.period)
    except CharterError as exc:
        raise Refused(str(exc)) from None
    tables = is_table_register(args.register, args.persons)
    engine = _engine(args, tables)
    _check_outputs(args)
    charter = load_charter(args)
    if charter is None:
        return INPUT
    register: str | tuple[str, str] = table_files(args, args.register, args.persons) if tables else str(
        readable_file(args, args.register))
    progress = _progress(args, engine)
    try:
        if engine == "batch":
            outcome = _batch(args, charter, period, register, progress)
        else:
            outcome = _household(args, charter, period, register, progress)
    except OutputError as exc:
        raise Refused(str(exc)) from None
    except CharterError as exc:  # a register that cannot be read as a whole
        err(say(args, "error", m=exc))
        return INPUT
    for issue in outcome.issues:
        err(_issue_text(issue))
    return _show(args, charter, period, outcome)


def _engine(args: argparse.Namespace, tables: bool) -> str:
    """The engine to run, once the flags are known to go together."""
    if args.persons is not None and (Path(args.register).is_dir() or
                                     Path(args.register).suffix.lower() not in (".csv", ".parquet")):
        raise Refused(say(args, "persons_json", p=args.register))
    batch_flags = [flag for flag, value in (("--memory-limit", args.memory_limit), ("--chunk-size", args.chunk_size))
                   if value is not None]
    if args.memory_limit is not None:
        try:
            memory_size(args.memory_limit, "--memory-limit")
        except ArgumentError as exc:
            raise Refused(str(exc)) from None
    if args.engine == "household":
        if batch_flags:
            raise Refused(say(args, "only_batch", f=batch_flags[0]))
        return "household"
    if args.engine == "batch" or tables or batch_flags:
        if not _batch_available():
            raise Refused(say(args, "needs_batch", what="the set-at-a-time engine (--engine batch, table registers, "
                                                        f"{', '.join(batch_flags) or '--out'})"))
        return "batch"
    return "batch" if args.out is not None and _batch_available() else "household"


def _batch_available() -> bool:
    try:
        import duckdb  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def _check_outputs(args: argparse.Namespace) -> None:
    """Say before the work whether --out and --errors can be written, not after."""
    inputs = {Path(p).resolve() for p in (args.register, args.persons) if p is not None}
    try:
        if args.out is not None:
            output_kind(args.out)
            check_writable(args.out)
            if Path(args.out).resolve() in inputs:
                raise Refused(say(args, "overwrite", f="--out", p=args.out))
            if output_kind(args.out) == "parquet":
                ResultWriter.check_parquet()
        if args.errors is not None:
            check_writable(args.errors, "the errors")
            if Path(args.errors).resolve() in inputs:
                raise Refused(say(args, "overwrite", f="--errors", p=args.errors))
            if args.out is not None and Path(args.out).resolve() == Path(args.errors).resolve():
                raise Refused(say(args, "same_file", p=args.out))
    except OutputError as exc:
        raise Refused(str(exc)) from None


def _progress(args: argparse.Namespace, engine: str) -> bool:
    if args.progress is False:
        return False
    try:
        import tqdm  # noqa: F401
    except ImportError:
        if args.progress:
            raise Refused(say(args, "no_progress")) from None
        return False
    return bool(args.progress) or sys.stderr.isatty()


# ------------------------------------------------------------------ engines
def _household(args: argparse.Namespace, charter: Charter, period: Period, register: str | tuple[str, str],
               progress: bool) -> Outcome:
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
    for r in results:
        for article, amount in r.cash.items():
            cash[article] = cash.get(article, ZERO) + amount
        for article, amount in r.penalties.items():
            penalties[article] = penalties.get(article, ZERO) + amount
    rows: list[dict[str, Any]] | None = [r.to_json() for r in results]
    if args.out is not None:  # the bytes the batch engine writes for the same register
        writer = ResultWriter(args.out)
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
                   unknown=unknown, households_with_unknown=sum(1 for r in results if r.amount_unknown))


def _batch(args: argparse.Namespace, charter: Charter, period: Period, register: str | tuple[str, str],
           progress: bool) -> Outcome:
    """Evaluate a register set-at-a-time (DuckDB)."""
    import duckdb

    from .batch import BatchRunner, results

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
    except duckdb.OutOfMemoryException as exc:
        raise CharterError(f"the set-at-a-time engine ran out of memory ({exc}): give a larger --memory-limit "
                           f"or a smaller --chunk-size") from None
    except duckdb.Error as exc:
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
                   dict(summary.amount_unknown), summary.households_with_unknown_amounts)


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


# ------------------------------------------------------------------ showing
def _show(args: argparse.Namespace, charter: Charter, period: Period, outcome: Outcome) -> int:
    """Print the results (or, with --out, the summary), and say how the run went in its exit status."""
    if outcome.households == 0:
        if args.json and outcome.rows is not None:
            out_json([])
        err(say(args, "error", m=say(args, "empty", p=args.register)))
        return INPUT
    if args.out is not None:
        if args.json:
            out_json(_summary_json(outcome))
        else:
            out("\n".join(_summary_lines(args, outcome, detailed=True)))
    elif args.json:
        out_json(outcome.rows)
        err("\n".join(_summary_lines(args, outcome, detailed=False)))
    else:
        assert outcome.rows is not None
        out(results_table(args, charter, period, outcome.rows))
        out("")
        out("\n".join(_summary_lines(args, outcome, detailed=False)))
    if outcome.with_errors:
        return INPUT
    return LOOK if outcome.warnings or outcome.unknown else CLEAN


def _summary_lines(args: argparse.Namespace, outcome: Outcome, detailed: bool) -> list[str]:
    total = sum(outcome.cash.values(), ZERO)
    penalties = sum(outcome.penalties.values(), ZERO)
    lines = [say(args, "summary", n=outcome.households, s="" if outcome.households == 1 else "s",
                 e=outcome.evaluated, b=outcome.with_errors,
                 t=money_text(total), pen=money_text(penalties))]
    if detailed:
        lines += [say(args, "article_total", a=article, v=money_text(amount))
                  for article, amount in sorted(outcome.cash.items())]
        lines += [say(args, "penalties_of", a=article, v=money_text(amount))
                  for article, amount in sorted(outcome.penalties.items())]
        lines += [f"  {note}" for note in outcome.notes]
    if outcome.unknown:
        units = sum(outcome.unknown.values())
        lines.append(say(args, "amount_unknown", u=units, s="s" if units != 1 else "",
                         h=outcome.households_with_unknown, hs="s" if outcome.households_with_unknown != 1 else "",
                         a=", ".join(f"{a} ({n})" for a, n in sorted(outcome.unknown.items()))))
    if outcome.warnings:
        plural = "s" if outcome.warnings != 1 else ""
        # "every household has a result" only when it is true
        lines.append(say(args, "warnings" if not outcome.with_errors else "warnings_too", w=outcome.warnings,
                         s=plural))
    return lines


def _summary_json(outcome: Outcome) -> dict[str, Any]:
    return {"households": outcome.households, "evaluated": outcome.evaluated, "with_errors": outcome.with_errors,
            "warnings": outcome.warnings, "total_cash": money_text(sum(outcome.cash.values(), ZERO)),
            "penalties": money_text(sum(outcome.penalties.values(), ZERO)),
            "totals": {k: money_text(v) for k, v in sorted(outcome.cash.items())},
            "penalties_by_article": {k: money_text(v) for k, v in sorted(outcome.penalties.items())},
            "amount_unknown": dict(sorted(outcome.unknown.items())),
            "households_with_unknown_amounts": outcome.households_with_unknown,
            **outcome.extra}


def _issue_text(issue: RecordIssue) -> str:
    from .common.text import printable

    return printable(str(issue))


def _status_text(args: argparse.Namespace, status: dict[str, Any] | None) -> str:
    if status is None:
        return ""
    state = status["status"]
    if state == "pending":
        return say(args, "pending", d=status["due"])
    if state == "fulfilled":
        return say(args, "fulfilled", d=status["on"])
    if state == "breached":
        cured = say(args, "cured", d=status["cured_on"]) if status.get("cured_on") else ""
        return say(args, "breached", d=status["since"]) + cured
    return say(args, "not_applicable")


def results_table(args: argparse.Namespace, charter: Charter, period: Period, rows: list[dict[str, Any]]) -> str:
    """The results as a table: a line per household, a column per benefit paid and per obligation, totals."""
    benefits = [a.id for a in charter.ir.articles if a.kind == "benefit" and any(a.id in r["cash"] for r in rows)]
    obligations = [a.id for a in charter.ir.articles if a.kind == "obligation"]
    unknown = any(r.get("amount_unknown") for r in rows)
    head = [say(args, "household"), *benefits, say(args, "total_cash"), say(args, "in_kind"), say(args, "penalties"),
            *obligations, *([say(args, "unknown_column")] if unknown else [])]
    lines = [head]
    cash_total = penalty_total = ZERO
    by_benefit = dict.fromkeys(benefits, ZERO)
    grants = 0
    for r in rows:
        penalties = sum((Decimal(v) for v in r["penalties"].values()), ZERO)
        for b in benefits:
            by_benefit[b] += Decimal(r["cash"].get(b, "0"))
        cash_total += Decimal(r["total_cash"])
        penalty_total += penalties
        grants += len(r["in_kind"])
        lines.append([
            r["household"],
            *[r["cash"].get(b, "") for b in benefits],
            r["total_cash"],
            str(len(r["in_kind"])) if r["in_kind"] else "",
            money_text(penalties) if r["penalties"] else "",
            *[_status_text(args, r["obligations"].get(o)) for o in obligations],
            *([", ".join(sorted({u["benefit"] for u in r.get("amount_unknown", [])}))] if unknown else []),
        ])
    lines.append([say(args, "total"), *[money_text(by_benefit[b]) for b in benefits], money_text(cash_total),
                  str(grants), money_text(penalty_total), *["" for _ in obligations], *([""] if unknown else [])])
    title = say(args, "title", c=charter.id, t=charter.title, p=period, n=len(rows), s="" if len(rows) == 1 else "s")
    return title + "\n\n" + table(lines, right=set(range(1, len(benefits) + 4)))
