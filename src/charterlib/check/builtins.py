"""The registry of scalar built-in functions: each entry is the whole of a builtin for every stage.

An entry gives the English and Chinese names, the argument and result types, the SQL form, and what it
does; the function the evaluators call has the entry's name in `runtime/functions.py`. The checker, the
generated Python, the reference interpreter, the SQL back end and the printer all read this table, so a
new scalar builtin is an entry here and a function there. A missing argument gives a missing result in
every engine (SQL functions propagate NULL, and so must the runtime function)."""

from __future__ import annotations

import attrs

from .types import DATE, INT, Type


@attrs.frozen
class Scalar:
    """A built-in function of fixed arity whose value depends on its arguments only."""

    name: str
    chinese: str
    params: tuple[Type, ...]
    result: Type
    sql: str
    """The SQL form: `{0}`, `{1}`… stand for the arguments' SQL, each used once."""
    doc: str


SCALARS: dict[str, Scalar] = {s.name: s for s in (
    Scalar("day_of_month", "几号", (DATE,), INT, "day({0})", "the day of the month of a date (1 to 31)"),
    Scalar("month_of", "月份", (DATE,), INT, "month({0})", "the month of a date (1 to 12)"),
)}
"""Every scalar builtin, by its English name."""
