"""The registry of scalar builtins (`check/builtins.py`): an entry there and a runtime function make a
builtin of every stage — checked with located diagnostics, in both keyword languages, evaluated alike by
the compiled and reference evaluators and the batch engine, printed in explanations, documented."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CHARTERS, ROOT
from entry_points import every_engine

import charterlib
from charterlib.language.builtins import SCALARS
from charterlib.runtime import functions

TEXT = '''charter b "内置函数"
  level town
  uses family_planning
  in force 2000-01-01

benefit mid "第一条 年中与年末":
  every month on last day
  when month_of(unit end) in {6, 12} and 几号(unit start) = 1
  pay 1 yuan * 几号(unit end)

benefit cert "第二条 下半年领证":
  once on one_child_cert_on
  when 月份(one_child_cert_on) >= 6 and day_of_month(one_child_cert_on) != 31
  pay 5 yuan
'''
REGISTER = [
    {"id": "A", "village": "v", "one_child_cert_on": "2005-07-30", "members": []},
    {"id": "B", "village": "v", "one_child_cert_on": "2005-07-31", "members": []},
    {"id": "C", "village": "v", "members": []},
    {"id": "D", "village": "v", "one_child_cert_on": "9999-12-31", "members": []},
]
COMPILED = charterlib.loads(TEXT, "b.charter", search_path=[CHARTERS])
REFERENCE = charterlib.loads(TEXT, "b.charter", search_path=[CHARTERS], backend="reference")


@pytest.mark.parametrize("period", ["2005", "2005-06", "9999", "2004-02"])
def test_registry_builtins_evaluate_alike_in_every_engine(tmp_path: Path, period: str) -> None:
    outcomes = every_engine(COMPILED, REFERENCE, REGISTER, period, tmp_path)
    if period == "2005":
        assert outcomes["A"]["cash"] == {"mid": "61.00", "cert": "5.00"}  # June 30 + December 31; July 30
        assert outcomes["B"]["cash"] == {"mid": "61.00"}  # the 31st
        assert outcomes["C"]["cash"] == {"mid": "61.00"}  # no certificate: `月份(…) >= 6` is unknown


def test_every_registry_builtin_has_its_runtime_function_and_is_documented() -> None:
    table = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    for builtin in SCALARS.values():
        assert callable(getattr(functions, builtin.name)), builtin.name
        assert getattr(functions, builtin.name)(*[None] * len(builtin.params)) is None  # missing in, missing out
        assert re.search(rf"^\| `{builtin.name}\(.*\| `{builtin.chinese}` \|", table, re.MULTILINE), builtin.name


@pytest.mark.parametrize("call, code", [
    ("day_of_month(1)", "type-mismatch"),
    ("day_of_month(one_child_cert_on, one_child_cert_on)", "wrong-arguments"),
    ("day_of_mnth(one_child_cert_on)", "unknown-function"),
])
def test_a_misused_builtin_is_a_located_diagnostic(call: str, code: str) -> None:
    text = TEXT.replace("day_of_month(one_child_cert_on)", call)
    with pytest.raises(charterlib.CheckError) as caught:
        charterlib.loads(text, "b.charter", search_path=[CHARTERS])
    [diagnostic] = [d for d in caught.value.diagnostics if d.severity.value == "error"]
    assert diagnostic.code == code and diagnostic.span is not None and diagnostic.span.line == 13
    if code == "unknown-function":
        assert "did you mean `day_of_month`?" in diagnostic.help


def test_explanations_print_a_builtin_in_the_language_asked() -> None:
    explanation = COMPILED.explain(REGISTER[0], "2005-06")
    assert "month_of(unit end) in {6, 12}" in explanation.to_text()
    assert "月份(单元末日) 属于 {6, 12}" in explanation.to_text("zh")


DATE_SCALARS = [s for s in SCALARS.values() if [t.kind for t in s.params] == ["date"] and s.result.kind == "int"]


@pytest.mark.parametrize("builtin", DATE_SCALARS, ids=[s.name for s in DATE_SCALARS])
@pytest.mark.parametrize("spelling", ["name", "chinese"])
def test_every_builtin_of_a_date_is_the_same_in_every_engine(builtin: Any, spelling: str, tmp_path: Path) -> None:
    """A registry entry and its runtime function are the whole of a builtin: each one of a date, under
    either name, gives in every engine what its runtime function gives, the calendar's edges included."""
    name = builtin.name if spelling == "name" else builtin.chinese
    text = (f'charter s "{builtin.chinese}"\n  level town\n  uses family_planning\n  in force 0001-01-01\n\n'
            f'benefit by_unit "第一条":\n  every month on last day\n  pay 1 yuan * {name}(unit end)\n\n'
            f'benefit by_field "第二条":\n  once on one_child_cert_on\n  when {name}(one_child_cert_on) >= 1\n'
            f'  pay 1 yuan * {name}(one_child_cert_on)\n')
    compiled = charterlib.loads(text, "s.charter", search_path=[CHARTERS])
    reference = charterlib.loads(text, "s.charter", search_path=[CHARTERS], backend="reference")
    days = ["0001-01-01", "2004-02-29", "2005-07-31", "9999-12-31", None]
    register = [{"id": f"H{i}", "village": "v", "members": [],
                 **({"one_child_cert_on": d} if d else {})} for i, d in enumerate(days)]
    function = getattr(functions, builtin.name)
    for period in ("2004-02", "0001", "9999-12"):
        (tmp_path / period).mkdir()
        outcomes = every_engine(compiled, reference, register, period, tmp_path / period, tables=("parquet",))
        p = charterlib.Period.parse(period)
        months = [p.start.replace(month=m) for m in range(p.start.month, p.end.month + 1)]
        by_unit = sum(function(charterlib.Period.parse(f"{m.year:04d}-{m.month:02d}").end) for m in months)
        for i, d in enumerate(days):
            cash = dict(outcomes[f"H{i}"]["cash"])
            assert cash.pop("by_unit") == f"{by_unit}.00", (period, d)
            on = dt.date.fromisoformat(d) if d else None
            expected = {"by_field": f"{function(on)}.00"} if on is not None and p.start <= on <= p.end else {}
            assert cash == expected, (period, d)


