"""Text for a terminal: control characters that come from data are shown as escapes, never sent raw."""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional controls (Trojan source)
_ANY = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
_BUT_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """One value shown on one line (an id, a message), every control character in it written as an
    escape (`\\x1b`, `\\u202e`, `\\n`)."""
    return _ANY.sub(_escape, text) if _ANY.search(text) else text


def printable_lines(text: str) -> str:
    """Whole output, every control character but newlines and tabs written as an escape."""
    return _BUT_LINES.sub(_escape, text) if _BUT_LINES.search(text) else text
