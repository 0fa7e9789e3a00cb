"""The `charter` command: one answer whatever the engine and the register's format, nothing lost in
silence, exit statuses, escapes, `--path`, `--version`, eligibilities explained."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import CHARTERS, run_cli

import charterlib

Z = "charters/zhazi.charter"
Y = "charters/yatian.charter"
DATA = json.loads((CHARTERS / "data" / "zhazi.json").read_text(encoding="utf-8"))
ODD_IDS = ["a,b", 'q"u', "back\\slash", "new\nline", "tab\tx", "esc\x1b[31mred", "del\x7f", "ls\u2028x",
           "emoji😀", "中文", " spaced ", "c1\x9b", "#hash", "cr\rx"]


def _register(ids: list[str]) -> list[dict[str, Any]]:
    """The households of zhazi.json again under other ids (members renamed to match)."""
    out = []
    for i, hid in enumerate(ids):
        h = copy.deepcopy(DATA[i % len(DATA)])
        old = h["id"]
        h["id"] = hid
        for m in h["members"]:
            m["id"] = m["id"].replace(old, hid)
        out.append(h)
    return out


def _write(path: Path, register: list[dict[str, Any]]) -> str:
    path.write_text(json.dumps(register, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _tables(folder: Path, register: list[dict[str, Any]], kind: str = "csv") -> Path:
    """A register as households and persons tables (CSV or Parquet) in a folder."""
    folder.mkdir(parents=True, exist_ok=True)
    households = [{k: v for k, v in h.items() if k != "members"} for h in register]
    persons = [{"household_id": h["id"], **m} for h in register for m in h["members"]]
    for name, rows in (("households", households), ("persons", persons)):
        columns = sorted({k for row in rows for k in row})
        table = pa.table({c: [None if row.get(c) is None else str(row[c]).lower() if isinstance(row.get(c), bool)
                              else str(row[c]) for row in rows] for c in columns})
        if kind == "parquet":
            pq.write_table(table, folder / f"{name}.parquet")
        else:
            import pyarrow.csv as pcsv

            pcsv.write_csv(table, folder / f"{name}.csv")
    return folder


# ------------------------------------------------------------------ item 10: empty registers
EMPTY = {"zero bytes": "", "brackets": "[]", "object": '{"households": []}', "blank lines": "\n \n\n"}


@pytest.mark.parametrize("engine", ["household", "batch"])
@pytest.mark.parametrize("name", [*EMPTY, "tables without rows"])
@pytest.mark.parametrize("out", [None, "jsonl", "csv"])
def test_an_empty_register_says_nothing_was_evaluated(tmp_path: Path, engine: str, name: str, out: str | None) -> None:
    if name == "tables without rows":
        if engine == "household":
            return  # the household engine refuses table registers (tested with the bad flags)
        folder = tmp_path / "tables"
        folder.mkdir()
        (folder / "households.csv").write_text("id,village,rural\n", encoding="utf-8")
        (folder / "persons.csv").write_text("household_id,id,role,sex,birth_date\n", encoding="utf-8")
        register = str(folder)
    else:
        register = str(tmp_path / "register.jsonl")
        Path(register).write_text(EMPTY[name], encoding="utf-8")
    target = tmp_path / f"results.{out}" if out else None
    if target is not None:
        target.write_text("results of an earlier run\n", encoding="utf-8")
    code, stdout, stderr = run_cli("eval", Z, register, "--period", "2005", "--engine", engine,
                                   *(["--out", str(target)] if target else []))
    assert code == 1
    assert "nothing was evaluated" in stderr
    if target is not None:  # never the results of an earlier run
        assert target.read_text(encoding="utf-8") == ("" if out == "jsonl" else
                                                      "household,period,total_cash,penalties_total,cash,in_kind,"
                                                      "penalties,obligations,amount_unknown\n")
    code, stdout, _ = run_cli("eval", Z, register, "--period", "2005", "--engine", engine, "--json")
    assert code == 1 and json.loads(stdout) == []


# ------------------------------------------------------------------ item 11: every flag with every engine
def _charter_with_a_unit_sql_cannot_compute(tmp_path: Path) -> str:
    """zhazi, and an article the batch evaluates one by one (a third of a yuan)."""
    path = tmp_path / "third.charter"
    path.write_text('charter third "村"\n  extends zhazi\n  in force 2004-01-01\n\n'
                    'benefit third "第五条":\n  once on 2005-06-01\n  when rural\n  pay 100 yuan / 3\n',
                    encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("kind", ["jsonl", "csv", "parquet"])
def test_both_engines_write_the_same_results_file(tmp_path: Path, kind: str) -> None:
    register = _register(ODD_IDS)
    register.append({"id": "BAD", "village": "柞子村", "rural": "yes", "members": []})  # a record with an error
    path = _write(tmp_path / "register.json", register)
    for charter in (Z, _charter_with_a_unit_sql_cannot_compute(tmp_path)):
        files = {}
        for engine in ("household", "batch"):
            files[engine] = tmp_path / f"{engine}.{kind}"
            errors = tmp_path / f"{engine}.errors.jsonl"
            code, _, stderr = run_cli("--path", str(CHARTERS), "eval", charter, path, "--period", "2005",
                                      "--engine", engine, "--out", str(files[engine]), "--errors", str(errors))
            assert code == 1, stderr  # the bad record
            assert "BAD" in errors.read_text(encoding="utf-8")
        if kind == "parquet":
            household, batch = (pq.read_table(files[e]) for e in ("household", "batch"))
            assert household.schema.names == batch.schema.names
            assert household.to_pylist() == batch.to_pylist()
            assert len(household) == len(ODD_IDS)
        else:
            assert files["household"].read_bytes() == files["batch"].read_bytes()
            assert len(files["household"].read_bytes().split(b"\n")) > len(ODD_IDS)


@pytest.mark.parametrize("kind", ["jsonl", "csv"])
def test_a_table_register_gives_the_bytes_of_the_same_register_in_json(tmp_path: Path, kind: str) -> None:
    register = _register([f"T-{i:02}" for i in range(12, 0, -1)])  # not in the order of ids
    path = _write(tmp_path / "register.json", register)
    tables = {"csv": _tables(tmp_path / "csv", register), "parquet": _tables(tmp_path / "pq", register, "parquet")}
    for charter in (Z, _charter_with_a_unit_sql_cannot_compute(tmp_path)):
        expected = tmp_path / f"household.{kind}"
        code, _, err = run_cli("--path", str(CHARTERS), "eval", charter, path, "--period", "2005",
                               "--engine", "household", "--out", str(expected))
        assert code == 0, err
        for name, folder in tables.items():
            got = tmp_path / f"{name}.{kind}"
            code, _, err = run_cli("--path", str(CHARTERS), "eval", charter, str(folder), "--period", "2005",
                                   "--out", str(got))
            assert code == 0, err
            assert got.read_bytes() == expected.read_bytes(), (charter, name)


def test_the_results_file_keeps_its_layout(tmp_path: Path) -> None:
    path = _write(tmp_path / "register.json", _register(["H-1"]))
    for kind in ("jsonl", "csv"):
        out = tmp_path / f"r.{kind}"
        code, _, err = run_cli("eval", Z, path, "--period", "2005", "--engine", "household", "--out", str(out))
        assert code == 0, err
        first = out.read_text(encoding="utf-8").splitlines()[0]
        if kind == "csv":
            assert first == "household,period,total_cash,penalties_total,cash,in_kind,penalties,obligations,amount_unknown"
        else:
            assert list(json.loads(first)) == ["household", "period", "cash", "total_cash", "in_kind", "penalties",
                                               "obligations"]


def test_json_text_is_escaped_as_duckdb_writes_it() -> None:
    from charterlib.results.schema import json_text

    assert json_text({"k": "a\x1bb"}) == '{"k":"a\\u001Bb"}'
    assert json_text({"k": "\\u001b"}) == '{"k":"\\\\u001b"}'  # a backslash and text, not an escape
    assert json_text(["\\\x1f"]) == '["\\\\\\u001F"]'
    assert json_text("中\u2028") == '"中\u2028"'


@pytest.mark.parametrize("engine", ["household", "batch"])
def test_errors_are_written_without_out(tmp_path: Path, engine: str) -> None:
    errors = tmp_path / "errors.jsonl"
    code, stdout, _ = run_cli("eval", Z, "charters/data/zhazi-mixed.jsonl", "--period", "2005", "--engine", engine,
                              "--errors", str(errors), "--json")
    assert code == 1
    assert len(json.loads(stdout)) == 8
    issues = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert len(issues) == 7 and sum(i["severity"] == "error" for i in issues) == 6


def test_both_engines_report_the_same_issues(tmp_path: Path) -> None:
    found = {}
    for engine in ("household", "batch"):
        errors = tmp_path / f"{engine}.jsonl"
        run_cli("eval", Z, "charters/data/zhazi-mixed.jsonl", "--period", "2005", "--engine", engine,
                "--errors", str(errors))
        found[engine] = sorted((i["household"], i["path"], i["severity"], i["message"]) for i in
                               map(json.loads, errors.read_text(encoding="utf-8").splitlines()))
    assert found["household"] == found["batch"]


def test_the_household_engine_writes_out_without_duckdb_for_jsonl_and_csv(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "duckdb", None)  # `import duckdb` fails
    out = tmp_path / "r.csv"
    code, stdout, err = run_cli("eval", Z, "charters/data/zhazi.json", "--period", "2005", "--out", str(out))
    assert code == 0, err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 8
    assert "7 households read: 7 evaluated" in stdout
    code, _, err = run_cli("eval", Z, "charters/data/zhazi.json", "--period", "2005", "--engine", "batch")
    assert code == 2 and "needs the `batch` extra" in err


# ------------------------------------------------------------------ item 12: the same output whatever the format
def test_every_register_format_and_engine_shows_the_same(tmp_path: Path) -> None:
    register = _register([f"H-{i}" for i in range(9)])
    path = _write(tmp_path / "register.json", register)
    csv_folder = _tables(tmp_path / "csv", register)
    parquet_folder = _tables(tmp_path / "parquet", register, "parquet")
    variants = [
        [path],
        [path, "--engine", "batch"],
        [str(csv_folder)],
        [str(csv_folder / "households.csv"), "--persons", str(csv_folder / "persons.csv")],
        [str(parquet_folder)],
    ]
    texts, jsons = [], []
    for variant in variants:
        code, stdout, err = run_cli("eval", Z, *variant, "--period", "2005")
        assert code == 0, (variant, err)
        texts.append(stdout)
        code, stdout, err = run_cli("eval", Z, *variant, "--period", "2005", "--json")
        assert code == 0, (variant, err)
        jsons.append(json.loads(stdout))
    assert "H-0" in texts[0] and "total" in texts[0]
    assert all(t == texts[0] for t in texts), texts
    assert len(jsons[0]) == 9 and all(j == jsons[0] for j in jsons)
    assert list(jsons[0][0]) == ["household", "period", "cash", "total_cash", "in_kind", "penalties", "obligations"]


def test_the_summary_of_out_is_the_same_in_both_engines(tmp_path: Path) -> None:
    said = {}
    for engine in ("household", "batch"):
        code, stdout, _ = run_cli("eval", Z, "charters/data/zhazi.json", "--period", "2005", "--engine", engine,
                                  "--out", str(tmp_path / f"{engine}.jsonl"), "--lang", "zh")
        assert code == 0
        said[engine] = stdout
    assert said["household"] == said["batch"]
    assert said["household"].startswith("读取 7 户：计算 7 户，0 户有错误；现金合计 6400.00 元")


# ------------------------------------------------------------------ exit statuses
@pytest.mark.parametrize("engine", ["household", "batch"])
def test_warnings_give_status_3_with_a_sentence(tmp_path: Path, engine: str) -> None:
    register = _register(["W-1", "W-2"])
    register[0]["nickname"] = "老王"  # a field the charter does not declare: a warning
    path = _write(tmp_path / "register.json", register)
    code, stdout, stderr = run_cli("eval", Z, path, "--period", "2005", "--engine", engine)
    assert code == 3
    assert "warning:" in stderr and "nickname" in stderr
    assert "2 households read: 2 evaluated, 0 with errors" in stdout
    assert "1 warning: see above" in stdout


def test_a_clean_register_gives_status_0_and_errors_status_1() -> None:
    assert run_cli("eval", Z, "charters/data/zhazi.json", "--period", "2005")[0] == 0
    assert run_cli("eval", Z, "charters/data/zhazi-mixed.jsonl", "--period", "2005")[0] == 1


# ------------------------------------------------------------------ item 19: escapes
def test_control_characters_from_a_register_never_reach_the_terminal(tmp_path: Path) -> None:
    register = _register(["EV\x1b]0;pwned\x07IL", "RTL\u202eLIVE"])
    register[0]["members"][0]["sex"] = "\x1b[2Jfemale"  # a bad value, quoted in an issue
    register[1]["members"][0]["id"] = "M\x1b[31m"
    path = _write(tmp_path / "register.json", register)
    runs = [
        run_cli("eval", Z, path, "--period", "2005"),
        run_cli("eval", Z, path, "--period", "2005", "--engine", "batch"),
        run_cli("explain", Z, path, "--household", "RTL\u202eLIVE", "--period", "2005"),
        run_cli("eligible", Y, path, "--article", "family_planning_officer", "--on", "2005-06-01"),
        run_cli("explain", Z, path, "--household", "EV\x1b]0;pwned\x07IL", "--period", "2005"),
    ]
    for code, stdout, stderr in runs:
        for raw in ("\x1b", "\x07", "\u202e", "\x9b"):
            assert raw not in stdout + stderr
    assert "RTL\\u202eLIVE" in runs[0][1]
    assert "\\x1b[2Jfemale" in runs[0][2]  # the issue, on stderr
    assert "M\\x1b[31m" in runs[3][1] or "M\\x1b[31m" in runs[2][1]
    _code, stdout, _ = run_cli("eval", Z, path, "--period", "2005", "--json")
    assert "\u202e" not in stdout and "\x1b" not in stdout
    assert [r["household"] for r in json.loads(stdout)] == ["RTL\u202eLIVE"]  # the same data, escaped


# ------------------------------------------------------------------ item 21: --path
@pytest.mark.parametrize("command", ["check", "eval", "explain", "eligible", "test", "compile"])
def test_every_command_that_loads_a_charter_names_path_in_its_help(command: str) -> None:
    code, stdout, _ = run_cli(command, "--help")
    assert code == 0
    assert "--path DIR" in stdout and "extends" in stdout


def test_path_is_accepted_after_the_subcommand_too(tmp_path: Path) -> None:
    alone = tmp_path / "alone.charter"  # extends hongshandian, which is not beside it
    alone.write_text('charter alone "村"\n  extends hongshandian\n  in force 2005-01-01\n\n'
                     'benefit b "第一条":\n  once on 2005-06-01\n  pay 1 yuan\n', encoding="utf-8")
    register = _write(tmp_path / "r.json", _register(["A-1"]))
    assert run_cli("eval", str(alone), register, "--period", "2005")[0] == 1  # the parent is not found
    before = run_cli("--path", str(CHARTERS), "eval", str(alone), register, "--period", "2005")
    after = run_cli("eval", "--path", str(CHARTERS), str(alone), register, "--period", "2005")
    assert before[0] == 0 and before == after
    assert run_cli("check", str(alone), "--path", str(CHARTERS))[0] == 0
    assert run_cli("--path", str(tmp_path), "check", str(alone), "--path", str(CHARTERS))[0] == 0  # both kept


# ------------------------------------------------------------------ item 25
def test_version_and_period_error() -> None:
    code, stdout, _ = run_cli("--version")
    assert code == 0 and stdout.strip() == f"charter (charterlib) {charterlib.__version__}"
    assert charterlib.PeriodError.__mro__[1] is charterlib.CharterError
    with pytest.raises(charterlib.PeriodError):
        charterlib.Period.parse("2005-13")


# ------------------------------------------------------------------ item 22: eligibilities explained
def test_explain_an_eligibility_gives_each_verdict_and_each_condition() -> None:
    base = ("explain", Y, "charters/data/yatian.json", "--household", "YT-1", "--period", "2005",
            "--article", "family_planning_officer")
    code, text, err = run_cli(*base, "--on", "2005-06-01")
    assert code == 0, err
    charter = charterlib.load(CHARTERS / "yatian.charter")
    household = next(h for h in json.loads((CHARTERS / "data" / "yatian.json").read_text(encoding="utf-8"))
                     if h["id"] == "YT-1")
    verdicts = charter.eligibility(household, "family_planning_officer", "2005-06-01")
    assert "judged on 2005-06-01" in text
    for verdict in verdicts:
        assert f"  {verdict.subject}: {'eligible' if verdict.eligible else 'not eligible'}" in text
    assert "✗ age: age of candidate <= 45" in text and "✓ sex: candidate.sex = female" in text
    assert text.count("\n      ") == 4 * len(verdicts)  # one line per condition of each person
    code, zh, _ = run_cli(*base, "--on", "2005-06-01", "--lang", "zh")
    assert "于 2005-06-01 判定" in zh and "不符合（age）" in zh and "周岁 candidate <= 45" in zh
    code, data, _ = run_cli(*base, "--json")
    entry = json.loads(data)["articles"][0]
    assert entry["kind"] == "eligibility" and entry["on"] == "2005-12-31"  # the period's last day by default
    on_last_day = charter.eligibility(household, "family_planning_officer", "2005-12-31")
    assert [(v["subject"], v["eligible"], v["failed"]) for v in entry["verdicts"]] == [
        (v.subject, v.eligible, list(v.failed)) for v in on_last_day]
    assert [c["label"] for c in entry["verdicts"][0]["conditions"]] == ["sex", "age", "education", "violated_policy"]


def test_explain_without_article_includes_eligibilities_and_says_when_the_article_is_not_in_force() -> None:
    code, text, _ = run_cli("explain", Y, "charters/data/yatian.json", "--household", "YT-1", "--period", "2005-03")
    assert code == 0
    assert "[family_planning_officer" in text and "judged on 2005-03-31" in text
    assert "the article is in force only from 2005-05-01" in text


def test_explain_a_veto_says_from_when() -> None:
    code, text, err = run_cli("explain", Z, "charters/data/zhazi.json", "--household", "ZZ-1", "--period", "2005",
                              "--article", "veto")
    assert code == 0, err
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if "[veto" in line)
    assert lines[header + 1].strip()  # never an empty header


# ------------------------------------------------------------------ item 14: other SQL dialects
def test_compile_sql_for_another_dialect_says_what_it_cannot_write() -> None:
    code, stdout, stderr = run_cli("compile", Z, "--sql", "--dialect", "Spark")
    assert code in (0, 3) and "CREATE" in stdout.upper()
    assert (code == 3) == ("warning: spark cannot say this as DuckDB does" in stderr)
    code, _, stderr = run_cli("compile", Z, "--sql")
    assert code == 0 and stderr == ""


def test_table_registers_are_read_by_every_command_and_engine(tmp_path: Path) -> None:
    from entry_points import write_tables

    register = json.loads((CHARTERS / "data" / "zhazi.json").read_text(encoding="utf-8"))
    folder = str(write_tables(tmp_path / "tables", register, "csv"))
    shown = {}
    for engine in ("household", "batch"):
        code, stdout, stderr = run_cli("eval", Z, folder, "--period", "2005", "--engine", engine, "--json")
        assert code == 0, stderr
        shown[engine] = json.loads(stdout)
    assert shown["household"] == shown["batch"] and len(shown["batch"]) == len(register)
    code, stdout, stderr = run_cli("explain", Z, folder, "--household", "ZZ-2", "--period", "2005")
    assert code == 0, stderr
    _code_json, stdout_json, _ = run_cli("explain", Z, "charters/data/zhazi.json", "--household", "ZZ-2",
                                        "--period", "2005")
    assert stdout == stdout_json
    code, stdout, stderr = run_cli("eligible", "charters/yatian.charter", str(write_tables(
        tmp_path / "yatian", json.loads((CHARTERS / "data" / "yatian.json").read_text(encoding="utf-8")), "parquet")),
        "--article", "family_planning_officer", "--on", "2005-06-01", "--json")
    assert code == 0, stderr
    assert json.loads(stdout)["members"]
