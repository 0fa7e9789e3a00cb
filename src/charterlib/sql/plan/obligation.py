"""The plan of an obligation: each household's status (pending, fulfilled, breached, not applicable), or
with `for each`, each instance's (one row per household × person or day), and the penalty due in the
period (one-off, or accrued for each delay, capped)."""

from __future__ import annotations

from ... import ir
from ...runtime import Period
from .._compiler import SqlCompiler
from .._scope import Scope
from ..text import HID, PID, ident
from ._common import Planning, all_true, day, money, on_last_day
from ._late import accrual

__all__ = ["plan"]

_S = 'h."#s"'
"""The person (a member struct) or the day an instance is for."""


def plan(ctx: Planning, a: ir.Obligation, period: Period) -> list[str]:
    """Each household's (or instance's) status of the obligation, its deadline, act, breach, cure and
    penalty; with `for each` or a penalty per delay, the penalty due in the period too (`penalty_in`)."""
    sql = ctx.compiler()
    judged = day(period.end)
    t, deadline_col, act_col = ident("#t"), ident("#deadline"), ident("#act")
    each = a.subject is not None
    var = a.subject.var if a.subject is not None else None

    def bind(scope: Scope) -> Scope:
        return scope.bind(var, _S) if var is not None else scope

    base, side = _elements(sql, a, period) if each else ("hh", [])
    trigger = sql.value(a.trigger, bind(on_last_day(period)))
    errors = [sql.take_errors()]
    at_trigger = bind(Scope(f"h.{t}"))
    reach = f"(h.{t} IS NOT NULL AND h.{t} <= {judged} AND h.{t} >= {day(a.in_force)})"
    if a.subject is not None and not a.per_day:
        # a person has an instance when the list holds them on its trigger day
        member, member_error = _member_on(sql, a.subject, f"h.{t}")
        errors[0] = f"({errors[0]} OR ({reach} AND {member_error}))"
        reach = f"({reach} AND ({member}) IS TRUE)"
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
    act = sql.value(a.fulfilled, bind(on_last_day(period)))
    errors.append(f"({applies} AND {contract_ok} AND {sql.take_errors()})")
    err = " OR ".join(f"({e}) IS TRUE" for e in errors)
    triggered = ident("#triggered")  # each household with its trigger day, computed once for both parts
    in_reach = f"SELECT h.*{''.join(', ' + c for c in columns)} FROM {triggered} AS h WHERE {reach}"
    # with `for each`, the rows out of reach are no instances: they are kept only for their errors
    instance, kept = (", TRUE AS \"#inst\"", ", FALSE AS \"#inst\"") if each else ("", "")
    only_errors = f" AND ({errors[0]}) IS TRUE" if each else ""
    level2 = (f"WITH {triggered} AS (SELECT h.*, {trigger} AS {t} FROM {base} AS h) "
              f"SELECT h.*, {deadline} AS {deadline_col}, {act} AS {act_col}, "
              f"({applies} AND {contract_ok}) AS \"#applies\", ({err}) AS \"#err\"{instance} FROM ({in_reach}) AS h "
              f"UNION ALL BY NAME "
              f"SELECT h.*, {deadline} AS {deadline_col}, {act} AS {act_col}, FALSE AS \"#applies\", "
              f"({errors[0]}) IS TRUE AS \"#err\"{kept} FROM {triggered} AS h WHERE NOT coalesce({reach}, FALSE)"
              f"{only_errors}")
    # a deadline past the calendar's end is missing: it never passes (see the household evaluator)
    open_ = f"h.{deadline_col} IS NULL"
    status = (f"CASE WHEN NOT h.\"#applies\" THEN 'not_applicable' "
              f"WHEN h.{act_col} IS NOT NULL AND ({open_} OR h.{act_col} <= h.{deadline_col}) AND h.{act_col} <= {judged} "
              f"THEN 'fulfilled' WHEN {open_} OR {judged} <= h.{deadline_col} THEN 'pending' ELSE 'breached' END")
    level3 = (f"SELECT h.*, {status} AS \"#status\", CAST(h.{deadline_col} + to_days(1) AS DATE) AS \"#since\" "
              f"FROM ({level2}) AS h")
    breached = "h.\"#status\" = 'breached'"
    cured = f"CASE WHEN {breached} AND h.{act_col} IS NOT NULL AND h.{act_col} <= {judged} THEN h.{act_col} END"
    at_since = bind(Scope('h."#since"'))
    penalty = penalty_due = "NULL"
    penalty_err = "FALSE"
    if a.penalty is not None:
        amount = sql.value(a.penalty, at_since)
        penalty_err = f"({breached} AND ({sql.take_errors()} OR ({money(amount)}) IS NULL))"
        penalty = f"CASE WHEN {breached} THEN {money(amount)} END"
        due = 'h."#since"'
        if a.penalty_within is not None:
            due = sql.shift(due, a.penalty_within, 1)
        penalty_due = f"CASE WHEN {breached} THEN {due} END"
    extra = ""
    if each or a.late is not None:
        key = "NULL::VARCHAR"
        if a.subject is not None:
            key = f"strftime({_S}, '%Y-%m-%d')" if a.per_day else f"({_S}).{PID}"
        extra = f"{key} AS k, h.\"#inst\" AS inst, " if each else ""
        penalty_in = (f"CASE WHEN {breached} AND {penalty_due} BETWEEN {day(period.start)} AND {judged} "
                      f"THEN {penalty} END")
        if a.late is not None:
            late, penalty_in, late_err = accrual(sql, a.late, at_since, breached, cured, period)
            extra += late
            penalty_err = f"({penalty_err} OR {late_err})"
        extra += f"{penalty_in} AS penalty_in, "
    ctx.note(sql)
    table = (f"SELECT h.{HID} AS hid, {extra}h.\"#status\" AS status, h.{t} AS t, h.{deadline_col} AS due, "
             f"h.{act_col} AS act, h.\"#since\" AS since, {cured} AS cured, "
             f"{penalty} AS penalty, {penalty_due} AS penalty_due, "
             f"(h.\"#err\" OR {penalty_err}) AS err FROM ({level3}) AS h")
    for query in side:  # households whose list of days fails: no row of theirs is left to say so
        table += f" UNION ALL BY NAME SELECT hid, FALSE AS inst, TRUE AS err FROM ({query})"
    return [f"CREATE OR REPLACE TEMP TABLE {ctx.table(a)} AS {table}"]


