"""Every public function, called wrongly, raises a CharterError subclass with a sentence: never a bare
TypeError, ValueError, AttributeError, KeyError or OSError (nor a DuckDB error)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import CHARTERS

import charterlib
from charterlib import batch
from charterlib.common.source import SourceFile

ZHAZI = charterlib.load(CHARTERS / "zhazi.charter")
YATIAN = charterlib.load(CHARTERS / "yatian.charter")
REGISTER = CHARTERS / "data" / "zhazi.json"
HOUSEHOLD = json.loads(REGISTER.read_text(encoding="utf-8"))[0]
OFFICER = "family_planning_officer"
BAD_PERIODS: list[Any] = [2005, 2005.0, None, dt.date(2005, 1, 1), b"2005", ["2005"], "2005-13", "2005-02-30",
                          "2005-02-30/2005-03-01", "0000", "05", "2005/2004", "2005-12-31/2005-01-01", "",
                          "nonsense", "２００５"]
BAD_DAYS: list[Any] = ["2005-02-30", "2005-13-01", "9999", "0000-01-01", "", "tomorrow", 2005, None,
                       dt.datetime(2005, 1, 1), ["2005-01-01"], 20050101]
BAD_PATHS: list[Any] = [None, 5, b"charters/zhazi.charter", ["charters/zhazi.charter"], {"path": "x"}, ""]
BAD_HOUSEHOLDS: list[Any] = [None, 5, "ZZ-1", [], ["ZZ-1"], {}, {"id": 5}, {"id": "X", "members": "none"},
                             {"id": "X", "village": "v", "rural": True, "members": [None]}]

CALLS: list[tuple[str, Callable[[], Any]]] = []


def misuse(name: str) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    def add(call: Callable[[], Any]) -> Callable[[], Any]:
        CALLS.append((name, call))
        return call
    return add


def _add(name: str, call: Callable[[], Any]) -> None:
    CALLS.append((name, call))


# loading
for bad in BAD_PATHS:
    _add(f"load({bad!r})", lambda bad=bad: charterlib.load(bad))
    _add(f"check_file({bad!r})", lambda bad=bad: charterlib.check_file(bad))
    _add(f"Library().check_file({bad!r})", lambda bad=bad: charterlib.Library().check_file(bad))
for name, call in [
    ("load(folder)", lambda: charterlib.load(CHARTERS)),
    ("load(/dev/null)", lambda: charterlib.load("/dev/null")),
    ("load(missing)", lambda: charterlib.load("/nonexistent.charter")),
    ("load(search_path=5)", lambda: charterlib.load(CHARTERS / "zhazi.charter", 5)),
    ("load(search_path=[None])", lambda: charterlib.load(CHARTERS / "zhazi.charter", [None])),
    ("load(backend='x')", lambda: charterlib.load(CHARTERS / "zhazi.charter", backend="x")),
    ("load(backend=None)", lambda: charterlib.load(CHARTERS / "zhazi.charter", backend=None)),
    ("loads(None)", lambda: charterlib.loads(None)),
    ("loads(bytes)", lambda: charterlib.loads(b'charter x "t"\n')),
    ("loads(5)", lambda: charterlib.loads(5)),
    ("loads(name=None)", lambda: charterlib.loads('charter x "t"\n', None)),
    ("loads(search_path=5)", lambda: charterlib.loads('charter x "t"\n', "x", 5)),
    ("loads(backend='fast')", lambda: charterlib.loads('charter x "t"\n', backend="fast")),
    ("loads('')", lambda: charterlib.loads("")),
    ("check_text(None)", lambda: charterlib.check_text(None)),
    ("check_text(5)", lambda: charterlib.check_text(5)),
    ("check_text(name=5)", lambda: charterlib.check_text("x", 5)),
    ("check_text(search_path=5)", lambda: charterlib.check_text("x", "x", 5)),
    ("parse_text(None)", lambda: charterlib.parse_text(None)),
    ("parse_text(bytes)", lambda: charterlib.parse_text(b"x")),
    ("parse_text(name=None)", lambda: charterlib.parse_text("x", None)),
    ("parse(str)", lambda: charterlib.parse("charter x")),
    ("parse(None)", lambda: charterlib.parse(None)),
    ("Library(None).check_file(5)", lambda: charterlib.Library(None).check_file(5)),
    ("Library(5)", lambda: charterlib.Library(5)),
    ("Library([5])", lambda: charterlib.Library([5])),
    ("Charter('x')", lambda: charterlib.Charter("x")),
    ("Charter(None)", lambda: charterlib.Charter(None)),
    ("Charter(backend)", lambda: charterlib.Charter(ZHAZI.ir, backend="x")),
]:
    _add(name, call)

# evaluating
for bad in BAD_PERIODS:
    _add(f"evaluate(period={bad!r})", lambda bad=bad: ZHAZI.evaluate(HOUSEHOLD, bad))
    _add(f"evaluate_register(period={bad!r})", lambda bad=bad: list(ZHAZI.evaluate_register([HOUSEHOLD], bad)))
    _add(f"explain(period={bad!r})", lambda bad=bad: ZHAZI.explain(HOUSEHOLD, bad))
    _add(f"Period.parse({bad!r})", lambda bad=bad: charterlib.Period.parse(bad))
    _add(f"batch.run(period={bad!r})", lambda bad=bad: batch.run(ZHAZI, REGISTER, bad))
    _add(f"Planner.plan({bad!r})", lambda bad=bad: batch.Planner(ZHAZI.ir).plan(bad))
for bad in BAD_HOUSEHOLDS:
    _add(f"evaluate({bad!r})", lambda bad=bad: ZHAZI.evaluate(bad, "2005"))
    _add(f"explain({bad!r})", lambda bad=bad: ZHAZI.explain(bad, "2005"))
    _add(f"household({bad!r})", lambda bad=bad: ZHAZI.household(bad))
    _add(f"eligibility({bad!r})", lambda bad=bad: YATIAN.eligibility(bad, OFFICER, "2005-06-01"))
for bad in BAD_DAYS:
    _add(f"eligibility(on={bad!r})", lambda bad=bad: YATIAN.eligibility(HOUSEHOLD, OFFICER, bad))
    if bad is not None:  # on=None: the period's last day
        _add(f"explain(on={bad!r})", lambda bad=bad: YATIAN.explain(HOUSEHOLD, "2005", OFFICER, on=bad))
for name, call in [
    ("evaluate_register(None)", lambda: list(ZHAZI.evaluate_register(None, "2005"))),
    ("evaluate_register('text')", lambda: list(ZHAZI.evaluate_register("abc", "2005"))),
    ("evaluate_register(5)", lambda: list(ZHAZI.evaluate_register(5, "2005"))),
    ("evaluate_register(a household)", lambda: list(ZHAZI.evaluate_register(HOUSEHOLD, "2005"))),
    ("evaluate_register(a path)", lambda: list(ZHAZI.evaluate_register(REGISTER, "2005"))),
    ("explain(article=5)", lambda: ZHAZI.explain(HOUSEHOLD, "2005", 5)),
    ("explain(article='nope')", lambda: ZHAZI.explain(HOUSEHOLD, "2005", "nope")),
    ("explain(on= for a benefit)", lambda: ZHAZI.explain(HOUSEHOLD, "2005", "pension_subsidy", on="2005-06-01")),
    ("explain(on= without eligibility)", lambda: ZHAZI.explain(HOUSEHOLD, "2005", on="2005-06-01")),
    ("to_text('fr')", lambda: ZHAZI.explain(HOUSEHOLD, "2005").to_text("fr")),
    ("to_text(None)", lambda: ZHAZI.explain(HOUSEHOLD, "2005").to_text(None)),
    ("to_text('ZH')", lambda: YATIAN.explain(HOUSEHOLD, "2005").to_text("ZH")),
    ("to_json(5)", lambda: ZHAZI.explain(HOUSEHOLD, "2005").to_json(5)),
    ("to_json(None)", lambda: ZHAZI.explain(HOUSEHOLD, "2005").to_json(None)),
    ("to_json('fr')", lambda: ZHAZI.explain(HOUSEHOLD, "2005").to_json("fr")),
    ("Explanation(None, None)", lambda: charterlib.Explanation(None, None)),
    ("Explanation(ir, None)", lambda: charterlib.Explanation(ZHAZI.ir, None)),
    ("Explanation(article='nope')", lambda: charterlib.Explanation(ZHAZI.ir, ZHAZI.evaluate(HOUSEHOLD, "2005"), "nope")),
    ("eligibility(article=None)", lambda: YATIAN.eligibility(HOUSEHOLD, None, "2005-06-01")),
    ("eligibility(article='nope')", lambda: YATIAN.eligibility(HOUSEHOLD, "nope", "2005-06-01")),
    ("eligibility(a benefit)", lambda: ZHAZI.eligibility(HOUSEHOLD, "pension_subsidy", "2005-06-01")),
    ("Period.of(None, None)", lambda: charterlib.Period.of(None, None)),
    ("Period.of(text)", lambda: charterlib.Period.of("2005-01-01", "2005-12-31")),
    ("Period.of(reversed)", lambda: charterlib.Period.of(dt.date(2005, 2, 1), dt.date(2005, 1, 1))),
]:
    _add(name, call)

# the batch engine
for bad in [*BAD_PATHS, ("a", "b", "c"), ("households.csv",), (None, None), CHARTERS, "/nonexistent.json",
            ("/nonexistent/h.csv", "/nonexistent/p.csv")]:
    _add(f"batch.run(register={bad!r})", lambda bad=bad: batch.run(ZHAZI, bad, "2005"))
    _add(f"batch.results(register={bad!r})", lambda bad=bad: batch.results(ZHAZI, bad, "2005"))
for bad in [0, -1, "10", 1.5, True, 2**64]:
    _add(f"batch.run(chunk_size={bad!r})", lambda bad=bad: batch.run(ZHAZI, REGISTER, "2005", chunk_size=bad))
    _add(f"BatchRunner(threads={bad!r})", lambda bad=bad: batch.BatchRunner(ZHAZI, threads=bad))
for bad in ["lots", "1GB'; SELECT 1; --", "0", "0GB", "-1GB", "1KB", "", None, 4, "101%", "99999999999TB", "4 GB x"]:
    _add(f"BatchRunner(memory_limit={bad!r})", lambda bad=bad: batch.BatchRunner(ZHAZI, memory_limit=bad))
for name, call in [
    ("batch.run(None)", lambda: batch.run(None, REGISTER, "2005")),
    ("batch.run(ir)", lambda: batch.run(ZHAZI.ir, REGISTER, "2005")),
    ("batch.run(out=folder)", lambda: batch.run(ZHAZI, REGISTER, "2005", out=CHARTERS)),
    ("batch.run(out=.txt)", lambda: batch.run(ZHAZI, REGISTER, "2005", out="/tmp/results.txt")),
    ("batch.run(out=missing folder)", lambda: batch.run(ZHAZI, REGISTER, "2005", out="/nonexistent/r.csv")),
    ("batch.run(out=5)", lambda: batch.run(ZHAZI, REGISTER, "2005", out=5)),
    ("batch.run(errors=folder)", lambda: batch.run(ZHAZI, REGISTER, "2005", errors=CHARTERS)),
    ("batch.run(errors=missing folder)", lambda: batch.run(ZHAZI, REGISTER, "2005", errors="/nonexistent/e.jsonl")),
    ("batch.run(errors=5)", lambda: batch.run(ZHAZI, REGISTER, "2005", errors=5)),
    ("batch.results(bogus=1)", lambda: batch.results(ZHAZI, REGISTER, "2005", bogus=1)),
    ("BatchRunner(None)", lambda: batch.BatchRunner(None)),
    ("BatchRunner(engine='duckbd')", lambda: batch.BatchRunner(ZHAZI, engine="duckbd")),
    ("BatchRunner(engine=5)", lambda: batch.BatchRunner(ZHAZI, engine=5)),
    ("BatchRunner(engine=None)", lambda: batch.BatchRunner(ZHAZI, engine=None)),
    ("Planner(None)", lambda: batch.Planner(None)),
    ("Planner(charter)", lambda: batch.Planner(ZHAZI)),
]:
    _add(name, call)


@pytest.mark.parametrize("call", [c for _, c in CALLS], ids=[n[:70] for n, _ in CALLS])
def test_misuse_raises_a_charter_error_with_a_sentence(call: Callable[[], Any]) -> None:
    try:
        call()
    except charterlib.CharterError as exc:
        assert str(exc).strip(), "a sentence"
        assert "Traceback" not in str(exc)
    except BaseException as exc:  # noqa: BLE001 - the point of the test
        pytest.fail(f"a bare {type(exc).__name__}: {exc}")
    else:
        pytest.fail("no error")


def test_many_misuse_calls_of_each_public_function() -> None:
    assert len(CALLS) >= 200
    public = {"load", "loads", "check_file", "check_text", "parse", "parse_text", "Library", "Charter", "evaluate",
              "evaluate_register", "explain", "eligibility", "household", "Period", "Explanation", "to_text",
              "to_json", "batch.run", "batch.results", "BatchRunner", "Planner"}
    for name in public:
        assert sum(n.startswith((name, f"{name}.")) or f".{name}(" in n for n, _ in CALLS) >= 3, name


def test_what_reads_naturally_is_accepted(tmp_path: Path) -> None:
    """One folder for the search path, None for none, bare records in evaluate_register, a str period for the
    planner: accepted, and the same as the long form."""
    assert charterlib.load(CHARTERS / "zhazi.charter", str(CHARTERS)).id == "zhazi"
    assert charterlib.load(CHARTERS / "zhazi.charter", None).id == "zhazi"
    bare = list(ZHAZI.evaluate_register([HOUSEHOLD, 5], "2005"))
    assert bare[0].result == ZHAZI.evaluate(HOUSEHOLD, "2005") and bare[0].position == "#1"
    assert bare[1].result is None and "a household is a JSON object" in bare[1].issues[0].message
    assert batch.Planner(ZHAZI.ir).plan("2005").results == batch.Planner(ZHAZI.ir).plan(
        charterlib.Period.parse("2005")).results
    assert charterlib.parse(SourceFile("x.charter", 'charter x "t"\n')).source.name == "x.charter"


def test_the_memory_limit_never_reaches_sql_unchecked() -> None:
    with pytest.raises(charterlib.ArgumentError, match="is not a size"):
        batch.BatchRunner(ZHAZI, memory_limit="1GB'; CREATE TABLE pwned AS SELECT 1; --")
    runner = batch.BatchRunner(ZHAZI, memory_limit="1.5GiB", threads=2)
    try:
        assert runner.con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0] == "1.5 GiB"
    finally:
        runner.close()
