"""The format of a result, defined once: the households.md line (`LINE`), the row of a results table
(`OUTPUT_COLUMNS`, its JSON compact as DuckDB writes it), and the conversions between a `Result`, a row and
the line. `Result.to_json`, the writers of `results.files`, the SQL result query and the results read back
all follow it."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from ._values import Result

OUTPUT_COLUMNS = (
    "household", "period", "total_cash", "penalties_total", "cash", "in_kind", "penalties", "obligations",
    "amount_unknown",
)
JSON_COLUMNS = ("cash", "in_kind", "penalties", "obligations", "amount_unknown")
LINE: tuple[tuple[str, str], ...] = (
    ("household", "text"), ("period", "text"), ("cash", "json"), ("total_cash", "text"), ("in_kind", "json"),
    ("penalties", "json"), ("obligations", "json"), ("amount_unknown", "units"),
)
"""A result as households.md writes it, defined once: its keys in order (each the row's column of that
name), and how each is written: `text` a JSON string, `json` the column's JSON, `units` its JSON when it
holds units (the key left out otherwise). The JSON Lines written here and by DuckDB, and the results read
back, follow it."""
Row = Sequence[str]
"""A row: the values of OUTPUT_COLUMNS, in that order."""


_ESCAPE = re.compile(r"(\\+)u00([0-9a-f]{2})")


def json_text(value: Any) -> str:
    """JSON without spaces between its tokens, escaped as DuckDB writes it (`\\u001B`, not `\\u001b`)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if "u00" in text:  # a control character, written in upper-case hex like DuckDB (yyjson)
        text = _ESCAPE.sub(_upper, text)
    return text


def _upper(match: re.Match[str]) -> str:
    slashes = match.group(1)
    if len(slashes) % 2 == 0:  # `\\u00..`: an escaped backslash followed by text, not an escape
        return match.group(0)
    return f"{slashes}u00{match.group(2).upper()}"


def result_row(result: Result) -> dict[str, str]:
    """A result as a row of OUTPUT_COLUMNS, its JSON compact as DuckDB writes it."""
    data = result.to_json()
    penalties = sum((Decimal(v) for v in data["penalties"].values()), Decimal("0.00"))
    return {"household": data["household"], "period": data["period"], "total_cash": data["total_cash"],
            "penalties_total": f"{penalties:.2f}", **{k: json_text(data.get(k, [])) for k in JSON_COLUMNS}}


def row_json(row: Mapping[str, str]) -> dict[str, Any]:
    """A row back as a result in the format of households.md (`amount_unknown` only when there are such units)."""
    data: dict[str, Any] = {}
    for key, how in LINE:
        value = row.get(key) or ("[]" if how == "units" else "")
        if how == "text":
            data[key] = value
        elif how == "json" or value != "[]":
            data[key] = json.loads(value)
    return data


__all__ = ["JSON_COLUMNS", "LINE", "OUTPUT_COLUMNS", "Row", "json_text", "result_row", "row_json"]
