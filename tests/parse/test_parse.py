"""Stage 1: parsing, the keyword table, layout and literal validation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from conftest import CHARTERS

from charterlib.language import keywords
from charterlib.parse import nodes, parse_text


def parse_ok(text: str) -> nodes.Module:
    result = parse_text(text)
    assert result.ok, [d.render() for d in result.diagnostics]
    assert result.module is not None
    return result.module


@pytest.mark.parametrize("path", sorted(CHARTERS.glob("*.charter")), ids=lambda p: p.name)
def test_every_shipped_charter_parses(path) -> None:  # type: ignore[no-untyped-def]
    result = parse_text(path.read_text(encoding="utf-8"), str(path))
    assert result.ok, [d.render() for d in result.diagnostics]


def test_every_keyword_has_an_english_and_a_chinese_spelling() -> None:
    table = keywords()
    assert len(table) > 60
    spellings: dict[str, str] = {}
    for keyword in table.values():
        assert keyword.english and keyword.chinese, keyword
        for spelling in keyword.english + keyword.chinese:
            assert spelling not in spellings, (spelling, keyword.terminal, spellings.get(spelling))
            spellings[spelling] = keyword.terminal


def test_english_and_chinese_keywords_give_equal_trees() -> None:
    english = parse_ok(
        'charter c "章程"\n  in force 2005-01-01\n\n'
        'benefit b "第一条":\n  once on 2005-03-01\n  when rural and not urban\n  pay 10 yuan\n'
    )
    chinese = parse_ok(
        '章程 c "章程"\n  施行于 2005-01-01\n\n'
        '福利 b "第一条":\n  一次性 于 2005-03-01\n  当 rural 且 非 urban\n  发放 10 元\n'
    )
    assert english == chinese


def test_nodes_carry_their_source_positions() -> None:
    module = parse_ok('charter c "t"\n  in force 2005-01-01\n\ndefine two = count(children) = 2\n')
    definition = module.items[1]
    assert isinstance(definition, nodes.Definition)
    assert (definition.span.line, definition.span.column) == (4, 1)
    call = definition.expr.left  # type: ignore[attr-defined]
    assert isinstance(call, nodes.Call)
    assert (call.span.line, call.span.column, call.span.text) == (4, 14, "count(children)")


def test_lines_continue_after_an_operator_and_before_and_or() -> None:
    module = parse_ok(
        'charter c "t"\n  in force 2005-01-01\n\n'
        "define x =\n  rural\n   and urban\n   or big\n"
    )
    definition = module.items[1]
    assert isinstance(definition, nodes.Definition)
    assert isinstance(definition.expr, nodes.Binary) and definition.expr.op == "or"


def test_full_width_punctuation_is_accepted() -> None:
    module = parse_ok('charter c "t"\n  in force 2005-01-01\n\ndefine x = max（1，2）\n')
    definition = module.items[1]
    assert isinstance(definition, nodes.Definition)
    assert isinstance(definition.expr, nodes.Call) and len(definition.expr.args) == 2


def test_literals_are_exact() -> None:
    module = parse_ok(
        'charter c "t"\n  in force 2005-01-01\n\n'
        "parameter p = 10.50 yuan from 2004-01-01, 12 yuan from 2010-02-28\n"
    )
    parameter = module.items[1]
    assert isinstance(parameter, nodes.Parameter)
    first, second = parameter.values
    assert first.value == nodes.Money(Decimal("10.50"), span=first.value.span)
    assert second.start == dt.date(2010, 2, 28)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('charter c "t"\n  in force 2005-02-30\n', "bad-date"),
        ('charter c "t"\n  in force 2005-13-01\n', "bad-date"),
        ('charter c "t"\n  in force 2005-01-01\n\nparameter p = 0.001 yuan\n', "bad-money"),
        ('charter c "t\n  in force 2005-01-01\n', "unterminated-string"),
        ('charter c "t"\n\tin force 2005-01-01\n', "bad-indentation"),
        ('charter c "t"\n  in force 2005-01-01\n\nbenfit x "t":\n  grant\n', "unknown-keyword"),
    ],
)
def test_mistakes_are_located_diagnostics(text: str, code: str) -> None:
    result = parse_text(text, "x.charter")
    assert not result.ok
    assert [d.code for d in result.diagnostics] == [code]
    assert result.diagnostics[0].span is not None


def test_every_broken_block_is_reported_at_once() -> None:
    text = (
        'charter c "t"\n  in force 2005-01-01\n\n'
        'benefit a "t"\n  grant\n\n'
        'benefit b "t":\n  pay pay pay\n\n'
        "define c = (1 +\n"
    )
    result = parse_text(text)
    lines = [d.span.line for d in result.diagnostics if d.span]
    assert len(lines) == 3 and lines == sorted(lines)


def test_a_file_mixing_keyword_languages_is_an_error_naming_the_other_spelling() -> None:
    result = parse_text('charter c "t"\n  施行于 2005-01-01\n  extends x\n')
    [diagnostic] = result.diagnostics
    assert diagnostic.code == "mixed-keywords"
    assert "`in force`" in diagnostic.help


def test_a_line_continues_after_a_trailing_comment() -> None:
    module = parse_ok('charter c "t"\n  in force 2005-01-01\n\ndefine x = rural  # 农村户口\n  and urban\n')
    definition = module.items[1]
    assert isinstance(definition, nodes.Definition) and isinstance(definition.expr, nodes.Binary)


# ---------------------------------------------------------------- digits and hidden characters (issue 8, item 19)

@pytest.mark.parametrize(("text", "ascii_form"), [
    ("  in force ２００５-０６-０１\n", "2005-06-01"),
    ("\ndefine x = １００ yuan\n", "100"),
    ("\ndefine x = 1２\n", "2"),
    ("\ndefine x = ０.５\n", "0.5"),
])
def test_full_width_digits_are_refused_everywhere_with_their_ascii_spelling(text: str, ascii_form: str) -> None:
    source = 'charter c "t"\n' + (text if text.startswith("  ") else "  in force 2005-01-01\n" + text)
    result = parse_text(source)
    [error] = [d for d in result.diagnostics if d.is_error]
    assert error.code == "non-ascii-digit"
    assert error.help == f"write `{ascii_form}`"


def test_full_width_digits_inside_names_and_texts_are_kept() -> None:
    result = parse_text('charter c "２００５年"\n  in force 2005-01-01\n\ndefine 第２子 = 1\n')
    assert result.ok


@pytest.mark.parametrize(("char", "code"), [
    ("\u202e", "text-direction-character"), ("\u2066", "text-direction-character"),
    ("\u200b", "invisible-character"), ("\x1b", "invisible-character"),
])
def test_direction_and_invisible_characters_in_texts_and_comments_are_warned_about(char: str, code: str) -> None:
    text = f'charter c "t"\n  in force 2005-01-01\n\ndefine x = "a{char}b"  # c{char}d\n'
    result = parse_text(text)
    assert result.ok
    [warning] = result.diagnostics  # one per line
    assert warning.code == code and not warning.is_error
    assert warning.span is not None and (warning.span.line, warning.span.column) == (4, 14)


def test_diagnostics_never_print_control_or_direction_characters_raw() -> None:
    from charterlib.common.diagnostics import render_all

    text = 'charter c "t\x1b]0;x\x07"\n  in force 2005-01-01\n\ndefine x = "\u202e" + \x1b[2J\n'
    rendered = render_all(parse_text(text, "bad\x1b[31m.charter").diagnostics)
    assert "\\x1b" in rendered and "\\u{202e}" in rendered
    assert not any(not ch.isprintable() and ch not in "\n" for ch in rendered)
