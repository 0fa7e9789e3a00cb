"""The set-at-a-time back end: whole registers evaluated in SQL (DuckDB), with bounded memory."""

from __future__ import annotations

from ..sql import Planner
from ._errors import BatchError
from ._run import BatchRunner, results, run
from ._summary import BatchSummary

__all__ = ["BatchError", "BatchRunner", "BatchSummary", "Planner", "results", "run"]
