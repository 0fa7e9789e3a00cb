"""Reads registers: a JSON array of households, an object with a "households" array, one household
object, or JSON Lines. A record that cannot be read is that record's error, never the register's."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..common.errors import RecordError

Positioned = tuple[str, Any]
"""A raw record with its position in the file (`#3` in an array, `line 7` in JSON Lines)."""

_LONGEST_INT = 4000
"""Digits of the longest JSON integer read as an int; a longer one is kept as a Decimal (Python
refuses to convert more than 4,300 digits), so that it is reported as out of range at its path."""


def _parse_int(digits: str) -> int | Decimal:
    return int(digits) if len(digits) <= _LONGEST_INT else Decimal(digits)


def loads(text: str) -> Any:
    """A JSON value with exact numbers: integers as int (a huge one as a Decimal), fractions as Decimal."""
    return json.loads(text, parse_int=_parse_int, parse_float=Decimal)


def _error(message: str, position: str) -> RecordError:
    error = RecordError(message)
    error.position = position  # type: ignore[attr-defined]
    return error


def _record(text: str, position: str) -> Positioned | RecordError:
    """One record's text parsed, or the error saying why it cannot be."""
    try:
        return position, loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}" if exc.lineno > 1 else f"column {exc.colno}"
        return _error(f"not valid JSON ({where}: {exc.msg})", position)
    except RecursionError:
        return _error("not read: JSON nested too deeply", position)


def read_records(path: str | Path) -> Iterator[Positioned | RecordError]:
    """Every raw record of a register file, or a RecordError for a record that cannot be read.

    JSON Lines are read line by line, so a register of any size takes little memory, and a line that
    is not UTF-8 is that line's error; a JSON document (an array, an object with a "households"
    array, or one household object) is read whole.
    """
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, also on errors
    except OSError as exc:
        raise RecordError(f"cannot read register {path}: {exc}") from None
    with handle:
        head = handle.read(4096)
        if head.startswith(b"\xef\xbb\xbf"):
            head = head[3:]
        stripped = head.lstrip()
        handle.seek(0)
        if stripped.startswith(b"[") or (stripped.startswith(b"{") and _is_single_document_file(handle)):
            handle.seek(0)
            data = handle.read()
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise RecordError(f"cannot read register {path}: not UTF-8 text (byte {exc.start + 1}: "
                                  f"{exc.reason})") from None
            yield from parse_records(text, str(path))
            return
        handle.seek(0)
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield _error(f"not read: the line is not UTF-8 text (byte {exc.start + 1}: {exc.reason})",
                             f"line {number}")
                continue
            if line.strip():
                yield _record(line, f"line {number}")


def _is_single_document_file(handle: Any) -> bool:
    """Whether a file starting with `{` is one JSON document rather than JSON Lines."""
    first = handle.readline()
    rest = handle.readline()
    handle.seek(0)
    if not rest.strip():
        return True  # a single line: one document either way
    try:
        json.loads(first.decode("utf-8-sig"), parse_int=len, parse_float=len)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, nested too deeply
        return True  # the first line alone is not a document: a multi-line JSON object
    return False


def parse_records(text: str, name: str = "<register>") -> Iterator[Positioned | RecordError]:
    """The raw records of register text (see `read_records`)."""
    stripped = text.lstrip()
    if stripped.startswith("[") or (stripped.startswith("{") and _is_single_document(stripped)):
        yield from _document(stripped, name)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _record(line, f"line {number}")


def _document(text: str, name: str) -> Iterator[Positioned | RecordError]:
    """The records of one JSON document: an array's elements, a "households" array, or one household."""
    try:
        data = loads(text)
    except (json.JSONDecodeError, RecursionError):
        # a bad element: each element on its own, so that only the bad ones are lost
        wrapped = _WRAPPED.match(text)
        if text.startswith("[") or wrapped:
            yield from _elements(text[wrapped.end() - 1:] if wrapped else text, closing="}" if wrapped else "")
        else:
            yield _record(text, "#1")
        return
    if isinstance(data, dict):
        if "households" not in data:
            yield "#1", data  # a register of one household
            return
        data = data["households"]
        if not isinstance(data, list):
            raise RecordError(f'{name}: the "households" of a JSON object register is an array of households')
    for i, raw in enumerate(data):
        yield f"#{i + 1}", raw


_WRAPPED = re.compile(r'\{\s*"households"\s*:\s*\[')
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{},]', re.DOTALL)


def _elements(text: str, closing: str = "") -> Iterator[Positioned | RecordError]:
    """The elements of a JSON array (`text` starts with its `[`) that cannot be read whole, each read
    (or rejected) on its own; after the array, only `closing` may follow."""
    depth, start, number = 0, 1, 0
    for token in _TOKENS.finditer(text):
        kind = token.group()
        if kind in "[{":
            depth += 1
        elif kind in "]}":
            depth -= 1
            if depth == 0:  # the end of the array
                if text[start:token.start()].strip():
                    number += 1
                    yield _record(text[start:token.start()], f"#{number}")
                if text[token.end():].strip() != closing:
                    yield _error("not valid JSON: something other than the end follows the array", f"#{number + 1}")
                return
        elif kind == "," and depth == 1:
            number += 1
            yield _record(text[start:token.start()], f"#{number}")
            start = token.end()
    if text[start:].strip():  # the array never ends: the rest is its last element
        yield _record(text[start:], f"#{number + 1}")


def _is_single_document(text: str) -> bool:
    """Whether text starting with `{` is one JSON document (not JSON Lines)."""
    first, _, rest = text.partition("\n")
    if not rest.strip():
        return True
    try:
        json.loads(first, parse_int=len, parse_float=len)
    except (ValueError, RecursionError):
        return True
    return False
