"""Stage 3, compile: the typed IR → functions an evaluator calls, by one of the back ends in `BACKENDS`
(generated Python, or the reference interpreter that walks the IR)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from .. import ir
from ..runtime import Fn
from ._codegen import CompiledBackend
from ._interpret import Reference

__all__ = ["BACKENDS", "Backend", "CompiledBackend", "Reference"]


class Backend(Protocol):
    """Turns IR expressions into functions."""

    name: str

    def function(self, expr: ir.Expr, subject: str | None) -> Fn:
        """A function computing the expression; `subject` names the `for each` person, if any."""


BACKENDS: dict[str, Callable[[ir.Charter], Backend]] = {"compiled": CompiledBackend, "reference": Reference}
"""The back ends, by the name `charterlib.load(…, backend=NAME)` takes."""
