"""The Lark parser of the grammar (`language.keywords` reads the grammar and its keyword table)."""

from __future__ import annotations

import functools

import lark

from ..language.keywords import grammar_text, keywords
from ._build import Builder
from ._driver import Driver
from ._layout import Layout


@functools.cache
def parser() -> lark.Lark:
    """The LALR parser with the contextual lexer and positions kept, built once per process."""
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
