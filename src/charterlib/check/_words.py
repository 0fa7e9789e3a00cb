"""Keyword mentions in messages, shown in the keyword language of the file they are about."""

from __future__ import annotations

import functools
import re

import attrs

from ..common.diagnostics import Diagnostic, Note
from ..language import FUNCTIONS, keywords

_MARK = re.compile(r"⟦([^⟧]*)⟧")


@functools.cache
def _chinese() -> dict[str, str]:
    table = {english: k.chinese[0] for k in keywords().values() for english in k.english}
    for name, canonical in FUNCTIONS.items():
        if not name.isascii():
            table.setdefault(canonical, name)
    return table


def _translate(phrase: str) -> str:
    table = _chinese()
    if phrase in table:
        return table[phrase]
    words = phrase.split(" ")
    out: list[str] = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            candidate = " ".join(words[i:j])
            if candidate in table:
                out.append(table[candidate])
                i = j
                break
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


def localize_text(text: str, language: str) -> str:
    """Replace ⟦keyword⟧ marks by the keyword in backticks, spelt in `language` (`en` or `zh`)."""
    if language == "zh":
        return _MARK.sub(lambda m: f"`{_translate(m.group(1))}`", text)
    return _MARK.sub(lambda m: f"`{m.group(1)}`", text)


def localize(diagnostic: Diagnostic, language: str) -> Diagnostic:
    """A diagnostic whose keyword mentions are spelt in the file's keyword language."""
    return attrs.evolve(
        diagnostic,
        message=localize_text(diagnostic.message, language),
        label=localize_text(diagnostic.label, language),
        help=localize_text(diagnostic.help, language),
        notes=tuple(Note(localize_text(n.message, language), n.span) for n in diagnostic.notes),
    )
