"""A record's values as the typed values of its fields, in the ranges every engine holds, or the sentence
saying why a value does not fit."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ..common.suggest import did_you_mean
from ..language.types import BOOL_SPELLINGS, Type

# value ranges, the same in every engine (SQL: BIGINT, DECIMAL(18,2), DECIMAL(38,10))
INT_MIN, INT_MAX = -(2 ** 63), 2 ** 63 - 1
MONEY_DIGITS, MONEY_PLACES = 16, 2
DECIMAL_DIGITS, DECIMAL_PLACES = 28, 10
_REGISTER_BOOLS = {k: v for k, v in BOOL_SPELLINGS.items() if k not in ("true", "false")}
"""The bools a JSON register may write as text: only the Chinese ones (JSON has true and false)."""

NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
"""A number written as text: digits, a point and digits (no exponent, no spaces, no other digits)."""


def describe(value: Any) -> str:
    """A value as a message quotes it, cut to 40 characters."""
    try:
        text = f'"{value}"' if isinstance(value, str) else str(value) if isinstance(value, Decimal) else repr(value)
    except (RecursionError, ValueError):  # a value nested too deeply, an int too long for text
        text = f"a {type(value).__name__} too large to show"
    return text if len(text) <= 40 else text[:37] + "..."


def _digits(number: Decimal) -> int:
    """Digits of a finite number before its point."""
    return max(number.adjusted() + 1, 0) if number else 0


def _places(number: Decimal) -> int:
    """Digits of a finite number after its point, trailing zeros left out."""
    _sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    if exponent >= 0:
        return 0
    zeros = 0
    while zeros < min(-exponent, len(digits)) and digits[-1 - zeros] == 0:
        zeros += 1
    return -exponent - zeros


def _number(value: Any, kind: str) -> Decimal:
    """A money or decimal value checked against its range."""
    what = "an amount" if kind == "money" else "a number"
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise Invalid(f"{describe(value)} is not {what}")
    if isinstance(value, str) and not NUMBER.fullmatch(value):
        raise Invalid(f"{describe(value)} is not {what} (digits, with a point before the decimals)")
    try:
        number = value if isinstance(value, Decimal) else Decimal(value) if isinstance(value, (int, str)) \
            else Decimal(repr(value))
    except (InvalidOperation, ValueError):
        raise Invalid(f"{describe(value)} is not {what}") from None
    if not number.is_finite():
        raise Invalid(f"{describe(value)} is not {what}")
    digits, places = (MONEY_DIGITS, MONEY_PLACES) if kind == "money" else (DECIMAL_DIGITS, DECIMAL_PLACES)
    if _digits(number) > digits:
        raise Invalid(f"{describe(value)} is out of range: {'amounts' if kind == 'money' else 'decimals'} have "
                       f"at most {digits} digits before the point")
    if _places(number) > places:
        raise Invalid(f"{describe(value)} is finer than 0.01 yuan" if kind == "money" else
                       f"{describe(value)} has more than {places} digits after the point")
    return number.quantize(Decimal("0.01")) if kind == "money" else number


class Invalid(Exception):
    """A value that does not fit its field's type, with the sentence saying why."""

    def __init__(self, message: str) -> None:
        self.message = message


def convert(value: Any, t: Type) -> Any:
    """A JSON value as the typed value of a field, or Invalid saying why it does not fit."""
    if value is None:
        if t.optional:
            return None
        raise Invalid("a value is required here, not null")
    kind = t.kind
    if kind == "text":
        if not isinstance(value, str):
            raise Invalid(f"{describe(value)} is not text")
        return value
    if kind == "bool":
        if isinstance(value, str) and value in _REGISTER_BOOLS:  # 是 and 否, as a Chinese register writes them
            return _REGISTER_BOOLS[value]
        if not isinstance(value, bool):
            raise Invalid(f"{describe(value)} is not a bool (true or false)")
        return value
    if kind == "int":
        if isinstance(value, Decimal) and value.is_finite() and value.as_tuple().exponent == 0:
            raise Invalid(f"{describe(value)} is out of range: whole numbers are 64-bit, from {INT_MIN} to {INT_MAX}")
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(f"{describe(value)} is not a whole number")
        if not INT_MIN <= value <= INT_MAX:
            raise Invalid(f"{describe(value)} is out of range: whole numbers are 64-bit, from {INT_MIN} to {INT_MAX}")
        return value
    if kind in ("decimal", "money"):
        return _number(value, kind)
    if kind == "date":
        if not isinstance(value, str):
            raise Invalid(f"{describe(value)} is not a date (YYYY-MM-DD)")
        try:
            if len(value) != 10 or value[4] != "-" or value[7] != "-" or not value[5:7].isdigit():
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            raise Invalid(f"{describe(value)} is not a date (YYYY-MM-DD)") from None
    if kind == "enum":
        assert t.enum is not None
        label = t.enum.label_of(value) if isinstance(value, str) else None
        if label is None:  # a label, or the title that names it (女 for female)
            labels = ", ".join(t.enum.labels)
            extra = did_you_mean(value, t.enum.labels, form="aside") if isinstance(value, str) else ""
            raise Invalid(f"{describe(value)} is not one of {labels}{extra}")
        return label
    if kind == "list":
        assert t.element is not None
        if not isinstance(value, list):
            raise Invalid(f"{describe(value)} is not a list")
        return tuple(value)  # elements are converted by the caller, each with its own path
    raise Invalid(f"fields of type {t} cannot be read from records")  # pragma: no cover
