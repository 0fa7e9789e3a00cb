"""What the plan of every article kind shares: the planner it works for, days and amounts as SQL."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from ... import ir
from ...runtime import Period
from .._compiler import SqlCompiler
from .._scope import Scope
from ..text import literal


class Planning(Protocol):
    """The planner, as an article's plan sees it."""

    charter: ir.Charter

    def compiler(self) -> SqlCompiler:
        """A compiler of expressions sharing the plan's member aggregates."""

    def note(self, sql: SqlCompiler) -> None:
        """Take note of what a compiler's expressions needed (the member lists)."""

    def table(self, article: ir.AnyArticle) -> str:
        """The temporary table of an article's rows."""

    def vetoes_of(self, a: ir.Benefit) -> list[ir.Veto]:
        """The vetoes over a benefit (its own charter's and those it inherits)."""

    def suspenders_of(self, a: ir.Benefit) -> list[tuple[str, str]]:
        """The obligations suspending a benefit, with how long (`fulfilled` or `good`)."""


def day(value: dt.date) -> str:
    """A day as an SQL literal."""
    return literal(value, "date")


def all_true(parts: list[str]) -> str:
    """SQL: every condition is true (not false, not missing)."""
    return " AND ".join(f"({p}) IS TRUE" for p in parts) or "TRUE"


def on_last_day(period: Period) -> Scope:
    """The scope of what is judged on the period's last day."""
    return Scope(day(period.end), days=(period.end,), static=day(period.end))


def money(value: str) -> str:
    """SQL of an amount to pay, exact to the fen (half up); NULL when missing or beyond what money holds
    (16 digits before the point), where the household evaluator fails (totals may be larger)."""
    return f"TRY_CAST(round(TRY_CAST({value} AS DECIMAL(38,10)), 2) AS DECIMAL(18,2))"
