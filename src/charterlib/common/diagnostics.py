"""Located diagnostics: what went wrong, where, and what to do about it."""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Iterable
from typing import Any

import attrs

from .source import Span


class Severity(enum.Enum):
    """How bad a diagnostic is: errors stop a charter from being used, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen
class Note:
    """A secondary location that helps explain a diagnostic ("first defined here")."""

    message: str
    span: Span | None = None


@attrs.frozen
class Diagnostic:
    """One located message about a charter file."""

    code: str
    message: str
    span: Span | None
    severity: Severity = Severity.ERROR
    label: str = ""
    help: str = ""
    notes: tuple[Note, ...] = ()

    @property
    def is_error(self) -> bool:
        """Whether this diagnostic stops the charter from being used."""
        return self.severity is Severity.ERROR

    def render(self) -> str:
        """The diagnostic as text: header, location, source line with carets, help and notes.

        Control characters, direction controls and invisible characters of the charter's text (or
        of a file name) are shown escaped, like `\\x1b` or `\\u{202e}`: never sent to the terminal.
        """
        lines = [f"{self.severity.value}[{self.code}]: {visible(self.message)}"]
        if self.span is not None:
            lines.extend(_excerpt(self.span, visible(self.label)))
        if self.help:
            lines.append(f"   = help: {visible(self.help)}")
        for note in self.notes:
            lines.append(f"note: {visible(note.message)}")
            if note.span is not None:
                lines.extend(_excerpt(note.span, ""))
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """The diagnostic as JSON-ready data."""
        data: dict[str, Any] = {
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }
        if self.span is not None:
            data.update(_span_json(self.span))
        if self.label:
            data["label"] = self.label
        if self.help:
            data["help"] = self.help
        if self.notes:
            data["notes"] = [
                {"message": n.message, **(_span_json(n.span) if n.span else {})} for n in self.notes
            ]
        return data


def _span_json(span: Span) -> dict[str, Any]:
    return {
        "file": span.file,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
    }


def display_width(text: str) -> int:
    """How many terminal columns a text takes (Chinese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def visible(text: str) -> str:
    """Text safe to print: control, format (direction, invisible) and separator characters escaped."""
    if text.isprintable():
        return text
    return "".join(_escape(ch) if not ch.isprintable() and ch not in "\t\u3000" else ch for ch in text)


def _escape(ch: str) -> str:
    if unicodedata.category(ch) == "Zs":  # a space (other than U+0020) is printable enough
        return ch
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{{{ord(ch):x}}}"


_EXCERPT_LINE = 200
"""A source line longer than this is shown around the span only:"""
_EXCERPT_BEFORE, _EXCERPT_SPAN, _EXCERPT_AFTER = 60, 120, 40
"""at most this many characters before, in and after the span."""


def _excerpt(span: Span, label: str) -> list[str]:
    source_line = span.source.line_text(span.line)
    gutter = " " * len(str(span.line))
    start = span.column - 1
    if span.end_line == span.line:
        end = max(span.end_column - 1, start + 1)
    else:
        end = max(len(source_line.rstrip()), start + 1)
    before, inside, after = source_line[:start], source_line[start:end], source_line[end:]
    if len(source_line) > _EXCERPT_LINE:
        if len(before) > _EXCERPT_BEFORE:
            before = "…" + before[-(_EXCERPT_BEFORE - 20):]
        if len(inside) > _EXCERPT_SPAN:
            inside = inside[: _EXCERPT_SPAN - 1] + "…"
        if len(after) > _EXCERPT_AFTER:
            after = after[: _EXCERPT_AFTER - 1] + "…"
    before, inside, after = visible(before), visible(inside), visible(after)
    pad = display_width(before.replace("\t", " "))
    width = max(1, display_width(inside))
    caret = " " * pad + "^" * width + (f" {label}" if label else "")
    return [
        f"{gutter}--> {visible(str(span))}",
        f"{gutter} |",
        f"{span.line} | {before}{inside}{after}",
        f"{gutter} | {caret}",
    ]


def render_all(diagnostics: Iterable[Diagnostic]) -> str:
    """All diagnostics as text, separated by blank lines, with a closing count."""
    items = list(diagnostics)
    text = "\n\n".join(d.render() for d in items)
    errors = sum(1 for d in items if d.is_error)
    warnings = len(items) - errors
    summary = []
    if errors:
        summary.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        summary.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return text + ("\n\n" + " and ".join(summary) + "." if summary else "")
