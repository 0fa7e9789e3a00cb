"""charterlib, run the ways bench/compare.py measures it; each command prints one JSON line.

    python bench/charterlib_peer.py batch DATA_DIR OUT.parquet
        charterlib.batch.run over DATA_DIR/households.parquet + persons.parquet for 2005
        (prints {"available": false} while charterlib has no batch back end);
    python bench/charterlib_peer.py register DATA_DIR OUT.parquet [--limit K]
        charter.evaluate_register over the first K lines of DATA_DIR/register.jsonl: the reference
        totals every peer is checked against;
    python bench/charterlib_peer.py single RECORDS.jsonl [--runs R]
        median time of charter.evaluate(record_dict, "2005") for each record (validation included).

The charter is bench/simple.charter, loaded with the vocabulary of charters/.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import charterlib

ROOT = Path(__file__).resolve().parent.parent
PERIOD = "2005"


def load_charter() -> charterlib.Charter:
    return charterlib.load(ROOT / "bench" / "simple.charter", search_path=[ROOT / "charters"])


def rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def batch(data_dir: Path, out: Path) -> dict[str, Any]:
    try:
        import charterlib.batch
    except ImportError as exc:
        return {"peer": "charterlib_batch", "available": False, "reason": str(exc)}
    charter = load_charter()
    start = time.perf_counter()
    summary = charterlib.batch.run(
        charter, (data_dir / "households.parquet", data_dir / "persons.parquet"),
        period=PERIOD, out=out)
    return {"peer": "charterlib_batch", "available": True, "seconds": time.perf_counter() - start,
            "evaluated": summary.evaluated, "with_errors": summary.with_errors,
            "total_cash": str(summary.total_cash),
            "one_by_one": getattr(summary, "one_by_one", None),  # fell back to per-household
            "peak_rss_self_kb": rss_kb()}


def register(data_dir: Path, out: Path, limit: int | None) -> dict[str, Any]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    charter = load_charter()
    with open(data_dir / "register.jsonl", encoding="utf-8") as f:
        records = [json.loads(line) for _, line in zip(range(limit or 10**12), f)]
    start = time.perf_counter()
    ids, totals, errors = [], [], 0
    for item in charter.evaluate_register(((str(i + 1), r) for i, r in enumerate(records)), PERIOD):
        ids.append(item.household)
        if item.result is None:
            errors += 1
            totals.append(None)
        else:
            totals.append(sum(item.result.cash.values(), Decimal("0.00")))
    elapsed = time.perf_counter() - start
    pq.write_table(pa.table({"household": ids,
                             "total_cash": pa.array(totals, pa.decimal128(18, 2))}), out)
    return {"peer": "charterlib_register", "households": len(records), "with_errors": errors,
            "seconds": elapsed, "peak_rss_self_kb": rss_kb()}


def single(records_path: Path, runs: int) -> dict[str, Any]:
    charter = load_charter()
    with open(records_path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    totals = [str(sum(charter.evaluate(r, PERIOD).cash.values(), Decimal("0.00"))) for r in records]
    medians = []
    for record in records:
        for _ in range(min(20, runs)):  # warm up
            charter.evaluate(record, PERIOD)
        samples = []
        for _ in range(runs):
            t0 = time.perf_counter_ns()
            charter.evaluate(record, PERIOD)
            samples.append(time.perf_counter_ns() - t0)
        medians.append(statistics.median(samples) / 1000)
    return {"peer": "charterlib", "single_us": statistics.median(medians), "records": len(records),
            "totals": totals}


def option(name: str, default: int | None) -> int | None:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def main() -> None:
    command = sys.argv[1]
    if command == "batch":
        report = batch(Path(sys.argv[2]), Path(sys.argv[3]))
    elif command == "register":
        report = register(Path(sys.argv[2]), Path(sys.argv[3]), option("--limit", None))
    elif command == "single":
        report = single(Path(sys.argv[2]), option("--runs", 200) or 200)
    else:
        raise SystemExit(f"unknown command {command!r}: use batch, register or single")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
