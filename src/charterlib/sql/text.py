"""How names and values of the language are written in SQL: quoted identifiers that cannot collide,
string and constant literals, and days kept inside the calendar."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from .. import ir

HID = '"#hid"'
"""The household id column of `hh`; `#` keeps it apart from any field a charter declares."""
PID = '"#id"'
"""The person id field of a member struct."""
MEMBERS = '"#members"'
"""The members of a household: a list of structs (`#id` and the person fields) in birth order."""


class Unsupported(Exception):
    """An expression this back end cannot compute exactly in SQL."""


def ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def sql_names(names: Sequence[str], keep: frozenset[str] = frozenset()) -> dict[str, str]:
    """The SQL name of each of a list of names: the name itself, unless another differs from it only in
    case (SQL engines ignore the case of identifiers), then the name and its position (`flag#3`), which
    no other name can be (`#` is no part of a name of the language); the names in `keep` stay as they are."""
    folded = Counter(name.casefold() for name in names)
    return {name: name if name in keep or folded[name.casefold()] == 1 else f"{name}#{i}"
            for i, name in enumerate(names)}


@attrs.frozen
class Columns:
    """The SQL column of each household and person field of a charter (see `sql_names`)."""

    household: dict[str, str] = attrs.field(hash=False)
    person: dict[str, str] = attrs.field(hash=False)

    @classmethod
    def of(cls, charter: ir.Charter) -> Columns:
        """The columns of a charter's fields; `birth_date` keeps its name, which the plan reads, and so
        do the columns every table has (`id`, a person's `household_id`)."""
        household = sql_names(["id", *(f.name for f in charter.household_fields)], frozenset({"id"}))
        person = sql_names(["id", "household_id", *(f.name for f in charter.person_fields)],
                           frozenset({"id", "household_id", "birth_date"}))
        return cls(household, person)

    def h(self, name: str) -> str:
        """The quoted column of a household field."""
        return ident(self.household.get(name, name))

    def p(self, name: str) -> str:
        """The quoted column of a person field (or member struct field)."""
        return ident(self.person.get(name, name))


FIRST_DAY, LAST_DAY = "DATE '0001-01-01'", "DATE '9999-12-31'"
"""The calendar's first and last days: a day computed outside them is missing, as in the household
evaluator (SQL engines have days beyond them)."""

REACH = {"days": dt.date.max.toordinal(), "months": 12 * 9999, "years": 9999}
"""The longest durations that can keep a day of the calendar inside it."""


def in_calendar(day: str) -> str:
    """SQL of a computed day, missing (NULL) when it falls outside the calendar."""
    return f"(CASE WHEN {day} BETWEEN {FIRST_DAY} AND {LAST_DAY} THEN {day} END)"


def text(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def literal(value: Any, kind: str) -> str:
    """A SQL literal for a constant of the language."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    if kind == "money":
        return f"CAST('{Decimal(value):.2f}' AS DECIMAL(18,2))"
    if isinstance(value, Decimal):
        return f"CAST('{value}' AS DECIMAL(38,10))"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return text(value)
    raise Unsupported(f"constant {value!r}")
