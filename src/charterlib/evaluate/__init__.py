"""Stage 4, evaluate: households and periods → amounts, grants, penalties, statuses and verdicts.

The `Engine` runs the plan of every article, one module per article kind in `evaluate.articles` (and its
registry `ARTICLES`); `GATES` are the gates of a unit of a benefit as the engine judges them, by name, in
the order of `ir.BENEFIT_GATES`."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from .. import ir
from ..compile import CompiledBackend
from ._engine import Engine
from .articles import GATES

__all__ = ["GATES", "Engine", "Evaluates", "source"]


@runtime_checkable
class Evaluates(Protocol):
    """A charter ready to evaluate households one by one: its typed IR and its engine (`charterlib.Charter`
    is one); what later stages (the batch engine) take, rather than the façade."""

    @property
    def ir(self) -> ir.Charter:
        """The checked charter."""

    @property
    def engine(self) -> Engine:
        """Its engine, built with one of the back ends."""


def source(charter: ir.Charter) -> str:
    """The Python source the compiler generates for a charter (what the compiled evaluator runs: the
    engine asks for a function per expression it judges, so it is the engine that drives the compiler)."""
    backend = CompiledBackend(charter)
    Engine(charter, backend)
    return backend.source()
