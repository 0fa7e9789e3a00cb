"""Validated household records, as the evaluators read them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..language.types import LEAVING

_NO_BIRTH = dt.date.min


def gone_on(fields: dict[str, Any]) -> dt.date | None:
    """The first day a person is no longer a member: the earlier of the days they died and left, if any."""
    days = [d for d in (fields.get(name) for name in LEAVING) if isinstance(d, dt.date)]
    return min(days) if days else None


class Person:
    """A household member: id, birth date, the day they died or left (`gone`, if any) and typed field values."""

    __slots__ = ("birth", "fields", "gone", "id")

    def __init__(self, person_id: str, fields: dict[str, Any]) -> None:
        self.id = person_id
        birth = fields.get("birth_date")
        self.birth: dt.date = birth if isinstance(birth, dt.date) else _NO_BIRTH
        self.gone: dt.date | None = gone_on(fields)
        self.fields = fields

    def __repr__(self) -> str:
        return f"Person({self.id!r})"


class Household:
    """A household: id, typed field values and members in birth order (then by id)."""

    __slots__ = ("fields", "id", "members")

    def __init__(self, household_id: str, fields: dict[str, Any], members: list[Person]) -> None:
        self.id = household_id
        self.fields = fields
        self.members = tuple(sorted(members, key=lambda p: (p.birth, p.id)))

    def member(self, person_id: str) -> Person | None:
        """The member with an id, if any."""
        return next((p for p in self.members if p.id == person_id), None)

    def __repr__(self) -> str:
        return f"Household({self.id!r}, {len(self.members)} members)"
