"""`charter eval`: the flags checked to go together, the engine chosen, the register evaluated and shown."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ...charter import Charter
from ...common.args import memory_size
from ...common.errors import ArgumentError, CharterError, OutputError
from ...registers import register_of
from ...results.files import ResultWriter, check_writable, output_kind
from ...runtime import Period
from .._common import (
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
    say,
    table_files,
)
from .outcome import Outcome, batch_outcome, household_outcome
from .report import issue_text, results_table, summary_json, summary_lines


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
            outcome = batch_outcome(args, charter, period, register, progress)
        else:
            outcome = household_outcome(args, charter, period, register, progress)
    except OutputError as exc:
        raise Refused(str(exc)) from None
    except CharterError as exc:  # a register that cannot be read as a whole
        err(say(args, "error", m=exc))
        return INPUT
    for issue in outcome.issues:
        err(issue_text(issue))
    return _show(args, charter, period, outcome)


def _engine(args: argparse.Namespace, tables: bool) -> str:
    """The engine to run, once the flags are known to go together."""
    if register_of(args.register, args.persons).fault == "persons":
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


def _show(args: argparse.Namespace, charter: Charter, period: Period, outcome: Outcome) -> int:
    """Print the results (or, with --out, the summary), and say how the run went in its exit status."""
    if outcome.households == 0:
        if args.json and outcome.rows is not None:
            out_json([])
        err(say(args, "error", m=say(args, "empty", p=args.register)))
        return INPUT
    if args.out is not None:
        if args.json:
            out_json(summary_json(outcome))
        else:
            out("\n".join(summary_lines(args, outcome, detailed=True)))
    elif args.json:
        out_json(outcome.rows)
        err("\n".join(summary_lines(args, outcome, detailed=False)))
    else:
        assert outcome.rows is not None
        out(results_table(args, charter, period, outcome.rows))
        out("")
        out("\n".join(summary_lines(args, outcome, detailed=False)))
    if outcome.with_errors:
        return INPUT
    return LOOK if outcome.warnings or outcome.unknown else CLEAN
