"""Every subcommand with bad values of every flag: a sentence, the exit status of the policy, no traceback.

Statuses (README): 1 input errors or nothing to do; 2 the command cannot run as asked (a bad flag
value, flags that do not go together, a file that cannot be opened).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CHARTERS, ROOT, run_cli

Z = "charters/zhazi.charter"
Y = "charters/yatian.charter"
R = "charters/data/zhazi.json"
YR = "charters/data/yatian.json"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Bad inputs: empty files, folders, a charter without examples, table registers with a table missing."""
    base = tmp_path_factory.mktemp("bad")
    made = {
        "empty": base / "empty.json", "brackets": base / "brackets.json", "blank": base / "blank.jsonl",
        "nonsense": base / "nonsense.jsonl", "empty_charter": base / "empty.charter",
        "no_examples": base / "plain.charter", "folder": base / "folder", "half": base / "half",
        "tables": base / "tables", "csv": base / "tables" / "households.csv",
        "persons": base / "tables" / "persons.csv", "out_folder": base / "outs", "reg": base / "register.json",
    }
    made["reg"].write_bytes((ROOT / R).read_bytes())  # a copy: a run that overwrote its register harms no fixture
    made["empty"].write_text("", encoding="utf-8")
    made["brackets"].write_text("[]\n", encoding="utf-8")
    made["blank"].write_text("\n\n  \n", encoding="utf-8")
    made["nonsense"].write_text("this is not a register\n", encoding="utf-8")
    made["empty_charter"].write_text("", encoding="utf-8")
    made["no_examples"].write_text('charter plain "无示例"\n  extends hongshandian\n  in force 2005-01-01\n\n'
                                   'benefit b "第一条":\n  once on 2005-06-01\n  pay 1 yuan\n', encoding="utf-8")
    for folder in ("folder", "half", "tables", "out_folder"):
        made[folder].mkdir()
    (made["half"] / "households.csv").write_text("id,village,rural\n", encoding="utf-8")
    made["csv"].write_text("id,village,rural\nH1,柞子村,true\n", encoding="utf-8")
    made["persons"].write_text("household_id,id,role,sex,birth_date\nH1,H1-w,wife,female,1970-01-01\n",
                               encoding="utf-8")
    (base / "plain_hongshandian.charter").write_text((CHARTERS / "hongshandian.charter").read_text(encoding="utf-8"),
                                                      encoding="utf-8")
    names = {k: str(v) for k, v in made.items()}
    names["base"] = str(base)
    return names


