"""Property: any text — mutated shipped charters or random garbage — gives a result or diagnostics,
never another exception."""

from __future__ import annotations

from conftest import CHARTERS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charterlib import Library, check_text  # the façade's: check, then lint
from charterlib.common.diagnostics import render_all

SHIPPED = {p.name: p.read_text(encoding="utf-8") for p in sorted(CHARTERS.glob("*.charter"))}
LINES = [line for text in SHIPPED.values() for line in text.splitlines()]
TOKENS = sorted({tok for line in LINES for tok in line.split()})
LIBRARY = Library([CHARTERS])


def _check(text: str) -> None:
    result = check_text(text, "fuzzed.charter", search_path=(CHARTERS,))
    for d in result.diagnostics:
        assert d.message
        d.render()
        d.to_json()
    render_all(result.diagnostics)
    if not result.diagnostics:
        assert result.charter is not None


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(sorted(SHIPPED))).split("\n")
    lines = SHIPPED[draw(st.sampled_from(sorted(SHIPPED)))].split("\n")
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete-line", "duplicate-line", "swap-lines", "delete-token",
                                   "duplicate-token", "swap-tokens", "insert-token", "insert-line"]))
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        if op == "delete-line" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate-line":
            lines.insert(i, lines[i])
        elif op == "swap-lines":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert-line":
            lines.insert(i, draw(st.sampled_from(LINES)))
        else:
            tokens = lines[i].split(" ")
            k = draw(st.integers(0, max(0, len(tokens) - 1)))
            if op == "delete-token" and tokens:
                del tokens[k]
            elif op == "duplicate-token" and tokens:
                tokens.insert(k, tokens[k])
            elif op == "swap-tokens" and len(tokens) > 1:
                m = draw(st.integers(0, len(tokens) - 1))
                tokens[k], tokens[m] = tokens[m], tokens[k]
            elif op == "insert-token":
                tokens.insert(k, draw(st.sampled_from(TOKENS)))
            lines[i] = " ".join(tokens)
    return "\n".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_charters_give_diagnostics_not_crashes(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300))
def test_random_text_gives_diagnostics_not_crashes(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TOKENS + ["\n", "\n  ", "\n    ", ":", "(", ")", "{", "}", '"', "\t"]),
                max_size=40))
def test_token_soup_gives_diagnostics_not_crashes(tokens: list[str]) -> None:
    _check(" ".join(tokens))
