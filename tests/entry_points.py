"""Every entry point that evaluates a register, side by side: the compiled and the reference household
evaluators, and the batch engine from JSON, from CSV tables and from Parquet tables, whole and in chunks
(the paths that send households one by one included)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

import charterlib
from charterlib import batch


def household_outcomes(charter: charterlib.Charter, register: list[Any], period: str) -> dict[str, Any]:
    """Each household's result (households.md JSON) or the sorted messages of its errors."""
    out: dict[str, Any] = {}
    for item in charter.evaluate_register([(f"#{i + 1}", r) for i, r in enumerate(register)], period):
        if item.result is not None:
            out[item.household] = item.result.to_json()
        else:
            out[item.household] = ("errors", sorted(i.path for i in item.issues if i.severity == "error"))
    return out


def batch_outcomes(charter: charterlib.Charter, source: Any, period: str,
                   summaries: list[batch.BatchSummary] | None = None, **options: Any) -> dict[str, Any]:
    """The batch engine's results, and the households it reports with errors (its summary added to
    `summaries` when given)."""
    rows, summary, issues = batch.results(charter, source, period, **options)
    if summaries is not None:
        summaries.append(summary)
    out: dict[str, Any] = {}
    for row in rows:
        assert row["household"] not in out, f"{row['household']} written twice"
        out[row["household"]] = row
    failed: dict[str, list[str]] = {}
    for issue in issues:
        if issue.severity == "error":
            failed.setdefault(issue.household, []).append(issue.path)
    for hid, paths in failed.items():
        assert hid not in out, f"{hid} has both a result and errors"
        out[hid] = ("errors", sorted(paths))
    assert summary.evaluated == len(rows)
    return out


def write_tables(folder: Path, register: list[dict[str, Any]], kind: str) -> Path:
    """The register as households and persons tables (`csv` or `parquet`) in a folder of their own."""
    folder.mkdir(parents=True, exist_ok=True)
    h_rows = [{k: v for k, v in r.items() if k != "members"} for r in register]
    p_rows = [{"household_id": r["id"], **m} for r in register for m in r.get("members", [])]
    for rows, name, required in ((h_rows, "households", ["id"]), (p_rows, "persons", ["household_id", "id"])):
        columns = list(dict.fromkeys([*required, *(k for row in rows for k in row)]))
        if kind == "parquet":
            mixed = {c for c in columns if len({type(r[c]) for r in rows if r.get(c) is not None}) > 1}
            table = pa.Table.from_pylist([{c: _cell(row.get(c), c in mixed) for c in columns} for row in rows]) \
                if rows else pa.table({c: pa.array([], pa.string()) for c in columns})
            pq.write_table(table, folder / f"{name}.parquet")
            continue
        lines = [",".join(columns)]
        for row in rows:
            cells = []
            for c in columns:
                v = row.get(c)
                if isinstance(v, list):
                    v = "[" + ", ".join(str(x) for x in v) + "]"
                if v is None:
                    cells.append("")
                elif isinstance(v, bool):
                    cells.append(str(v).lower())
                else:
                    cells.append('"' + str(v).replace('"', '""') + '"')
            lines.append(",".join(cells))
        (folder / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _cell(value: Any, mixed: bool) -> Any:
    """A Parquet cell: as the register has it, or as text when its column holds values of several types
    (`mixed`: a bad record, `size` "twelve" among numbers), as a data team's string column would."""
    if mixed and value is not None:
        return str(value).lower() if isinstance(value, bool) else str(value)
    return value


def every_engine(charter: charterlib.Charter, reference: charterlib.Charter, register: list[dict[str, Any]],
                 period: str, folder: Path, tables: tuple[str, ...] = ("csv", "parquet"),
                 summaries: list[batch.BatchSummary] | None = None) -> dict[str, Any]:
    """The outcomes of every entry point, asserted equal to the compiled household evaluator's (the same
    results, the same households with errors, and from JSON the same errors); returns them (and adds each
    batch run's summary to `summaries` when given)."""
    expected = household_outcomes(charter, register, period)
    assert household_outcomes(reference, register, period) == expected, "reference"
    path = folder / "register.json"
    path.write_text(json.dumps(register, ensure_ascii=False), encoding="utf-8")
    sources: list[tuple[str, Any, dict[str, Any]]] = [("json", path, {}), ("json chunks", path, {"chunk_size": 2})]
    for kind in tables:
        where = write_tables(folder / kind, register, kind)
        sources += [(kind, where, {}), (f"{kind} chunks", where, {"chunk_size": 2})]
    for name, source, options in sources:
        got = batch_outcomes(charter, source, period, summaries, **options)
        assert _results(got) == _results(expected), name
        assert set(got) == set(expected), name
        if name.startswith("json"):  # the same records: the same errors, at the same paths
            assert got == expected, name
    return expected


def _results(outcomes: dict[str, Any]) -> dict[str, Any]:
    """The results alone (the batch engine words the paths of table errors as it reads the tables)."""
    return {k: v for k, v in outcomes.items() if not isinstance(v, tuple)}
