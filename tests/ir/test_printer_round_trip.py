"""The printer writes charter text that reads back as the same expression: parentheses wherever the
grammar's precedence needs them (an `if` inside arithmetic, a `where` before `.field`, a `where` inside
the test of another), in both keyword languages. Every definition of every shipped charter is printed
and read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CHARTERS

import charterlib
from charterlib.ir.printer import expr_text
from charterlib.parse import respell

TRICKY = '''charter tricky "优先级"
  level town
  uses family_planning
  in force 2005-01-01

define kids = members where role = child
define a = 10 yuan + (if rural then 1 yuan else 2 yuan)
define b = earliest((kids where sex = female).birth_date)
define c = count(kids where (members where role = wife) = [] or sex = male)
define d = (if rural then 2 else 3) * count(kids)
define e = not (rural and count(kids) > 1) or rural
'''


def _definitions(text: str, name: str, search: tuple[Path, ...] = (CHARTERS,)) -> dict[str, object]:
    checked = charterlib.check_text(text, name, search_path=search)
    assert checked.charter is not None, [d.message for d in checked.diagnostics if d.is_error]
    return {d.name: d.expr for d in checked.charter.definitions if d.origin == checked.charter.id}


def test_printed_expressions_read_back_the_same() -> None:
    defs = _definitions(TRICKY, "tricky.charter")
    header = TRICKY[: TRICKY.index("\n\n") + 2]
    for language, head, define in (("en", header, "define"), ("zh", respell(header, "zh"), "定义")):
        printed = head + "".join(f"{define} {k} = {expr_text(v, language)}\n" for k, v in defs.items())
        assert _definitions(printed, "tricky.charter") == defs, printed
    assert expr_text(defs["a"]) == "10 yuan + (if rural then 1 yuan else 2 yuan)"
    assert expr_text(defs["b"]) == "earliest((kids where sex = female).birth_date)"
    assert expr_text(defs["b"], "zh") == "最早((kids 其中 sex = female).birth_date)"


@pytest.mark.parametrize("path", sorted(CHARTERS.glob("*.charter")), ids=lambda p: p.name)
def test_every_shipped_definition_prints_as_itself(path: Path) -> None:
    checked = charterlib.check_file(path, search_path=(CHARTERS,))
    if checked.charter is None or checked.charter.kind != "charter":
        pytest.skip("a vocabulary")
    for d in checked.charter.definitions:
        if d.category is not None:  # a copy would be a category of its own
            continue
        text = expr_text(d.expr)
        wrapped = (f'charter rt "回读"\n  extends {checked.charter.id}\n  in force 2005-01-01\n\n'
                   f"define rt_copy = {text}\n")
        again = charterlib.check_text(wrapped, "rt.charter", search_path=(CHARTERS, path.parent))
        assert again.charter is not None, (d.name, text, [x.message for x in again.diagnostics if x.is_error])
        copy = next(x for x in again.charter.definitions if x.name == "rt_copy")
        assert copy.expr == d.expr, (d.name, text)
