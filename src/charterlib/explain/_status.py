"""The status of an obligation a condition read (`breached(o)`…), as an explanation shows it under the
condition: the test, its value on the judged day and the days that decide it, derived as the evaluators
derive it (`runtime.status`) from the obligation's status as judged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from .. import ir
from ..ir.printer import expr_text
from ..runtime import status as rs

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "true": "true", "false": "false",
        "not_applicable": "not applicable", "not_triggered": "not triggered by {d}",
        "pending": "pending on {d}, due {due}", "pending_open": "pending on {d}",
        "fulfilled": "fulfilled on {on}", "breached": "in breach since {since}, not cured by {d}",
        "cured": "in breach since {since}, cured on {cured}", "span": "; the span {first} … {d}",
        "from": "; from {window}", "and": "; ",
    },
    "zh": {
        "true": "真", "false": "假",
        "not_applicable": "不适用", "not_triggered": "至 {d} 尚未触发",
        "pending": "于 {d} 待履行，期限 {due}", "pending_open": "于 {d} 待履行",
        "fulfilled": "于 {on} 履行", "breached": "自 {since} 起违约，至 {d} 未纠正",
        "cured": "自 {since} 起违约，于 {cured} 纠正", "span": "；期间 {first} 至 {d}",
        "from": "；自 {window} 起", "and": "；",
    },
}


def tests_read(expr: ir.Expr, definitions: Mapping[str, ir.Expr]) -> list[ir.Status]:
    """The status tests an expression holds, through the definitions it uses, each once, in order."""
    found: list[ir.Status] = []
    seen: set[str] = set()

    def visit(e: ir.Expr) -> Iterator[ir.Status]:
        for x in e.walk():
            if isinstance(x, ir.Status):
                yield x
            elif isinstance(x, ir.DefRef) and x.name in definitions and x.name not in seen:
                seen.add(x.name)
                yield from visit(definitions[x.name])

    for test in visit(expr):
        if test not in found:
            found.append(test)
    return found


def status_value(test: ir.Status, status: Any, day: dt.date) -> bool | None:
    """The value of a status test on a day (None when its span starts on a day the explanation does not
    know: a day computed from the record)."""
    if test.test == "fulfilled":
        return rs.fulfilled(status, day)
    if test.test == "pending":
        return rs.pending(status, day)
    first = _first(test, day)
    return rs.breached(status, first, day) if first is not None else None


def _first(test: ir.Status, day: dt.date) -> dt.date | None:
    """The first day of a `breached` test's span, when the explanation knows it."""
    window = test.window
    if window is None:
        return day
    if isinstance(window, ir.Const) and isinstance(window.value, tuple):
        count, unit = window.value
        return rs.span_start(day, (int(str(count)), str(unit)))
    if isinstance(window, ir.Const) and isinstance(window.value, dt.date):
        return window.value
    return None


def describe(test: ir.Status, status: Any, day: dt.date, language: str) -> str:
    """A status test as an explanation shows it: `breached(o) = true: in breach since …, not cured by …`."""
    w = _WORDS[language]
    shown = expr_text(test, language)
    result = status_value(test, status, day)
    each = rs.instances(status)
    # an obligation for each person or day: each instance's state after its key (the person or the day)
    states = w["and"].join((f"{key} " if len(each) > 1 and (key := getattr(i, "key", None)) else "")
                           + _state(i, day, w) for i in each)
    span = ""
    if test.test == "breached" and test.window is not None:
        first = _first(test, day)
        span = w["span"].format(first=first, d=day) if first is not None else \
            w["from"].format(window=expr_text(test.window, language))
    if result is None:
        return f"{shown}: {states}{span}"
    return f"{shown} = {w['true'] if result else w['false']}: {states}{span}"


def _state(i: rs.Instance, day: dt.date, w: Mapping[str, str]) -> str:
    """An instance on a day, with the days that decide its status."""
    if i.status == "not_applicable":
        return w["not_applicable"]
    if i.trigger is None or day < i.trigger:
        return w["not_triggered"].format(d=day)
    if i.status == "breached" and i.since is not None and i.since <= day:
        if i.cured_on is not None and i.cured_on <= day:
            return w["cured"].format(since=i.since, cured=i.cured_on)
        return w["breached"].format(since=i.since, d=day)
    if i.status == "fulfilled" and i.on is not None and i.on <= day:
        return w["fulfilled"].format(on=i.on)
    due = getattr(i, "due", None)
    return w["pending"].format(d=day, due=due) if due is not None else w["pending_open"].format(d=day)
