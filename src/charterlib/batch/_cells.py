"""The SQL of table cells: a field's typed value from its column and the conditions that make it
invalid, by the rules of `registers` (`cell_value`) and `records` (the validator), so that both
engines judge each value alike."""

from __future__ import annotations

import re

from ..language.types import BOOL_SPELLINGS, Type
from ..records import (
    DECIMAL_DIGITS,
    DECIMAL_PLACES,
    INT_MAX,
    INT_MIN,
    MONEY_DIGITS,
    MONEY_PLACES,
)
from ..sql.text import text

_SQL = {"text": "VARCHAR", "enum": "VARCHAR", "bool": "BOOLEAN", "int": "BIGINT",
        "decimal": "DECIMAL(38,10)", "money": "DECIMAL(18,2)", "date": "DATE"}


def sql_type(t: Type) -> str:
    """The SQL type of a field (enumerations as DuckDB ENUM types: small, and compared as integers)."""
    if t.kind == "list":
        assert t.element is not None
        return sql_type(t.element) + "[]"
    if t.kind == "enum" and t.enum is not None:
        return "ENUM(" + ", ".join(text(label) for label in t.enum.labels) + ")"
    return _SQL[t.kind]


Check = list[tuple[str, str]]
"""Conditions that make a value invalid, each with its message (SQL text)."""


def native(t: Type, column: str, col: str) -> tuple[str, Check] | None:
    """A column whose type is the field's own, read with no text to check (a date checked against the
    calendar's range); None for any other column."""
    column = column.upper()
    kind = t.kind
    if kind == "int" and column in ("BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UTINYINT", "USMALLINT", "UINTEGER"):
        return f"CAST({col} AS BIGINT)", []
    if (kind, column) in (("bool", "BOOLEAN"), ("text", "VARCHAR")):
        return col, []
    match = re.fullmatch(r"DECIMAL\((\d+),\s*(\d+)\)", column)
    if match and kind in ("money", "decimal"):
        digits, places = (MONEY_DIGITS, MONEY_PLACES) if kind == "money" else (DECIMAL_DIGITS, DECIMAL_PLACES)
        width, scale = int(match.group(1)), int(match.group(2))
        if scale <= places and width - scale <= digits:
            return f"CAST({col} AS {_SQL[kind]})", []
    if kind == "date" and column == "DATE":
        outside = f"NOT (isfinite({col}) AND {col} BETWEEN DATE '0001-01-01' AND DATE '9999-12-31')"
        return col, [(f"{col} IS NOT NULL AND {outside}",
                      f"'\"' || CAST({col} AS VARCHAR) || '\" is not a date (YYYY-MM-DD)'")]
    return None


def cell(t: Type, value: str) -> tuple[str, Check]:
    """A field written as text (a CSV cell, or any column not of the field's own type, as text): its
    typed value (NULL when invalid) and the conditions that make it invalid, by the rules of
    `registers.cell_value` and the validator."""
    shown = f"'\"' || {value} || '\"'"
    if t.kind == "list":
        assert t.element is not None
        trimmed = f"trim({value})"
        inner = f"substr({trimmed}, 2, length({trimmed}) - 2)"
        elements = (f"(CASE WHEN trim({inner}) = '' THEN []::VARCHAR[] ELSE list_transform(string_split({inner}, ','), "
                    f"lambda e: trim(e)) END)")
        shaped = (f"(length({trimmed}) >= 2 AND {trimmed}[1] = '[' AND {trimmed}[-1] = ']' AND strpos({inner}, '[') = 0 "
                  f"AND strpos({inner}, ']') = 0 AND NOT list_contains({elements}, ''))")
        ok, element_value, _ = _scalar(t.element, "x")
        good = f"len(list_filter({elements}, lambda x: NOT coalesce({ok}, FALSE))) = 0"
        typed = f"CASE WHEN {shaped} AND {good} THEN list_transform({elements}, lambda x: {element_value}) END"
        return f"CAST({typed} AS {sql_type(t)})", [
            (f"{value} IS NOT NULL AND NOT {shaped}", f"{shown} || ' is not a list, written [a, b, c]'"),
            (f"{value} IS NOT NULL AND {shaped} AND NOT ({good})",
             f"{shown} || ' has an element that is not {_word(t.element)}'"),
        ]
    ok, typed, problems = _scalar(t, value)
    return typed, [(f"{value} IS NOT NULL AND {cond}", f"{shown} || {msg}") for cond, msg in problems]


