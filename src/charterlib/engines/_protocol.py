"""What an SQL engine gives the batch runner: a session that runs the plan's statements over tables it
holds, takes Arrow tables in, gives Arrow batches out and writes result files."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol

import attrs


class Rows(Protocol):
    """The rows of a statement run (a DB-API cursor's `fetchall`)."""

    def fetchall(self) -> list[tuple[Any, ...]]:
        """Every row."""


@attrs.frozen
class Failures:
    """What an engine raises, by what it means to the runner."""

    error: type[Exception]
    """Any failure of the engine (a table it cannot read, a statement it refuses)."""
    data: tuple[type[Exception], ...]
    """A value beyond the engine's types (overflow, a failed cast): the household evaluator computes
    exactly, so the households of the chunk are evaluated by it instead."""
    memory: type[Exception]
    """Out of memory: never the register's fault, so it is never reported as the register's error."""
    io: type[Exception]
    """A file the engine cannot write."""


class Session(Protocol):
    """One connection of an engine, with its own temporary tables."""

    memory: int
    """The bytes of memory it may use (0 when unknown)."""

    def execute(self, statement: str, parameters: Sequence[Any] | None = None) -> Rows:
        """Run one statement."""

    def register(self, name: str, table: Any) -> None:
        """Make an Arrow table readable as `name` (until `unregister`)."""

    def unregister(self, name: str) -> None:
        """Forget a table given to `register`."""

    def arrow(self, query: str) -> Any:
        """The rows of a query as one Arrow table."""

    def batches(self, query: str, rows: int) -> Iterator[Any]:
        """The rows of a query as Arrow record batches of about `rows` rows."""

    def copy(self, query: str, target: str, kind: str, header: bool) -> int:
        """Write the rows of a query to a file: `parquet`, `csv` (with a header line or not), or `lines`
        (one text column, written as it is, a line a row); returns the rows written."""

    def close(self) -> None:
        """Close the session and drop what it holds."""


class Engine(Protocol):
    """An SQL engine the batch runner runs a charter's plan on."""

    name: str
    dialect: str
    """The sqlglot dialect its SQL is written in (the plan is written in DuckDB's)."""
    failures: Failures

    def open(self, memory_limit: str, threads: int | None, temp_directory: str) -> Session:
        """A new session with at most `memory_limit` of memory (a size such as `4GB`, checked by the
        caller) and `threads` threads (the engine's own choice when None), spilling to `temp_directory`."""
