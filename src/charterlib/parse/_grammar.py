"""The Lark grammar, loaded from package data, and the bilingual keyword table read from it."""

from __future__ import annotations

import functools
import re
from importlib import resources

import attrs
import lark

from ._driver import Driver
from ._layout import Layout

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


@functools.cache
def parser() -> lark.Lark:
    """The LALR parser with the contextual lexer and positions kept, built once per process."""
    from ._build import Builder

    return lark.Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        postlex=Layout(),
        maybe_placeholders=True,
        transformer=Builder(),
    )


@functools.cache
def driver() -> Driver | None:
    """The fast parse loop over `parser()`'s tables, for well-formed files (see `_driver`).

    None if this version of Lark lays out its tables differently: then Lark's own loop parses.
    """
    try:
        return Driver(parser(), frozenset(keywords()))
    except (AttributeError, KeyError, TypeError, ValueError):  # pragma: no cover - other Lark versions
        return None
