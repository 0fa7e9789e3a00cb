"""Median time to evaluate one household of charters/zhazi.charter over a year.

Run on demand (not a test):  python bench/household.py [--runs N]

It loads the charter once, then times `charter.evaluate(household, "2005")` for every household of
charters/data/zhazi.json, N times each, and prints the median per evaluation — from a validated
household, and from a raw record (validation included) — for the compiled and the reference
back ends, with their ratio measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any

import charterlib

ROOT = Path(__file__).resolve().parent.parent


def median_us(fn: Any, arg: Any, runs: int) -> float:
    for _ in range(min(200, runs)):  # warm up
        fn(arg)
    samples = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        fn(arg)
        samples.append(time.perf_counter_ns() - start)
    return statistics.median(samples) / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args()
    records = json.loads((ROOT / "charters" / "data" / "zhazi.json").read_text(encoding="utf-8"))
    rows = []
    for backend in ("compiled", "reference"):
        start = time.perf_counter()
        charter = charterlib.load(ROOT / "charters" / "zhazi.charter", backend=backend)
        load_ms = (time.perf_counter() - start) * 1000
        households = [charter.household(r) for r in records]
        validated = statistics.median(median_us(lambda h: charter.evaluate(h, "2005"), h, args.runs) for h in households)
        raw = statistics.median(median_us(lambda r: charter.evaluate(r, "2005"), r, args.runs) for r in records)
        rows.append((backend, load_ms, validated, raw))
    print(f"zhazi over 2005, {len(records)} households x {args.runs} runs each; median per household")
    for backend, load_ms, validated, raw in rows:
        print(f"  {backend:9}  load+check+compile {load_ms:7.1f} ms   validated {validated:8.1f} µs   "
              f"raw record {raw:8.1f} µs")
    print(f"ratio: compiled_vs_reference={rows[1][2] / rows[0][2]:.2f} (validated households)")


if __name__ == "__main__":
    main()
