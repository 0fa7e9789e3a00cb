"""Suggestions for misspelt names: the one helper behind every "did you mean"."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Literal

_FORMS = {
    "help": "did you mean {}?",
    "aside": " (did you mean {}?)",
    "sentence": " Did you mean {}?",
}


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate closest to a misspelt word, if any is close enough (tried as written, then in lower case)."""
    pool = sorted(set(candidates))
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    if not matches and word.lower() != word:
        matches = difflib.get_close_matches(word.lower(), pool, n=1, cutoff=cutoff)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str], *, form: Literal["help", "aside", "sentence"] = "help",
                 quote: str = "`") -> str:
    """"did you mean `x`?" as a diagnostic's help (`help`), a parenthesis after a sentence (`aside`) or a
    sentence of its own (`sentence`); empty when nothing is close."""
    return phrase(closest(word, candidates), form=form, quote=quote)


def phrase(best: str | None, *, form: Literal["help", "aside", "sentence"] = "help", quote: str = "`") -> str:
    """"did you mean `best`?" in one of the forms of `did_you_mean`, for a suggestion already found."""
    return _FORMS[form].format(f"{quote}{best}{quote}") if best else ""
