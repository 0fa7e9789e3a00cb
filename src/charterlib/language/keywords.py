"""The grammar, read from package data, and the bilingual keyword table read from its KEYWORDS section:
the one place the language's keyword spellings come from."""

from __future__ import annotations

import functools
import re
from importlib import resources

import attrs

GRAMMAR_PACKAGE = "charterlib.grammar"
GRAMMAR_FILE = "charter.lark"

_KEYWORD_LINE = re.compile(r"^([A-Z_]+)\.\d+: /\(\?:(.+)\)\(\?!\\w\)/$")


@attrs.frozen
class Keyword:
    """A keyword: its terminal name and its English and Chinese spellings."""

    terminal: str
    english: tuple[str, ...]
    chinese: tuple[str, ...]

    def spelling(self, language: str) -> str:
        """The main spelling in a language (`en` or `zh`)."""
        return self.chinese[0] if language == "zh" else self.english[0]


def grammar_text() -> str:
    """The grammar source, read from the installed package."""
    return resources.files(GRAMMAR_PACKAGE).joinpath(GRAMMAR_FILE).read_text(encoding="utf-8")


@functools.cache
def keywords() -> dict[str, Keyword]:
    """Every keyword of the language by terminal name, read from the grammar's KEYWORDS section."""
    table: dict[str, Keyword] = {}
    section = grammar_text().split("// ---------------------------------------------------------------- KEYWORDS", 1)[1]
    for line in section.splitlines():
        match = _KEYWORD_LINE.match(line.strip())
        if not match:
            continue
        terminal, alternatives = match.groups()
        spellings = [alt.replace(r"\s+", " ") for alt in alternatives.split("|")]
        english = tuple(s for s in spellings if s.isascii())
        chinese = tuple(s for s in spellings if not s.isascii())
        table[terminal] = Keyword(terminal, english, chinese)
    return table


def language_of(spelling: str) -> str:
    """`en` for an English keyword spelling, `zh` for a Chinese one."""
    return "en" if spelling.isascii() else "zh"
