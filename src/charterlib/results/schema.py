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
COSTS = "costs"
"""The column of what each payer bears (`Result.costs`), a column of the results of a charter with a
benefit that says who bears its cost, and of no other (whose files stay as they were)."""
JSON_COLUMNS = ("cash", "in_kind", "penalties", "obligations", "amount_unknown", COSTS)
LINE: tuple[tuple[str, str], ...] = (
    ("household", "text"), ("period", "text"), ("cash", "json"), ("total_cash", "text"), ("in_kind", "json"),
    ("penalties", "json"), ("obligations", "json"), ("amount_unknown", "units"), (COSTS, "object"),
)
"""A result as households.md writes it, defined once: its keys in order (each the row's column of that
name), and how each is written: `text` a JSON string, `json` the column's JSON, `units` its JSON when it
holds units, `object` its JSON when it holds a key (the key left out otherwise, or when the row has no
such column). The JSON Lines written here and by DuckDB, and the results read back, follow it."""
EMPTY = {"units": "[]", "object": "{}"}
"""What a column written only when it holds something holds when it holds nothing, by how it is written."""
Row = Sequence[str]
"""A row: the values of OUTPUT_COLUMNS (or of `output_columns(True)`), in that order."""


def output_columns(costed: bool) -> tuple[str, ...]:
    """The columns of the results of a charter: OUTPUT_COLUMNS, and `costs` when it says who bears a cost."""
    return (*OUTPUT_COLUMNS, COSTS) if costed else OUTPUT_COLUMNS


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
            "penalties_total": f"{penalties:.2f}",
            **{k: json_text(data.get(k, {} if k == COSTS else [])) for k in JSON_COLUMNS}}


def row_json(row: Mapping[str, str]) -> dict[str, Any]:
    """A row back as a result in the format of households.md (`amount_unknown` only when there are such
    units, `costs` when a payer bears some)."""
    data: dict[str, Any] = {}
    for key, how in LINE:
        value = row.get(key) or EMPTY.get(how, "")
        if how == "text":
            data[key] = value
        elif how == "json" or value != EMPTY[how]:
            data[key] = json.loads(value)
    return data


__all__ = ["COSTS", "EMPTY", "JSON_COLUMNS", "LINE", "OUTPUT_COLUMNS", "Row", "json_text", "output_columns",
           "result_row", "row_json"]
