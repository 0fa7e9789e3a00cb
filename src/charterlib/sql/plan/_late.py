"""A penalty per delay of breach in SQL, as the household evaluator accrues it (`results.Late`): the days
in breach (or months completed, by the month rule) up to a day, the rate for each delay completed, capped,
and what accrues in the period."""

from __future__ import annotations

from ... import ir
from ...runtime import Period
from .._compiler import SqlCompiler
from .._scope import Scope
from ._common import day, money

__all__ = ["accrual"]


def accrual(sql: SqlCompiler, late: ir.LatePenalty, at_since: Scope, breached: str, cured: str,
            period: Period) -> tuple[str, str, str]:
    """The columns of a penalty per delay (`late`: the days or months late by the judged day, `accrued`,
    `capped`), what accrues in the period, and when it fails (its rate or cap missing, negative, or more
    than money holds)."""
    rate = money(sql.value(late.rate, at_since))
    cap = money(sql.value(late.cap, at_since))
    errors = sql.take_errors()
    fails = (f"({breached} AND ({errors} OR ({rate}) IS NULL OR ({cap}) IS NULL OR ({rate}) < 0 "
             f"OR ({cap}) < 0))")
    since = 'h."#since"'

    def late_by(when: str) -> str:
        last = f"(CASE WHEN ({cured}) IS NULL THEN {when} ELSE least({when}, CAST(({cured}) - 1 AS DATE)) END)"
        if late.unit == "day":
            return f"greatest(0, {last} - {since} + 1)"
        # the k-th month is completed on the day before `since` plus k months: of the months up to the
        # last day's month, the last one or two may not be
        after = f"CAST({last} + 1 AS DATE)"
        k = f"(datediff('month', {since}, {last}) + 1)"
        moved, before = f"CAST({since} + to_months({k}) AS DATE)", f"CAST({since} + to_months({k} - 1) AS DATE)"
        return (f"(CASE WHEN {last} < {since} THEN 0 ELSE {k} - CAST({moved} > {after} AS INTEGER) "
                f"- CAST({before} > {after} AS INTEGER) END)")

    def accrued(n: str) -> str:
        return f"least({cap}, {rate} * (({n}) // {late.every}))"

    judged, start = day(period.end), day(period.start)
    by_judged = late_by(judged)
    before = f"CAST({start} - 1 AS DATE)"
    earlier = f"CASE WHEN {since} >= {start} THEN 0 ELSE {accrued(late_by(before))} END"
    columns = (f"CASE WHEN {breached} THEN {by_judged} END AS late, "
               f"CASE WHEN {breached} THEN CAST({accrued(by_judged)} AS DECIMAL(18,2)) END AS accrued, "
               f"CASE WHEN {breached} THEN {rate} * (({by_judged}) // {late.every}) >= {cap} END AS capped, ")
    in_period = f"CASE WHEN {breached} THEN CAST({accrued(by_judged)} - ({earlier}) AS DECIMAL(18,2)) END"
    return columns, in_period, fails
