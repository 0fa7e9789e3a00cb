"""The `charter` command: a thin layer over the library; every output is also available as JSON.

Exit statuses (README): 0 clean; 1 input errors (charter diagnostics, records or households with errors,
nothing to do); 2 the command cannot run as asked (a bad flag value, flags that do not go together, a
file that cannot be opened); 3 every household has a result but something needs a look (warnings).
"""

from __future__ import annotations

import argparse
import functools
import logging
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ._cli_common import (
    CLEAN,
    INPUT,
    LOOK,
    USAGE,
    Refused,
    err,
    is_table_register,
    load_charter,
    out,
    out_json,
    readable_file,
    register_records,
    say,
    search_path,
    table,
    table_files,
    unknown_household,
)
from ._cli_eval import cmd_eval
from .charter import Charter
from .check import CheckResult, Library
from .common.args import day_arg
from .common.diagnostics import Diagnostic, render_all
from .common.errors import ArgumentError, CharterError, EvaluationError
from .common.suggest import did_you_mean
from .common.text import printable
from .explain import unknown_article
from .ir.printer import charter_text
from .runtime import Period

MAX_CHUNK = 2**63 - 1


def _unique(diagnostics: Sequence[Diagnostic], seen: set[tuple[Any, ...]]) -> list[Diagnostic]:
    fresh = []
    for d in diagnostics:
        key = (d.code, d.message, str(d.span) if d.span else "")
        if key not in seen:
            seen.add(key)
            fresh.append(d)
    return fresh


def _charter_files(args: argparse.Namespace, paths: Sequence[str]) -> tuple[list[Path], list[str]]:
    """The charter files named (a folder stands for its *.charter files), and the folders holding none."""
    files: list[Path] = []
    empty: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(f for f in path.glob("*.charter") if f.is_file())
            files.extend(found)
            if not found:
                empty.append(p)
        else:
            files.append(readable_file(args, p))
    return files, empty


def cmd_check(args: argparse.Namespace) -> int:
    """Check charter files; print every diagnostic; exit 1 when any has an error."""
    library = Library(search_path(args))
    files, empty = _charter_files(args, args.files)
    for folder in empty:
        err(f"error: nothing to check in {folder}: it holds no *.charter file")
    results: list[CheckResult] = [library.check_file(f) for f in files]
    ok = all(r.ok for r in results) and not empty
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
        out_json(payload, indent=2)
        return CLEAN if ok else INPUT
    seen: set[tuple[Any, ...]] = set()
    shown: list[Diagnostic] = []
    for r in results:
        shown.extend(_unique(r.diagnostics, seen))
    if shown:
        out(render_all(shown))
    clean = sum(1 for r in results if r.ok)
    if not results:
        return INPUT
    if clean == len(results):
        out(f"{clean} file{'s' if clean != 1 else ''} checked: no errors.")
    else:
        out(f"{len(results) - clean} of {len(results)} file{'s' if len(results) != 1 else ''} "
            f"{'have' if len(results) - clean != 1 else 'has'} errors.")
    return CLEAN if ok else INPUT


def cmd_explain(args: argparse.Namespace) -> int:
    """Explain one household's result, article by article."""
    try:
        period = Period.parse(args.period)
        on = day_arg(args.on, "--on") if args.on is not None else None
    except CharterError as exc:
        raise Refused(str(exc)) from None
    charter = load_charter(args)
    if charter is None:
        return INPUT
    if args.article is not None and charter.ir.article(args.article) is None:
        raise Refused(unknown_article(charter.ir, args.article))
    register = (table_files(args, args.register, None) if is_table_register(args.register, None)
                else str(readable_file(args, args.register)))
    ids: list[str] = []
    try:
        for item in register_records(args, charter, register):
            if isinstance(item, Exception):
                continue
            position, raw = item
            hid = raw.get("id") if isinstance(raw, dict) else None
            if hid != args.household:
                if isinstance(hid, str):
                    ids.append(hid)
                continue
            household, issues = charter.validator().household(raw, position)
            for issue in issues:
                err(printable(str(issue)))
            if household is None:
                return INPUT
            explanation = charter.explain(household, period, args.article, on=on)
            if args.json:
                out_json(explanation.to_json(args.lang))
            else:
                out(explanation.to_text(args.lang))
            for article_id, reason in explanation.unjudged.items():
                err(printable(f"household {household.id}, article {article_id}: {reason}"))
            return LOOK if issues or explanation.unjudged else CLEAN
    except ArgumentError as exc:  # `--on` with no eligibility to judge
        raise Refused(str(exc)) from None
    except CharterError as exc:  # a register that cannot be read, an evaluation error
        err(say(args, "error", m=exc))
        return INPUT
    raise Refused(unknown_household(args, args.household, args.register, ids))


