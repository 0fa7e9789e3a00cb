"""`charter compile`: the Python source a charter compiles to, its checked IR, or its SQL plan."""

from __future__ import annotations

import argparse
import functools
import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

from ..common.errors import CharterError
from ..common.suggest import did_you_mean
from ..ir.printer import charter_text
from ..runtime import Period
from ..sql import Planner, Unsupported
from ._common import CLEAN, INPUT, LOOK, Refused, err, load_charter, out, say


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
    try:  # sqlglot comes with the `batch` extra
        import sqlglot
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
