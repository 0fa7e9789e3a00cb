"""Hand-written peer: the two rules of bench/simple.charter as one DuckDB SQL query over Parquet.

    python bench/handwritten_duckdb.py DATA_DIR OUT.parquet

reads DATA_DIR/households.parquet and DATA_DIR/persons.parquet, writes one row per household
(household, total_cash) for the year 2005 to OUT.parquet and prints its timings as one JSON line.

The rules (bench/simple.charter, in force 2004-01-01), for the year 2005:
- health_fee: 10 yuan for each month whose last day finds the household rural, holding the
  one-child certificate (issued on or before that day) and with exactly one child born on or
  before that day;
- two_daughter_award: 200 yuan when preferential_cert_on falls in 2005 and on that day the household
  has exactly two children born, both daughters, and a husband or wife with contraception =
  sterilization adopted on or before that day (a missing day is not "on or before").
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

import duckdb
import pyarrow as pa

QUERY = """
WITH
month_ends AS (  -- the assessment days of the monthly units of 2005
    SELECT last_day(make_date(2005, m::INTEGER, 1)) AS d FROM range(1, 13) AS t(m)
),
first_children AS (  -- birth days of the first and second child of each household
    SELECT household_id,
           min(birth_date) AS c1,
           list_sort(list(birth_date))[2] AS c2
    FROM read_parquet($persons)
    WHERE role = 'child'
    GROUP BY household_id
),
health_fee AS (  -- exactly one child on day d: the first born by d, the second not yet
    SELECT h.id, 10 * count(*) AS amount
    FROM read_parquet($households) AS h
    JOIN first_children AS c ON c.household_id = h.id
    JOIN month_ends AS m
      ON h.rural
     AND h.one_child_cert_on <= m.d
     AND c.c1 <= m.d
     AND (c.c2 IS NULL OR c.c2 > m.d)
    WHERE m.d >= DATE '2004-01-01'
    GROUP BY h.id
),
award AS (
    SELECT h.id, 200 AS amount
    FROM read_parquet($households) AS h
    JOIN read_parquet($persons) AS p ON p.household_id = h.id
    WHERE h.preferential_cert_on BETWEEN DATE '2005-01-01' AND DATE '2005-12-31'
      AND h.preferential_cert_on >= DATE '2004-01-01'
      AND p.birth_date <= h.preferential_cert_on           -- members as of that day
    GROUP BY h.id
    HAVING count(*) FILTER (WHERE p.role = 'child') = 2
       AND count(*) FILTER (WHERE p.role = 'child' AND p.sex = 'female') = 2
       AND coalesce(bool_or(p.role IN ('husband', 'wife')
                            AND p.contraception = 'sterilization'
                            AND p.contraception_on <= h.preferential_cert_on), false)
)
SELECT h.id AS household,
       CAST(coalesce(f.amount, 0) + coalesce(a.amount, 0) AS DECIMAL(18, 2)) AS total_cash
FROM read_parquet($households) AS h
LEFT JOIN health_fee AS f ON f.id = h.id
LEFT JOIN award AS a ON a.id = h.id
"""


def totals(data_dir: Path, out: Path | None = None) -> pa.Table | None:
    """Per-household totals for 2005: written to `out` (Parquet) when given, else returned."""
    con = duckdb.connect()
    params = {"households": str(data_dir / "households.parquet"),
              "persons": str(data_dir / "persons.parquet")}
    if out is None:
        return con.sql(QUERY, params=params).to_arrow_table()
    con.execute(f"COPY ({QUERY}) TO '{out}' (FORMAT parquet)", params)
    return None


def main() -> None:
    data_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
    start = time.perf_counter()
    totals(data_dir, out)
    elapsed = time.perf_counter() - start
    print(json.dumps({"peer": "duckdb", "seconds": elapsed,
                      "peak_rss_self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


if __name__ == "__main__":
    main()
