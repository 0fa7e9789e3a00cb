"""The plan of a benefit: its units (household × unit day × subject), judged gate by gate in the order
of `ir.BENEFIT_GATES`, the first a unit fails its reason, and the amount of each unit paid.

Level 0 lists the units with what the gates need; the day gates (in force, vetoes) judge them in one
projection, and each later gate adds one column (a definition used on the unit day, or a condition)
and keeps only the rows still payable (`#ok`) or already in error (`#err`), so the costly conditions
run on few rows. Definitions become columns once, instead of once per use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from ... import ir
from ...ir.analysis import household_level, reads_day
from ...runtime import Period
from ...runtime.schedules import periodic_days
from .._compiler import SqlCompiler
from .._scope import ROW, Scope
from ..text import HID, PID, ident
from . import _costs
from ._common import Planning, all_true, day, money, on_last_day

__all__ = ["GATES", "plan"]

_DAY, _FIRST, _LAST, _PERSON = 'h."#d"', 'h."#us"', 'h."#ue"', 'h."#s"'


def plan(ctx: Planning, a: ir.Benefit, period: Period) -> list[str]:
    """The statement creating the benefit's table: one row per unit (`paid`, `amount`, `err`)."""
    return [_Units(ctx, a, period).statement()]


class _Units:
    """The query of a benefit's units for one period, built level by level."""

    def __init__(self, ctx: Planning, a: ir.Benefit, period: Period) -> None:
        self.ctx, self.a, self.period = ctx, a, period
        self.sql: SqlCompiler = ctx.compiler()
        self.judged = day(period.end)
        self.side_errors: list[str] = []  # rows that an unnest would drop, but whose household is in error
        self.hoisted: list[str] = []
        self.static: str | None = None
        self.unit_days: tuple[dt.date, ...] | None = None
        self.joins = ""      # the tables the day gates read, joined to the units
        self.day_gates: list[str] = []
        self.extra: list[str] = []  # columns the joined tables give the later gates
        self.later: list[Callable[[], object]] = []  # the gates judged one column at a time, in order
        self.level = 0
        self.amount = "NULL::DECIMAL(18,2)"
        self.query = ""
        self.scope = Scope(_DAY)
        self.days = list(periodic_days(a.schedule, period)) if isinstance(a.schedule, (ir.Monthly, ir.Yearly)) else None
        """The (day, unit start, unit end) of each unit of a periodic benefit in the period."""

    def statement(self) -> str:
        a, period, sql = self.a, self.period, self.sql
        borne = _costs.columns(a)  # who bears the cost of each unit paid, when the benefit says
        nothing = "".join(f", NULL::DECIMAL(38,2) AS {c}" for c in borne)
        if self.days is not None and not self.days:
            return (f"CREATE OR REPLACE TEMP TABLE {self.ctx.table(a)} AS SELECT NULL::VARCHAR AS hid, "
                    f"NULL::VARCHAR AS sid, NULL::DATE AS d, FALSE AS paid, NULL::DECIMAL(18,2) AS amount, "
                    f"FALSE AS err{nothing} WHERE FALSE")
        units, where = self.units()
        for _, gate in GATES:
            gate(self)
        if a.split is not None:
            self.later.append(self._costs)
        query = (f"SELECT h.* EXCLUDE (\"#e0\"), ({' AND '.join(f'({g})' for g in self.day_gates)}) IS TRUE "
                 f"AS \"#ok\", h.\"#e0\" IS TRUE AS \"#err\"" + "".join(f", {x}" for x in self.extra)
                 + f" FROM ({units}) AS h{self.joins} WHERE {where}")
        self.query = f"SELECT * FROM ({query}) WHERE \"#ok\" OR \"#err\""
        relevant = "TRUE" if self.static is None else f"({self.static}) BETWEEN {day(period.start)} AND {self.judged}"
        self.scope = Scope(_DAY, _FIRST, _LAST, days=self.unit_days, static=self.static, relevant=relevant)
        if a.subject is not None:
            self.scope = self.scope.bind(a.subject.var, _PERSON)
        for step in self.later:
            step()
        sid = f'(h."#s").{PID}' if a.subject is not None else "NULL::VARCHAR"
        select = (f"SELECT h.{HID} AS hid, {sid} AS sid, h.\"#d\" AS d, h.\"#ok\" AS paid, "
                  f"CASE WHEN h.\"#ok\" THEN {self.amount} END AS amount, h.\"#err\" AS err"
                  + "".join(f", h.{c}" for c in borne) + f" FROM ({self.query}) AS h")
        for side in self.side_errors:
            select += (" UNION ALL SELECT hid, NULL::VARCHAR, NULL::DATE, FALSE, NULL::DECIMAL(18,2), TRUE"
                       + ", NULL::DECIMAL(38,2)" * len(borne) + f" FROM ({side})")
        self.ctx.note(sql)
        schedule = a.schedule
        if isinstance(schedule, ir.PerEvent):
            capped = "paid"
            if schedule.cap is not None:
                capped = (f"paid AND row_number() OVER (PARTITION BY hid, sid, year(d), paid ORDER BY d) "
                          f"<= {schedule.cap}")
            select = f"SELECT hid, sid, d, ({capped}) AS paid, amount, err{''.join(', ' + c for c in borne)} FROM ({select})"
            select = f"SELECT * FROM ({select}) WHERE d >= {day(period.start)} OR err"
        return f"CREATE OR REPLACE TEMP TABLE {self.ctx.table(a)} AS {select}"

    # -------------------------------------------------------------- level 0: the units
    def units(self) -> tuple[str, str]:
        """The units (with `#d`, `#us`, `#ue`, `#s` and the error flag `#e0`), and which of them count."""
        a, period, sql, judged = self.a, self.period, self.sql, self.judged
        schedule = a.schedule
        person = _PERSON
        if isinstance(schedule, (ir.Monthly, ir.Yearly)):
            days = self.days or []
            values = ", ".join(f"({day(d)}, {day(s)}, {day(e)})" for d, s, e in days)
            households = "hh"
            self.hoisted = self._hoisted()
            if self.hoisted:
                households = f"(SELECT * FROM hh AS h WHERE {all_true(self.hoisted)})"
            query = (f"SELECT h.*, u.d AS \"#d\", u.us AS \"#us\", u.ue AS \"#ue\" "
                     f"FROM {households} AS h CROSS JOIN (VALUES {values}) AS u(d, us, ue)")
            subject_day = _DAY
            self.unit_days = tuple(d for d, _, _ in days)
        else:
            query = "SELECT h.* FROM hh AS h"
            subject_day = judged
        tests = sql.member_set(a.subject.collection) if a.subject is not None else None
        inside = sql.member_test(tests, subject_day) if tests is not None else None
        own_day = a.subject is not None and not isinstance(schedule, (ir.Monthly, ir.Yearly))
        if own_day and inside is not None:
            # a unit on a day of its own (`once on`, `on each of`): every person born by the judged day
            # (who may have died or left since) is a candidate, a subject when the collection holds them
            # on the unit's day (tested below)
            assert tests is not None
            inside = sql.member_test([], judged, ever=True)
        if a.subject is not None and inside is not None:
            # the subjects are rows of the persons table: no member list is needed
            if isinstance(schedule, ir.Once):
                event = sql.value(schedule.day, Scope(judged).bind(a.subject.var, ROW))
                if sql.take_errors() == "FALSE":
                    inside += f" AND ({event}) BETWEEN {day(period.start)} AND {judged} AND ({event}) >= p.birth_date"
            query = (f"SELECT h.*, {sql.person_struct()} AS \"#s\" FROM ({query}) AS h "
                     f"JOIN pp AS p ON p.{HID} = h.{HID} WHERE {inside}")
        elif a.subject is not None:
            if own_day:
                people, people_error = sql.definition_sql("#ever", Scope(judged)), "FALSE"
            else:
                people = sql.value(a.subject.collection, Scope(subject_day))
                people_error = sql.take_errors()
            if isinstance(schedule, ir.Once) and people_error == "FALSE":
                # keep only the members whose payment day falls in the period before unnesting them,
                # when that day cannot fail (its errors would be lost with the member)
                x = sql.fresh()
                # inside a lambda, where DuckDB allows no subquery: what it reads of the members as
                # columns computed as of the judged day
                inside_lambda = Scope(judged, days=(period.end,), static=judged, in_lambda=True)
                event = sql.value(schedule.day, inside_lambda.bind(a.subject.var, x))
                if sql.take_errors() == "FALSE":
                    people = (f"list_filter({people}, lambda {x}: ({event}) BETWEEN {day(period.start)} "
                              f"AND {judged} AND ({event}) >= {x}.birth_date)")
            query = f"SELECT h.*, {people} AS \"#people\", {people_error} AS \"#e\" FROM ({query}) AS h"
            if people_error != "FALSE":
                self.side_errors.append(f"SELECT h.{HID} AS hid FROM ({query}) AS h WHERE h.\"#e\"")
            query = (f"SELECT h.* EXCLUDE (\"#people\", \"#e\"), s.p AS \"#s\" FROM ({query}) AS h "
                     f"CROSS JOIN unnest(h.\"#people\") AS s(p)")
        else:
            query = f"SELECT h.*, NULL AS \"#s\" FROM ({query}) AS h"
        where = "TRUE"
        if not isinstance(schedule, (ir.Monthly, ir.Yearly)):
            subject_scope = on_last_day(period)
            if a.subject is not None:
                subject_scope = subject_scope.bind(a.subject.var, person)
            born = f"({person}).birth_date" if a.subject is not None else "DATE '0001-01-01'"
            if isinstance(schedule, ir.Once):
                event = sql.value(schedule.day, subject_scope if a.subject is not None else on_last_day(period))
                event_error = sql.take_errors()
                if a.subject is None and event_error == "FALSE" and household_level(schedule.day):
                    self.static = event
                query = (f"SELECT h.*, {event} AS \"#d\", {event_error} AS \"#e\" FROM ({query}) AS h")
                low = day(period.start)
                where = f'h."#d" IS NOT NULL AND h."#d" BETWEEN {low} AND {judged} AND h."#d" >= {born}'
            else:
                assert isinstance(schedule, ir.PerEvent)
                events = sql.value(schedule.days, subject_scope)
                event_error = sql.take_errors()
                query = f"SELECT h.*, {events} AS \"#events\", {event_error} AS \"#e\" FROM ({query}) AS h"
                if event_error != "FALSE":
                    self.side_errors.append(f"SELECT h.{HID} AS hid FROM ({query}) AS h WHERE h.\"#e\"")
                query = (f"SELECT h.* EXCLUDE (\"#events\"), e.d AS \"#d\" FROM ({query}) AS h "
                         f"CROSS JOIN unnest(h.\"#events\") AS e(d)")
                low = day(dt.date(period.start.year, 1, 1))
                where = f'h."#d" IS NOT NULL AND h."#d" BETWEEN {low} AND {judged} AND h."#d" >= {born}'
            errors = 'h."#e"'
            if own_day:
                assert a.subject is not None
                member, member_error = self._subject_on(a.subject, tests if inside is not None else None)
                query = f'SELECT h.*, ({member}) IS TRUE AS "#in", {member_error} AS "#ie" FROM ({query}) AS h'
                errors = f'(h."#e" OR ({where}) AND h."#ie")'
                where = f'({where}) AND h."#in"'
            where = f"({where}) OR h.\"#e0\""
            query = f"SELECT h.* EXCLUDE (\"#e\"), h.\"#d\" AS \"#us\", h.\"#d\" AS \"#ue\", {errors} AS \"#e0\" FROM ({query}) AS h"
        else:
            query = f"SELECT h.*, FALSE AS \"#e0\" FROM ({query}) AS h"
        return query, where

    def _subject_on(self, subject: ir.Subject, tests: list[ir.Lambda] | None) -> tuple[str, str]:
        """Whether the person of a unit (`#s`) is in the `for each` collection on the unit's day (`#d`),
        and the condition under which that fails: by the collection's tests on the person when it is
        lowered, else by looking for the person in the collection computed on that day."""
        sql = self.sql
        on, person = Scope(_DAY), _PERSON
        if tests is not None:  # a member on that day (not dead or gone), passing the tests
            parts = [sql.present(person, _DAY)] if sql.leaving else []
            parts += [f"({sql.value(t.body, on.bind(t.var, person))}) IS TRUE" for t in tests]
            return " AND ".join(parts) or "TRUE", sql.take_errors()
        x = sql.fresh()
        members = sql.value(subject.collection, on)
        return (f"list_contains(list_transform({members}, lambda {x}: {x}.{PID}), ({person}).{PID})",
                sql.take_errors())

    def _hoisted(self) -> list[str]:
        """The first conditions of a periodic benefit that read only the household's own fields and
        cannot fail: judged once per household, before its units are listed (the same for every unit)."""
        a, sql = self.a, self.sql
        if a.contract is not None:
            return []
        if a.subject is not None:  # only subjects read from the persons table cannot fail
            tests = sql.member_set(a.subject.collection)
            if tests is None or sql.member_test(tests, "NULL") is None:
                return []
        found = []
        for c in a.conditions:
            if not household_level(c.expr) or reads_day(c.expr):
                break
            value = sql.value(c.expr, Scope("NULL"))
            if sql.take_errors() != "FALSE":
                break
            found.append(value)
        return found

    # -------------------------------------------------------------- the gates, in order
    def not_in_force(self) -> None:
        self.day_gates.append(f"{_DAY} >= {day(self.a.in_force)}")

    def vetoed(self) -> None:
        for i, veto in enumerate(self.ctx.vetoes_of(self.a)):
            self.joins += f" LEFT JOIN {self.ctx.table(veto)} AS v{i} ON v{i}.hid = h.{HID}"
            self.day_gates.append(f"NOT coalesce(v{i}.v <= {_DAY}, FALSE)")

    def no_contract(self) -> None:
        contract = self.a.contract
        if contract is not None:
            self.later.append(partial(self._column, contract, f"(({{value}}) IS NOT NULL AND ({{value}}) <= {_DAY})"))

    def condition_false(self) -> None:
        for c in self.a.conditions[len(self.hoisted):]:
            self.later.append(partial(self._column, c.expr, "({value}) IS TRUE"))

    def exception(self) -> None:
        for c in self.a.exceptions:
            self.later.append(partial(self._column, c.expr, "({value}) IS NOT TRUE"))

    def suspended(self) -> None:
        for i, (oid, until) in enumerate(self.ctx.suspenders_of(self.a)):
            obligation = self.ctx.charter.article(oid)
            assert isinstance(obligation, ir.Obligation)
            if obligation.subject is not None:
                self._suspended_by_instances(i, obligation, until)
                continue
            self.joins += f" LEFT JOIN {self.ctx.table(obligation)} AS o{i} ON o{i}.hid = h.{HID}"
            self.extra += [f"o{i}.status AS \"#o{i}_status\"", f"o{i}.since AS \"#o{i}_since\"",
                           f"o{i}.cured AS \"#o{i}_cured\""]
            cured = "FALSE" if until == "good" else f'(h."#o{i}_cured" IS NOT NULL AND {_DAY} >= h."#o{i}_cured")'
            condition = (f'NOT coalesce(h."#o{i}_status" = \'breached\' AND h."#o{i}_since" <= {_DAY} '
                         f"AND NOT {cured}, FALSE)")
            self.later.append(partial(self._keep, condition))

    def _suspended_by_instances(self, i: int, obligation: ir.Obligation, until: str) -> None:
        """Suspended while an instance of an obligation with `for each` is in breach: a breach of the
        household's that holds on the unit's day (from its first day, until its cure unless for good)."""
        cured = "" if until == "good" else f" AND NOT (o.cured IS NOT NULL AND {_DAY} >= o.cured)"
        condition = (f"NOT EXISTS (SELECT 1 FROM {self.ctx.table(obligation)} AS o WHERE o.hid = h.{HID} AND o.inst "
                     f"AND o.status = 'breached' AND o.since <= {_DAY}{cured})")
        self.later.append(partial(self._keep, condition))

    def amount_unknown(self) -> None:
        amount = self.a.amount
        if amount is not None:
            self.later.append(partial(self._amount, amount))

    def _costs(self) -> None:
        """Who bears the cost of each unit paid, a column per payer; a unit whose split cannot be made is
        in error."""
        borne, failing = _costs.bear(self.a, lambda e: self._column(e, None), self.amount)
        self.query = (f"SELECT *, {', '.join(borne)} FROM (SELECT * REPLACE (h.\"#err\" OR ({failing}) AS \"#err\") "
                      f"FROM ({self.query}) AS h) AS h")

    # -------------------------------------------------------------- one gate, one column
    def _keep(self, condition: str) -> None:
        self.query = f"SELECT * REPLACE (h.\"#ok\" AND {condition} AS \"#ok\") FROM ({self.query}) AS h"

    def _amount(self, expression: ir.Expr) -> None:
        column = self._column(expression, None)
        self.amount = money(f"h.{column}")
        amount_error = f'(h."#ok" AND {self.amount} IS NULL)'  # missing, or more than money holds
        self.query = f"SELECT * REPLACE (h.\"#err\" OR {amount_error} AS \"#err\") FROM ({self.query}) AS h"

    def _column(self, expression: ir.Expr, gate: str | None) -> str:
        """Add the definitions an expression needs, then the expression (with its errors); a gate keeps
        the rows where it holds (`{value}` is the expression's column)."""
        sql, scope = self.sql, self.scope
        for name in sql.needs(expression):
            if (name, _DAY) in sql.columns or name == "#members" or sql.definitions[name].expr.type.kind == "list":
                continue  # collections are lowered to aggregates, or read inline from the member lists
            definition = sql.definition_sql(name, scope)
            if sql.take_errors() != "FALSE":
                continue  # a definition that can fail is judged inline, where it is used
            self.level += 1
            column = ident(f"#def{self.level}")
            self.query = f"SELECT *, {definition} AS {column} FROM ({self.query}) AS h"
            sql.columns[(name, _DAY)] = f"h.{column}"
        value = sql.value(expression, scope)
        errors = sql.take_errors()
        self.level += 1
        column = ident(f"#x{self.level}")
        ok = 'h."#ok"'
        new_ok = ok if gate is None else f"({ok} AND {gate.format(value=f'h.{column}')})"
        self.query = (f"SELECT * REPLACE ({new_ok} AS \"#ok\", (h.\"#err\" OR ({ok} AND {errors})) AS \"#err\") "
                      f"FROM (SELECT *, {value} AS {column} FROM ({self.query}) AS h) AS h "
                      f"WHERE {new_ok} OR h.\"#err\" OR ({ok} AND {errors})")
        return f"{column}"


GATES: tuple[tuple[str, Callable[[_Units], None]], ...] = (
    ("not_in_force", _Units.not_in_force),
    ("vetoed", _Units.vetoed),
    ("no_contract", _Units.no_contract),
    ("condition_false", _Units.condition_false),
    ("exception", _Units.exception),
    ("suspended", _Units.suspended),
    ("amount_unknown", _Units.amount_unknown),
)
"""The gates of `ir.BENEFIT_GATES`, by name, in order: each narrows the units still payable."""
