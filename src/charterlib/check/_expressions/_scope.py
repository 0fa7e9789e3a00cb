"""What names mean at one place of an expression."""

from __future__ import annotations

import attrs

from ...language.types import Type


@attrs.frozen
class Scope:
    """What names mean at one place: bound persons and days, the implicit person, allowed context days, and
    in the body of a function its parameters, each with its type."""

    persons: tuple[str, ...] = ()
    implicit: str | None = None
    unit: bool = False
    days: tuple[tuple[str, Type], ...] = ()
    """Names bound to a day of a list (`for each d in checkup_days`), with the type of the list's elements."""
    it_day: Type | None = None
    """The type of ⟦it⟧ when it is a day of a list being tested (`checks where it >= d`), not a person."""
    arguments: tuple[tuple[str, Type], ...] = ()

    def argument(self, name: str) -> Type | None:
        """The type of a parameter of the function whose body this is, if `name` is one."""
        return next((t for n, t in self.arguments if n == name), None)

    def bind(self, var: str) -> Scope:
        """A scope with one more person bound, who becomes the implicit one."""
        return attrs.evolve(self, persons=self.persons + (var,), implicit=var, it_day=None)

    def bind_day(self, var: str, t: Type) -> Scope:
        """A scope with one more name bound to a day (no person becomes implicit; `it`: the day is ⟦it⟧)."""
        return attrs.evolve(self, days=self.days + ((var, t),), it_day=t if var == "it" else self.it_day)

    def day(self, name: str) -> Type | None:
        """The type of a name bound to a day, if it is one."""
        for var, t in reversed(self.days):
            if var == name:
                return t
        return None