MONEY_SCALARS = [s for s in SCALARS.values() if [t.kind for t in s.params] == ["money"] and s.result.kind == "money"]


@pytest.mark.parametrize("builtin", MONEY_SCALARS, ids=[s.name for s in MONEY_SCALARS])
@pytest.mark.parametrize("spelling", ["name", "chinese"])
def test_every_builtin_of_an_amount_is_the_same_in_every_engine(builtin: Any, spelling: str, tmp_path: Path) -> None:
    """Each builtin of an amount (the roundings), under either name, gives in every engine what its runtime
    function gives, halves and negative amounts included, and an amount computed from others."""
    name = builtin.name if spelling == "name" else builtin.chinese
    text = (f'charter s "{builtin.chinese}"\n  level town\n  uses family_planning\n  in force 0001-01-01\n\n'
            f'household fields:\n  subsidy: optional money "补助"\n\n'
            f'benefit rounded "第一条":\n  every year on 12-31\n  pay {name}(subsidy)\n\n'
            f'benefit share "第二条":\n  every year on 12-31\n  when subsidy is set\n  pay {name}(subsidy * 3 - 0.05 yuan)\n')
    compiled = charterlib.loads(text, "s.charter", search_path=[CHARTERS])
    reference = charterlib.loads(text, "s.charter", search_path=[CHARTERS], backend="reference")
    amounts = ["2.50", "-2.50", "2.45", "2.44", "0.05", "-0.05", "9999999999999.95", "0.00"]
    register = [{"id": f"H{i}", "village": "v", "members": [], "subsidy": a} for i, a in enumerate(amounts)]
    register.append({"id": "M", "village": "v", "members": []})
    outcomes = every_engine(compiled, reference, register, "2005", tmp_path, tables=("parquet",))
    function = getattr(functions, builtin.name)
    for i, a in enumerate(amounts):
        amount = Decimal(a)
        expected = {"rounded": function(amount), "share": function(amount * 3 - Decimal("0.05"))}
        assert outcomes[f"H{i}"]["cash"] == {k: f"{v:.2f}" for k, v in expected.items() if v}, a
    assert "M" in outcomes  # a missing amount: whatever it gives, every engine gives the same


def test_the_roundings_are_half_up_away_from_zero() -> None:
    assert functions.round_to_yuan(Decimal("2.50")) == Decimal(3) and functions.round_to_yuan(Decimal("-2.5")) == -3
    assert functions.round_to_jiao(Decimal("2.45")) == Decimal("2.5") and functions.round_to_jiao(Decimal("2.44")) == Decimal("2.4")
    assert functions.round_to_yuan(Decimal("1E+40")) == Decimal("1E+40")  # beyond the context's precision: exact
