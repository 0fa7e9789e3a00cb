"""DuckDB, in process: the engine of a register on one machine."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

import duckdb

from ..sql.text import text
from ._protocol import Failures

FAILURES = Failures(error=duckdb.Error, data=(duckdb.DataError, duckdb.InvalidInputException),
                    memory=duckdb.OutOfMemoryException, io=duckdb.IOException)


class DuckDB:
    """The DuckDB engine."""

    name = "duckdb"
    dialect = "duckdb"
    failures = FAILURES

    def open(self, memory_limit: str, threads: int | None, temp_directory: str) -> DuckDBSession:
        return DuckDBSession(memory_limit, threads, temp_directory)


class DuckDBSession:
    """A DuckDB connection, with insertion order kept (results come in the order of the plan)."""

    def __init__(self, memory_limit: str, threads: int | None, temp_directory: str) -> None:
        self.con = duckdb.connect()
        try:
            self.con.execute(f"SET memory_limit = {text(memory_limit)}")
        except duckdb.Error:
            self.con.close()
            raise
        self.con.execute(f"SET temp_directory = {text(temp_directory)}")
        self.con.execute("SET preserve_insertion_order = true")
        if threads:
            self.con.execute(f"SET threads = {threads}")
        rows = self.con.execute("SELECT current_setting('memory_limit')").fetchall()
        self.memory = _bytes(str(rows[0][0])) if rows else 0

    def execute(self, statement: str, parameters: Sequence[Any] | None = None) -> duckdb.DuckDBPyConnection:
        return self.con.execute(statement, parameters)

    def register(self, name: str, table: Any) -> None:
        self.con.register(name, table)

    def unregister(self, name: str) -> None:
        self.con.unregister(name)

    def arrow(self, query: str) -> Any:
        return self.con.sql(query).to_arrow_table()

    def batches(self, query: str, rows: int) -> Iterator[Any]:
        return iter(self.con.sql(query).to_arrow_reader(rows))

    def copy(self, query: str, target: str, kind: str, header: bool) -> int:
        if kind == "parquet":
            options = "FORMAT parquet"
        elif kind == "csv":
            options = f"FORMAT csv, HEADER {'true' if header else 'false'}"
        else:  # each row's one column as it is: a one-column CSV with quoting off
            options = "FORMAT csv, HEADER false, DELIMITER '\t', QUOTE '', ESCAPE ''"
        row = self.con.execute(f"COPY ({query}) TO {text(target)} ({options})").fetchall()[0]
        return int(row[0]) if row else 0

    def close(self) -> None:
        self.con.close()


def _bytes(size: str) -> int:
    """The bytes of a DuckDB memory size (`476.8 MiB`); 0 when it cannot be read."""
    match = re.fullmatch(r"\s*([\d.]+)\s*([KMGT]?)i?B?\s*", size, re.IGNORECASE)
    if match is None:
        return 0
    return int(float(match.group(1)) * 1024 ** " KMGT".index(match.group(2).upper() or " "))
