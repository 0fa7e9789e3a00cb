"""The charter language itself, apart from any stage: its keywords in both spellings (read from the
grammar), its value types, and the one registry of built-in functions."""

from __future__ import annotations

from . import types
from .builtins import FUNCTIONS, SCALARS, Scalar
from .keywords import Keyword, grammar_text, keywords, language_of

__all__ = ["FUNCTIONS", "SCALARS", "Keyword", "Scalar", "grammar_text", "keywords", "language_of", "types"]
