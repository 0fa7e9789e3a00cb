"""Turns Lark's parser and lexer exceptions into located, human sentences."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from lark import Token
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from ..common.diagnostics import Diagnostic
from ..common.source import SourceFile
from ..common.suggest import closest, phrase
from ..language.keywords import keywords
from ._grammar import parser
from ._layout import LayoutError

_PUNCTUATION = {
    "_COLON": "`:`",
    "_COMMA": "`,`",
    "_DOT": "`.`",
    "_LPAR": "`(`",
    "RPAR": "`)`",
    "_LBRACE": "`{`",
    "RBRACE": "`}`",
    "_LSQB": "`[`",
    "RSQB": "`]`",
    "EQ": "`=`",
    "CMP_OP": "a comparison (`<`, `<=`, `>`, `>=`, `!=`)",
    "ADD_OP": "`+` or `-`",
    "MUL_OP": "`*` or `/`",
}
_CLASSES = {
    "NAME": "a name",
    "STRING": 'a text in double quotes ("...")',
    "DATE": "a date (YYYY-MM-DD)",
    "INT": "a whole number",
    "NUMBER": "a number",
    "MONTHDAY": "a day of the year (MM-DD, like 03-01)",
    "PERIOD_LIT": "a period (2005, 2005-06 or 2005-01-01/2005-12-31)",
    "_NL": "the end of the line",
    "_INDENT": "an indented block",
    "_DEDENT": "the end of the indented block",
    "$END": "the end of the file",
}
_EXPRESSION_STARTS = {"NAME", "INT", "NUMBER", "DATE", "STRING", "_LPAR", "_LBRACE", "TODAY", "IT"}
_OPERATORS = {"CMP_OP", "EQ", "ADD_OP", "MUL_OP", "AND", "OR", "IN", "BETWEEN", "IS_SET", "IS_MISSING", "WHERE", "_DOT"}
_TRAILING_SIGNS = ("=", "+", "-", "*", "/", ",", "，")


def _trailing() -> tuple[str, ...]:
    """What a line ending in continues on the next: `and`/`or` (the grammar's spellings) and operators."""
    table = keywords()
    words = [(" " + w if w.isascii() else w) for t in ("AND", "OR") for w in (*table[t].english, *table[t].chinese)]
    return (*words, *_TRAILING_SIGNS)
_FULL_WIDTH = {"；": ";", "“": '"', "”": '"', "‘": "'", "’": "'", "【": "[", "】": "]", "。": "."}


def file_language(text: str) -> str:
    """The keyword language a file is written in, judged by its first keyword: `en` or `zh`."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return "en" if stripped[0].isascii() else "zh"
    return "en"


def describe_terminal(terminal: str, language: str) -> str:
    """How a terminal is named in a message: a keyword in the file's language, or a description."""
    table = keywords()
    if terminal in table:
        return f"`{table[terminal].spelling(language)}`"
    return _PUNCTUATION.get(terminal) or _CLASSES.get(terminal) or f"`{terminal}`"


def describe_expected(expected: Iterable[str], language: str) -> str:
    """A readable list of what the parser could accept."""
    names = set(expected)
    parts: list[str] = []
    if len(names & _EXPRESSION_STARTS) >= 4:
        parts.append("an expression")
        names -= _EXPRESSION_STARTS | set(keywords()) | {"ADD_OP", "_LSQB"}
    if len(names & _OPERATORS) >= 3:
        parts.append("an operator")
        names -= _OPERATORS | {"YUAN", "DAYS", "MONTHS", "YEARS"}
    described = sorted({describe_terminal(t, language) for t in names if t != "$END" or not parts})
    parts.extend(described)
    if len(parts) > 8:
        parts = parts[:8] + ["…"]
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " or " + parts[-1]


def describe_token(token: Token, language: str) -> str:
    """How an unexpected token is named in a message."""
    if token.type in keywords():
        return f"the keyword `{token}`"
    if token.type == "NAME":
        return f"the name `{token}`"
    if token.type == "STRING":
        return f"the text {token}"
    if token.type in ("_NL", "$END", "_INDENT", "_DEDENT"):
        if token.type == "_INDENT":
            return "an indented line"
        if token.type == "_DEDENT":
            return "the end of the indented block"
        return "the end of the line"
    if token.type in ("INT", "NUMBER", "DATE", "MONTHDAY", "PERIOD_LIT"):
        return f"`{token}`"
    return f"`{token}`"


def _keyword_suggestion(word: str, expected: Iterable[str], language: str) -> str | None:
    table = keywords()
    candidates: dict[str, str] = {}
    for terminal in expected:
        if terminal in table:
            for spelling in table[terminal].english + table[terminal].chinese:
                candidates[spelling] = table[terminal].spelling(language)
                candidates[spelling.split(" ")[0]] = table[terminal].spelling(language)
    cutoff = 0.6 if word.isascii() else 0.5  # one wrong character in a two-character Chinese word
    match = closest(word.lower(), candidates, cutoff)
    return candidates[match] if match else None


# Known mistakes, recognised by the parser state they end in (Lark's `match_examples`).
_ARTICLE_ERRORS = {
    "article-title": ["benefit x:\n  grant\n", "obligation x:\n", "eligibility x:\n", "veto x:\n",
                      "benefit x\n", "override benefit x:\n", "福利 x：\n  给予\n"],
    "empty-article": ['benefit x "t":\n\nbenefit y "t":\n  grant\n', 'benefit x "t":\n'],
}
# The parser state includes the stack depth, so each example is also given after a header, and
# after a header and a comment line, as real files have them.
_CONTEXTS = ("", 'charter c "t"\n\n', '# c\ncharter c "t"\n\n', 'charter c "t"\n\ndefine d = 1\n\n')
_EXAMPLES: dict[str, list[str]] = {
    label: [context + example for context in _CONTEXTS for example in examples]
    for label, examples in _ARTICLE_ERRORS.items()
}
_EXAMPLES["charter-title"] = ["charter x\n", "charter x\n  in force 2005-01-01\n", "章程 x\n",
                              "# c\ncharter x\n"]


def _example_message(label: str, language: str) -> tuple[str, str]:
    kw = {t: describe_terminal(t, language) for t in ("BENEFIT", "CHARTER", "GRANT")}
    if label == "article-title":
        return ("An article needs its display title in quotes after its id.",
                f'write it like {kw["BENEFIT"][:-1]} health_fee "第一条 独生子女保健费":`')
    if label == "charter-title":
        return ("A charter needs its title in quotes after its id.",
                f'write it like {kw["CHARTER"][:-1]} zhazi "柞子村计划生育村民自治章程"`')
    return ("An article needs its clauses on the lines below its title, indented.",
            f"for example `  {kw['GRANT'][1:-1]}` on the next line")


def _match_example(exc: UnexpectedInput) -> str | None:
    try:
        label = exc.match_examples(parser().parse, _EXAMPLES, use_accepts=True)
    except Exception:  # noqa: BLE001 - an example that fails differently must not hide the error
        return None
    return label if isinstance(label, str) else None


def _non_ascii_digit(source: SourceFile, pos: int) -> Diagnostic:
    """A number or date written with full-width (or other non-ASCII) digits, and its ASCII spelling."""
    end = pos
    text = source.text
    while end < len(text) and (unicodedata.category(text[end]) == "Nd" or text[end] in "-./－．／"):
        end += 1
    while end > pos + 1 and unicodedata.category(text[end - 1]) != "Nd":
        end -= 1
    written = text[pos:end]
    ascii_form = "".join(str(unicodedata.digit(ch)) if unicodedata.category(ch) == "Nd"
                         else unicodedata.normalize("NFKC", ch) for ch in written)
    kind = "a full-width digit" if 0xFF10 <= ord(text[pos]) <= 0xFF19 else "not an ASCII digit"
    return Diagnostic(
        "non-ascii-digit",
        f"`{text[pos]}` is {kind}: numbers and dates are written with the digits 0 to 9.",
        source.span(pos, end),
        label="digits to retype",
        help=f"write `{ascii_form}`",
    )


def translate(exc: UnexpectedInput | LayoutError, source: SourceFile) -> Diagnostic:
    """One diagnostic for one Lark exception."""
    language = file_language(source.text)
    if isinstance(exc, LayoutError):
        start = exc.token.start_pos or 0
        return Diagnostic(
            "bad-indentation",
            exc.message,
            source.span(start, start + max(1, exc.width)),
            label="indentation",
            help="lines of one block start in the same column; a block opens after a line ending in `:`",
        )
    if isinstance(exc, UnexpectedCharacters):
        pos = exc.pos_in_stream or 0
        char = source.text[pos] if pos < len(source.text) else ""
        span = source.span(pos, pos + 1)
        if char in "\"“":
            line_end = source.text.find("\n", pos)
            line_end = len(source.text) if line_end < 0 else line_end
            return Diagnostic(
                "unterminated-string",
                "This text is never closed: it opens with a quote mark but the line ends first.",
                source.span(pos, max(pos + 1, line_end)),
                label="text starts here",
                help='close the text with `"` on the same line',
            )
        if char in "；;。":
            return Diagnostic(
                "bad-character",
                f"The character `{char}` cannot be used here.",
                span,
                label="unexpected character",
                help="charter lines end without punctuation; remove it",
            )
        if not char.isascii() and unicodedata.category(char) == "Nd":
            return _non_ascii_digit(source, pos)
        if char in _FULL_WIDTH:
            return Diagnostic(
                "bad-character",
                f"The character `{char}` cannot be used here.",
                span,
                label="unexpected character",
                help=f"write `{_FULL_WIDTH[char]}` instead",
            )
        expected = describe_expected(exc.allowed or (), language)
        return Diagnostic(
            "bad-character",
            f"Expected {expected}, but found the character `{char}`.",
            span,
            label="unexpected character",
        )
    if isinstance(exc, UnexpectedEOF):
        end = len(source.text)
        expected = describe_expected(exc.expected, language)
        return Diagnostic(
            "unexpected-end", f"The file ends too early: expected {expected}.", source.span(end, end)
        )
    assert isinstance(exc, UnexpectedToken)
    token = exc.token
    start = token.start_pos if token.start_pos is not None else len(source.text)
    end = token.end_pos if token.end_pos is not None else start
    if token.type in ("_NL", "_DEDENT", "$END"):
        # point just after the last thing written before the missing part
        cut = start
        if token.type == "_NL":
            cut = source.text.find("\n", min(start, len(source.text)))
            cut = len(source.text) if cut < 0 else cut
        start = end = len(source.text[:cut].rstrip())
    span = source.span(start, max(end, start + 1) if token.type not in ("_NL", "_DEDENT", "$END") else start)
    accepted = getattr(exc, "accepts", None) or exc.expected
    expected_set = set(accepted) - {"$END"} if token.type != "$END" else set(accepted)
    found = describe_token(token, language)
    help_text = ""
    known = _match_example(exc)
    if known is not None:
        message, help_text = _example_message(known, language)
        return Diagnostic("syntax-error", message, span, label="here", help=help_text)
    if token.type == "NAME":
        glued = next((s for t in expected_set if t in keywords() for s in keywords()[t].chinese
                      if str(token).startswith(s) and len(str(token)) > len(s)), None)
        if glued is not None:
            return Diagnostic(
                "unknown-keyword",
                f"`{token}` is not a keyword that can stand here: the keyword `{glued}` needs a space after it.",
                span,
                label="no space after the keyword",
                help=f"write `{glued} {str(token)[len(glued):]}`",
            )
        suggestion = _keyword_suggestion(str(token), expected_set, language)
        if suggestion:
            help_text = phrase(suggestion)
            return Diagnostic(
                "unknown-keyword",
                f"`{token}` is not a keyword that can stand here; expected "
                f"{describe_expected(expected_set, language)}.",
                span,
                label="unknown word",
                help=help_text,
            )
    if token.type == "_INDENT":
        return Diagnostic(
            "bad-indentation",
            "This line is indented, but the line before it does not open a block.",
            span,
            label="unexpected indentation",
            help="only a line ending in `:` opens an indented block; otherwise start the line in the "
            "same column as the one before",
        )
    if token.type in keywords() and "NAME" in expected_set and len(expected_set) <= 2:
        return Diagnostic(
            "reserved-word",
            f"Expected a name, but found the keyword `{token}`; keywords cannot be used as names.",
            span,
            label="keyword",
            help="choose another name",
        )
    previous_line = source.line_text((token.line or 1) - 1).split("#")[0].rstrip()
    trailing = next((w for w in _trailing() if previous_line.endswith(w)), None)
    if trailing and token.type not in ("_NL", "_DEDENT", "$END"):
        help_text = (f"the line before ends with `{trailing.strip()}`, so this line continues it; "
                     f"finish that expression on its own line")
    message = f"Expected {describe_expected(expected_set, language)}, but found {found}."
    label = "unexpected here"
    if token.type in ("_NL", "_DEDENT", "$END"):
        message = f"This line is incomplete: expected {describe_expected(expected_set, language)} at its end."
        label = "something is missing here"
    return Diagnostic("syntax-error", message, span, label=label, help=help_text)
