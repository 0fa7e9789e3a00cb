"""Stage 1, parse: charter text → syntax tree (`nodes`) with spans, or located syntax diagnostics."""

from __future__ import annotations

import itertools
import re

import attrs
from lark import Token
from lark.exceptions import UnexpectedInput, VisitError

from ..common.args import describe, text_arg
from ..common.diagnostics import Diagnostic, Note
from ..common.errors import ArgumentError, ParseError
from ..common.gc import collector_paused
from ..common.source import SourceFile
from ..language.keywords import keywords, language_of
from . import nodes
from ._build import CURRENT, ParseState
from ._driver import Fallback
from ._grammar import driver, parser
from ._hidden import hidden_characters
from ._layout import LayoutError
from ._messages import translate
from ._respell import respelt

__all__ = ["ParseResult", "nodes", "parse", "parse_text", "respell"]


@attrs.frozen
class ParseResult:
    """A parsed file: its syntax tree (None when it has syntax errors) and its diagnostics."""

    source: SourceFile
    module: nodes.Module | None
    diagnostics: tuple[Diagnostic, ...]
    language: str
    keywords: tuple[Token, ...] = attrs.field(default=(), eq=False, repr=False)
    """The keyword tokens of the text, in order, each with its place (`start_pos`, `end_pos`)."""

    @property
    def ok(self) -> bool:
        """Whether the file parsed without errors."""
        return self.module is not None and not any(d.is_error for d in self.diagnostics)


_BLOCK_START = re.compile(r"^[^\s#]", re.MULTILINE)


def parse_text(text: str, name: str = "<text>") -> ParseResult:
    """Parse charter text given as a string."""
    text_arg(text, "the charter text")
    text_arg(name, "the name")
    return parse(SourceFile(name, text))


def parse(source: SourceFile) -> ParseResult:
    """Parse one charter file, reporting every syntax error of the file, block by block."""
    if not isinstance(source, SourceFile):
        raise ArgumentError(f"parse takes a SourceFile; for text use parse_text, not parse({describe(source)}).")
    with collector_paused():
        return _parse(source)


def respell(text: str, language: str) -> str:
    """A charter's text with every keyword in one keyword language (`en` or `zh`), all else unchanged.

    Raises `ParseError` with the diagnostics of a text that has syntax errors."""
    text_arg(text, "the charter text")
    if language not in ("en", "zh"):
        raise ArgumentError(f"respell takes the language `en` or `zh`, not {describe(language)}.")
    parsed = parse_text(text)
    if parsed.module is None:
        raise ParseError([d for d in parsed.diagnostics if d.is_error])
    return respelt(text, parsed.keywords, language)


def _parse(source: SourceFile) -> ParseResult:
    text = source.text if source.text.endswith("\n") else source.text + "\n"
    state = ParseState(source)
    token = CURRENT.set(state)
    try:
        try:
            fast = driver()
            try:
                if fast is None:
                    raise Fallback
                module = fast.parse(text, state.keywords)
            except Fallback:  # a syntax error: Lark's parser reports it (and builds no tree)
                state = ParseState(source)
                CURRENT.set(state)
                module = parser().parse(text)
        except (UnexpectedInput, LayoutError):
            found = _errors_by_block(source, text) + hidden_characters(source)
            return ParseResult(source, None, tuple(found), "en")
        except VisitError as exc:  # a Builder method failed: never expected, but never a traceback either
            raise exc.orig_exc from None
    finally:
        CURRENT.reset(token)
    diagnostics = state.diagnostics + hidden_characters(source)
    language = _check_keyword_language(state.keywords, source, diagnostics)
    if any(d.is_error for d in diagnostics):
        return ParseResult(source, None, tuple(diagnostics), language, tuple(state.keywords))
    assert isinstance(module, nodes.Module)
    return ParseResult(source, module, tuple(diagnostics), language, tuple(state.keywords))


def _errors_by_block(source: SourceFile, text: str) -> list[Diagnostic]:
    """Parse each top-level block on its own so that every broken block gets its own message."""
    starts = [m.start() for m in _BLOCK_START.finditer(text)] or [0]
    starts.append(len(text))
    found: list[Diagnostic] = []
    for begin, end in itertools.pairwise(starts):
        padding = re.sub(r"[^\n]", " ", text[:begin])
        try:
            parser().parse(padding + text[begin:end])
        except (UnexpectedInput, LayoutError) as exc:
            found.append(translate(exc, source))
    if not found:  # the blocks parse alone but not together (e.g. a stray indentation)
        try:
            parser().parse(text)
        except (UnexpectedInput, LayoutError) as exc:
            found.append(translate(exc, source))
    return found


def _check_keyword_language(used: list[Token], source: SourceFile, out: list[Diagnostic]) -> str:
    """A file uses one keyword language; each keyword of the other one is an error."""
    table = keywords()
    if not used:
        return "en"
    english = [t.isascii() for t in used].count(True)  # language_of, for each keyword
    counts = {"en": english, "zh": len(used) - english}
    first = language_of(str(used[0]))
    language = first if counts[first] * 2 >= len(used) else ("zh" if first == "en" else "en")
    if counts[language] == len(used):
        return language
    first_of_language = next(t for t in used if language_of(str(t)) == language)
    seen_lines: set[int] = set()
    for token in used:
        if language_of(str(token)) == language:
            continue
        line = source.position(token.start_pos or 0)[0]
        if line in seen_lines:
            continue
        seen_lines.add(line)
        keyword = table[token.type]
        other = keyword.spelling(language)
        written = "English" if language == "en" else "Chinese"
        this = "Chinese" if language == "en" else "English"
        start = token.start_pos or 0
        out.append(
            Diagnostic(
                "mixed-keywords",
                f"This charter is written with {written} keywords, but `{token}` is the {this} "
                f"spelling of `{other}`; use one keyword language per file.",
                source.span(start, token.end_pos or start),
                label=f"{this} keyword",
                help=f"write `{other}`",
                notes=(
                    Note(
                        f"the file's first keyword, `{first_of_language}`, is {written}",
                        source.span(first_of_language.start_pos or 0, first_of_language.end_pos or 0),
                    ),
                ),
            )
        )
    return language
