"""Stage 3, compile: the typed IR → generated Python source, bound into a ready evaluator."""

from __future__ import annotations

from ..check import ir
from ._codegen import CompiledBackend

__all__ = ["CompiledBackend", "source"]


def source(charter: ir.Charter) -> str:
    """The Python source the compiler generates for a charter (what the compiled evaluator runs)."""
    from ..evaluate._engine import Engine

    backend = CompiledBackend(charter)
    Engine(charter, backend)
    return backend.source()
