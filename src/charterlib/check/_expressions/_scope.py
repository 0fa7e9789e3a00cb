"""What names mean at one place of an expression."""

from __future__ import annotations

import attrs

from ...language.types import Type


@attrs.frozen
class Scope:
    """What names mean at one place: bound persons, the implicit person, allowed context days, and in the
    body of a function its parameters, each with its type."""

    persons: tuple[str, ...] = ()
    implicit: str | None = None
    unit: bool = False
    arguments: tuple[tuple[str, Type], ...] = ()

    def argument(self, name: str) -> Type | None:
        """The type of a parameter of the function whose body this is, if `name` is one."""
        return next((t for n, t in self.arguments if n == name), None)

    def bind(self, var: str) -> Scope:
        """A scope with one more person bound, who becomes the implicit one."""
        return attrs.evolve(self, persons=self.persons + (var,), implicit=var)