def cmd_eligible(args: argparse.Namespace) -> int:
    """Judge an eligibility for every person of a register on a day."""
    try:
        on = day_arg(args.on, "--on")
    except ArgumentError as exc:
        raise Refused(str(exc)) from None
    charter = load_charter(args)
    if charter is None:
        return INPUT
    if args.article not in charter.engine.eligibilities:
        raise Refused(unknown_article(charter.ir, args.article, "eligibility"))
    register = (table_files(args, args.register, None) if is_table_register(args.register, None)
                else str(readable_file(args, args.register)))
    members: dict[str, Any] = {}
    read = bad = warnings = 0
    validator = charter.validator()
    try:
        for item in register_records(args, charter, register):
            read += 1
            if isinstance(item, Exception):
                err(say(args, "error", m=printable(f"{getattr(item, 'position', '')}: {item}")))
                bad += 1
                continue
            household, issues = validator.household(item[1], item[0])
            for issue in issues:
                err(printable(str(issue)))
                warnings += issue.severity == "warning"
            if household is None:
                bad += 1
                continue
            try:
                for verdict in charter.eligibility(household, args.article, on):
                    members[verdict.subject] = verdict.to_json()
            except EvaluationError as exc:
                err(say(args, "error", m=exc))
                bad += 1
    except CharterError as exc:
        err(say(args, "error", m=exc))
        return INPUT
    if read == 0:
        if args.json:
            out_json({"eligibility": args.article, "on": on.isoformat(), "members": {}})
        err(say(args, "error", m=say(args, "nothing_judged", p=args.register)))
        return INPUT
    if args.json:
        out_json({"eligibility": args.article, "on": on.isoformat(), "members": members})
    else:
        rows = [[say(args, "person"), say(args, "eligible"), say(args, "failed")]]
        rows += [[pid, say(args, "yes") if v["eligible"] else say(args, "no"), ", ".join(v["failed"])]
                 for pid, v in members.items()]
        out(say(args, "on", a=args.article, d=on) + "\n\n" + table(rows, right=set()))
    if bad:
        return INPUT
    return LOOK if warnings else CLEAN


def cmd_test(args: argparse.Namespace) -> int:
    """Run the example blocks of charters."""
    library = Library(search_path(args))
    if not args.files and not Path("charters").is_dir():
        raise Refused("no charters/ folder here: name the charter files or folders to test")
    files, empty = _charter_files(args, args.files or ["charters"])
    for folder in empty:
        err(f"error: nothing to test in {folder}: it holds no *.charter file")
    passed = failed = 0
    outcomes: list[dict[str, Any]] = []
    for path in files:
        result = library.check_file(path)
        if result.charter is None or not result.ok:
            err(render_all([d for d in result.diagnostics if d.is_error]))
            failed += 1
            continue
        if result.charter.kind != "charter":
            continue
        for outcome in Charter(result.charter).run_examples():
            outcomes.append(outcome.to_json())
            if outcome.passed:
                passed += 1
                if not args.json:
                    out(f"PASS {path}: {outcome.name} {outcome.title or ''}".rstrip())
            else:
                failed += 1
                if not args.json:
                    out(f"FAIL {path}: {outcome.name} {outcome.title or ''} ({outcome.location})")
                    for failure in outcome.failures:
                        out(f"     {failure}")
    if args.json:
        out_json({"passed": passed, "failed": failed, "examples": outcomes})
    else:
        out(f"{passed} passed, {failed} failed")
    if passed + failed == 0 and not empty:
        err("error: nothing was tested: " + ", ".join(str(f) for f in files) + " hold no example blocks")
    return INPUT if failed or empty or passed + failed == 0 else CLEAN


