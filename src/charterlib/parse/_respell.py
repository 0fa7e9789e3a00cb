"""A charter's text with every keyword written in the other keyword language."""

from __future__ import annotations

from collections.abc import Sequence

from lark import Token

from ..language.keywords import keywords


def respelt(text: str, tokens: Sequence[Token], language: str) -> str:
    """The text with each keyword token written in its main spelling of a language (`en` or `zh`)."""
    table = keywords()
    out: list[str] = []
    at = 0
    for token in sorted(tokens, key=lambda t: t.start_pos or 0):
        start, end = token.start_pos or 0, token.end_pos or 0
        if start < at:  # pragma: no cover - the lexer gives each keyword once
            continue
        out += [text[at:start], table[token.type].spelling(language)]
        at = end
    out.append(text[at:])
    return "".join(out)