def _elements(sql: SqlCompiler, a: ir.Obligation, period: Period) -> tuple[str, list[str]]:
    """The rows an obligation with `for each` judges: each household with each person born by the judged
    day (`#s`, a member struct) or each day of its list (each once), and the queries of the households
    whose list fails."""
    assert a.subject is not None
    judged = day(period.end)
    if not a.per_day:
        return (f"(SELECT h.*, {sql.person_struct()} AS \"#s\" FROM hh AS h JOIN pp AS p ON p.{HID} = h.{HID} "
                f"WHERE {sql.member_test([], judged, ever=True)})"), []
    days = sql.value(a.subject.collection, on_last_day(period))
    days_error = sql.take_errors()
    x = sql.fresh()
    listed = f"SELECT h.*, list_distinct(list_filter({days}, lambda {x}: {x} IS NOT NULL)) AS \"#days\", " \
             f"{days_error} AS \"#de\" FROM hh AS h"
    side = [f"SELECT h.{HID} AS hid FROM ({listed}) AS h WHERE h.\"#de\""] if days_error != "FALSE" else []
    return (f"(SELECT h.* EXCLUDE (\"#days\", \"#de\"), e.d AS \"#s\" FROM ({listed}) AS h "
            f"CROSS JOIN unnest(h.\"#days\") AS e(d))"), side


def _member_on(sql: SqlCompiler, subject: ir.Subject, on: str) -> tuple[str, str]:
    """Whether the person of a row (`#s`) is in the `for each` list on a day, and the condition under
    which that fails: by the list's tests on the person when it is lowered, else by looking for the
    person in the list computed on that day."""
    tests = sql.member_set(subject.collection)
    if tests is not None:  # a member on that day (born, not dead or gone), passing the tests
        parts = [sql.present(_S, on)]
        parts += [f"({sql.value(t.body, Scope(on).bind(t.var, _S))}) IS TRUE" for t in tests]
        return " AND ".join(parts), sql.take_errors()
    x = sql.fresh()
    members = sql.value(subject.collection, Scope(on))
    return (f"list_contains(list_transform({members}, lambda {x}: {x}.{PID}), ({_S}).{PID})",
            sql.take_errors())
