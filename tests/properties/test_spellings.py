"""The Chinese and English keyword spellings give equal representations: every shipped charter, every
fixture and every generated charter, respelt with the other language's keywords (`parse.respell`), checks
to the same IR."""

from __future__ import annotations

from pathlib import Path

import pytest
from charter_strategies import Generated, charters
from conftest import CHARTERS, ROOT
from hypothesis import HealthCheck, given, settings

import charterlib
from charterlib.common.errors import ArgumentError, ParseError
from charterlib.parse import parse_text, respell

FIXTURES = ROOT / "tests" / "fixtures"
FILES = sorted(CHARTERS.glob("*.charter")) + sorted(FIXTURES.glob("*.charter")) + sorted(
    (FIXTURES / "levels").glob("*.charter"))
SEARCH = (CHARTERS, FIXTURES, FIXTURES / "levels")


def _ir(text: str, name: str) -> object:
    checked = charterlib.check_text(text, name, search_path=SEARCH)
    assert checked.charter is not None, [d.message for d in checked.diagnostics if d.is_error]
    return checked.charter


def _loadable(path: Path) -> bool:
    return charterlib.check_text(path.read_text(encoding="utf-8"), path.name, search_path=SEARCH).charter is not None


@pytest.mark.parametrize("path", [p for p in FILES if _loadable(p)], ids=lambda p: p.name)
def test_a_shipped_charter_respelt_checks_to_the_same_ir(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    zh, en = respell(text, "zh"), respell(text, "en")
    assert parse_text(zh).language == "zh" and parse_text(en).language == "en"
    assert _ir(zh, path.name) == _ir(en, path.name) == _ir(text, path.name)
    # back again: the respelt text keeps every name, text and comment
    assert respell(zh, "en") == en


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(generated=charters())
def test_a_generated_charter_respelt_in_chinese_checks_to_the_same_ir(generated: Generated) -> None:
    zh = respell(generated.text, "zh")
    assert parse_text(zh).language == "zh"
    assert _ir(zh, "gen.charter") == _ir(generated.text, "gen.charter")


def test_respell_refuses_what_it_cannot_respell() -> None:
    with pytest.raises(ParseError):
        respell('charter x "x"\n  in force 2005-13-01\nbenefit b "b":\n  pay\n', "zh")
    with pytest.raises(ArgumentError):
        respell('charter x "x"\n', "fr")
    with pytest.raises(ArgumentError):
        respell(b"charter", "zh")  # type: ignore[arg-type]