# (arguments, exit status, words the message must hold); `{name}` is a file of the fixture
CASES: list[tuple[list[str], int, str]] = [
    # the command itself
    ([], 2, "required: COMMAND"),
    (["--bogus", "check", Z], 2, "unrecognized arguments"),
    (["frobnicate"], 2, "invalid choice"),
    (["--path", "/nonexistent/dir", "check", Z], 2, "no such folder"),
    (["--path", Z, "check", Z], 2, "is not a folder"),
    # check
    (["check"], 2, "required: FILE"),
    (["check", "/nonexistent.charter"], 2, "no such file"),
    (["check", "/dev/null"], 2, "not a regular file"),
    (["check", "{folder}"], 1, "holds no *.charter file"),
    (["check", "{empty_charter}"], 1, "missing-header"),
    (["check", "--json", "/nonexistent.charter"], 2, "no such file"),
    (["check", Z, "--path", "/nonexistent/dir"], 2, "no such folder"),
    # eval: files
    (["eval", "/nonexistent.charter", R, "--period", "2005"], 2, "no such file"),
    (["eval", "{folder}", R, "--period", "2005"], 2, "is a folder"),
    (["eval", "/dev/null", R, "--period", "2005"], 2, "not a regular file"),
    (["eval", "{empty_charter}", R, "--period", "2005"], 1, "missing-header"),
    (["eval", Z, "/nonexistent.json", "--period", "2005"], 2, "no such file"),
    (["eval", Z, "{folder}", "--period", "2005"], 2, "a register folder holds"),
    (["eval", Z, "{half}", "--period", "2005"], 2, "a register folder holds"),
    (["eval", Z, "{csv}", "--period", "2005"], 2, "needs both tables"),
    (["eval", Z, "/dev/null", "--period", "2005"], 2, "not a regular file"),
    (["eval", Z, "{empty}", "--period", "2005"], 1, "nothing was evaluated"),
    (["eval", Z, "{brackets}", "--period", "2005"], 1, "nothing was evaluated"),
    (["eval", Z, "{blank}", "--period", "2005", "--engine", "batch"], 1, "nothing was evaluated"),
    (["eval", Z, "{empty}", "--period", "2005", "--lang", "zh"], 1, "没有计算任何户"),
    (["eval", Z, "{nonsense}", "--period", "2005"], 1, "not valid JSON"),
    (["eval", Z, R, "--period", "2005", "--path", "/nonexistent/dir"], 2, "no such folder"),
    # eval: periods
    (["eval", Z, R], 2, "required: --period"),
    (["eval", Z, R, "--period", "2005-13"], 2, "not a period"),
    (["eval", Z, R, "--period", "2005-02-30/2005-03-01"], 2, "not a period"),
    (["eval", Z, R, "--period", "2005-02-30"], 2, "not a period"),
    (["eval", Z, R, "--period", "0000"], 2, "not a period"),
    (["eval", Z, R, "--period", "2005-00"], 2, "not a period"),
    (["eval", Z, R, "--period", "20051"], 2, "not a period"),
    (["eval", Z, R, "--period", ""], 2, "not a period"),
    (["eval", Z, R, "--period", "nonsense"], 2, "not a period"),
    (["eval", Z, R, "--period", "２００５"], 2, "not a period"),
    (["eval", Z, R, "--period", "2005-12-31/2005-01-01"], 2, "ends before it starts"),
    (["eval", Z, R, "--period", "2005", "--out", "{out_folder}/r.jsonl", "--period", "2005-13"], 2, "not a period"),
    # eval: engines and the flags that go with them
    (["eval", Z, R, "--period", "2005", "--engine", "fast"], 2, "invalid choice"),
    (["eval", Z, R, "--period", "2005", "--engine", "household", "--memory-limit", "1GB"], 2,
     "--memory-limit applies to the batch engine only"),
    (["eval", Z, R, "--period", "2005", "--engine", "household", "--chunk-size", "10"], 2,
     "--chunk-size applies to the batch engine only"),
    (["eval", Z, R, "--period", "2005", "--engine", "household", "--chunk-size", "10", "--lang", "zh"], 2,
     "只用于整批计算引擎"),
    (["eval", Z, R, "--period", "2005", "--persons", "{persons}"], 2, "--persons goes with a households table"),
    (["eval", Z, "{csv}", "--period", "2005", "--persons", "/nonexistent.csv"], 2, "no such file"),
    (["eval", Z, "{csv}", "--period", "2005", "--persons", "{folder}"], 2, "is a folder"),
    # eval: outputs
    (["eval", Z, R, "--period", "2005", "--out", "{out_folder}/r.txt"], 2, "written as .jsonl, .csv or .parquet"),
    (["eval", Z, R, "--period", "2005", "--out", "/dev/null"], 2, "written as .jsonl, .csv or .parquet"),
    (["eval", Z, R, "--period", "2005", "--out", "/nonexistent/dir/r.csv"], 2, "is not a folder"),
    (["eval", Z, R, "--period", "2005", "--out", "{out_folder}"], 2, "written as .jsonl"),
    (["eval", Z, "{reg}", "--period", "2005", "--out", "{reg}"], 2, "is the register itself"),
    (["eval", Z, R, "--period", "2005", "--engine", "household", "--out", "/nonexistent/dir/r.parquet"], 2,
     "is not a folder"),
    (["eval", Z, R, "--period", "2005", "--errors", "/nonexistent/dir/e.jsonl"], 2, "is not a folder"),
    (["eval", Z, R, "--period", "2005", "--errors", "{out_folder}"], 2, "it is a folder"),
    (["eval", Z, "{reg}", "--period", "2005", "--errors", "{reg}"], 2, "is the register itself"),
    (["eval", Z, R, "--period", "2005", "--out", "{out_folder}/same.jsonl", "--errors", "{out_folder}/same.jsonl"], 2,
     "name the same file"),
    # eval: sizes
    (["eval", Z, R, "--period", "2005", "--memory-limit", "lots"], 2, "is not a size"),
    (["eval", Z, R, "--period", "2005", "--memory-limit", "1GB'; SELECT 1; --"], 2, "is not a size"),
    (["eval", Z, R, "--period", "2005", "--memory-limit", "0"], 2, "is not a size"),
    (["eval", Z, R, "--period", "2005", "--memory-limit", "0GB"], 2, "too small"),
    (["eval", Z, R, "--period", "2005", "--memory-limit", "-1GB"], 2, "expected one argument"),
    (["eval", Z, R, "--period", "2005", "--memory-limit=-1GB"], 2, "is not a size"),
    (["eval", Z, R, "--period", "2005", "--memory-limit", "1KB"], 2, "too small"),
    (["eval", Z, R, "--period", "2005", "--memory-limit", "0%"], 2, "share of the memory"),
    (["eval", Z, R, "--period", "2005", "--memory-limit", "101%"], 2, "share of the memory"),
    (["eval", Z, R, "--period", "2005", "--memory-limit", "99999999999TB"], 2, "cannot be used"),
    (["eval", Z, R, "--period", "2005", "--memory-limit", ""], 2, "is not a size"),
    (["eval", Z, R, "--period", "2005", "--chunk-size", "0"], 2, "not a number of households"),
    (["eval", Z, R, "--period", "2005", "--chunk-size", "-1"], 2, "not a number of households"),
    (["eval", Z, R, "--period", "2005", "--chunk-size", "99999999999999999999999"], 2, "not a number of households"),
    (["eval", Z, R, "--period", "2005", "--chunk-size", "1e3"], 2, "not a whole number"),
    (["eval", Z, R, "--period", "2005", "--chunk-size", "lots"], 2, "not a whole number"),
    (["eval", Z, R, "--period", "2005", "--lang", "fr"], 2, "invalid choice"),
    (["eval", Z, R, "--period", "2005", "--progress", "yes"], 2, "unrecognized arguments"),
    # explain
    (["explain", Z, R, "--period", "2005"], 2, "required: --household"),
    (["explain", Z, R, "--household", "ZZ-1"], 2, "required: --period"),
    (["explain", Z, R, "--household", "ZZ-99", "--period", "2005"], 2, "no household ZZ-99"),
    (["explain", Z, R, "--household", "ZZ-1", "--period", "2005-13"], 2, "not a period"),
    (["explain", Z, R, "--household", "ZZ-1", "--period", "0000"], 2, "not a period"),
    (["explain", Z, R, "--household", "ZZ-1", "--period", "2005", "--article", "nope"], 2, "no article `nope`"),
    (["explain", Z, R, "--household", "ZZ-1", "--period", "2005", "--article", "pension_subsidi"], 2,
     "Did you mean `pension_subsidy`?"),
    (["explain", Z, R, "--household", "ZZ-1", "--period", "2005", "--on", "2005-06-01"], 2,
     "`on` is the day eligibilities are judged"),
    (["explain", Y, YR, "--household", "YT-1", "--period", "2005", "--on", "2005-02-30"], 2, "is not a day"),
    (["explain", Y, YR, "--household", "YT-1", "--period", "2005", "--on", "9999"], 2, "is not a day"),
    (["explain", Y, YR, "--household", "YT-1", "--period", "2005", "--on", "0000-01-01"], 2, "is not a day"),
    (["explain", Y, YR, "--household", "YT-1", "--period", "2005", "--article", "family_planning_officer",
      "--on", "tomorrow"], 2, "is not a day"),
    (["explain", Z, R, "--household", "ZZ-1", "--period", "2005", "--lang", "fr"], 2, "invalid choice"),
    (["explain", Z, "/nonexistent.json", "--household", "ZZ-1", "--period", "2005"], 2, "no such file"),
    (["explain", Z, "/dev/null", "--household", "ZZ-1", "--period", "2005"], 2, "not a regular file"),
    (["explain", Z, "{empty}", "--household", "ZZ-1", "--period", "2005"], 2, "no household ZZ-1"),
    (["explain", "/nonexistent.charter", R, "--household", "ZZ-1", "--period", "2005"], 2, "no such file"),
    (["explain", Z, R, "--household", "ZZ-1", "--period", "2005", "--path", "/nonexistent/dir"], 2, "no such folder"),
    # eligible
    (["eligible", Y, YR, "--article", "family_planning_officer"], 2, "required: --on"),
    (["eligible", Y, YR, "--article", "nope", "--on", "2005-06-01"], 2, "no eligibility `nope`"),
    (["eligible", Z, R, "--article", "pension_subsidy", "--on", "2005-06-01"], 2, "no eligibility `pension_subsidy`"),
    (["eligible", Y, YR, "--article", "family_planning_officer", "--on", "2005-13-01"], 2, "is not a day"),
    (["eligible", Y, YR, "--article", "family_planning_officer", "--on", "2005-02-30"], 2, "is not a day"),
    (["eligible", Y, YR, "--article", "family_planning_officer", "--on", "9999"], 2, "is not a day"),
    (["eligible", Y, YR, "--article", "family_planning_officer", "--on", "0000-01-01"], 2, "is not a day"),
    (["eligible", Y, YR, "--article", "family_planning_officer", "--on", ""], 2, "is not a day"),
    (["eligible", Y, "/nonexistent.json", "--article", "family_planning_officer", "--on", "2005-06-01"], 2,
     "no such file"),
    (["eligible", Y, "{folder}", "--article", "family_planning_officer", "--on", "2005-06-01"], 2,
     "a register folder holds"),
    (["eligible", Y, "/dev/null", "--article", "family_planning_officer", "--on", "2005-06-01"], 2,
     "not a regular file"),
    (["eligible", Y, "{empty}", "--article", "family_planning_officer", "--on", "2005-06-01"], 1,
     "nothing was judged"),
    (["eligible", Y, "{brackets}", "--article", "family_planning_officer", "--on", "2005-06-01", "--lang", "zh"], 1,
     "没有判定任何人"),
    (["eligible", Y, YR, "--article", "family_planning_officer", "--on", "2005-06-01", "--lang", "fr"], 2,
     "invalid choice"),
    (["eligible", "{folder}", YR, "--article", "family_planning_officer", "--on", "2005-06-01"], 2, "is a folder"),
    # test
    (["test", "/nonexistent.charter"], 2, "no such file"),
    (["test", "/dev/null"], 2, "not a regular file"),
    (["test", "{folder}"], 1, "holds no *.charter file"),
    (["test", "{no_examples}", "--path", str(CHARTERS)], 1, "hold no example blocks"),
    (["test", "{empty_charter}"], 1, "missing-header"),
    (["test", Z, "--path", "/nonexistent/dir"], 2, "no such folder"),
    # compile
    (["compile", Z, "--sql", "--dialect", "nonsense"], 2, "is not an SQL dialect"),
    (["compile", Z, "--sql", "--dialect", "postgress"], 2, "did you mean postgres?"),
    (["compile", Z, "--sql", "--dialect", ""], 2, "is not an SQL dialect"),
    (["compile", Z, "--dialect", "spark"], 2, "--dialect applies to the SQL plan only"),
    (["compile", Z, "--period", "2005"], 2, "--period applies to the SQL plan only"),
    (["compile", Z, "--sql", "--period", "2005-13"], 2, "not a period"),
    (["compile", Z, "--sql", "--period", "2005-02-30"], 2, "not a period"),
    (["compile", Z, "--sql", "--period", "0000"], 2, "not a period"),
    (["compile", "/nonexistent.charter"], 2, "no such file"),
    (["compile", "{folder}", "--sql"], 2, "is a folder"),
    (["compile", "/dev/null"], 2, "not a regular file"),
    (["compile", "{empty_charter}"], 1, "missing-header"),
    (["compile", Z, "--path", "/nonexistent/dir"], 2, "no such folder"),
    (["compile", Z, "--ir", "--sql"], 2, "not allowed with argument"),
    (["compile", Z, "--ir", "--dialect", "spark"], 2, "--dialect applies to the SQL plan only"),
    (["compile", Z, "--ir", "--lang", "fr"], 2, "invalid choice"),
]


