"""Hand-written peer: the two rules of bench/simple.charter as a polars lazy query over Parquet.

    python bench/handwritten_polars.py DATA_DIR OUT.parquet

reads DATA_DIR/households.parquet and DATA_DIR/persons.parquet, writes one row per household
(household, total_cash) for the year 2005 to OUT.parquet and prints its timings as one JSON line.
The rules are those of bench/handwritten_duckdb.py (see its docstring).
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import sys
import time
from pathlib import Path

import polars as pl

YEAR_START, YEAR_END, IN_FORCE = dt.date(2005, 1, 1), dt.date(2005, 12, 31), dt.date(2004, 1, 1)


def month_ends() -> pl.LazyFrame:
    """The assessment days of the monthly units of 2005."""
    days = [dt.date(2005 + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1) for m in range(1, 13)]
    return pl.LazyFrame({"d": [d for d in days if d >= IN_FORCE]})


def totals_query(data_dir: Path) -> pl.LazyFrame:
    households = pl.scan_parquet(data_dir / "households.parquet")
    persons = pl.scan_parquet(data_dir / "persons.parquet")

    # health_fee: exactly one child on day d means the first child born by d, the second not yet
    first_children = (
        persons.filter(pl.col("role") == "child")
        .group_by("household_id")
        .agg(c1=pl.col("birth_date").min(),
             c2=pl.col("birth_date").sort().slice(1, 1).first())
    )
    health_fee = (
        households.filter(pl.col("rural") & pl.col("one_child_cert_on").is_not_null())
        .join(first_children, left_on="id", right_on="household_id")
        .join(month_ends(), how="cross")
        .filter((pl.col("one_child_cert_on") <= pl.col("d"))
                & (pl.col("c1") <= pl.col("d"))
                & (pl.col("c2").is_null() | (pl.col("c2") > pl.col("d"))))
        .group_by("id")
        .agg(health_fee=pl.len() * 10)
    )

    # two_daughter_award: members as of the certificate day
    day = pl.col("preferential_cert_on")
    child = pl.col("role") == "child"
    award = (
        households.filter(day.is_between(YEAR_START, YEAR_END) & (day >= IN_FORCE))
        .select("id", "preferential_cert_on")
        .join(persons, left_on="id", right_on="household_id")
        .filter(pl.col("birth_date") <= day)
        .group_by("id")
        .agg(children=child.sum(),
             daughters=(child & (pl.col("sex") == "female")).sum(),
             sterilized=(pl.col("role").is_in(["husband", "wife"])
                         & (pl.col("contraception") == "sterilization")
                         & (pl.col("contraception_on") <= day)).fill_null(False).any())
        .filter((pl.col("children") == 2) & (pl.col("daughters") == 2) & pl.col("sterilized"))
        .select("id", award=pl.lit(200))
    )

    return (
        households.select("id")
        .join(health_fee, on="id", how="left")
        .join(award, on="id", how="left")
        .select(household=pl.col("id"),
                total_cash=(pl.col("health_fee").fill_null(0) + pl.col("award").fill_null(0))
                .cast(pl.Decimal(18, 2)))
    )


def totals(data_dir: Path) -> pl.DataFrame:
    """Per-household totals for 2005 (household, total_cash)."""
    return totals_query(data_dir).collect()


def main() -> None:
    data_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
    start = time.perf_counter()
    totals(data_dir).write_parquet(out)
    elapsed = time.perf_counter() - start
    print(json.dumps({"peer": "polars", "seconds": elapsed,
                      "peak_rss_self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


if __name__ == "__main__":
    main()