class _Warnings(logging.Handler):
    """Collects what sqlglot says it cannot write faithfully."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message not in self.messages:
            self.messages.append(message)


def _dialect(name: str) -> str:
    import sqlglot

    known = sorted(d.value for d in sqlglot.dialects.Dialects if d.value)
    if name.lower() in known:
        return name.lower()
    hint = did_you_mean(name, known, form="aside", quote="")
    raise Refused(f"`{name}` is not an SQL dialect{hint}; dialects: {', '.join(known)}")


def cmd_compile(args: argparse.Namespace) -> int:
    """Print the Python source a charter compiles to, its checked IR, or its SQL plan for a period."""
    if not args.sql:
        given = [flag for flag, value in (("--period", args.period), ("--dialect", args.dialect)) if value is not None]
        if given:
            raise Refused(say(args, "only_sql", f=given[0]))
        charter = load_charter(args)
        if charter is None:
            return INPUT
        out(charter_text(charter.ir, args.lang) if args.ir else charter.source())
        return CLEAN
    try:
        import sqlglot

        from .batch import Planner
        from .compile.sql import Unsupported
    except ImportError:
        raise Refused(say(args, "needs_batch", what="the SQL plan (--sql)")) from None
    try:
        period = Period.parse(args.period if args.period is not None else "2005")
    except CharterError as exc:
        raise Refused(str(exc)) from None
    dialect = _dialect(args.dialect if args.dialect is not None else "duckdb")
    charter = load_charter(args)
    if charter is None:
        return INPUT
    try:
        plan = Planner(charter.ir).plan(period)
    except (CharterError, Unsupported) as exc:
        err(f"error: {exc}")
        return INPUT
    caught = _Warnings()
    logger = logging.getLogger("sqlglot")
    logger.addHandler(caught)
    propagate, logger.propagate = logger.propagate, False
    texts = []
    try:
        for statement in (*plan.statements, f"CREATE TEMP TABLE errors AS {plan.errors}", plan.results):
            try:
                texts.append(_deep(functools.partial(_transpile, statement, dialect)))
            except sqlglot.errors.SqlglotError as exc:
                raise Refused(f"the plan cannot be written in {dialect}: {exc}") from None
            except RecursionError:
                raise Refused(f"the plan nests too deeply for sqlglot to write it in {dialect}") from None
    finally:
        logger.removeHandler(caught)
        logger.propagate = propagate
    for text in texts:
        out(text + ";\n")
    for message in caught.messages:
        err(f"warning: {dialect} cannot say this as DuckDB does, so the SQL above may differ there: {message}")
    return LOOK if caught.messages else CLEAN


def _transpile(statement: str, dialect: str) -> str:
    import sqlglot

    return str(sqlglot.transpile(statement, read="duckdb", write=dialect, pretty=True)[0])


def _deep(work: Callable[[], str]) -> str:
    """The result of work that recurses as deep as the nesting it reads (sqlglot parses a plan by
    recursion, a level or more per level of a charter's expression): run in a thread of its own with a
    large stack and recursion limit, both bounded, so a plan the checker accepts is always written."""
    found: dict[str, Any] = {}

    def run() -> None:
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 40_000))
        try:
            found["text"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the calling thread, as it is
            found["error"] = exc
        finally:
            sys.setrecursionlimit(limit)

    size = threading.stack_size()
    threading.stack_size(512 * 1024 * 1024)
    try:
        thread = threading.Thread(target=run, name="charter-sql")
        thread.start()
    finally:
        threading.stack_size(size)
    thread.join()
    if "error" in found:
        raise found["error"]
    return str(found["text"])


# ------------------------------------------------------------------ the parser
def _whole_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"`{text}` is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a number of households: give a whole number of at least 1")
    if value > MAX_CHUNK:
        raise argparse.ArgumentTypeError(f"{text} is not a number of households: give at most {MAX_CHUNK:,}")
    return value


def _version() -> str:
    from . import __version__

    return f"charter (charterlib) {__version__}"


_PATH_HELP = "another folder to look in for the charters a charter `extends` or `uses` (may be repeated)"


def _with_path(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--path", action="append", dest="sub_path", metavar="DIR", help=_PATH_HELP)


def _with_lang(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--lang", choices=["en", "zh"], default="en", help=f"{what} in English or Chinese")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the `charter` command."""
    parser = argparse.ArgumentParser(
        prog="charter",
        description="Check village charters and evaluate households against them.",
        epilog="Exit status: 0 clean; 1 input errors (a charter's mistakes, records with errors, nothing to "
               "do); 2 the command cannot run as asked (a bad flag value, flags that do not go together, a "
               "file that cannot be opened); 3 every household has a result but something needs a look "
               "(warnings).",
    )
    parser.add_argument("--version", action="version", version=_version())
    parser.add_argument("--path", action="append", default=[], metavar="DIR", help=_PATH_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    check = sub.add_parser("check", help="check charter files and report every mistake")
    check.add_argument("files", nargs="+", metavar="FILE", help="charter files or folders")
    check.add_argument("--json", action="store_true", help="print the diagnostics as JSON")
    _with_path(check)
    check.set_defaults(run=cmd_check)

    ev = sub.add_parser("eval", help="evaluate every household of a register for a period")
    ev.add_argument("charter", metavar="CHARTER")
    ev.add_argument("register", metavar="REGISTER",
                    help="households: a JSON array, JSON Lines, or a folder / file of Parquet or CSV tables")
    ev.add_argument("--period", required=True, metavar="P", help="2005, 2005-06 or 2005-01-01/2005-12-31")
    ev.add_argument("--json", action="store_true",
                    help="print one result per household as JSON (with --out: print the summary as JSON)")
    ev.add_argument("--persons", metavar="FILE", help="the persons table, when REGISTER is a households table")
    ev.add_argument("--out", metavar="FILE", help="write the results to a .jsonl, .csv or .parquet file "
                    "(either engine writes the same bytes)")
    ev.add_argument("--errors", metavar="FILE", help="write the record and evaluation errors as JSON Lines")
    ev.add_argument("--engine", choices=["auto", "household", "batch"], default="auto",
                    help="household: one household at a time; batch: the whole register in SQL (DuckDB); "
                    "auto: batch for --out and table registers")
    ev.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                    help="show a progress bar on stderr (default: when stderr is a terminal)")
    ev.add_argument("--memory-limit", default=None, metavar="SIZE",
                    help="memory DuckDB may use before spilling to disk, such as 4GB, 500MB or 80%% "
                         "(batch engine; default 4GB)")
    ev.add_argument("--chunk-size", type=_whole_number, default=None, metavar="N",
                    help="households evaluated together (batch engine; default: 200000 for JSON registers, "
                         "the whole register for tables, which DuckDB spills to disk beyond --memory-limit)")
    _with_lang(ev, "the summary and messages")
    ev.add_argument("--backend", choices=["compiled", "reference"], default="compiled", help=argparse.SUPPRESS)
    _with_path(ev)
    ev.set_defaults(run=cmd_eval)

    ex = sub.add_parser("explain", help="explain one household's result, article by article")
    ex.add_argument("charter", metavar="CHARTER")
    ex.add_argument("register", metavar="REGISTER", help="households: a JSON array or JSON Lines")
    ex.add_argument("--household", required=True, metavar="ID")
    ex.add_argument("--period", required=True, metavar="P")
    ex.add_argument("--article", metavar="ID", help="only this article")
    ex.add_argument("--on", metavar="DAY", help="the day eligibilities are judged (default: the period's last day)")
    _with_lang(ex, "labels and keywords")
    ex.add_argument("--json", action="store_true")
    _with_path(ex)
    ex.set_defaults(run=cmd_explain)

    el = sub.add_parser("eligible", help="judge an eligibility for every person of a register on a day")
    el.add_argument("charter", metavar="CHARTER")
    el.add_argument("register", metavar="REGISTER", help="households: a JSON array or JSON Lines")
    el.add_argument("--article", required=True, metavar="ID")
    el.add_argument("--on", required=True, metavar="DAY")
    _with_lang(el, "the table and messages")
    el.add_argument("--json", action="store_true")
    _with_path(el)
    el.set_defaults(run=cmd_eligible)

    te = sub.add_parser("test", help="run the example blocks of charters")
    te.add_argument("files", nargs="*", metavar="FILE", help="charter files or folders (default: charters/)")
    te.add_argument("--json", action="store_true")
    _with_path(te)
    te.set_defaults(run=cmd_test)

    co = sub.add_parser("compile", help="print the Python source a charter compiles to")
    co.add_argument("charter", metavar="CHARTER")
    shown = co.add_mutually_exclusive_group()
    shown.add_argument("--sql", action="store_true", help="print the SQL plan of the set-at-a-time engine instead")
    shown.add_argument("--ir", action="store_true",
                       help="print the checked charter (inherited articles included) with the type of every expression")
    co.add_argument("--period", default=None, metavar="P", help="the period of the SQL plan (default 2005)")
    co.add_argument("--dialect", default=None, metavar="D",
                    help="write the SQL for another engine (a sqlglot dialect: spark, trino, postgres …)")
    _with_lang(co, "the keywords of --ir")
    _with_path(co)
    co.set_defaults(run=cmd_compile)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `charter` command; returns its exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, and usage errors (2), already printed by argparse
        return exc.code if isinstance(exc.code, int) else USAGE
    try:
        return int(args.run(args))
    except Refused as exc:
        err(say(args, "error", m=exc))
        return USAGE
    except KeyboardInterrupt:  # pragma: no cover
        err("interrupted")
        return 130
    except BrokenPipeError:  # pragma: no cover
        return CLEAN


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


__all__ = ["build_parser", "main"]
