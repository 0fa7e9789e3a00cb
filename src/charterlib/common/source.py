"""Source files and spans: where every node and message comes from."""

from __future__ import annotations

import bisect
import os
import stat
from pathlib import Path

import attrs

MAX_SOURCE_BYTES = 4 * 1024 * 1024
"""The largest charter file read (4 MiB): the largest real charters are a few dozen kilobytes."""


class UnreadableFile(OSError):
    """A charter file that cannot be read: not a regular file, too large, or not to be opened."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.strerror = reason


def read_bounded(path: str | Path, limit: int = MAX_SOURCE_BYTES, *, head: bool = False) -> bytes:
    """The bytes of a regular file, at most `limit` of them (only the first `limit` when `head`).

    A folder, a named pipe, a device or a socket is refused before anything is read from it, and
    opening never waits (a pipe without a writer would otherwise block). A file larger than the
    limit is refused unless only its head is asked for.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(f"it is {_kind_of(info.st_mode)}, not a regular file")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 16, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        if head:
            return data[:limit]
        raise UnreadableFile(f"it is larger than {limit // (1024 * 1024)} MiB, the most a charter file may hold")
    return data


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


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
        """Read a regular file of at most `MAX_SOURCE_BYTES` as UTF-8 (a byte-order mark is dropped).

        Raises OSError (`UnreadableFile` for a folder, a pipe, a device or a file too large) or
        UnicodeDecodeError.
        """
        text = read_bounded(path).decode("utf-8-sig")
        return cls(str(path), text.replace("\r\n", "\n").replace("\r", "\n"))  # as text mode reads it

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
