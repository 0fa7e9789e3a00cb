"""The sentences of the `charter` command, one table per language (`--lang`)."""

from __future__ import annotations

from . import en, zh

WORDS: dict[str, dict[str, str]] = {"en": en.WORDS, "zh": zh.WORDS}
"""The sentences of each language, by key."""

__all__ = ["WORDS"]
