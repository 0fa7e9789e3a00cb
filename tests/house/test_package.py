"""The package: grammar shipped as package data, entry points, typing marker."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

from conftest import ROOT

import charterlib
from charterlib.language.keywords import GRAMMAR_FILE, GRAMMAR_PACKAGE, grammar_text


def test_grammar_is_package_data() -> None:
    resource = resources.files(GRAMMAR_PACKAGE).joinpath(GRAMMAR_FILE)
    assert resource.is_file()
    assert resource.read_text(encoding="utf-8") == (ROOT / "grammar" / "charter.lark").read_text(encoding="utf-8")
    assert "KEYWORDS" in grammar_text()


def test_package_is_typed() -> None:
    assert (Path(charterlib.__file__).parent / "py.typed").is_file()


def test_module_entry_point_prints_help() -> None:
    done = subprocess.run([sys.executable, "-m", "charterlib", "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert "check" in done.stdout


def test_public_api_is_explicit() -> None:
    for name in charterlib.__all__:
        assert hasattr(charterlib, name), name
