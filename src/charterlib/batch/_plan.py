"""The SQL plan of a charter for one period: one statement per veto, obligation and benefit, and
the query that assembles each household's result in the format of households.md.

It mirrors the household evaluator (`evaluate/_engine.py`) gate by gate, so that both give the same
results; where the household evaluator would raise, the plan marks the household (`err`), and the
runner evaluates it with the household evaluator instead.
"""

from __future__ import annotations

import datetime as dt

import attrs

from ..check import ir
from ..compile._sql import HID, PID, Scope, SqlCompiler, Unsupported, ident, literal, text
from ..evaluate._calendar import Period
from ..evaluate._engine import _periodic_days


@attrs.frozen
class Plan:
    """The statements to run, in order, and the query of the results."""

    statements: tuple[str, ...]
    results: str
    errors: str
    unsupported: tuple[tuple[str, str], ...] = ()


def _d(day: dt.date) -> str:
    return literal(day, "date")


def _all_true(parts: list[str]) -> str:
    return " AND ".join(f"({p}) IS TRUE" for p in parts) or "TRUE"


class Planner:
    """Builds the SQL plan of a charter for a period."""

    def __init__(self, charter: ir.Charter) -> None:
        self.charter = charter
        self.rank = {cid: i for i, cid in enumerate(charter.chain)}

    def unsupported(self) -> tuple[tuple[str, str], ...]:
        """The articles this back end cannot compute, with the reason (checked with any period)."""
        found = []
        for article in self.charter.articles:
            try:
                self._article(article, Period.parse("2005"))
            except Unsupported as exc:
                found.append((article.id, str(exc)))
        return tuple(found)

    def plan(self, period: Period) -> Plan:
        """The plan for a period (raises Unsupported when an article cannot be computed in SQL)."""
        statements = []
        order = {"veto": 0, "obligation": 1, "benefit": 2, "eligibility": 3}
        for article in sorted(self.charter.articles, key=lambda a: order[a.kind]):  # dependencies first
            statements.extend(self._article(article, period))
        return Plan(tuple(statements), self._results(period), self._errors())

    def _article(self, article: ir.AnyArticle, period: Period) -> list[str]:
        if isinstance(article, ir.Veto):
            return [self._veto(article, period)]
        if isinstance(article, ir.Obligation):
            return [self._obligation(article, period)]
        if isinstance(article, ir.Benefit):
            return [self._benefit(article, period)]
        return []  # eligibilities are judged on demand, not per period

    @staticmethod
    def table(article: ir.AnyArticle) -> str:
        """The temporary table of an article's rows."""
        return ident(f"{article.kind}:{article.id}")

    # -------------------------------------------------------------- vetoes
    def _veto(self, a: ir.Veto, period: Period) -> str:
        sql = SqlCompiler(self.charter)
        day = sql.value(a.day, Scope(_d(period.end)))
        return (f"CREATE OR REPLACE TEMP TABLE {self.table(a)} AS SELECT h.{HID} AS hid, {day} AS v, "
                f"{sql.take_errors()} AS err FROM hh AS h")

    # -------------------------------------------------------------- obligations
    def _obligation(self, a: ir.Obligation, period: Period) -> str:
        sql = SqlCompiler(self.charter)
        judged = _d(period.end)
        t, deadline_col, act_col = ident("#t"), ident("#deadline"), ident("#act")
        trigger = sql.value(a.trigger, Scope(judged))
        errors = [sql.take_errors()]
        at_trigger = Scope(f"h.{t}")
        reach = f"(h.{t} IS NOT NULL AND h.{t} <= {judged} AND h.{t} >= {_d(a.in_force)})"
        conditions: list[str] = []
        for c in a.conditions:
            value = sql.value(c.expr, at_trigger)
            errors.append(f"({reach} AND {_all_true(conditions)} AND {sql.take_errors()})")
            conditions.append(value)
        exceptions: list[str] = []
        for c in a.exceptions:
            value = sql.value(c.expr, at_trigger)
            excepted = " OR ".join(f"({e}) IS TRUE" for e in exceptions) or "FALSE"
            errors.append(f"({reach} AND {_all_true(conditions)} AND NOT ({excepted}) AND {sql.take_errors()})")
            exceptions.append(value)
        excepted = " OR ".join(f"({e}) IS TRUE" for e in exceptions) or "FALSE"
        applies = f"({reach} AND {_all_true(conditions)} AND NOT ({excepted}))"
        deadline = sql.shift(f"h.{t}", a.within, 1)
        contract_ok = "TRUE"
        if a.contract is not None:
            signed = sql.value(a.contract, at_trigger)
            errors.append(f"({applies} AND {sql.take_errors()})")
            contract_ok = f"coalesce(({signed}) IS NOT NULL AND ({signed}) <= {deadline}, FALSE)"
        act = sql.value(a.fulfilled, Scope(judged))
        errors.append(f"({applies} AND {contract_ok} AND {sql.take_errors()})")
        err = " OR ".join(f"({e}) IS TRUE" for e in errors)
        level1 = f"SELECT h.*, {trigger} AS {t} FROM hh AS h"
        level2 = (f"SELECT h.*, {deadline} AS {deadline_col}, {act} AS {act_col}, "
                  f"({applies} AND {contract_ok}) AS \"#applies\", ({err}) AS \"#err\" FROM ({level1}) AS h")
        status = (f"CASE WHEN NOT h.\"#applies\" THEN 'not_applicable' "
                  f"WHEN h.{act_col} IS NOT NULL AND h.{act_col} <= h.{deadline_col} AND h.{act_col} <= {judged} "
                  f"THEN 'fulfilled' WHEN {judged} <= h.{deadline_col} THEN 'pending' ELSE 'breached' END")
        level3 = (f"SELECT h.*, {status} AS \"#status\", CAST(h.{deadline_col} + to_days(1) AS DATE) AS \"#since\" "
                  f"FROM ({level2}) AS h")
        breached = "h.\"#status\" = 'breached'"
        penalty = penalty_due = "NULL"
        penalty_err = "FALSE"
        if a.penalty is not None:
            amount = sql.value(a.penalty, Scope('h."#since"'))
            penalty_err = f"({breached} AND ({sql.take_errors()} OR ({amount}) IS NULL))"
            penalty = f"CASE WHEN {breached} THEN round(CAST({amount} AS DECIMAL(38,10)), 2)::DECIMAL(18,2) END"
            due = 'h."#since"'
            if a.penalty_within is not None:
                due = sql.shift(due, a.penalty_within, 1)
            penalty_due = f"CASE WHEN {breached} THEN {due} END"
        return (f"CREATE OR REPLACE TEMP TABLE {self.table(a)} AS "
                f"SELECT h.{HID} AS hid, h.\"#status\" AS status, h.{t} AS t, h.{deadline_col} AS due, "
                f"h.{act_col} AS act, h.\"#since\" AS since, "
                f"CASE WHEN {breached} AND h.{act_col} IS NOT NULL AND h.{act_col} <= {judged} THEN h.{act_col} END AS cured, "
                f"{penalty} AS penalty, {penalty_due} AS penalty_due, "
                f"(h.\"#err\" OR {penalty_err}) AS err FROM ({level3}) AS h")

    # -------------------------------------------------------------- benefits
    def _benefit(self, a: ir.Benefit, period: Period) -> str:
        sql = SqlCompiler(self.charter)
        judged = _d(period.end)
        schedule = a.schedule
        joins: list[str] = []
        errors: list[str] = []
        subject_alias = None
        if isinstance(schedule, (ir.Monthly, ir.Yearly)):
            days = list(_periodic_days(schedule, period))
            if not days:
                return (f"CREATE OR REPLACE TEMP TABLE {self.table(a)} AS SELECT NULL::VARCHAR AS hid, "
                        f"NULL::VARCHAR AS sid, NULL::DATE AS d, FALSE AS paid, NULL::DECIMAL(18,2) AS amount, "
                        f"FALSE AS err WHERE FALSE")
            values = ", ".join(f"({_d(d)}, {_d(s)}, {_d(e)})" for d, s, e in days)
            source = f"hh AS h CROSS JOIN (VALUES {values}) AS u(d, us, ue)"
            scope = Scope("u.d", "u.us", "u.ue")
            if a.subject is not None:
                rel = sql.rel(a.subject.collection, Scope("u.d"))
                errors.append(sql.take_errors())
                subject_alias = rel.alias
                source += f" JOIN pp AS {rel.alias} ON {' AND '.join(rel.where)}"
                scope = scope.bind(a.subject.var, rel.alias)
        else:
            base = "hh AS h"
            subject_scope = Scope(judged)
            if a.subject is not None:
                rel = sql.rel(a.subject.collection, Scope(judged))
                errors.append(sql.take_errors())
                subject_alias = rel.alias
                base += f" JOIN pp AS {rel.alias} ON {' AND '.join(rel.where)}"
                subject_scope = subject_scope.bind(a.subject.var, rel.alias)
            born = f"{subject_alias}.birth_date" if subject_alias else "DATE '0001-01-01'"
            if isinstance(schedule, ir.Once):
                day = sql.value(schedule.day, subject_scope)
                errors.append(sql.take_errors())
                source = (f"{base}, LATERAL (SELECT {day} AS d) AS u0 "
                          f"CROSS JOIN LATERAL (SELECT u0.d AS d, u0.d AS us, u0.d AS ue) AS u")
                joins.append(f"u.d IS NOT NULL AND u.d BETWEEN {_d(period.start)} AND {judged} AND u.d >= {born}")
            else:
                assert isinstance(schedule, ir.PerEvent)
                days_list = sql.value(schedule.days, subject_scope)
                errors.append(sql.take_errors())
                year_start = dt.date(period.start.year, 1, 1)
                source = (f"{base} CROSS JOIN unnest({days_list}) AS u0(d) "
                          f"CROSS JOIN LATERAL (SELECT u0.d AS d, u0.d AS us, u0.d AS ue) AS u")
                joins.append(f"u.d IS NOT NULL AND u.d BETWEEN {_d(year_start)} AND {judged} AND u.d >= {born}")
            scope = Scope("u.d", "u.us", "u.ue", subject_scope.persons)
        gates = [f"u.d >= {_d(a.in_force)}"]
        for veto in self._vetoes_of(a):
            t = f"v{len(joins)}"
            source += f" LEFT JOIN {self.table(veto)} AS {t} ON {t}.hid = h.{HID}"
            joins.append("TRUE")
            gates.append(f"NOT coalesce({t}.v <= u.d, FALSE)")
        reached = " AND ".join(gates)
        if a.contract is not None:
            signed = sql.value(a.contract, scope)
            errors.append(f"({reached} AND {sql.take_errors()})")
            gates.append(f"(({signed}) IS NOT NULL AND ({signed}) <= u.d)")
        conditions: list[str] = []
        for c in a.conditions:
            value = sql.value(c.expr, scope)
            errors.append(f"({' AND '.join(gates)} AND {_all_true(conditions)} AND {sql.take_errors()})")
            conditions.append(value)
        exceptions: list[str] = []
        for c in a.exceptions:
            value = sql.value(c.expr, scope)
            excepted = " OR ".join(f"({e}) IS TRUE" for e in exceptions) or "FALSE"
            errors.append(f"({' AND '.join(gates)} AND {_all_true(conditions)} AND NOT ({excepted}) AND "
                          f"{sql.take_errors()})")
            exceptions.append(value)
        gates.append(_all_true(conditions))
        if exceptions:
            gates.append(f"NOT ({' OR '.join(f'({e}) IS TRUE' for e in exceptions)})")
        for oid, until in self._suspenders_of(a):
            t = f"o{len(joins)}"
            obligation = self.charter.article(oid)
            assert obligation is not None
            source += f" LEFT JOIN {self.table(obligation)} AS {t} ON {t}.hid = h.{HID}"
            joins.append("TRUE")
            cured = "FALSE" if until == "good" else f"({t}.cured IS NOT NULL AND u.d >= {t}.cured)"
            gates.append(f"NOT coalesce({t}.status = 'breached' AND {t}.since <= u.d AND NOT {cured}, FALSE)")
        paid = " AND ".join(f"({g})" for g in gates)
        amount = "NULL::DECIMAL(18,2)"
        if a.amount is not None:
            value = sql.value(a.amount, scope)
            errors.append(f"({paid} AND ({sql.take_errors()} OR ({value}) IS NULL))")
            amount = f"round(CAST({value} AS DECIMAL(38,10)), 2)::DECIMAL(18,2)"
        sid = f"{subject_alias}.{PID}" if subject_alias else "NULL::VARCHAR"
        where = " AND ".join(j for j in joins if j != "TRUE") or "TRUE"
        err = " OR ".join(f"({e}) IS TRUE" for e in errors if e != "FALSE") or "FALSE"
        select = (f"SELECT h.{HID} AS hid, {sid} AS sid, u.d, ({paid}) AS paid, {amount} AS amount, ({err}) AS err "
                  f"FROM {source} WHERE {where}")
        if isinstance(schedule, ir.PerEvent):
            capped = "paid"
            if schedule.cap is not None:
                capped = (f"paid AND row_number() OVER (PARTITION BY hid, sid, year(d), paid ORDER BY d) "
                          f"<= {schedule.cap}")
            select = (f"SELECT hid, sid, d, ({capped}) AS paid, amount, err FROM ({select}) "
                      f"QUALIFY TRUE")
            select = f"SELECT * FROM ({select}) WHERE d >= {_d(period.start)} OR err"
        return f"CREATE OR REPLACE TEMP TABLE {self.table(a)} AS {select}"

    def _vetoes_of(self, a: ir.Benefit) -> list[ir.Veto]:
        return [v for v in self.charter.articles if isinstance(v, ir.Veto)
                and self.rank.get(v.origin, 0) <= self.rank.get(a.origin, 0)]

    def _suspenders_of(self, a: ir.Benefit) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for o in self.charter.articles:
            if isinstance(o, ir.Obligation):
                for s in o.suspensions:
                    if a.id in s.articles:
                        found.append((o.id, s.until))
        return found

    # -------------------------------------------------------------- results
    def _errors(self) -> str:
        parts = [f"SELECT hid FROM {self.table(a)} WHERE err" for a in self.charter.articles
                 if isinstance(a, (ir.Veto, ir.Obligation, ir.Benefit))]
        return " UNION ".join(parts) if parts else "SELECT NULL::VARCHAR AS hid WHERE FALSE"

    def _results(self, period: Period) -> str:
        benefits = [a for a in self.charter.articles if isinstance(a, ir.Benefit)]
        obligations = [a for a in self.charter.articles if isinstance(a, ir.Obligation)]
        units = " UNION ALL ".join(
            f"SELECT hid, {text(b.id)} AS benefit, sid, d, amount FROM {self.table(b)} WHERE paid"
            for b in benefits) or "SELECT NULL::VARCHAR AS hid, NULL AS benefit, NULL AS sid, NULL::DATE AS d, NULL::DECIMAL(18,2) AS amount WHERE FALSE"
        penalties = " UNION ALL ".join(
            f"SELECT hid, {text(o.id)} AS obligation, penalty FROM {self.table(o)} "
            f"WHERE penalty IS NOT NULL AND penalty <> 0 AND penalty_due BETWEEN {_d(period.start)} AND {_d(period.end)}"
            for o in obligations) or "SELECT NULL::VARCHAR AS hid, NULL AS obligation, NULL::DECIMAL(18,2) AS penalty WHERE FALSE"
        status_parts = []
        for o in obligations:
            t = self.table(o)
            status_parts.append(
                f"{text(o.id)}, (SELECT CASE s.status "
                f"WHEN 'pending' THEN json_object('status', 'pending', 'due', strftime(s.due, '%Y-%m-%d')) "
                f"WHEN 'fulfilled' THEN json_object('status', 'fulfilled', 'on', strftime(s.act, '%Y-%m-%d')) "
                f"WHEN 'breached' THEN CASE WHEN s.cured IS NULL THEN json_object('status', 'breached', 'since', strftime(s.since, '%Y-%m-%d')) "
                f"ELSE json_object('status', 'breached', 'since', strftime(s.since, '%Y-%m-%d'), 'cured_on', strftime(s.cured, '%Y-%m-%d')) END "
                f"ELSE json_object('status', 'not_applicable') END FROM {t} AS s WHERE s.hid = h.{HID})")
        obligations_json = f"json_object({', '.join(status_parts)})" if status_parts else "'{}'::JSON"
        return f"""
WITH units AS ({units}),
cash AS (SELECT hid, benefit, sum(amount) AS amount FROM units WHERE amount IS NOT NULL
         GROUP BY hid, benefit HAVING sum(amount) <> 0),
cash_json AS (SELECT hid, json_group_object(benefit, CAST(amount AS VARCHAR)) AS cash, sum(amount) AS total
              FROM cash GROUP BY hid),
grants AS (SELECT hid, to_json(list(json_object('benefit', benefit, 'member', sid, 'on', strftime(d, '%Y-%m-%d'))
                  ORDER BY d, benefit, coalesce(sid, ''))) AS in_kind, count(*) AS n
           FROM units WHERE amount IS NULL GROUP BY hid),
pen AS (SELECT hid, json_group_object(obligation, CAST(penalty AS VARCHAR)) AS penalties, sum(penalty) AS total
        FROM ({penalties}) GROUP BY hid)
SELECT h.{HID} AS household, {text(period.text)} AS period,
       coalesce(c.cash, '{{}}'::JSON) AS cash,
       CAST(coalesce(c.total, 0)::DECIMAL(18,2) AS VARCHAR) AS total_cash,
       coalesce(g.in_kind, '[]'::JSON) AS in_kind,
       coalesce(p.penalties, '{{}}'::JSON) AS penalties,
       {obligations_json} AS obligations,
       coalesce(c.total, 0)::DECIMAL(18,2) AS cash_amount,
       coalesce(p.total, 0)::DECIMAL(18,2) AS penalty_amount,
       coalesce(g.n, 0) AS grants
FROM hh AS h LEFT JOIN cash_json AS c ON c.hid = h.{HID} LEFT JOIN grants AS g ON g.hid = h.{HID}
LEFT JOIN pen AS p ON p.hid = h.{HID}
WHERE h.{HID} NOT IN (SELECT hid FROM errors)
"""
