"""Resolves names and types of expressions: syntax nodes in, typed `ir` expressions out."""

from __future__ import annotations

from ._calls import Calls
from ._operators import Operators, conjuncts
from ._scope import Scope
from ._types import describe


class ExpressionChecker(Operators, Calls):
    """Types expressions against a charter's fields, definitions and parameters: one visitor of the
    syntax of expressions, its names and literals (`_base`), operators (`_operators`) and calls of
    builtins (`_calls`) each in a module."""


__all__ = ["ExpressionChecker", "Scope", "conjuncts", "describe"]