def _argv(args: list[str], files: dict[str, str]) -> list[str]:
    return [a.format(**files) if "{" in a else a for a in args]


@pytest.mark.parametrize(("args", "status", "words"), CASES, ids=[" ".join(c[0])[:80] for c in CASES])
def test_bad_flag_values_give_a_sentence_and_the_status_of_the_policy(files: dict[str, str], args: list[str],
                                                                     status: int, words: str) -> None:
    code, out, err = run_cli(*_argv(args, files))
    assert "Traceback" not in out + err
    assert code == status, (code, out, err)
    said = err if args[:1] != ["check"] or "no such" in words or "holds no" in words else out + err
    assert words in said, said
    assert said.strip(), "a non-zero exit says why"


def test_every_flag_of_every_subcommand_is_in_the_table() -> None:
    from charterlib.cli import build_parser

    parser = build_parser()
    tried = {a for args, _, _ in CASES for a in args if a.startswith("--")}
    subparsers = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, sub in subparsers.choices.items():  # type: ignore[attr-defined]
        for action in sub._actions:
            for flag in action.option_strings:
                if flag in ("-h", "--help", "--backend", "--json", "--sql", "--no-progress"):
                    continue  # switches without a value (and the hidden back end)
                assert flag in tried, f"`charter {name} {flag}` has no bad value in CASES"


