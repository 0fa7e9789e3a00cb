"""The argument parser of the `charter` command, and `main`, which runs a subcommand and says how it went
in its exit status."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from .. import __version__
from ._common import CLEAN, USAGE, Refused, err, say
from .check import cmd_check
from .compile import cmd_compile
from .eligible import cmd_eligible
from .eval import cmd_eval
from .explain import cmd_explain
from .test import cmd_test

MAX_CHUNK = 2**63 - 1


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
