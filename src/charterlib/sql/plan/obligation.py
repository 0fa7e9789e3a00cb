"""The plan of an obligation: each household's status (pending, fulfilled, breached, not applicable)."""

from __future__ import annotations

from ... import ir
from ...runtime import Period
from .._scope import Scope
from ..text import HID, ident
from ._common import Planning, all_true, day, money, on_last_day

__all__ = ["plan"]


def plan(ctx: Planning, a: ir.Obligation, period: Period) -> list[str]:
    """Each household's status of the obligation, its deadline, act, breach, cure and penalty."""
    sql = ctx.compiler()
    judged = day(period.end)
    t, deadline_col, act_col = ident("#t"), ident("#deadline"), ident("#act")
    trigger = sql.value(a.trigger, on_last_day(period))
    errors = [sql.take_errors()]
    at_trigger = Scope(f"h.{t}")
    reach = f"(h.{t} IS NOT NULL AND h.{t} <= {judged} AND h.{t} >= {day(a.in_force)})"
    # the conditions become columns of the rows in reach, each computed once; elsewhere only the
    # trigger can fail, and the obligation does not apply
    columns: list[str] = []

    def column(value: str, name: str) -> str:
        columns.append(f"{value} AS {ident(name)}")
        return f"h.{ident(name)}"

    conditions: list[str] = []
    for i, c in enumerate(a.conditions):
        value = column(sql.value(c.expr, at_trigger), f"#c{i}")
        errors.append(f"({all_true(conditions)} AND {column(sql.take_errors(), f'#ce{i}')})")
        conditions.append(value)
    exceptions: list[str] = []
    for i, c in enumerate(a.exceptions):
        value = column(sql.value(c.expr, at_trigger), f"#x{i}")
        excepted = " OR ".join(f"({e}) IS TRUE" for e in exceptions) or "FALSE"
        errors.append(f"({all_true(conditions)} AND NOT ({excepted}) AND {column(sql.take_errors(), f'#xe{i}')})")
        exceptions.append(value)
    excepted = " OR ".join(f"({e}) IS TRUE" for e in exceptions) or "FALSE"
    applies = f"({all_true(conditions)} AND NOT ({excepted}))"
    deadline = sql.shift(f"h.{t}", a.within, 1)
    contract_ok = "TRUE"
    if a.contract is not None:
        signed = column(sql.value(a.contract, at_trigger), "#signed")
        errors.append(f"({applies} AND {column(sql.take_errors(), '#se')})")
        contract_ok = f"coalesce(({signed}) IS NOT NULL AND (({deadline}) IS NULL OR ({signed}) <= {deadline}), FALSE)"
    act = sql.value(a.fulfilled, on_last_day(period))
    errors.append(f"({applies} AND {contract_ok} AND {sql.take_errors()})")
    err = " OR ".join(f"({e}) IS TRUE" for e in errors)
    triggered = ident("#triggered")  # each household with its trigger day, computed once for both parts
    in_reach = f"SELECT h.*{''.join(', ' + c for c in columns)} FROM {triggered} AS h WHERE {reach}"
    level2 = (f"WITH {triggered} AS (SELECT h.*, {trigger} AS {t} FROM hh AS h) "
              f"SELECT h.*, {deadline} AS {deadline_col}, {act} AS {act_col}, "
              f"({applies} AND {contract_ok}) AS \"#applies\", ({err}) AS \"#err\" FROM ({in_reach}) AS h "
              f"UNION ALL BY NAME "
              f"SELECT h.*, {deadline} AS {deadline_col}, {act} AS {act_col}, FALSE AS \"#applies\", "
              f"({errors[0]}) IS TRUE AS \"#err\" FROM {triggered} AS h WHERE NOT coalesce({reach}, FALSE)")
    # a deadline past the calendar's end is missing: it never passes (see the household evaluator)
    open_ = f"h.{deadline_col} IS NULL"
    status = (f"CASE WHEN NOT h.\"#applies\" THEN 'not_applicable' "
              f"WHEN h.{act_col} IS NOT NULL AND ({open_} OR h.{act_col} <= h.{deadline_col}) AND h.{act_col} <= {judged} "
              f"THEN 'fulfilled' WHEN {open_} OR {judged} <= h.{deadline_col} THEN 'pending' ELSE 'breached' END")
    level3 = (f"SELECT h.*, {status} AS \"#status\", CAST(h.{deadline_col} + to_days(1) AS DATE) AS \"#since\" "
              f"FROM ({level2}) AS h")
    breached = "h.\"#status\" = 'breached'"
    penalty = penalty_due = "NULL"
    penalty_err = "FALSE"
    if a.penalty is not None:
        amount = sql.value(a.penalty, Scope('h."#since"'))
        penalty_err = f"({breached} AND ({sql.take_errors()} OR ({money(amount)}) IS NULL))"
        penalty = f"CASE WHEN {breached} THEN {money(amount)} END"
        due = 'h."#since"'
        if a.penalty_within is not None:
            due = sql.shift(due, a.penalty_within, 1)
        penalty_due = f"CASE WHEN {breached} THEN {due} END"
    ctx.note(sql)
    return [(f"CREATE OR REPLACE TEMP TABLE {ctx.table(a)} AS "
            f"SELECT h.{HID} AS hid, h.\"#status\" AS status, h.{t} AS t, h.{deadline_col} AS due, "
            f"h.{act_col} AS act, h.\"#since\" AS since, "
            f"CASE WHEN {breached} AND h.{act_col} IS NOT NULL AND h.{act_col} <= {judged} THEN h.{act_col} END AS cured, "
            f"{penalty} AS penalty, {penalty_due} AS penalty_due, "
            f"(h.\"#err\" OR {penalty_err}) AS err FROM ({level3}) AS h")]
