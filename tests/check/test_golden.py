"""Golden tests: each broken charter gives exactly its checked-in diagnostic text and exit code 1
(a charter named `warn_*` has warnings only: exit code 0).

Regenerate the expected files after a deliberate change of wording with
`CHARTERLIB_REGOLD=1 pytest tests/check/test_golden.py`, then read the diff.
"""

from __future__ import annotations

import json
import os

import pytest
from conftest import GOLDEN, ROOT, run_cli

CASES = sorted((GOLDEN / "check").glob("*.charter"))


def test_there_are_enough_golden_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_broken_charter_gives_its_golden_diagnostic(case: os.PathLike[str]) -> None:
    path = os.path.relpath(case, ROOT)
    code, out, err = run_cli("--path", "charters", "--path", "tests/fixtures/levels", "check", path)
    expected_file = GOLDEN / "check" / (os.path.basename(path)[: -len(".charter")] + ".expected")
    if os.environ.get("CHARTERLIB_REGOLD"):
        expected_file.write_text(out, encoding="utf-8")
    warnings_only = os.path.basename(path).startswith("warn_")
    assert code == (0 if warnings_only else 1), out
    assert ("error[" in out) != warnings_only
    assert "Traceback" not in out + err
    assert out == expected_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES[:5], ids=[c.stem for c in CASES[:5]])
def test_json_output_carries_the_same_diagnostics(case: os.PathLike[str]) -> None:
    path = os.path.relpath(case, ROOT)
    code, out, _ = run_cli("--path", "charters", "check", "--json", path)
    assert code == 1
    payload = json.loads(out)
    assert payload["ok"] is False
    [file] = payload["files"]
    errors = [d for d in file["diagnostics"] if d["severity"] == "error"]
    assert errors
    for d in errors:
        assert d["message"] and d["code"]
        if "line" in d:
            assert d["line"] >= 1 and d["column"] >= 1
