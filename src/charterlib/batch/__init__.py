"""The set-at-a-time back end: whole registers evaluated in SQL (DuckDB), with bounded memory."""

from __future__ import annotations

from ._plan import Planner
from ._run import BatchError, BatchRunner, BatchSummary, results, run

__all__ = ["BatchError", "BatchRunner", "BatchSummary", "Planner", "results", "run"]
