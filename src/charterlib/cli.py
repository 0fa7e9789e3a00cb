"""The `charter` command: a thin layer over the library; every output is also available as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from ._api import Charter, RegisterItem, RegisterSummary, load
from .check import CheckResult, Library
from .diagnostics import Diagnostic, display_width, render_all
from .errors import CharterDiagnosticsError, CharterError, EvaluationError
from .evaluate import Period
from .evaluate.results import money_text
from .records import read_records

ZERO = Decimal("0.00")


def _out(text: str) -> None:
    sys.stdout.write(text + ("\n" if not text.endswith("\n") else ""))


def _err(text: str) -> None:
    sys.stderr.write(text + ("\n" if not text.endswith("\n") else ""))


def _unique(diagnostics: Sequence[Diagnostic], seen: set[tuple[Any, ...]]) -> list[Diagnostic]:
    fresh = []
    for d in diagnostics:
        key = (d.code, d.message, str(d.span) if d.span else "")
        if key not in seen:
            seen.add(key)
            fresh.append(d)
    return fresh


def _expand(paths: Sequence[str]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        path = Path(p)
        files.extend(sorted(path.glob("*.charter")) if path.is_dir() else [path])
    return files


def cmd_check(args: argparse.Namespace) -> int:
    """Check charter files; print every diagnostic; exit 1 when any has an error."""
    library = Library(args.path)
    results: list[CheckResult] = [library.check_file(f) for f in _expand(args.files)]
    ok = all(r.ok for r in results)
    if args.json:
        payload = {
            "ok": ok,
            "files": [
                {
                    "file": r.path,
                    "ok": r.ok,
                    "charter": r.charter.id if r.charter else None,
                    "diagnostics": [d.to_json() for d in r.diagnostics],
                }
                for r in results
            ],
        }
        _out(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0 if ok else 1
    seen: set[tuple[Any, ...]] = set()
    shown: list[Diagnostic] = []
    for r in results:
        shown.extend(_unique(r.diagnostics, seen))
    if shown:
        _out(render_all(shown))
    clean = sum(1 for r in results if r.ok)
    if ok:
        _out(f"{clean} file{'s' if clean != 1 else ''} checked: no errors.")
    else:
        _out(f"{len(results) - clean} of {len(results)} file{'s' if len(results) != 1 else ''} "
             f"{'have' if len(results) - clean != 1 else 'has'} errors.")
    return 0 if ok else 1


def _load(args: argparse.Namespace) -> Charter | None:
    try:
        return load(args.charter, args.path, backend=getattr(args, "backend", "compiled"))
    except CharterDiagnosticsError as exc:
        _err(render_all(exc.diagnostics))
        return None


def _table(rows: list[list[str]], right: set[int]) -> str:
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - display_width(cell))
            cells.append(pad + cell if i in right else cell + pad)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _status_text(status: dict[str, Any]) -> str:
    state = status["status"]
    if state == "pending":
        return f"pending, due {status['due']}"
    if state == "fulfilled":
        return f"fulfilled {status['on']}"
    if state == "breached":
        cured = f", cured {status['cured_on']}" if status.get("cured_on") else ""
        return f"breached since {status['since']}{cured}"
    return "not applicable"


def _results_table(charter: Charter, period: Period, items: list[RegisterItem]) -> str:
    results = [i.result for i in items if i.result is not None]
    benefits = [a.id for a in charter.ir.articles if a.kind == "benefit"
                and any(a.id in r.cash for r in results)]
    obligations = [a.id for a in charter.ir.articles if a.kind == "obligation"]
    head = ["household", *benefits, "total cash", "in kind", "penalties", *obligations]
    rows = [head]
    for r in results:
        data = r.to_json()
        penalties = sum(r.penalties.values(), start=ZERO)
        rows.append([
            r.household,
            *[data["cash"].get(b, "") for b in benefits],
            data["total_cash"],
            str(len(r.in_kind)) if r.in_kind else "",
            money_text(penalties) if r.penalties else "",
            *[_status_text(data["obligations"][o]) for o in obligations],
        ])
    total = sum((r.total_cash for r in results), start=ZERO)
    penalty_total = sum((v for r in results for v in r.penalties.values()), start=ZERO)
    rows.append(["total", *[money_text(sum((r.cash.get(b, ZERO) for r in results), start=ZERO))
                            for b in benefits], money_text(total),
                 str(sum(len(r.in_kind) for r in results)), money_text(penalty_total), *["" for _ in obligations]])
    title = f"charter {charter.id} {charter.title} — period {period} — {len(results)} households"
    return title + "\n\n" + _table(rows, right=set(range(1, len(benefits) + 4)))


def _register(args: argparse.Namespace, charter: Charter, period: Period) -> tuple[list[RegisterItem], int]:
    """Evaluate a register; issues go to stderr; returns the items and how many had errors."""
    items = list(charter.evaluate_register(read_records(args.register), period))
    summary = RegisterSummary.of(items)
    for issue in summary.issues:  # each once: an issue of a whole table concerns many households
        _err(str(issue))
    return items, summary.with_errors


def _summary(items: list[RegisterItem], bad: int) -> str:
    results = [i.result for i in items if i.result is not None]
    total = sum((r.total_cash for r in results), start=ZERO)
    penalties = sum((v for r in results for v in r.penalties.values()), start=ZERO)
    return (f"{len(items)} households read: {len(results)} evaluated, {bad} with errors; "
            f"total cash {money_text(total)}, penalties {money_text(penalties)}.")


def _batch_eval(args: argparse.Namespace, charter: Charter, period: Period) -> int:
    """Evaluate a register set-at-a-time, writing results and errors to files."""
    try:
        from .batch import BatchError, BatchRunner
    except ImportError:
        _err("error: the set-at-a-time engine needs the `batch` extra: pip install 'charterlib[batch]'")
        return 1
    register: Any = (args.register, args.persons) if args.persons else args.register
    progress = args.progress if args.progress is not None else sys.stderr.isatty()
    runner = BatchRunner(charter, memory_limit=args.memory_limit, chunk_size=args.chunk_size)
    try:
        summary = runner.run(register, period, out=args.out, errors=args.errors, progress=progress)
    except (BatchError, CharterError, OSError) as exc:  # an unreadable register, a full disk
        _err(f"error: {exc}")
        return 1
    finally:
        runner.close()
    for issue in runner.issues:
        _err(str(issue))
    if args.json:
        _out(json.dumps(summary.to_json(), ensure_ascii=False, indent=1))
    else:
        _out(summary.text())
    return 1 if summary.with_errors else 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Evaluate every household of a register for a period."""
    charter = _load(args)
    if charter is None:
        return 1
    try:
        period = Period.parse(args.period)
    except CharterError as exc:
        _err(f"error: {exc}")
        return 1
    tables = args.persons is not None or Path(args.register).is_dir() or Path(args.register).suffix.lower() in (
        ".parquet", ".csv")
    engine = args.engine if args.engine != "auto" else ("batch" if args.out or tables else "household")
    if engine == "batch":
        return _batch_eval(args, charter, period)
    if tables:
        _err("error: table registers (Parquet, CSV) are read by the set-at-a-time engine (--engine batch)")
        return 1
    try:
        items, bad = _register(args, charter, period)
    except CharterError as exc:
        _err(f"error: {exc}")
        return 1
    if args.json:
        _out(json.dumps([i.result.to_json() for i in items if i.result is not None], ensure_ascii=False,
                        indent=1))
        _err(_summary(items, bad))
    else:
        _out(_results_table(charter, period, items))
        _out("")
        _out(_summary(items, bad))
    return 1 if bad else 0


