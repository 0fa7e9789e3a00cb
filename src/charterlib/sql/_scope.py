"""Where an SQL expression is computed: the judged day, unit days and the persons bound."""

from __future__ import annotations

import datetime as dt

import attrs

from .text import Unsupported

ROW = "#row"
"""Binds a person variable to the row of the persons table `pp` (alias `p`) instead of a struct."""


@attrs.frozen
class Scope:
    """Where an expression is computed: the judged day, unit days, and persons bound to aliases.

    `days` lists the constants the judged day can take (a unit day of a periodic schedule, or the
    period's end); `static` is the judged day as SQL over the household row alone. Either lets a
    member aggregate be computed for every household in one pass instead of row by row.
    """

    today: str
    unit_start: str = "NULL"
    unit_end: str = "NULL"
    persons: tuple[tuple[str, str], ...] = ()  # (variable, SQL of the person struct, or ROW)
    days: tuple[dt.date, ...] | None = None
    static: str | None = None
    relevant: str = "TRUE"  # the households where `static` matters (the rest are never judged on it)
    in_lambda: bool = False  # inside a list lambda, where DuckDB allows no subquery

    def bind(self, var: str, person: str) -> Scope:
        """The scope with one more person bound."""
        return attrs.evolve(self, persons=self.persons + ((var, person),))

    def judged(self) -> Scope:
        """The scope a definition sees: the judged day only."""
        return Scope(self.today, days=self.days, static=self.static, relevant=self.relevant,
                     in_lambda=self.in_lambda)

    def person(self, var: str) -> str:
        """The SQL of a bound person."""
        for name, sql in reversed(self.persons):
            if name == var:
                return sql
        raise Unsupported(f"unbound person {var}")  # pragma: no cover

