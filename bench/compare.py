"""charterlib against its peers on the same generated register, in one run (not a test).

    .venv/bin/python bench/compare.py --households 100000

1. generates (once; reused when present) bench/data/n{N}-s{SEED}/ with bench/generate.py;
2. runs each peer in its own subprocess, one after the other, on that data, for the year 2005:
   charterlib's batch back end, OpenFisca (array-based SimulationBuilder, bench/.venv-openfisca),
   DuckDB SQL, polars, a plain Python loop; plus, on samples, charterlib's per-household
   evaluate_register (the reference totals) and OpenFisca through build_from_entities;
   each peer's time is measured inside it (from reading the files to writing the per-household
   totals, interpreter start-up and imports excluded), its peak RSS by os.wait4 (the child's own
   rusage); with --repeat R each peer runs R times and its fastest run is kept;
3. checks that every peer gives the same total for every household: against DuckDB on all
   households, and against charterlib's evaluate_register on the first --reference households;
4. measures single-household latency: median over sample households of the median of --runs calls,
   charterlib `charter.evaluate(record_dict, "2005")` against OpenFisca build_from_entities +
   calculate, each in its own subprocess;
5. prints a table, and as its last line
   `ratios: batch_vs_openfisca=X batch_vs_handwritten=Y single_vs_openfisca=Z`
   (how many times faster charterlib is; batch_vs_handwritten against the faster of DuckDB/polars;
   `nan` when charterlib has no batch back end yet or a peer failed).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
MAIN_PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
OPENFISCA_PYTHON = str(BENCH / ".venv-openfisca" / "bin" / "python")
ENTITIES_SAMPLE = 2000  # build_from_entities is quadratic in the number of persons


def run(cmd: list[str]) -> dict[str, Any]:
    """Run one peer in its own process: its JSON report (last stdout line), wall time, peak RSS."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        lines = out.read().strip().splitlines()
        if proc.returncode != 0 or not lines:
            tail = "\n".join(err.read().strip().splitlines()[-15:])
            return {"failed": True, "error": f"exit {proc.returncode}: {' '.join(cmd)}\n{tail}"}
    report = json.loads(lines[-1])
    report["process_seconds"] = wall
    report["peak_rss_mb"] = usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux
    return report


def ensure_data(n: int, seed: int, data_dir: Path) -> None:
    files = ["households.parquet", "persons.parquet", "register.jsonl"]
    if all((data_dir / f).exists() for f in files):
        print(f"data: reusing {data_dir}")
        return
    start = time.perf_counter()
    subprocess.run([MAIN_PYTHON, str(BENCH / "generate.py"), "--households", str(n), "--seed", str(seed),
                    "--out", str(data_dir)], check=True, cwd=ROOT)
    print(f"data: generated {data_dir} in {time.perf_counter() - start:.1f} s")


# -------------------------------------------------------------------- agreement
def agreement(outputs: dict[str, Path], reference: Path, baseline: str) -> dict[str, dict[str, Any]]:
    """For each peer's per-household totals: its rows and sum, and how many of the households it
    shares with the baseline peer (DuckDB, all households) and with the charterlib reference
    (evaluate_register on the first households) have a different total."""
    import duckdb

    con = duckdb.connect()

    def table(path: Path) -> str:
        return (f"(SELECT household, CAST(total_cash AS DECIMAL(18, 2)) AS total "
                f"FROM read_parquet('{path}'))")

    def compare(a: Path, b: Path) -> tuple[int, int, list[Any]]:
        (shared, differ), = con.sql(f"""
            SELECT count(*), count(*) FILTER (WHERE x.total IS DISTINCT FROM y.total)
            FROM {table(a)} AS x JOIN {table(b)} AS y ON x.household = y.household""").fetchall()
        examples = con.sql(f"""
            SELECT x.household, x.total, y.total
            FROM {table(a)} AS x JOIN {table(b)} AS y ON x.household = y.household
            WHERE x.total IS DISTINCT FROM y.total ORDER BY 1 LIMIT 5""").fetchall()
        return shared, differ, examples

    checks: dict[str, dict[str, Any]] = {}
    for name, path in outputs.items():
        (rows, total), = con.sql(
            f"SELECT count(DISTINCT household), sum(total) FROM {table(path)}").fetchall()
        base = compare(path, outputs[baseline])
        ref = compare(path, reference)
        checks[name] = {"rows": rows, "sum": total, "baseline": base[:2], "reference": ref[:2],
                        "examples": base[2] + ref[2]}
    return checks


