"""The fast parse driver (`parse/_driver.py`) builds exactly what Lark's own loop builds.

For every charter we ship or test, and for mutated ones: either both accept the text and give the
same tree (spans included), the same keyword tokens and the same literal diagnostics, or the driver
hands over (`Fallback`) and Lark's parser rejects the text.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from conftest import CHARTERS, GOLDEN, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lark.exceptions import UnexpectedInput

from charterlib.common.source import SourceFile
from charterlib.parse import nodes
from charterlib.parse._build import CURRENT, ParseState
from charterlib.parse._driver import Fallback, may_start_with
from charterlib.parse._grammar import driver, parser
from charterlib.parse._layout import LayoutError

sys.path.insert(0, str(ROOT / "bench"))
from large_charter import charter_text

FILES = sorted(CHARTERS.glob("*.charter")) + sorted((GOLDEN / "check").glob("*.charter"))


def _shape(value: Any) -> Any:
    """A comparable picture of a tree, spans (offsets) included."""
    if isinstance(value, nodes.Node):
        fields = tuple((f.name, _shape(getattr(value, f.name))) for f in attrs.fields(type(value)))
        return (type(value).__name__, fields)
    if isinstance(value, (tuple, list)):
        return tuple(_shape(v) for v in value)
    if hasattr(value, "source") and hasattr(value, "start") and hasattr(value, "end"):
        return ("span", value.start, value.end)
    return value


def _run(text: str, fast: bool) -> tuple[str, Any, Any, Any]:
    source = SourceFile("t.charter", text)
    state = ParseState(source)
    token = CURRENT.set(state)
    try:
        try:
            fast_driver = driver()
            assert fast_driver is not None
            module = fast_driver.parse(text, state.keywords) if fast else parser().parse(text)
        except Fallback:
            return ("fallback", None, None, None)
        except (UnexpectedInput, LayoutError):
            return ("error", None, None, None)
    finally:
        CURRENT.reset(token)
    keywords = [(t.type, str(t), t.start_pos, t.end_pos) for t in state.keywords]
    diagnostics = [d.render() for d in state.diagnostics]
    return ("ok", _shape(module), keywords, diagnostics)


def _same(text: str) -> None:
    text = text if text.endswith("\n") else text + "\n"
    fast = _run(text, fast=True)
    slow = _run(text, fast=False)
    if fast[0] == "fallback":
        assert slow[0] == "error"
    else:
        assert fast == slow


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_driver_builds_what_lark_builds(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if path.parent == CHARTERS:  # the shipped charters are well formed: no hand-over
        assert _run(text if text.endswith("\n") else text + "\n", fast=True)[0] == "ok"
    _same(text)


def test_driver_on_a_large_generated_charter() -> None:
    text = charter_text(50)
    assert _run(text + "\n", fast=True)[0] == "ok"
    _same(text)


SHIPPED = [p.read_text(encoding="utf-8") for p in sorted(CHARTERS.glob("*.charter"))]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(SHIPPED)).split("\n")
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "cut", "tab", "space"]))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "indent":
            lines[i] = "  " + lines[i]
        elif op == "dedent":
            lines[i] = lines[i][1:]
        elif op == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif op == "space":
            j = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:j] + draw(st.sampled_from([" ", "  ", " \t", "\u3000", " \f "])) + lines[i][j:]
        else:
            lines[i] = "\t" + lines[i]
    return "\n".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_driver_agrees_with_lark_on_mutated_charters(text: str) -> None:
    _same(text)


def test_only_the_ignored_whitespace_terminal_starts_with_a_space() -> None:
    starting = sorted(t.name for t in parser().terminals if may_start_with(t.pattern.to_regexp(), " "))
    assert starting == ["WS"]
    fast_driver = driver()
    assert fast_driver is not None and fast_driver.skip_spaces is not None


@pytest.mark.parametrize(
    ("regexp", "char", "expected"),
    [
        (r"(?:in\s+force|施行于)(?!\w)", "i", True),
        (r"(?:in\s+force|施行于)(?!\w)", " ", False),
        (r"[^\W\d]\w*", "_", True),
        (r"[^\W\d]\w*", "1", False),
        (r"(?:#[^\n]*)?(?:\r?\n[ ]*)*?\r?\n[ ]*(?=and)", "\n", True),
        (r"(?:#[^\n]*)?(?:\r?\n[ ]*)*?\r?\n[ ]*(?=and)", " ", False),
        (r"a?[ ]", " ", True),
        (r"(?i:x)", " ", True),  # flags: unsure, so it may
    ],
)
def test_may_start_with(regexp: str, char: str, expected: bool) -> None:
    assert may_start_with(regexp, char) is expected


@pytest.mark.parametrize("name", ["zhazi.charter", "zhazi.zh.charter"])
def test_driver_on_windows_line_endings_and_comments(name: str) -> None:
    text = (CHARTERS / name).read_text(encoding="utf-8")
    crlf = text.replace("\n", "  # note\r\n", 3).replace("\n", "\r\n")
    assert _run(crlf if crlf.endswith("\n") else crlf + "\n", fast=True)[0] == "ok"
    _same(crlf)
