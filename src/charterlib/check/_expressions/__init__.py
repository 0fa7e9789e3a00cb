"""Resolves names and types of expressions: syntax nodes in, typed `ir` expressions out."""

from __future__ import annotations

from ._operators import Operators, conjuncts
from ._scope import Scope
from ._status import StatusCalls
from ._types import describe


class ExpressionChecker(Operators, StatusCalls):
    """Types expressions against a charter's fields, definitions and parameters: one visitor of the
    syntax of expressions, its names and literals (`_base`), operators (`_operators`), calls of
    builtins (`_calls`) and tests of an obligation's status (`_status`) each in a module."""


__all__ = ["ExpressionChecker", "Scope", "conjuncts", "describe"]