def sample_records(data_dir: Path, reference: Path, per_kind: int, out: Path) -> int:
    """Write to `out` up to per_kind households of each kind (nothing paid, health fee only, award),
    taken in order from the reference households; returns how many."""
    import pyarrow.parquet as pq

    totals = dict(zip(*pq.read_table(reference).to_pydict().values()))
    kinds: dict[str, int] = {"none": 0, "fee": 0, "award": 0}
    chosen = []
    with open(data_dir / "register.jsonl", encoding="utf-8") as f:
        for line in f:
            hid = line[line.index('"id":"') + 6:].split('"', 1)[0]
            if hid not in totals:
                break
            total = totals[hid]
            kind = "none" if total == 0 else "award" if total >= 200 else "fee"
            if kinds[kind] < per_kind:
                kinds[kind] += 1
                chosen.append(line)
            if all(v >= per_kind for v in kinds.values()):
                break
    out.write_text("".join(chosen), encoding="utf-8")
    return len(chosen)


# -------------------------------------------------------------------- report
def rate(n: int, seconds: float | None) -> str:
    return f"{n / seconds:>12,.0f}" if seconds else f"{'-':>12}"


def ratio(slow: float | None, fast: float | None) -> float:
    return slow / fast if slow and fast else math.nan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, required=True)
    parser.add_argument("--seed", type=int, default=2005)
    parser.add_argument("--data", type=Path, help="data folder (default bench/data/n{N}-s{SEED})")
    parser.add_argument("--reference", type=int, default=10_000,
                        help="households checked against charterlib's evaluate_register")
    parser.add_argument("--runs", type=int, default=200, help="calls per household (single latency)")
    parser.add_argument("--sample", type=int, default=10,
                        help="households of each kind for single latency")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each batch peer this many times and keep its fastest run")
    args = parser.parse_args()

    n = args.households
    tag = f"n{n}-s{args.seed}"
    data_dir = (args.data or BENCH / "data" / tag).resolve()
    work = BENCH / "out" / tag
    work.mkdir(parents=True, exist_ok=True)
    ensure_data(n, args.seed, data_dir)
    d = str(data_dir)
    k = min(n, args.reference)
    e = min(n, ENTITIES_SAMPLE)

    def out(name: str) -> str:
        return str(work / f"{name}.parquet")

    peers: list[tuple[str, str, int, list[str]]] = [  # name, label, households, command
        ("charterlib_batch", "charterlib batch.run", n,
         [MAIN_PYTHON, "bench/charterlib_peer.py", "batch", d, out("charterlib_batch")]),
        ("openfisca", "OpenFisca (array builder)", n,
         [OPENFISCA_PYTHON, "bench/openfisca_model.py", "batch", d, out("openfisca")]),
        ("duckdb", "DuckDB SQL", n, [MAIN_PYTHON, "bench/handwritten_duckdb.py", d, out("duckdb")]),
        ("polars", "polars", n, [MAIN_PYTHON, "bench/handwritten_polars.py", d, out("polars")]),
        ("python_loop", "Python loop (load+loop)", n,
         [MAIN_PYTHON, "bench/python_loop.py", d, out("python_loop")]),
        ("charterlib_register", f"charterlib evaluate_register [{k}]", k,
         [MAIN_PYTHON, "bench/charterlib_peer.py", "register", d, out("charterlib_register"),
          "--limit", str(k)]),
        ("openfisca_entities", f"OpenFisca build_from_entities [{e}]", e,
         [OPENFISCA_PYTHON, "bench/openfisca_model.py", "batch-entities",
          str(data_dir / "register.jsonl"), out("openfisca_entities"), "--limit", str(e)]),
    ]
    reports: dict[str, dict[str, Any]] = {}
    for name, label, count, cmd in peers:
        print(f"running {label} ...", flush=True)
        runs = [run(cmd) for _ in range(args.repeat)]
        reports[name] = min(runs, key=lambda r: r.get("seconds", math.inf))
        if reports[name].get("failed"):
            print(f"  FAILED: {reports[name]['error']}")
    batch = reports["charterlib_batch"]
    batch_available = not batch.get("failed") and batch.get("available", False)
    if not batch.get("failed") and not batch_available:
        print("charterlib batch: not available yet")

    # ---------------------------------------------------------------- agreement
    outputs = {name: Path(out(name)) for name, *_ in peers
               if not reports[name].get("failed") and reports[name].get("available", True)}
    checks: dict[str, dict[str, Any]] = {}
    if "charterlib_register" in outputs and "duckdb" in outputs:
        checks = agreement(outputs, outputs["charterlib_register"], "duckdb")

    # ---------------------------------------------------------------- single household
    singles: dict[str, dict[str, Any]] = {}
    sample = work / "single_sample.jsonl"
    if "charterlib_register" in outputs:
        count = sample_records(data_dir, outputs["charterlib_register"], args.sample, sample)
        print(f"running single-household latency on {count} households x {args.runs} runs ...",
              flush=True)
        singles["charterlib"] = run([MAIN_PYTHON, "bench/charterlib_peer.py", "single", str(sample),
                                     "--runs", str(args.runs)])
        singles["openfisca"] = run([OPENFISCA_PYTHON, "bench/openfisca_model.py", "single", str(sample),
                                    "--runs", str(args.runs)])
        for name, report in singles.items():
            if report.get("failed"):
                print(f"  FAILED: {report['error']}")
    single_agree = (all(not r.get("failed") for r in singles.values()) and len(singles) == 2 and
                    [float(t) for t in singles["charterlib"]["totals"]]
                    == [float(t) for t in singles["openfisca"]["totals"]])

    # ---------------------------------------------------------------- report
    print()
    print(f"== {n:,} households, seed {args.seed}, period 2005; data {data_dir} ==")
    print(f"{'peer':36} {'households':>10} {'seconds':>8} {'households/s':>12} {'peak RSS MB':>11} "
          f"{'process s':>9}  per-household totals")
    for name, label, count, _ in peers:
        r = reports[name]
        if r.get("failed"):
            print(f"{label:36} {count:>10,}  FAILED")
            continue
        if not r.get("available", True):
            print(f"{label:36} {count:>10,}  not available yet")
            continue
        c = checks.get(name)
        agree = "not checked"
        if c:
            agree = (f"{c['baseline'][1]} of {c['baseline'][0]:,} differ from DuckDB, "
                     f"{c['reference'][1]} of {c['reference'][0]:,} from the reference; "
                     f"sum {c['sum']}")
            if c["rows"] != count:
                agree += f"; {c['rows']:,} households in its output, not {count:,}!"
        print(f"{label:36} {count:>10,} {r['seconds']:>8.2f} {rate(count, r['seconds'])} "
              f"{r['peak_rss_mb']:>11,.0f} {r['process_seconds']:>9.2f}  {agree}")
        if name == "python_loop":
            print(f"{'  of which the loop over dicts':36} {count:>10,} {r['compute_seconds']:>8.2f} "
                  f"{rate(count, r['compute_seconds'])}")
        if name == "openfisca":
            print(f"{'  read / build / calculate':36} {'':>10} "
                  f"{r['read_seconds']:.2f} / {r['build_seconds']:.2f} / {r['compute_seconds']:.2f} s")
        if name == "openfisca_entities":
            print(f"{'  convert / build / calculate':36} {'':>10} "
                  f"{r['convert_seconds']:.2f} / {r['build_seconds']:.2f} / {r['compute_seconds']:.2f} s")
        if c and c["examples"]:
            print(f"    first mismatches (household, this, other): {c['examples'][:5]}")
    if batch_available:
        print(f"charterlib batch summary: evaluated {batch['evaluated']:,}, with errors "
              f"{batch['with_errors']:,}, one by one {batch.get('one_by_one')}, total cash "
              f"{batch['total_cash']}")

    if len(singles) == 2 and all(not r.get("failed") for r in singles.values()):
        print(f"single household (median of {args.runs} runs, median over {singles['charterlib']['records']} "
              f"households): charterlib evaluate {singles['charterlib']['single_us']:,.1f} µs, "
              f"OpenFisca build_from_entities+calculate {singles['openfisca']['single_us']:,.1f} µs; "
              f"totals agree: {single_agree}")

    seconds = {name: reports[name]["seconds"] for name in outputs}
    handwritten = min((seconds[p] for p in ("duckdb", "polars") if p in seconds), default=None)
    charter_batch = seconds.get("charterlib_batch") if batch_available else None
    single_cl = singles.get("charterlib", {}).get("single_us")
    single_of = singles.get("openfisca", {}).get("single_us")
    print(f"ratios: batch_vs_openfisca={ratio(seconds.get('openfisca'), charter_batch):.2f} "
          f"batch_vs_handwritten={ratio(handwritten, charter_batch):.2f} "
          f"single_vs_openfisca={ratio(single_of, single_cl):.2f}")


if __name__ == "__main__":
    main()
