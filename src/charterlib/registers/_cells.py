"""Cells of table registers (text, as CSV writes them) as the JSON values a record would give."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ..language.types import BOOL_SPELLINGS, Type

_INT = re.compile(r"-?[0-9]+")


def cell_value(text: str, t: Type) -> Any:
    """A table cell (text) as the JSON value a record would give: a whole number, true or false, a
    list; text as written (without surrounding spaces for numbers, dates and lists). A cell that is
    not written as its type asks is kept as text, for the validator to name."""
    kind = t.kind
    if kind in ("text", "enum"):
        return text
    trimmed = text.strip(" ")
    if kind == "bool":
        lowered = trimmed.lower()
        return BOOL_SPELLINGS.get(lowered, text)
    if kind == "int":
        if not _INT.fullmatch(trimmed):
            return text
        digits = trimmed.lstrip("-").lstrip("0")
        return int(trimmed) if len(digits) <= 30 else _too_long(trimmed)
    if kind == "list":
        assert t.element is not None
        elements = list_cells(trimmed)
        return text if elements is None else [cell_value(e, t.element) for e in elements]
    return trimmed  # money, decimal, date: checked by the validator as JSON text is


def _too_long(digits: str) -> Any:
    return Decimal(digits)  # reported as out of range, as a JSON integer of its size is


def list_cells(text: str) -> list[str] | None:
    """The elements of a list written in a cell, `[a, b, c]` (None when it is not written so)."""
    if len(text) < 2 or text[0] != "[" or text[-1] != "]" or "[" in text[1:-1] or "]" in text[1:-1]:
        return None
    inner = text[1:-1]
    if not inner.strip(" "):
        return []
    elements = [e.strip(" ") for e in inner.split(",")]
    return None if any(not e for e in elements) else elements
