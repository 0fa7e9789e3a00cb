"""Writes the results of a batch run, chunk by chunk, in the bytes of `results.files`."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from ..common.errors import OutputError
from ..engines import Failures, Session
from ..results.files import ResultWriter
from ..results.schema import EMPTY, LINE, OUTPUT_COLUMNS
from ..sql.text import text
from ._errors import BatchError


def output_schema(columns: tuple[str, ...] = OUTPUT_COLUMNS) -> pa.Schema:
    """The result rows as Arrow: every column as text (see `results.schema`)."""
    return pa.schema([(c, pa.string()) for c in columns])


class Writer(ResultWriter):
    """Writes result rows chunk by chunk: straight from the engine (`copy`) where it can, else from Arrow
    batches and rows of the household evaluator (`write`), the same bytes either way (see `output`)."""

    def __init__(self, path: str | Path | None, columns: tuple[str, ...] = OUTPUT_COLUMNS) -> None:
        try:
            super().__init__(path, columns)
        except OutputError as exc:
            raise BatchError(str(exc)) from None

    def appends(self) -> bool:
        """Whether `copy` can add to what is written already (not so for Parquet)."""
        return self.kind != "parquet" or not self.started

    def write(self, table: pa.Table | pa.RecordBatch) -> None:
        try:
            self.write_arrow(table)
        except OutputError as exc:
            raise BatchError(str(exc)) from None

    def close(self) -> None:
        try:
            super().close()
        except OutputError as exc:
            raise BatchError(str(exc)) from None

    def copy(self, session: Session, session_failures: Failures, query: str) -> int:
        """Write the rows of a query (the writer's columns, as text) straight from DuckDB, after
        what is written already (see `appends`); returns how many rows were written."""
        assert self.path is not None and self.appends()
        target = self.hand_over()
        if self.kind in ("parquet", "csv"):
            kind = self.kind
        else:  # one JSON object per line, keys in the order of households.md, as `write` writes it
            query, kind = f"SELECT {_json_line_sql(self.columns)} FROM ({query})", "lines"
        try:
            written = session.copy(query, str(target), kind, header=not self.started)
            self.take_back(target)
        except session_failures.io as exc:
            raise BatchError(f"{self.path}: cannot write the results: {exc}") from None
        except OutputError as exc:
            raise BatchError(str(exc)) from None
        return written


def _json_line_sql(columns: tuple[str, ...]) -> str:
    """The SQL of a JSON Lines line of a result row, as `results.schema.LINE` defines it."""
    parts = []
    for i, (key, how) in enumerate((key, how) for key, how in LINE if key in columns):
        head = text(("{" if i == 0 else ",") + f'"{key}":')
        if how == "text":
            parts.append(f"{head} || CAST(to_json({key}) AS VARCHAR)")
        elif how == "json":
            parts.append(f"{head} || {key}")
        else:  # the key only when it holds units, or a key
            parts.append(f"CASE WHEN {key} = '{EMPTY[how]}' THEN '' ELSE {head} || {key} END")
    return " || ".join(parts) + " || '}'"