def cmd_explain(args: argparse.Namespace) -> int:
    """Explain one household's result, article by article."""
    charter = _load(args)
    if charter is None:
        return 1
    try:
        Period.parse(args.period)
        for item in read_records(args.register):
            if isinstance(item, Exception):
                continue
            raw = item[1]
            if isinstance(raw, dict) and raw.get("id") == args.household:
                explanation = charter.explain(raw, args.period, args.article)
                if args.json:
                    _out(json.dumps(explanation.to_json(args.lang), ensure_ascii=False, indent=1))
                else:
                    _out(explanation.to_text(args.lang))
                return 0
    except CharterError as exc:
        _err(f"error: {exc}")
        return 1
    _err(f"error: no household {args.household} in {args.register}")
    return 1


def cmd_eligible(args: argparse.Namespace) -> int:
    """Judge an eligibility for every person of a register on a day."""
    charter = _load(args)
    if charter is None:
        return 1
    import datetime as dt

    try:
        on = dt.date.fromisoformat(args.on)
    except ValueError:
        _err(f"error: `{args.on}` is not a date (YYYY-MM-DD)")
        return 1
    if args.article not in charter.engine.eligibilities:
        known = ", ".join(charter.engine.eligibilities) or "none"
        _err(f"error: charter {charter.id} has no eligibility `{args.article}` (eligibilities: {known})")
        return 1
    members: dict[str, Any] = {}
    bad = 0
    validator = charter.validator()
    try:
        for item in read_records(args.register):
            if isinstance(item, Exception):
                _err(f"error: {getattr(item, 'position', '')}: {item}")
                bad += 1
                continue
            household, issues = validator.household(item[1], item[0])
            for issue in issues:
                _err(str(issue))
            if household is None:
                bad += 1
                continue
            try:
                for verdict in charter.eligibility(household, args.article, on):
                    members[verdict.subject] = verdict.to_json()
            except EvaluationError as exc:
                _err(f"error: {exc}")
                bad += 1
    except CharterError as exc:
        _err(f"error: {exc}")
        return 1
    if args.json:
        _out(json.dumps({"eligibility": args.article, "on": on.isoformat(), "members": members},
                        ensure_ascii=False, indent=1))
    else:
        rows = [["person", "eligible", "failed"]]
        rows += [[pid, "yes" if v["eligible"] else "no", ", ".join(v["failed"])] for pid, v in members.items()]
        _out(f"{args.article} on {on}:\n\n" + _table(rows, right=set()))
    return 1 if bad else 0


