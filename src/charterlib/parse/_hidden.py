"""Characters that hide what a charter says (Trojan Source, CVE-2021-42574): warned about where they stand.

Bidirectional controls reorder the text around them on screen, so a reader may see a condition
other than the one the charter holds; invisible and control characters make two texts that look
equal differ (and a terminal may act on the latter).
Like rustc (`text_direction_codepoint_in_literal`, `…_in_comment`), each is reported, once per line,
at its place. (Diagnostics show them escaped: see `diagnostics.visible`.)
"""

from __future__ import annotations

import re
import unicodedata

from ..common.diagnostics import Diagnostic, Severity
from ..common.source import SourceFile

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"
_CONTROL = "\x00-\x08\x0b\x0e-\x1f\x7f-\x9f"  # (tab, line feed, form feed and carriage return are layout)
_HIDDEN = re.compile(f"[{_BIDI}{_INVISIBLE}{_CONTROL}]")
_STRING_OR_COMMENT = re.compile(r'"[^"\n]*"|“[^”\n]*”|#[^\n]*')


def hidden_characters(source: SourceFile) -> list[Diagnostic]:
    """A warning for each line that holds a direction control or an invisible character."""
    text = source.text
    found: list[Diagnostic] = []
    seen_lines: set[int] = set()
    for match in _HIDDEN.finditer(text):
        pos = match.start()
        if pos == 0 and text[0] == "\ufeff":
            continue  # a byte-order mark at the start is no character of the text
        line = source.position(pos)[0]
        if line in seen_lines:
            continue
        seen_lines.add(line)
        char = text[pos]
        where = _place(text, pos)
        if where == "line" and char not in _BIDI + _INVISIBLE:
            continue  # outside texts and comments, a control character is a syntax error already
        name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "")
        point = f"U+{ord(char):04X}" + (f" {name}" if name else "")
        if char in _BIDI:
            found.append(Diagnostic(
                "text-direction-character",
                f"This {where} holds {point}, an invisible character that changes the direction in which "
                f"the text around it is shown: what is read on screen may not be what the charter says.",
                source.span(pos, pos + 1),
                severity=Severity.WARNING,
                label="text direction changes here",
                help="remove it, unless the text is meant to hold it",
            ))
        else:
            effect = ("a control character, which a terminal may act on" if unicodedata.category(char) == "Cc"
                      else "a character that is not shown: two texts that look the same may differ by it")
            found.append(Diagnostic(
                "invisible-character",
                f"This {where} holds {point}, {effect}.",
                source.span(pos, pos + 1),
                severity=Severity.WARNING,
                label="invisible character here",
                help="remove it, unless the text is meant to hold it",
            ))
    return found


_CONTROL_NAMES = {"\x1b": "ESCAPE", "\x00": "NULL", "\x07": "BELL", "\x08": "BACKSPACE", "\x7f": "DELETE"}


def _place(text: str, pos: int) -> str:
    """Whether a position is in a text in quotes, in a comment, or elsewhere on its line."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    for match in _STRING_OR_COMMENT.finditer(line):
        if match.start() <= pos - line_start < match.end():
            return "comment" if match.group().startswith("#") else "text"
    return "line"
