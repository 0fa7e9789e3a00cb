"""Source files and spans: where every node and message comes from."""

from __future__ import annotations

import bisect
from pathlib import Path

import attrs


@attrs.frozen(eq=False)
class SourceFile:
    """The text of one charter file and its name as shown to the user."""

    name: str
    text: str
    _line_starts: list[int] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        starts = [0]
        for i, ch in enumerate(self.text):
            if ch == "\n":
                starts.append(i + 1)
        object.__setattr__(self, "_line_starts", starts)

    @classmethod
    def read(cls, path: str | Path) -> SourceFile:
        """Read a file as UTF-8 (a byte-order mark is dropped)."""
        text = Path(path).read_text(encoding="utf-8-sig")
        return cls(str(path), text)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        if line < 1 or line > len(self._line_starts):
            return ""
        start = self._line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start : end if end >= 0 else len(self.text)].rstrip("\r")

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def span(self, start: int, end: int) -> Span:
        """A span between two character offsets."""
        return Span(self, start, max(start, end))

    @property
    def line_count(self) -> int:
        """How many lines the file has."""
        return len(self._line_starts)


@attrs.frozen
class Span:
    """A range of characters in a source file; lines and columns (1-based) are computed when asked."""

    source: SourceFile = attrs.field(repr=False)
    start: int
    end: int

    @property
    def line(self) -> int:
        """The line the span starts on."""
        return self.source.position(self.start)[0]

    @property
    def column(self) -> int:
        """The column the span starts at."""
        return self.source.position(self.start)[1]

    @property
    def end_line(self) -> int:
        """The line the span ends on."""
        return self.source.position(self.end)[0]

    @property
    def end_column(self) -> int:
        """The column just after the span's end."""
        return self.source.position(self.end)[1]

    @property
    def file(self) -> str:
        """The file name as shown to the user."""
        return self.source.name

    def __str__(self) -> str:
        line, column = self.source.position(self.start)
        return f"{self.source.name}:{line}:{column}"

    def to(self, other: Span) -> Span:
        """The span from the start of this one to the end of another in the same file."""
        return Span(self.source, self.start, max(self.end, other.end))

    @property
    def text(self) -> str:
        """The source text the span covers."""
        return self.source.text[self.start : self.end]
