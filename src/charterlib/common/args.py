"""Checks of the arguments of the public functions: wrong input is an ArgumentError with a sentence."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import ArgumentError


def describe(value: Any) -> str:
    """A short description of a value for a message: its type and, when short, its text."""
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{type(value).__name__} {text}" if value is not None else "None"


def path_arg(value: Any, what: str) -> Path:
    """A file or folder given as a str or a path."""
    if isinstance(value, str) and value:
        return Path(value)
    if isinstance(value, os.PathLike) and not isinstance(value, bytes):
        path = Path(value)
        if str(path):
            return path
    raise ArgumentError(f"{what} is a file name (a str or a pathlib.Path), not {describe(value)}.")


def folders_arg(value: Any, what: str = "search_path") -> tuple[Path, ...]:
    """Folders given as one path, a list of paths, or None (no folder)."""
    if value is None:
        return ()
    if isinstance(value, (str, os.PathLike)) and not isinstance(value, bytes):
        return (path_arg(value, what),)
    if not isinstance(value, Iterable) or isinstance(value, (bytes, dict)):
        raise ArgumentError(f"{what} is a list of folders, not {describe(value)}.")
    return tuple(path_arg(item, f"each folder of {what}") for item in value)


def text_arg(value: Any, what: str) -> str:
    """A str argument."""
    if not isinstance(value, str):
        raise ArgumentError(f"{what} is text (a str), not {describe(value)}.")
    return value


def positive_int(value: Any, what: str, maximum: int = 2**63 - 1) -> int:
    """A whole number from 1 to `maximum`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArgumentError(f"{what} is a whole number, not {describe(value)}.")
    if not 1 <= value <= maximum:
        raise ArgumentError(f"{what} is a whole number from 1 to {maximum:,}, not {value}.")
    return value


def day_arg(value: Any, what: str = "the day") -> dt.date:
    """A day given as a date or as `YYYY-MM-DD`."""
    if isinstance(value, dt.datetime):
        raise ArgumentError(f"{what} is a date (datetime.date or YYYY-MM-DD), not a datetime {value}.")
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ArgumentError(f"{what} is a date (datetime.date or YYYY-MM-DD), not {describe(value)}.")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip(), re.ASCII):
        raise ArgumentError(f"`{value}` is not a day: write it YYYY-MM-DD (2005-06-30).")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ArgumentError(f"`{value}` is not a day: {exc}.") from None


def choice(value: Any, choices: Iterable[str], what: str) -> str:
    """One of a few names."""
    names = list(choices)
    if not isinstance(value, str) or value not in names:
        raise ArgumentError(f"{what} is one of {', '.join(names)}, not {describe(value)}.")
    return value


_SIZE = re.compile(r"(\d+(?:\.\d+)?|\.\d+)\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)", re.IGNORECASE)
_UNITS = {"B": 1, "KB": 1000, "MB": 1000**2, "GB": 1000**3, "TB": 1000**4,
          "KIB": 1024, "MIB": 1024**2, "GIB": 1024**3, "TIB": 1024**4}
MIN_MEMORY = 64 * 1000**2


def memory_size(value: Any, what: str = "memory_limit") -> str:
    """A memory size such as `4GB`, `500MB` or `1.5GiB` (at least 64MB), or a share of the memory such as
    `80%`; returned as DuckDB reads it. Never anything else: the size is written into SQL."""
    if not isinstance(value, str):
        raise ArgumentError(f"{what} is a size such as 4GB, 500MB or 80%, not {describe(value)}.")
    text = value.strip()
    percent = re.fullmatch(r"(\d+(?:\.\d+)?)\s*%", text)
    if percent is not None:
        if not 0 < float(percent.group(1)) <= 100:
            raise ArgumentError(f"{what} `{value}` is not a share of the memory: give more than 0% and at most 100%.")
        return f"{percent.group(1)}%"
    match = _SIZE.fullmatch(text)
    if match is None:
        raise ArgumentError(f"{what} `{value}` is not a size: write a number and a unit, such as 4GB, 500MB, "
                            f"1.5GiB, or a share of the memory such as 80%.")
    number, unit = match.groups()
    if float(number) * _UNITS[unit.upper()] < MIN_MEMORY:
        raise ArgumentError(f"{what} `{value}` is too small: the set-at-a-time engine needs at least 64MB.")
    return f"{number}{unit.upper().replace('I', 'i')}"
