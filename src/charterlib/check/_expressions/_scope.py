"""What names mean at one place of an expression."""

from __future__ import annotations

import attrs


@attrs.frozen
class Scope:
    """What names mean at one place: bound persons, the implicit person, allowed context days."""

    persons: tuple[str, ...] = ()
    implicit: str | None = None
    unit: bool = False

    def bind(self, var: str) -> Scope:
        """A scope with one more person bound, who becomes the implicit one."""
        return attrs.evolve(self, persons=self.persons + (var,), implicit=var)