def _scalar(t: Type, value: str) -> tuple[str, str, Check]:
    """A scalar written as text: (whether it is valid, its typed value, its problems: each a condition
    on a non-NULL value and the end of its message)."""
    kind = t.kind
    trimmed = f"trim({value})"
    if kind == "text":
        return "TRUE", value, []
    if kind == "enum":
        assert t.enum is not None
        spellings = t.enum.spellings()
        ok = f"({value} IN ({', '.join(text(s) for s in spellings)}))"
        titled = [s for s in spellings if s not in t.enum.labels]  # 女 for female
        label = (f"(CASE {value} " + " ".join(f"WHEN {text(s)} THEN {text(t.enum.label_of(s) or s)}" for s in titled)
                 + f" ELSE {value} END)") if titled else value
        return ok, f"TRY_CAST({label} AS {sql_type(t)})", [(f"NOT {ok}", text(f" is not one of {', '.join(t.enum.labels)}"))]
    if kind == "bool":
        spelt = ", ".join(text(s) for s in BOOL_SPELLINGS)
        yes = ", ".join(text(s) for s, v in BOOL_SPELLINGS.items() if v)
        ok = f"(lower({trimmed}) IN ({spelt}))"
        return ok, f"CASE WHEN {ok} THEN lower({trimmed}) IN ({yes}) END", [(f"NOT {ok}", "' is not a bool (true or false)'")]
    if kind == "int":
        shaped = f"regexp_full_match({trimmed}, '-?[0-9]+')"
        typed = f"CASE WHEN {shaped} THEN TRY_CAST({trimmed} AS BIGINT) END"
        return f"({typed} IS NOT NULL)", typed, [
            (f"NOT {shaped}", "' is not a whole number'"),
            (f"{shaped} AND {typed} IS NULL", text(f" is out of range: whole numbers are 64-bit, from {INT_MIN} to {INT_MAX}")),
        ]
    if kind in ("money", "decimal"):
        digits, places = (MONEY_DIGITS, MONEY_PLACES) if kind == "money" else (DECIMAL_DIGITS, DECIMAL_PLACES)
        what = "an amount" if kind == "money" else "a number"
        shaped = f"regexp_full_match({trimmed}, '-?[0-9]+(\\.[0-9]+)?')"
        before = f"length(ltrim(regexp_extract({trimmed}, '^-?([0-9]+)', 1), '0'))"
        after = f"length(rtrim(regexp_extract({trimmed}, '\\.([0-9]+)$', 1), '0'))"
        ok = f"({shaped} AND {before} <= {digits} AND {after} <= {places})"
        return ok, f"CASE WHEN {ok} THEN CAST({trimmed} AS {_SQL[kind]}) END", [
            (f"NOT {shaped}", text(f" is not {what} (digits, with a point before the decimals)")),
            (f"{shaped} AND {before} > {digits}", text(f" is out of range: {'amounts' if kind == 'money' else 'decimals'} "
                                                       f"have at most {digits} digits before the point")),
            (f"{shaped} AND {before} <= {digits} AND {after} > {places}",
             "' is finer than 0.01 yuan'" if kind == "money" else text(f" has more than {places} digits after the point")),
        ]
    if kind == "date":
        ok = (f"(regexp_full_match({trimmed}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') AND {trimmed} >= '0001-01-01' "
              f"AND TRY_CAST({trimmed} AS DATE) IS NOT NULL)")
        return ok, f"CASE WHEN {ok} THEN TRY_CAST({trimmed} AS DATE) END", [(f"NOT {ok}", "' is not a date (YYYY-MM-DD)'")]
    raise ValueError(f"fields of type {t} cannot be read from tables")  # pragma: no cover


def _word(t: Type) -> str:
    return {"date": "a date (YYYY-MM-DD)", "bool": "a bool (true or false)", "int": "a whole number",
            "decimal": "a number", "money": "an amount", "text": "text", "enum": "a label"}.get(t.kind, str(t))