def cmd_test(args: argparse.Namespace) -> int:
    """Run the example blocks of charters."""
    files = _expand(args.files or ["charters"])
    library = Library(args.path)
    passed = failed = 0
    outcomes: list[dict[str, Any]] = []
    for path in files:
        result = library.check_file(path)
        if result.charter is None or not result.ok:
            _err(render_all([d for d in result.diagnostics if d.is_error]))
            failed += 1
            continue
        if result.charter.kind != "charter":
            continue
        for outcome in Charter(result.charter).run_examples():
            outcomes.append(outcome.to_json())
            if outcome.passed:
                passed += 1
                if not args.json:
                    _out(f"PASS {path}: {outcome.name} {outcome.title or ''}".rstrip())
            else:
                failed += 1
                if not args.json:
                    _out(f"FAIL {path}: {outcome.name} {outcome.title or ''} ({outcome.location})")
                    for failure in outcome.failures:
                        _out(f"     {failure}")
    if args.json:
        _out(json.dumps({"passed": passed, "failed": failed, "examples": outcomes}, ensure_ascii=False, indent=1))
    else:
        _out(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def cmd_compile(args: argparse.Namespace) -> int:
    """Print the Python source a charter compiles to, or its SQL plan for a period."""
    charter = _load(args)
    if charter is None:
        return 1
    if not args.sql:
        _out(charter.source())
        return 0
    try:
        import sqlglot

        from .batch import Planner
        from .compile._sql import Unsupported
    except ImportError:
        _err("error: the SQL plan needs the `batch` extra: pip install 'charterlib[batch]'")
        return 1
    try:
        plan = Planner(charter.ir).plan(Period.parse(args.period))
    except (CharterError, Unsupported) as exc:
        _err(f"error: {exc}")
        return 1
    for statement in (*plan.statements, f"CREATE TEMP TABLE errors AS {plan.errors}", plan.results):
        try:
            text = sqlglot.transpile(statement, read="duckdb", write=args.dialect, pretty=True)[0]
        except sqlglot.errors.SqlglotError as exc:
            _err(f"error: cannot write this statement in {args.dialect}: {exc}")
            return 1
        _out(text + ";\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the `charter` command."""
    parser = argparse.ArgumentParser(
        prog="charter",
        description="Check village charters and evaluate households against them.",
    )
    parser.add_argument("--path", action="append", default=[], metavar="DIR",
                        help="another folder to look in for charters named by `extends` / `uses`")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = sub.add_parser("check", help="check charter files and report every mistake")
    check.add_argument("files", nargs="+", metavar="FILE", help="charter files or folders")
    check.add_argument("--json", action="store_true", help="print the diagnostics as JSON")
    check.set_defaults(run=cmd_check)

    ev = sub.add_parser("eval", help="evaluate every household of a register for a period")
    ev.add_argument("charter", metavar="CHARTER")
    ev.add_argument("register", metavar="REGISTER",
                    help="households: a JSON array, JSON Lines, or a folder / file of Parquet or CSV tables")
    ev.add_argument("--period", required=True, metavar="P", help="2005, 2005-06 or 2005-01-01/2005-12-31")
    ev.add_argument("--json", action="store_true",
                    help="print one result per household as JSON (with --out: print the summary as JSON)")
    ev.add_argument("--persons", metavar="FILE", help="the persons table, when REGISTER is a households table")
    ev.add_argument("--out", metavar="FILE", help="write the results to a .jsonl, .csv or .parquet file")
    ev.add_argument("--errors", metavar="FILE", help="write the record and evaluation errors as JSON Lines")
    ev.add_argument("--engine", choices=["auto", "household", "batch"], default="auto",
                    help="household: one household at a time; batch: the whole register in SQL (DuckDB); "
                    "auto: batch for --out and table registers")
    ev.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                    help="show a progress bar on stderr (default: when stderr is a terminal)")
    ev.add_argument("--memory-limit", default="4GB", metavar="SIZE",
                    help="memory DuckDB may use before spilling to disk (batch engine; default 4GB)")
    ev.add_argument("--chunk-size", type=int, default=None, metavar="N",
                    help="households evaluated together (batch engine; default: 200000 for JSON registers, "
                         "the whole register for tables, which DuckDB spills to disk beyond --memory-limit)")
    ev.add_argument("--backend", choices=["compiled", "reference"], default="compiled", help=argparse.SUPPRESS)
    ev.set_defaults(run=cmd_eval)

    ex = sub.add_parser("explain", help="explain one household's result, article by article")
    ex.add_argument("charter", metavar="CHARTER")
    ex.add_argument("register", metavar="REGISTER")
    ex.add_argument("--household", required=True, metavar="ID")
    ex.add_argument("--period", required=True, metavar="P")
    ex.add_argument("--article", metavar="ID", help="only this article")
    ex.add_argument("--lang", choices=["en", "zh"], default="en", help="labels and keywords in English or Chinese")
    ex.add_argument("--json", action="store_true")
    ex.set_defaults(run=cmd_explain)

    el = sub.add_parser("eligible", help="judge an eligibility for every person of a register on a day")
    el.add_argument("charter", metavar="CHARTER")
    el.add_argument("register", metavar="REGISTER")
    el.add_argument("--article", required=True, metavar="ID")
    el.add_argument("--on", required=True, metavar="DAY")
    el.add_argument("--json", action="store_true")
    el.set_defaults(run=cmd_eligible)

    te = sub.add_parser("test", help="run the example blocks of charters")
    te.add_argument("files", nargs="*", metavar="FILE", help="charter files or folders (default: charters/)")
    te.add_argument("--json", action="store_true")
    te.set_defaults(run=cmd_test)

    co = sub.add_parser("compile", help="print the Python source a charter compiles to")
    co.add_argument("charter", metavar="CHARTER")
    co.add_argument("--sql", action="store_true", help="print the SQL plan of the set-at-a-time engine instead")
    co.add_argument("--period", default="2005", metavar="P", help="the period of the SQL plan (default 2005)")
    co.add_argument("--dialect", default="duckdb", metavar="D",
                    help="write the SQL for another engine (any sqlglot dialect: spark, trino, postgres …)")
    co.set_defaults(run=cmd_compile)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `charter` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args))
    except KeyboardInterrupt:  # pragma: no cover
        _err("interrupted")
        return 130
    except BrokenPipeError:  # pragma: no cover
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
