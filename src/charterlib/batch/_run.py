"""Runs a charter over a whole register, set at a time, chunk by chunk, with bounded memory."""

from __future__ import annotations

import gc
import tempfile
import time
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..common.args import describe, memory_size, path_arg, positive_int
from ..common.errors import ArgumentError, OutputError
from ..common.gc import collector_paused
from ..engines import Session
from ..engines import engine as engine_named
from ..evaluate import Evaluates
from ..records import Household, RecordIssue, Validator
from ..registers import read_records
from ..results.files import check_writable, write_issues
from ..results.schema import output_columns, row_json
from ..runtime import Period
from ..sql import HID, Plan, Planner, Unsupported, ident
from ._errors import BatchError
from ._fallback import one_by_one
from ._progress import bar as progress_bar_of
from ._registers import reading, register_arg, tables_of
from ._summary import BatchSummary
from ._tables import TableLoader, households_from_rows, persons_to_arrow, to_arrow
from ._tally import Tally
from ._writer import Writer, output_schema


class BatchRunner:
    """Evaluates registers with a charter's SQL plan; falls back to the household evaluator where it must."""

    def __init__(self, charter: Evaluates, *, chunk_size: int | None = None, memory_limit: str = "4GB",
                 threads: int | None = None, engine: str = "duckdb") -> None:
        if not isinstance(charter, Evaluates):
            raise ArgumentError(f"the batch engine runs a Charter (from charterlib.load), not {describe(charter)}.")
        self.charter = charter
        self.chunk_size = positive_int(chunk_size, "chunk_size") if chunk_size is not None else None
        """Households per chunk: JSON registers are validated in Python 200,000 at a time unless told;
        table registers are evaluated whole when they fit the memory limit (about 2 KB a household),
        else in chunks of about 4 KB a household of it, unless told."""
        memory = memory_size(memory_limit)  # checked: it is written into SQL
        threads = positive_int(threads, "threads", 1024) if threads is not None else None
        self.engine = engine_named(engine)
        self.failures = self.engine.failures
        self.planner = Planner(charter.ir)
        self.unsupported = self.planner.unsupported()
        self.columns = output_columns(charter.ir.costed)
        """The columns of the results (`costs` when a benefit says who bears its cost)."""
        self.schema = output_schema(self.columns)
        self._tmp = tempfile.TemporaryDirectory(prefix="charterlib-")
        try:
            self.con: Session = self.engine.open(memory, threads, self._tmp.name)
        except self.failures.error as exc:
            self._tmp.cleanup()
            raise ArgumentError(f"memory_limit `{memory_limit}` cannot be used: {exc}") from None
        self.memory = self.con.memory

    def close(self) -> None:
        self.con.close()
        self._tmp.cleanup()

    # -------------------------------------------------------------- entry
    def run(self, register: str | Path | Sequence[str | Path], period: str | Period, *,
            out: str | Path | None = None, errors: str | Path | None = None, progress: bool = False,
            collect: list[dict[str, str]] | None = None) -> BatchSummary:
        """Evaluate a register: a JSON / JSON Lines file, or a (households, persons) pair of Parquet or
        CSV tables (or a folder holding households.* and persons.*)."""
        p = period if isinstance(period, Period) else Period.parse(period)
        register = register_arg(register)
        if errors is not None:  # said before the work, not after
            try:
                check_writable(path_arg(errors, "errors"), "the errors")
            except OutputError as exc:
                raise BatchError(str(exc)) from None
        started = time.perf_counter()
        writer = Writer(path_arg(out, "out") if out is not None else None, self.columns)
        issues: list[RecordIssue] = []
        self._tally = Tally()
        try:
            tables = tables_of(register)
            try:
                self._plan = self.planner.plan(p, person_checks=tables is not None) if not self.unsupported else None
            except Unsupported as exc:  # pragma: no cover - found by `unsupported()` already
                raise BatchError(str(exc)) from None
            if tables is None:
                count, failed = self._run_json(Path(str(register)), p, writer, issues, progress, collect)
            else:
                count, failed = self._run_tables(tables, p, writer, issues, progress, collect)
        finally:
            writer.close()
        if errors is not None:
            try:
                write_issues(errors, issues)
            except OutputError as exc:
                raise BatchError(str(exc)) from None
        self.issues = issues
        return self._tally.summary(count, failed, self.unsupported, time.perf_counter() - started,
                                   sum(1 for issue in issues if issue.severity == "warning"))

    # -------------------------------------------------------------- JSON registers
    def _run_json(self, path: Path, period: Period, writer: Writer, issues: list[RecordIssue], progress: bool,
                  collect: list[dict[str, str]] | None) -> tuple[int, int]:
        """Read, validate and evaluate a JSON register chunk by chunk. The cyclic garbage collector
        is paused meanwhile: a chunk's hundreds of thousands of objects form no cycles, and walking
        them again and again tripled the time; a full collection after each chunk finds any left."""
        validator = Validator(self.charter.ir)
        count = failed = 0
        chunk: list[Household] = []
        chunked = False
        progress_bar = progress_bar_of(progress, None)
        with collector_paused():
            for item in read_records(path):
                count += 1
                if isinstance(item, Exception):
                    failed += 1
                    issues.append(RecordIssue("?", "", str(item), position=getattr(item, "position", "")))
                    continue
                household, found = validator.household(item[1], item[0])
                issues.extend(found)
                if household is None:
                    failed += 1
                    continue
                chunk.append(household)
                if len(chunk) >= (self.chunk_size or 200_000):
                    failed += self._evaluate_chunk(chunk, period, writer, issues, collect)
                    progress_bar.update(len(chunk))
                    chunk, chunked = [], True
                    gc.collect()
            if chunk:  # the last chunk, the whole register when it is the first
                failed += self._evaluate_chunk(chunk, period, writer, issues, collect, whole=not chunked)
                progress_bar.update(len(chunk))
        progress_bar.close()
        return count, failed

    def _evaluate_chunk(self, households: list[Household], period: Period, writer: Writer,
                        issues: list[RecordIssue], collect: list[dict[str, str]] | None, whole: bool = False) -> int:
        lists = self._plan is None or self._plan.uses_lists
        for name, table in (("hh_base", to_arrow(self.charter.ir, households, lists)),
                            ("pp", persons_to_arrow(self.charter.ir, households))):
            self.con.register("arrow_table", table)
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM arrow_table")
            self.con.unregister("arrow_table")
        by_id = {h.id: h for h in households}
        return self._evaluate_loaded(period, writer, issues, collect, lambda ids: [by_id[i] for i in ids], whole=whole)

    # -------------------------------------------------------------- table registers
    def _run_tables(self, tables: tuple[str, str], period: Period, writer: Writer, issues: list[RecordIssue],
                    progress: bool, collect: list[dict[str, str]] | None) -> tuple[int, int]:
        loader = TableLoader(self.con, self.charter.ir)
        with reading(self.failures):
            rows_read = loader.open(*tables)
            chunk_size = self._table_chunk_size(rows_read)
            count, warnings = self._load_tables(loader, whole=chunk_size is None)
        issues.extend(warnings)
        for label, hid, path, message, position in self.con.execute(
                "SELECT coalesce(label, hid, '?'), hid, path, message, position FROM record_errors "
                "ORDER BY hid NULLS LAST, position, path, message").fetchall():
            issues.append(RecordIssue(label, path, message, position=position or ""))
        if loader.deferred:
            rows = self._scalar("SELECT count(*) FROM hh")
            failed = count - rows
        else:
            failed = count - self._scalar("SELECT count(*) FROM hh_all")
            rows = self._scalar('SELECT coalesce(max("#row"), 0) FROM hh_all')
        progress_bar = progress_bar_of(progress, count)
        progress_bar.update(failed)
        size = chunk_size or max(rows, 1)
        for start in range(0, rows, size):
            if loader.deferred:  # `hh` is built already
                n = rows
            elif size >= rows:
                self.con.execute("CREATE OR REPLACE TEMP VIEW hh_base AS SELECT * EXCLUDE (\"#row\") FROM hh_all")
                self.con.execute("CREATE OR REPLACE TEMP VIEW pp AS SELECT * FROM pp_all")
                n = rows
            else:
                self.con.execute(f"CREATE OR REPLACE TEMP TABLE hh_base AS SELECT * EXCLUDE (\"#row\") FROM hh_all "
                                 f"WHERE \"#row\" > {start} AND \"#row\" <= {start + size}")
                self.con.execute(f"CREATE OR REPLACE TEMP TABLE pp AS SELECT * FROM pp_all "
                                 f"WHERE {HID} IN (SELECT {HID} FROM hh_base)")  # the persons of this chunk
                n = self._scalar("SELECT count(*) FROM hh_base")
            failed += self._evaluate_loaded(period, writer, issues, collect, self._households_from_tables,
                                            whole=size >= rows, built=loader.deferred)
            progress_bar.update(n)
        progress_bar.close()
        return count, failed

    def _table_chunk_size(self, households: int) -> int | None:
        """The households per chunk of a table register: None (the whole register at once) when it
        fits the memory limit at about 2 KB a household, else about 4 KB a household of the limit."""
        if self.chunk_size is not None:
            return self.chunk_size
        if self.memory and households > self.memory // 2048:
            return max(10_000, self.memory // 4096)
        return None

    def _load_tables(self, loader: TableLoader, whole: bool) -> tuple[int, list[RecordIssue]]:
        """Load and check the opened tables: the households read and the register's warnings. A whole
        register without member lists gets `hh` built here: the plan's pass over the persons also
        counts their bad values, so they need no pass of their own."""
        plan = self._plan
        warnings = loader.load(defer=whole and plan is not None and not plan.uses_lists)
        if plan is not None and plan.uses_lists:
            loader.add_member_lists(self.planner.person_fields)
        if loader.deferred:
            assert plan is not None
            self.con.execute("CREATE OR REPLACE TEMP VIEW pp AS SELECT * FROM pp_all")
            self.con.execute("CREATE OR REPLACE TEMP VIEW hh_base AS SELECT * EXCLUDE (\"#row\") FROM hh_all")
            self.con.execute(plan.statements[0])
            bad, counted = self.con.execute('SELECT coalesce(sum("#bad"), 0), coalesce(sum("#n"), 0) FROM hh').fetchall()[0]
            if loader.finish(int(bad), int(counted)):
                self.con.execute('DELETE FROM hh WHERE "#hid" IN (SELECT hid FROM failed_ids)')
        return loader.read, warnings

    def _scalar(self, query: str) -> int:
        rows = self.con.execute(query).fetchall()
        return int(rows[0][0])

    def _households_from_tables(self, ids: list[str]) -> list[Household]:
        self.con.execute("CREATE OR REPLACE TEMP TABLE one_by_one AS SELECT unnest(?::VARCHAR[]) AS hid", [ids])
        rows = self.con.arrow('SELECT * FROM hh_base WHERE "#hid" IN (SELECT hid FROM one_by_one) ORDER BY "#hid"')
        persons = self.con.arrow('SELECT * FROM pp WHERE "#hid" IN (SELECT hid FROM one_by_one)')
        return list(households_from_rows(self.charter.ir, rows.to_pylist(), persons.to_pylist()))

    # -------------------------------------------------------------- one loaded chunk
    def _evaluate_loaded(self, period: Period, writer: Writer, issues: list[RecordIssue],
                         collect: list[dict[str, str]] | None, households_of: Any, whole: bool = False,
                         built: bool = False) -> int:
        """Evaluate the households in `hh_base` (the whole register when `whole`); returns how many had
        evaluation errors."""
        con = self.con
        plan: Plan | None = self._plan
        beyond = False
        try:
            if plan is not None:
                for statement in plan.statements[1:] if built else plan.statements:
                    con.execute(statement)
                con.execute(f"CREATE OR REPLACE TEMP TABLE errors AS {plan.errors}")
        except self.failures.data:
            # a value beyond what SQL's numbers hold (64-bit whole numbers, DECIMAL(38)): the household
            # evaluator computes exactly, so the households of this chunk are evaluated by it instead
            plan = None
            beyond = True
        if plan is None:
            # the households of the chunk; of a register checked by the plan's own pass (`built`), those
            # left in `hh` once the households with bad records are taken out
            ids = [r[0] for r in con.execute(f'SELECT "#hid" FROM {"hh" if built else "hh_base"} ORDER BY "#hid"').fetchall()]
            self._tally.beyond_sql += len(ids) if beyond else 0
            return self._one_by_one_evaluate(households_of(ids), period, writer, issues, collect)
        columns = ", ".join(f"CAST({ident(c)} AS VARCHAR) AS {ident(c)}" for c in self.columns)
        results = f"SELECT {columns} FROM ({plan.results})"
        ids = [r[0] for r in con.execute("SELECT hid FROM errors ORDER BY hid").fetchall()]
        if collect is None and writer.path is not None and writer.appends() and (whole or writer.kind != "parquet"):
            # the whole output in one statement: DuckDB writes it, in parallel, without Python
            rows, failed = self._one_by_one_rows(households_of(ids), period, issues) if ids else ([], 0)
            if rows:
                con.register("one_by_one_rows", pa.Table.from_pylist(rows, schema=self.schema))
                results = f"SELECT * FROM ({results} UNION ALL SELECT * FROM one_by_one_rows) ORDER BY household"
            self._tally.evaluated += writer.copy(con, self.failures, results)
            if rows:
                con.unregister("one_by_one_rows")
            self._totals_of_sql(plan)
            return failed
        for batch in con.batches(results, _BATCH_ROWS):
            writer.write(batch)
            if collect is not None:
                collect.extend(batch.to_pylist())
            self._tally.evaluated += batch.num_rows
        self._totals_of_sql(plan)
        return self._one_by_one_evaluate(households_of(ids), period, writer, issues, collect) if ids else 0

    def _totals_of_sql(self, plan: Plan) -> None:
        """Add the totals of the households evaluated in SQL to the summary."""
        con = self.con
        for benefit, amount in con.execute(
                "SELECT benefit, sum(amount) FROM (" + plan.paid + ") "
                "WHERE hid NOT IN (SELECT hid FROM errors) AND amount IS NOT NULL GROUP BY benefit").fetchall():
            self._tally.cash(benefit, Decimal(amount))
        for obligation, amount in con.execute(
                "SELECT obligation, sum(penalty) FROM (" + plan.penalties + ") "
                "WHERE hid NOT IN (SELECT hid FROM errors) GROUP BY obligation").fetchall():
            self._tally.penalty(obligation, Decimal(amount))
        if plan.costs:
            for benefit, payer, amount in con.execute(
                    "SELECT benefit, payer, sum(amount) FROM (" + plan.costs + ") "
                    "WHERE hid NOT IN (SELECT hid FROM errors) AND amount IS NOT NULL GROUP BY benefit, payer").fetchall():
                self._tally.cost(benefit, payer, Decimal(amount))

    def _one_by_one_evaluate(self, households: list[Household], period: Period, writer: Writer,
                             issues: list[RecordIssue], collect: list[dict[str, str]] | None) -> int:
        rows, failed = self._one_by_one_rows(households, period, issues)
        self._tally.evaluated += len(rows)
        if rows:
            writer.write(pa.Table.from_pylist(rows, schema=self.schema))
            if collect is not None:
                collect.extend(rows)
        return failed

    def _one_by_one_rows(self, households: list[Household], period: Period,
                         issues: list[RecordIssue]) -> tuple[list[dict[str, str]], int]:
        """Evaluate households with the household evaluator: their output rows, and how many failed."""
        return one_by_one(self.charter, households, period, issues, self._tally)


_BATCH_ROWS = 100_000
def run(charter: Evaluates, register: str | Path | Sequence[str | Path], period: str | Period, *,
        out: str | Path | None = None, errors: str | Path | None = None, progress: bool = False,
        chunk_size: int | None = None) -> BatchSummary:
    """Evaluate a whole register set-at-a-time (see BatchRunner.run)."""
    runner = BatchRunner(charter, chunk_size=chunk_size)
    try:
        return runner.run(register, period, out=out, errors=errors, progress=progress)
    finally:
        runner.close()


def results(charter: Evaluates, register: str | Path | Sequence[str | Path], period: str | Period, *,
            progress: bool = False, **options: Any) -> tuple[list[dict[str, Any]], BatchSummary, list[RecordIssue]]:
    """Evaluate a register and return the results as households.md dicts (for tests and small registers);
    `options` are those of BatchRunner (chunk_size, memory_limit, threads)."""
    unknown = sorted(set(options) - {"chunk_size", "memory_limit", "threads"})
    if unknown:
        raise ArgumentError(f"batch.results takes no option {', '.join(unknown)} (options: chunk_size, "
                            f"memory_limit, threads, progress).")
    rows: list[dict[str, str]] = []
    runner = BatchRunner(charter, **options)
    try:
        summary = runner.run(register, period, collect=rows, progress=progress)
        issues = runner.issues
    finally:
        runner.close()
    return [row_json(r) for r in rows], summary, issues
