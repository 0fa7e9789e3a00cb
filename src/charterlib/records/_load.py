"""Reads registers: a JSON array of households, an object with a "households" array, or JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import RecordError

Positioned = tuple[str, Any]
"""A raw record with its position in the file (`#3` in an array, `line 7` in JSON Lines)."""


def read_records(path: str | Path) -> Iterator[Positioned | RecordError]:
    """Every raw record of a register file, or a RecordError for a line that is not JSON.

    JSON Lines are read line by line, so a register of any size takes little memory; a JSON
    document (an array, or an object with a "households" array) is read whole.
    """
    try:
        handle = open(path, encoding="utf-8-sig")  # noqa: SIM115 - closed below, also on errors
    except OSError as exc:
        raise RecordError(f"cannot read register {path}: {exc}") from None
    with handle:
        try:
            head = handle.read(4096)
            handle.seek(0)
            stripped = head.lstrip()
            if stripped.startswith("[") or (stripped.startswith("{") and _is_single_document_file(handle)):
                handle.seek(0)
                yield from parse_records(handle.read(), str(path))
                return
            handle.seek(0)
            for number, line in enumerate(handle, start=1):
                yield from _line(line, number)
        except UnicodeDecodeError as exc:
            raise RecordError(f"cannot read register {path}: not UTF-8 text ({exc.reason})") from None


def _line(line: str, number: int) -> Iterator[Positioned | RecordError]:
    if not line.strip():
        return
    try:
        yield f"line {number}", json.loads(line)
    except json.JSONDecodeError as exc:
        error = RecordError(f"not valid JSON (column {exc.colno}: {exc.msg})")
        error.position = f"line {number}"  # type: ignore[attr-defined]
        yield error


def _is_single_document_file(handle: Any) -> bool:
    """Whether a file starting with `{` is one JSON document rather than JSON Lines."""
    first = handle.readline()
    rest = handle.readline()
    handle.seek(0)
    if not rest.strip():
        return True  # a single line: one document either way
    try:
        json.loads(first)
    except json.JSONDecodeError:
        return True  # the first line alone is not a document: a multi-line JSON object
    return False


def parse_records(text: str, name: str = "<register>") -> Iterator[Positioned | RecordError]:
    """The raw records of register text (see `read_records`)."""
    stripped = text.lstrip()
    if stripped.startswith("[") or (stripped.startswith("{") and _is_single_document(stripped)):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RecordError(f"{name}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
        if isinstance(data, dict):
            data = data.get("households")
            if not isinstance(data, list):
                raise RecordError(f'{name}: a JSON object register needs a "households" array')
        for i, raw in enumerate(data):
            yield f"#{i + 1}", raw
        return
    for number, line in enumerate(text.splitlines(), start=1):
        yield from _line(line, number)


def _is_single_document(text: str) -> bool:
    """Whether text starting with `{` is one JSON document (not JSON Lines)."""
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True
