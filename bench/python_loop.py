"""Hand-written peer: the two rules of bench/simple.charter as a plain Python loop over dicts.

    python bench/python_loop.py DATA_DIR OUT.parquet

loads DATA_DIR/register.jsonl into a list of dicts (the households.md records, dates as ISO
strings), then loops over them; writes one row per household (household, total_cash) for the year
2005 to OUT.parquet and prints its timings as one JSON line ("load" = json.loads of every line,
"compute" = the loop). The rules are those of bench/handwritten_duckdb.py (see its docstring).
ISO dates compare correctly as strings, so the loop compares them as they come.
"""

from __future__ import annotations

import calendar
import gc
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

YEAR_START, YEAR_END, IN_FORCE = "2005-01-01", "2005-12-31", "2004-01-01"
MONTH_ENDS = [f"2005-{m:02d}-{calendar.monthrange(2005, m)[1]:02d}" for m in range(1, 13)]


def load(path: Path) -> list[dict[str, Any]]:
    """The records of a JSON Lines register. The cyclic garbage collector is paused meanwhile (the
    records hold no cycles; with it on, loading a million households takes three times as long)
    and the records are then frozen out of its sight."""
    gc.disable()
    try:
        with open(path, encoding="utf-8") as f:
            records = [json.loads(line) for line in f]
    finally:
        gc.enable()
    gc.freeze()
    return records


def household_total(h: dict[str, Any]) -> int:
    """Yuan paid to one household in 2005 under the two rules."""
    total = 0
    members = h["members"]

    cert = h.get("one_child_cert_on")
    if h.get("rural", False) and cert is not None:
        births = [m["birth_date"] for m in members if m["role"] == "child"]
        for day in MONTH_ENDS:
            if day >= IN_FORCE and cert <= day and sum(1 for b in births if b <= day) == 1:
                total += 10

    day = h.get("preferential_cert_on")
    if day is not None and YEAR_START <= day <= YEAR_END and day >= IN_FORCE:
        present = [m for m in members if m["birth_date"] <= day]
        children = [m for m in present if m["role"] == "child"]
        sterilized = any(
            m["role"] in ("husband", "wife")
            and m.get("contraception", "none") == "sterilization"
            and m.get("contraception_on") is not None and m["contraception_on"] <= day
            for m in present)
        if len(children) == 2 and all(c["sex"] == "female" for c in children) and sterilized:
            total += 200
    return total


def totals(records: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """Per-household totals for 2005 (household id, yuan)."""
    return [(h["id"], household_total(h)) for h in records]


def main() -> None:
    import decimal

    import pyarrow as pa
    import pyarrow.parquet as pq

    data_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
    start = time.perf_counter()
    records = load(data_dir / "register.jsonl")
    loaded = time.perf_counter()
    result = totals(records)
    computed = time.perf_counter()
    pq.write_table(pa.table({
        "household": [hid for hid, _ in result],
        "total_cash": pa.array([decimal.Decimal(t) for _, t in result], pa.decimal128(18, 2)),
    }), out)
    print(json.dumps({"peer": "python_loop", "seconds": time.perf_counter() - start,
                      "load_seconds": loaded - start, "compute_seconds": computed - loaded,
                      "peak_rss_self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


if __name__ == "__main__":
    main()
