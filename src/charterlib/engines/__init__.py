"""Stage 4', the SQL engines a charter's plan runs on, behind one protocol (`Engine`, `Session`) and one
registry (`ENGINES`): DuckDB in process today; a distributed engine is one more module and entry."""

from __future__ import annotations

from ..common.errors import ArgumentError
from ..common.suggest import did_you_mean
from ._duckdb import DuckDB
from ._protocol import Engine, Failures, Rows, Session

__all__ = ["ENGINES", "Engine", "Failures", "Rows", "Session", "engine"]

ENGINES: dict[str, Engine] = {"duckdb": DuckDB()}
"""The engines, by the name `BatchRunner(…, engine=NAME)` takes."""


def engine(name: str) -> Engine:
    """The engine of a name (an ArgumentError, with the names there are, for any other)."""
    found = ENGINES.get(name) if isinstance(name, str) else None
    if found is None:
        raise ArgumentError(f"there is no SQL engine {name!r}{did_you_mean(str(name), ENGINES, form='aside')}; "
                            f"the engines are {', '.join(ENGINES)}.")
    return found
