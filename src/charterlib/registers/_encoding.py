"""The text encoding of a CSV table, found without being told: UTF-8 (with or without a byte-order mark) or
GB18030 (which GBK and GB2312 are part of: what Excel on Chinese Windows saves), else UTF-8 with the rows
that are not as their own errors (`encoding_of`); and a UTF-8 copy of a GB18030 table for the reader."""

from __future__ import annotations

import codecs
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


def _decodes(path: str, encoding: str) -> bool:
    """Whether the whole file is text in an encoding (read a chunk at a time)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with _open(path) as handle:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    except (OSError, EOFError) as exc:
        raise RecordError(f"cannot read the table {path}: {exc}") from None
    return True


def encoding_of(path: str) -> str:
    """The encoding of a CSV table: `gb18030` when no line that is not plain ASCII is UTF-8 text, the whole
    file is GB18030 text, and the header or two lines at least are not ASCII (one stray line could be
    either: a UTF-8 character cut short reads as GBK, `锟`); else `utf-8` (a byte-order mark allowed), its
    rows that are not UTF-8 then their own errors."""
    utf8 = other = 0
    header = False
    try:
        with _open(path) as handle:
            first = True
            while line := handle.readline(_CHUNK):  # a longer line is read in pieces (bounded memory)
                if not line.isascii():
                    try:
                        line.decode("utf-8")
                    except UnicodeDecodeError:
                        other += 1
                        header = header or first
                    else:
                        utf8 += 1
                        break
                first = False
    except (OSError, EOFError) as exc:
        raise RecordError(f"cannot read the table {path}: {exc}") from None
    if utf8 or not (header or other >= 2):
        return "utf-8"
    return "gb18030" if _decodes(path, "gb18030") else "utf-8"


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
