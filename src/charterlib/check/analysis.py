"""Analyses of a checked charter that later stages share: which fields it reads."""

from __future__ import annotations

import attrs

from . import ir
from ._checker import article_expressions


@attrs.frozen
class FieldsRead:
    """The fields a charter's articles and definitions read (a person's birth date always)."""

    household: frozenset[str]
    person: frozenset[str]
    valued: frozenset[str]
    """Person fields read from a person that is a value (`the(children).sex`), not a variable."""

    @classmethod
    def of(cls, charter: ir.Charter) -> FieldsRead:
        """The fields read by a charter."""
        household: set[str] = set()
        person, valued = {"birth_date"}, {"birth_date"}
        exprs = [e for a in charter.articles for e in article_expressions(a)] + [d.expr for d in charter.definitions]
        for expr in exprs:
            for x in expr.walk():
                if isinstance(x, ir.HouseholdField):
                    household.add(x.name)
                elif isinstance(x, ir.PersonField):
                    person.add(x.name)
                    if not isinstance(x.person, ir.Var):
                        valued.add(x.name)
        return cls(frozenset(household), frozenset(person), frozenset(valued))

    def member_struct(self, charter: ir.Charter) -> tuple[str, ...]:
        """The person fields read, birth date first, then in the order the charter declares them."""
        return ("birth_date", *[f.name for f in charter.person_fields if f.name in self.person and f.name != "birth_date"])

    def value_struct(self) -> tuple[str, ...]:
        """The fields read from persons that are values, birth date first."""
        return ("birth_date", *sorted(self.valued - {"birth_date"}))