def test_the_period_9999_runs_in_every_command() -> None:
    for args in (["eval", Z, R, "--period", "9999"],
                 ["explain", Z, R, "--household", "ZZ-1", "--period", "9999"],
                 ["compile", Z, "--sql", "--period", "9999"]):
        code, out, err = run_cli(*args)
        assert "Traceback" not in out + err
        assert code == 0, err


def test_the_period_9999_with_out_in_both_engines(tmp_path: Path) -> None:
    for engine in ("household", "batch"):
        code, out, err = run_cli("eval", Z, R, "--period", "9999", "--engine", engine,
                                 "--out", str(tmp_path / f"{engine}.jsonl"))
        assert "Traceback" not in out + err
        assert code == 0, err


@pytest.mark.parametrize("args", [
    ["eval", Z, "/nonexistent.json", "--period", "2005"],
    ["eval", Z, R, "--period", "2005", "--memory-limit", "lots"],
    ["eval", Z, R, "--period", "2005", "--chunk-size", "0"],
    ["compile", Z, "--sql", "--dialect", "Sparky"],
    ["eligible", Y, YR, "--article", "family_planning_officer", "--on", "2005-02-30"],
])
def test_a_real_process_says_a_sentence_and_exits_2(args: list[str]) -> None:
    run = subprocess.run([sys.executable, "-m", "charterlib", *args], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=120, check=False)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert "error: " in run.stderr.splitlines()[-1]  # one sentence (after argparse's usage line, if any)


def test_a_real_process_prints_the_version() -> None:
    run = subprocess.run([sys.executable, "-m", "charterlib", "--version"], cwd=ROOT, capture_output=True, text=True,
                         timeout=60, check=False)
    assert run.returncode == 0
    assert run.stdout.startswith("charter (charterlib) ")


def test_json_flags_keep_the_json_valid_with_bad_values() -> None:
    code, out, err = run_cli("eligible", Y, YR, "--article", "family_planning_officer", "--on", "2005-06-01", "--json")
    assert code == 0, err
    assert json.loads(out)["eligibility"] == "family_planning_officer"
