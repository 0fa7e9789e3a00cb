"""The SQL engines behind one protocol and one registry: the runner finds an engine by name, and each
engine's session does what the runner asks of it (statements, Arrow in and out, result files)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import CHARTERS

import charterlib
from charterlib import batch, engines


def test_the_registry_names_each_engine_by_its_own_name() -> None:
    assert set(engines.ENGINES) == {"duckdb"}
    for name, engine in engines.ENGINES.items():
        assert engine.name == name and engines.engine(name) is engine
        assert issubclass(engine.failures.memory, engine.failures.error)


def test_an_unknown_engine_is_a_sentence_with_what_there_is() -> None:
    with pytest.raises(charterlib.ArgumentError) as caught:
        engines.engine("duckbd")
    assert str(caught.value) == "there is no SQL engine 'duckbd' (did you mean `duckdb`?); the engines are duckdb."
    with pytest.raises(charterlib.ArgumentError, match="there is no SQL engine 5;"):
        engines.engine(5)  # type: ignore[arg-type]


def test_the_runner_refuses_an_unknown_engine_before_it_opens_anything() -> None:
    charter = charterlib.load(CHARTERS / "zhazi.charter")
    with pytest.raises(charterlib.ArgumentError, match="no SQL engine 'spark'"):
        batch.BatchRunner(charter, engine="spark")
    runner = batch.BatchRunner(charter, engine="duckdb")
    try:
        assert runner.engine is engines.ENGINES["duckdb"]
    finally:
        runner.close()


@pytest.mark.parametrize("name", sorted(engines.ENGINES))
def test_a_session_runs_statements_and_moves_arrow_tables(name: str, tmp_path: Path) -> None:
    engine = engines.engine(name)
    session = engine.open("1GB", 1, str(tmp_path))
    try:
        assert session.memory > 0
        session.register("t_arrow", pa.table({"a": ["x", "y", "z"], "n": [1, 2, 3]}))
        session.execute("CREATE TEMP TABLE t AS SELECT * FROM t_arrow")
        session.unregister("t_arrow")
        assert session.execute("SELECT sum(n) FROM t WHERE a <> ?", ["y"]).fetchall() == [(4,)]
        assert session.arrow("SELECT a FROM t ORDER BY a").column("a").to_pylist() == ["x", "y", "z"]
        assert sum(b.num_rows for b in session.batches("SELECT * FROM t", 2)) == 3
        assert session.copy("SELECT * FROM t ORDER BY a", str(tmp_path / "t.parquet"), "parquet", header=True) == 3
        assert pq.read_table(tmp_path / "t.parquet").column("n").to_pylist() == [1, 2, 3]
        assert session.copy("SELECT * FROM t ORDER BY a", str(tmp_path / "t.csv"), "csv", header=True) == 3
        assert (tmp_path / "t.csv").read_text(encoding="utf-8") == "a,n\nx,1\ny,2\nz,3\n"
        session.copy("SELECT a || '\t\"' FROM t ORDER BY a", str(tmp_path / "t.txt"), "lines", header=False)
        assert (tmp_path / "t.txt").read_text(encoding="utf-8") == 'x\t"\ny\t"\nz\t"\n'  # written as it is
        with pytest.raises(engine.failures.data):
            session.execute("SELECT CAST('x' AS INTEGER)").fetchall()
        with pytest.raises(engine.failures.error):
            session.execute("SELECT * FROM no_such_table").fetchall()
    finally:
        session.close()
