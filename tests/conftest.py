"""Shared paths and helpers for the test suite."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHARTERS = ROOT / "charters"
GOLDEN = Path(__file__).resolve().parent / "golden"
SPEC = ROOT.parent / "shared" / "spec"


@pytest.fixture(autouse=True)
def _run_from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test from the repository root, so file names in messages are stable."""
    monkeypatch.chdir(ROOT)


def run_cli(*argv: str) -> tuple[int, str, str]:
    """Run the `charter` command in-process; return its exit code, stdout and stderr."""
    from charterlib.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()
