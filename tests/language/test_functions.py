"""Definitions with parameters, functions (`define 年满(p: person, n: integer) = age of p >= n`, called
`年满(w, 49)`): typed by their declarations or by each call's arguments, checked with located diagnostics, no
recursion, calls bounded, kept as calls in the IR (printed, explained) while every engine computes the body
for the arguments, alike in every engine and in both keyword languages, inherited and overridden."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CHARTERS, ROOT, run_cli
from entry_points import every_engine

import charterlib
from charterlib import ir
from charterlib.ir.printer import charter_text, expr_text

FIXTURES = ROOT / "tests" / "fixtures"
ENGLISH = FIXTURES / "functions.charter"
CHINESE = FIXTURES / "functions.zh.charter"
COMPILED = charterlib.load(ENGLISH, [CHARTERS])
REFERENCE = charterlib.load(ENGLISH, [CHARTERS], backend="reference")


def _person(pid: str, role: str, born: str, **fields: Any) -> dict[str, Any]:
    sex = "female" if role == "wife" else "male"
    return {"id": pid, "role": role, "sex": sex, "birth_date": born, **fields}


REGISTER: list[dict[str, Any]] = [
    # she turns 49 on 2010-06-15; two of the three children were born after 2000-01-01
    {"id": "W", "village": "x", "members": [
        _person("W-h", "husband", "1958-01-01"), _person("W-w", "wife", "1961-06-15"),
        _person("W-1", "child", "1999-04-01"), _person("W-2", "child", "2001-03-01"),
        _person("W-3", "child", "2003-05-01")]},
    # the husband died in 2009: nothing after_policy; she is 60
    {"id": "H", "village": "x", "members": [
        _person("H-h", "husband", "1958-01-01", died_on="2009-02-01"), _person("H-w", "wife", "1950-01-01"),
        _person("H-1", "child", "2001-03-01")]},
    # no husband ever: `the_husband` is missing, so is `alive_on(the_husband, today)`; she dies 2010-03-10
    {"id": "N", "village": "x", "members": [_person("N-w", "wife", "1955-01-01", died_on="2010-03-10"),
                                            _person("N-1", "child", "2005-01-01")]},
]


@pytest.mark.parametrize("period", ["2010", "2009", "2010-06", "2010-05-01/2011-02-28", "2007"])
def test_every_engine_computes_the_calls_alike(tmp_path: Path, period: str) -> None:
    summaries: list[Any] = []
    every_engine(COMPILED, REFERENCE, REGISTER, period, tmp_path, summaries=summaries)
    assert summaries and all(not s.one_by_one_articles and not s.one_by_one for s in summaries)  # all in SQL


def test_the_amounts_are_those_the_bodies_give(tmp_path: Path) -> None:
    cash = {h: o["cash"] for h, o in every_engine(COMPILED, REFERENCE, REGISTER, "2010", tmp_path).items()}
    # W: 49 from June's unit (judged 06-30, she turns 49 on 06-15): 7 × 10 = 70; born after 2000: 2 × 5 = 10
    assert cash["W"] == {"old_age": "70.00", "after_policy": "10.00"}
    # H: she is 60, 12 × 10; the husband died in 2009, so alive_on is false
    assert cash["H"] == {"old_age": "120.00"}
    # N: she is 55, a member until 03-09: January and February, 2 × 10; no husband, so unknown: nothing
    assert cash["N"] == {"old_age": "20.00"}
    assert COMPILED.evaluate(REGISTER[0], "2009").cash == {"after_policy": Decimal(10)}  # she is 48


@pytest.mark.parametrize("year", ["2010", "2011"])
def test_a_year_is_the_sum_of_its_months(year: str) -> None:
    for household in REGISTER:
        whole = COMPILED.evaluate(household, year).cash
        months: dict[str, Decimal] = {}
        for month in range(1, 13):
            for article, amount in COMPILED.evaluate(household, f"{year}-{month:02d}").cash.items():
                months[article] = months.get(article, Decimal(0)) + amount
        assert months == whole, household["id"]


def test_the_call_is_kept_in_the_representation() -> None:
    old_age = COMPILED.ir.article("old_age")
    assert isinstance(old_age, ir.Benefit)
    call = old_age.conditions[0].expr
    assert isinstance(call, ir.Apply) and call.function == "年满"
    assert expr_text(call) == "年满(w, 49)" and expr_text(call.body) == "age of w >= 49"
    assert list(call.children()) == [call.body]  # what is computed is the body, the arguments in place
    [function] = [f for f in COMPILED.ir.functions if f.name == "年满"]
    assert [(p.name, str(p.type)) for p in function.params] == [("p", "person"), ("n", "integer")]
    text = charter_text(COMPILED.ir)
    assert "define 年满(p: person, n: integer) = age of p >= n  (functions)\n    年满(person, integer)  : bool" in text
    # an untyped function shows the types it was called with: here a person that may be missing, and a date
    assert ("define alive_on(p, d) = p.birth_date <= d and (p.died_on is missing or p.died_on > d)  (functions)\n"
            "    alive_on(optional person, date)  : optional bool") in text
    assert "    when 年满(w, 49)  : bool" in text


def test_charter_compile_ir_prints_the_calls() -> None:
    code, out, err = run_cli("--path", "charters", "compile", "--ir", "tests/fixtures/functions.zh.charter",
                             "--lang", "zh")
    assert code == 0, err
    assert "    when 年满(w, 49)  : bool" in out
    assert "define 年满(p: person, n: integer) = 周岁 p >= n  (functions)" in out


def test_both_keyword_languages_give_equal_representations() -> None:
    chinese = charterlib.load(CHINESE, [CHARTERS])
    assert chinese.ir == COMPILED.ir
    assert charter_text(chinese.ir, "zh") == charter_text(COMPILED.ir, "zh")


def test_the_examples_inside_the_charters_pass() -> None:
    for path in (ENGLISH, CHINESE):
        assert all(outcome.passed for outcome in charterlib.load(path, [CHARTERS]).run_examples()), path


def test_the_explanation_shows_the_call_and_its_value() -> None:
    text = COMPILED.explain(REGISTER[0], "2010-05-01/2010-06-30").to_text()
    assert "2010-05-31 W-w: not paid: a condition is not met\n      ✗ 年满(w, 49)" in text
    assert "2010-06-30 W-w: paid 10.00\n      ✓ 年满(w, 49)" in text
    assert "✓ 年满(w, 49)" in COMPILED.explain(REGISTER[0], "2010-06").to_text("zh")
    assert REFERENCE.explain(REGISTER[0], "2010-05-01/2010-06-30").to_text() == text


def _load(text: str, backend: str = "compiled") -> charterlib.Charter:
    return charterlib.loads(text, "v.charter", search_path=[FIXTURES, CHARTERS], backend=backend)


def _village(body: str) -> str:
    return 'charter v "村"\n  level village\n  extends functions\n  in force 2008-01-01\n\n' + body


def test_an_override_of_a_function_is_what_the_inherited_articles_call(tmp_path: Path) -> None:
    text = _village('override define 年满(p: person, n: integer) "提前一年" = age of p >= n - 1\n\n'
                    'benefit from_48 "村：四十八周岁起":\n  for each w in wives\n  every year on 12-31\n'
                    '  when 年满(w, 49)\n  pay 1 yuan\n')
    compiled, reference = _load(text), _load(text, "reference")
    outcomes = every_engine(compiled, reference, REGISTER, "2010", tmp_path)
    # W: 48 from 2009-06-15, so every month of 2010 for the town's article (12 × 10), and 1 yuan for the village's
    assert outcomes["W"]["cash"] == {"old_age": "120.00", "after_policy": "10.00", "from_48": "1.00"}
    old_age = compiled.ir.article("old_age")
    assert isinstance(old_age, ir.Benefit) and old_age.origin == "functions"
    call = old_age.conditions[0].expr
    assert isinstance(call, ir.Apply) and expr_text(call.body) == "age of w >= 49 - 1"


def test_a_village_calls_an_inherited_function_with_types_of_its_own() -> None:
    # the town called alive_on with a person that may be missing; the village calls it with a person
    text = _village('benefit alive_wife "村：妻子在世":\n  for each w in wives\n  every year on 12-31\n'
                    '  when alive_on(w, 2010-06-30)\n  pay 2 yuan\n')
    for charter in (_load(text), _load(text, "reference")):
        assert charter.evaluate(REGISTER[0], "2010").cash["alive_wife"] == Decimal(2)
    [alive_on] = [f for f in _load(text).ir.functions if f.name == "alive_on"]
    assert [tuple(str(t) for t in types) for types, _ in alive_on.instances] == [
        ("optional person", "date"), ("person", "date")]


def _errors(text: str) -> list[charterlib.Diagnostic]:
    with pytest.raises(charterlib.CheckError) as caught:
        _load(text)
    return [d for d in caught.value.diagnostics if d.is_error]


@pytest.mark.parametrize("body, code, words, at", [
    # arity, with the definition in a note
    ("define x = 年满(nth(wives, 1))\n", "wrong-arguments", "`年满` takes 2 parameters (p, n), but is given 1", "年满("),
    # a declared type
    ("define x = 年满(nth(wives, 1), 2010-01-01)\n", "type-mismatch", "`年满` takes `n` as an integer, but this is a date",
     "2010-01-01"),
    # an untyped parameter: the body checked for this call's types, the mistake said at the call
    ("define x = alive_on(nth(wives, 1), 3)\n", "type-mismatch",
     "This call of `alive_on` gives `p` a person that may be missing and `d` an integer, for which its body is wrong",
     "alive_on("),
    # a misspelt function
    ("define x = 年龄满(nth(wives, 1), 3)\n", "unknown-function", "is not a built-in function nor a function", "年龄满"),
    ("define x = 年满\n", "function-without-arguments", "`年满` is a function", "年满"),
    ("define x = wives(1)\n", "not-a-function", "`wives` is not a function", "wives"),
    # parameters and names
    ("define f(rural) = rural\n", "parameter-name", "`rural` is already a field", "rural"),
    ("define f(wives) = 1\n", "parameter-name", "`wives` is already a definition", "wives"),
    ("define f(wife) = 1\n", "parameter-name", "`wife` is a label in scope", "wife"),
    ("define f(p, p) = 1\n", "duplicate-parameter", "two parameters named `p`", "p"),
    ("define f(p: widget) = 1\n", "unknown-type", "`widget` is not a type of a parameter", "widget"),
    ("define count(p) = 1\n", "builtin-function-name", "`count` is a built-in function", "define count"),
    ("define wife(p) = 1\n", "label-shadowed", "The function `wife` is spelt like the label `wife`", "define wife"),
    # overrides keep the arity and the kind
    ("override define 年满(p) = true\n", "override-arity", "takes 2 parameters in `functions`", "override"),
    ("override define wives(p) = 1\n", "override-kind", "`wives` is a definition without parameters", "override"),
    ("override define alive_on = true\n", "override-kind", "`alive_on` is a function of 2 parameters", "override"),
])
def test_a_mistake_with_a_function_is_a_located_diagnostic(body: str, code: str, words: str, at: str) -> None:
    error = _errors(_village(body))[0]
    assert error.code == code and words in error.message, error.message
    assert error.span is not None and error.span.text.startswith(at), error.span.text


def test_a_call_whose_body_is_wrong_for_its_arguments_has_a_note_in_the_body() -> None:
    error = _errors(_village("define x = alive_on(nth(wives, 1), 3)\n"))[0]
    assert error.span is not None and error.span.file == "v.charter"
    note = error.notes[0]
    assert note.span is not None and note.span.file.endswith("functions.charter") and "in the body of" in note.message
    assert "give the parameters their types, as in `define` `alive_on(p: TYPE, d: TYPE)`" in error.help


@pytest.mark.parametrize("body, path", [
    ("define f(p) = f(p)\n", "f → f"),
    ("define f(p) = g(p)\ndefine g(q) = age of q > 3 and f(q)\n", "f → g → f"),
    ("define f(p) = age of p > limit\ndefine limit = count(members where f(it))\n", "f → limit → f"),
    # an override closing a circle, through an inherited function called on the way
    ("override define born_after(d: date) = count(members where 年满(it, 1)) + oops(d)\n"
     + "define oops(d) = born_after(d)\n", "born_after → oops → born_after"),
])
def test_no_function_calls_itself_even_through_others(body: str, path: str) -> None:
    errors = _errors(_village(body))
    assert [e.code for e in errors][:1] == ["recursive-function"], [e.message for e in errors]
    assert path in errors[0].message


def test_a_circle_through_what_a_charter_inherits_is_found(tmp_path: Path) -> None:
    # the town's function reads the town's definition; the village's override of that definition calls it
    (tmp_path / "town.charter").write_text(
        'charter town "镇"\n  level town\n  uses family_planning\n  in force 2008-01-01\n\n'
        "define limit_age = 60\ndefine old(p) = age of p >= limit_age\n", encoding="utf-8")
    text = ('charter v "村"\n  level village\n  extends town\n  in force 2008-01-01\n\n'
            "override define limit_age = if old(nth(members, 1)) then 60 else 61\n")
    result = charterlib.check_text(text, "v.charter", search_path=(tmp_path, CHARTERS))
    [error] = [d for d in result.diagnostics if d.is_error]
    assert error.code == "recursive-function" and "limit_age → old → limit_age" in error.message
    # and through definitions only (the checker let this through before: evaluation then nested too deeply)
    (tmp_path / "town.charter").write_text(
        'charter town "镇"\n  level town\n  uses family_planning\n  in force 2008-01-01\n\n'
        "define limit_age = 60\ndefine next_age = limit_age + 1\n", encoding="utf-8")
    text = text.replace("if old(nth(members, 1)) then 60 else 61", "next_age + 1")
    result = charterlib.check_text(text, "v.charter", search_path=(tmp_path, CHARTERS))
    [error] = [d for d in result.diagnostics if d.is_error]
    assert error.code == "definition-cycle" and "limit_age → next_age → limit_age" in error.message
    assert error.notes[0].span is not None and error.notes[0].span.file.endswith("town.charter")


def test_a_call_that_would_compute_too_much_is_refused() -> None:
    # each use of `x` computes its argument again: 2^13 additions once written out
    body = "define twice(x: integer) = x + x\ndefine big = " + "twice(" * 13 + "1" + ")" * 13 + " > 0\n"
    [error] = _errors(_village(body))
    assert error.code == "function-too-large" and "at most 4,096" in error.message


def test_calls_nested_too_deep_are_refused_where_the_excess_starts() -> None:
    body = "define inc(x: integer) = x + 1\ndefine deep = " + "inc(" * 30 + "1" + ")" * 30 + " > 0\n"
    errors = _errors(_village(body))
    assert errors and {e.code for e in errors} <= {"expression-too-deep", "definitions-too-deep"}


def test_a_long_chain_of_functions_never_recurses_past_pythons_limit() -> None:
    import inspect
    import sys

    chain = "".join(f"define f{i}(x: integer) = f{i + 1}(x)\n" for i in range(300)) + "define f300(x: integer) = x\n"
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 400)
    try:
        result = charterlib.check_text(_village(chain + "define y = f0(1) > 0\n"), "v.charter",
                                       search_path=(FIXTURES, CHARTERS))
    finally:
        sys.setrecursionlimit(limit)
    assert not result.ok and {d.code for d in result.diagnostics if d.is_error} <= {"definitions-too-deep",
                                                                                    "expression-too-deep"}


def test_a_call_inside_a_where_keeps_its_own_it() -> None:
    # `it` of the caller (each child) is the argument; the body has an `it` of its own (each member)
    text = _village("define older_siblings(p) = count(members where role = child and birth_date < p.birth_date)\n\n"
                    'benefit youngest "村：有兄姐的子女":\n  every year on 12-31\n'
                    "  pay 1 yuan * count(members where role = child and older_siblings(it) >= 1)\n")
    for charter in (_load(text), _load(text, "reference")):
        # W: the second and third children each have an older sibling
        assert charter.evaluate(REGISTER[0], "2010").cash["youngest"] == Decimal(2)


def test_user_names_never_reach_the_generated_python() -> None:
    text = _village("define __class__(os, __import__) = os + __import__ > 2\n\n"
                    'benefit b "b":\n  every year on 12-31\n  when __class__(1, 2)\n  pay 1 yuan\n')
    charter = _load(text)
    assert charter.evaluate(REGISTER[0], "2010").cash["b"] == Decimal(1)
    source = charter.source()
    assert "__class__" not in source and "__import__" not in source and "os" not in source.split()
