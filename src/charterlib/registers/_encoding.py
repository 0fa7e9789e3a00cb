"""The text encoding of a CSV table, found without being told: UTF-8 (with or without a byte-order mark) or
GB18030 (which GBK and GB2312 are part of: what Excel on Chinese Windows saves), else UTF-8 with the rows
that are not as their own errors (`encoding_of`); and a UTF-8 copy of a GB18030 table for the reader."""

from __future__ import annotations

import codecs
import functools
import gzip
import os
import tempfile
from typing import IO, Any

from ..common.errors import RecordError

_CHUNK = 1 << 20


def _open(path: str) -> IO[bytes]:
    opener: Any = gzip.open if path.lower().endswith(".gz") else open
    try:
        handle: IO[bytes] = opener(path, "rb")
    except OSError as exc:
        raise RecordError(f"cannot read the table {path}: {exc}") from None
    return handle


def encoding_of(path: str) -> str:
    """The encoding of a CSV table: `gb18030` when no line that is not plain ASCII is UTF-8 text, every
    such line is GB18030 text, and the header or two lines at least are such lines (one stray line could
    be either: a UTF-8 character cut short reads as GBK, `锟`); else `utf-8` (a byte-order mark allowed),
    its rows that are not UTF-8 then their own errors. Read once, a line at a time (a newline is never part
    of a GB18030 character), up to the first UTF-8 line; remembered for the file as it is."""
    try:
        stat = os.stat(path)
    except OSError as exc:
        raise RecordError(f"cannot read the table {path}: {exc}") from None
    return _encoding_of(path, stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=64)
def _encoding_of(path: str, size: int, changed: int) -> str:
    """`encoding_of` for a file of a size, last changed at a time (the cache's key: the file as it is)."""
    others = 0
    header = first = gb18030 = True
    try:
        with _open(path) as handle:
            while line := handle.readline(_CHUNK):  # a longer line is read in pieces (bounded memory)
                if not line.isascii():
                    try:
                        line.decode("utf-8")
                    except UnicodeDecodeError:
                        others += 1
                        gb18030 = gb18030 and _is(line, "gb18030")
                    else:
                        return "utf-8"
                elif first:
                    header = False
                first = False
    except (OSError, EOFError) as exc:
        raise RecordError(f"cannot read the table {path}: {exc}") from None
    return "gb18030" if others and gb18030 and (header or others >= 2) else "utf-8"


def _is(line: bytes, encoding: str) -> bool:
    """Whether a line is text in an encoding."""
    try:
        line.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def utf8_copy(path: str, encoding: str) -> str:
    """A UTF-8 copy of a table in another encoding, in a temporary file the caller removes."""
    descriptor, copy = tempfile.mkstemp(suffix=".csv", prefix="charterlib-")
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with os.fdopen(descriptor, "wb") as out, _open(path) as handle:
            while chunk := handle.read(_CHUNK):
                out.write(decoder.decode(chunk).encode("utf-8"))
            out.write(decoder.decode(b"", final=True).encode("utf-8"))
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        os.unlink(copy)
        raise RecordError(f"cannot read the table {path}: {exc}") from None
    return copy
