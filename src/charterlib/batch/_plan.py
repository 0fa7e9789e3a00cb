"""The SQL plan of a charter for one period: one statement per veto, obligation and benefit, and
the query that assembles each household's result in the format of households.md.

It mirrors the household evaluator (`evaluate/_engine.py`) gate by gate, so that both give the same
results; where the household evaluator would raise, the plan marks the household (`err`), and the
runner evaluates it with the household evaluator instead.
"""

from __future__ import annotations

import datetime as dt

import attrs

from .. import ir
from ..common.args import describe
from ..common.errors import ArgumentError
from ..compile.sql import (
    HID,
    PID,
    ROW,
    Aggregates,
    Scope,
    SqlCompiler,
    Unsupported,
    ident,
    literal,
    sql_names,
    text,
)
from ..ir.analysis import FieldsRead, household_level, reads_day
from ..runtime import Period
from ..runtime.schedules import periodic_days

MAX_ARTICLES = 500
"""The most articles a plan holds: each is a statement whose cost grows with the others (1,000 articles
took 26 s and 0.8 GB for a register of 7 households, 2,000 took 113 s and 2.5 GB); a larger charter is
evaluated by the household evaluator, household by household, in bounded memory."""


@attrs.frozen
class Plan:
    """The statements to run, in order, and the query of the results.

    The statements read `hh_base` (the households, with their member lists when `uses_lists`) and
    `pp` (the persons, one row each, keyed by `#hid`); the first creates `hh`, the households with
    the member aggregates the articles read.
    """

    statements: tuple[str, ...]
    results: str
    errors: str
    unsupported: tuple[tuple[str, str], ...] = ()
    uses_lists: bool = False
    person_checks: bool = False
    """Whether `hh` also counts each household's persons (`#n`) and those with a bad value (`#bad`)."""


def _d(day: dt.date) -> str:
    return literal(day, "date")


def _all_true(parts: list[str]) -> str:
    return " AND ".join(f"({p}) IS TRUE" for p in parts) or "TRUE"


class Planner:
    """Builds the SQL plan of a charter for a period."""

    def __init__(self, charter: ir.Charter) -> None:
        if not isinstance(charter, ir.Charter):
            raise ArgumentError(f"a Planner plans a checked charter (Charter.ir), not {describe(charter)}.")
        self.charter = charter
        self.rank = {cid: i for i, cid in enumerate(charter.chain)}
        self._tables = sql_names([f"{a.kind}:{a.id}" for a in charter.articles])
        fields = FieldsRead.of(charter)
        self.person_fields = fields.member_struct(charter)
        self.value_fields = fields.value_struct()
        self._aggregates: Aggregates | None = None
        self._uses_lists = False

    def _compiler(self) -> SqlCompiler:
        return SqlCompiler(self.charter, self._aggregates, self.person_fields, self.value_fields)

    def _note(self, sql: SqlCompiler) -> None:
        self._uses_lists |= sql.uses_lists

    def unsupported(self) -> tuple[tuple[str, str], ...]:
        """The articles this back end cannot compute, with the reason (checked with any period); `*` for
        a charter too large for a plan (more than MAX_ARTICLES articles)."""
        if len(self.charter.articles) > MAX_ARTICLES:
            reason = (f"it has {len(self.charter.articles)} articles, more than the {MAX_ARTICLES} a plan takes "
                      f"in bounded time and memory")
            return (("*", reason),)
        found = []
        for article in self.charter.articles:
            try:
                self._article(article, Period.parse("2005"))
            except Unsupported as exc:
                found.append((article.id, str(exc)))
        return tuple(found)

    def plan(self, period: Period | str, person_checks: bool = False) -> Plan:
        """The plan for a period (raises Unsupported when an article cannot be computed in SQL).

        With `person_checks`, the pass over the persons also counts them and their bad values (`pp`
        then has a `#bad` column), so a register is checked without a pass of its own."""
        if not isinstance(period, Period):
            period = Period.parse(period)
        statements = []
        order = {"veto": 0, "obligation": 1, "benefit": 2, "eligibility": 3}
        self._aggregates, self._uses_lists = Aggregates(), False
        if person_checks:
            self._aggregates.named("#bad", 'count(*) FILTER (WHERE p."#bad")', "0")
            self._aggregates.named("#n", "count(*)", "0")
        try:
            for article in sorted(self.charter.articles, key=lambda a: order[a.kind]):  # dependencies first
                statements.extend(self._article(article, period))
            households = f"CREATE OR REPLACE TEMP TABLE hh AS {self._aggregates.attach('hh_base', 'pp')}"
            return Plan((households, *statements), self._results(period), self._errors(),
                        uses_lists=self._uses_lists, person_checks=person_checks)
        finally:
            self._aggregates = None

    def _article(self, article: ir.AnyArticle, period: Period) -> list[str]:
        if isinstance(article, ir.Veto):
            return [self._veto(article, period)]
        if isinstance(article, ir.Obligation):
            return [self._obligation(article, period)]
        if isinstance(article, ir.Benefit):
            return [self._benefit(article, period)]
        return []  # eligibilities are judged on demand, not per period

    def table(self, article: ir.AnyArticle) -> str:
        """The temporary table of an article's rows (ids differing only in case get tables apart)."""
        return ident(self._tables[f"{article.kind}:{article.id}"])

    # -------------------------------------------------------------- vetoes
    def _veto(self, a: ir.Veto, period: Period) -> str:
        sql = self._compiler()
        day = sql.value(a.day, self._judged(period))
        self._note(sql)
        return (f"CREATE OR REPLACE TEMP TABLE {self.table(a)} AS SELECT h.{HID} AS hid, {day} AS v, "
                f"{sql.take_errors()} AS err FROM hh AS h")

    @staticmethod
    def _judged(period: Period) -> Scope:
        return Scope(_d(period.end), days=(period.end,), static=_d(period.end))

    # -------------------------------------------------------------- obligations
    def _obligation(self, a: ir.Obligation, period: Period) -> str:
        sql = self._compiler()
        judged = _d(period.end)
        t, deadline_col, act_col = ident("#t"), ident("#deadline"), ident("#act")
        trigger = sql.value(a.trigger, self._judged(period))
        errors = [sql.take_errors()]
        at_trigger = Scope(f"h.{t}")
        reach = f"(h.{t} IS NOT NULL AND h.{t} <= {judged} AND h.{t} >= {_d(a.in_force)})"
        # the conditions become columns of the rows in reach, each computed once; elsewhere only the
        # trigger can fail, and the obligation does not apply
        columns: list[str] = []

        def column(value: str, name: str) -> str:
            columns.append(f"{value} AS {ident(name)}")
            return f"h.{ident(name)}"

        conditions: list[str] = []
        for i, c in enumerate(a.conditions):
            value = column(sql.value(c.expr, at_trigger), f"#c{i}")
            errors.append(f"({_all_true(conditions)} AND {column(sql.take_errors(), f'#ce{i}')})")
            conditions.append(value)
        exceptions: list[str] = []
        for i, c in enumerate(a.exceptions):
            value = column(sql.value(c.expr, at_trigger), f"#x{i}")
            excepted = " OR ".join(f"({e}) IS TRUE" for e in exceptions) or "FALSE"
            errors.append(f"({_all_true(conditions)} AND NOT ({excepted}) AND {column(sql.take_errors(), f'#xe{i}')})")
            exceptions.append(value)
        excepted = " OR ".join(f"({e}) IS TRUE" for e in exceptions) or "FALSE"
        applies = f"({_all_true(conditions)} AND NOT ({excepted}))"
        deadline = sql.shift(f"h.{t}", a.within, 1)
        contract_ok = "TRUE"
        if a.contract is not None:
            signed = column(sql.value(a.contract, at_trigger), "#signed")
            errors.append(f"({applies} AND {column(sql.take_errors(), '#se')})")
            contract_ok = f"coalesce(({signed}) IS NOT NULL AND (({deadline}) IS NULL OR ({signed}) <= {deadline}), FALSE)"
        act = sql.value(a.fulfilled, self._judged(period))
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
        self._note(sql)
        return (f"CREATE OR REPLACE TEMP TABLE {self.table(a)} AS "
                f"SELECT h.{HID} AS hid, h.\"#status\" AS status, h.{t} AS t, h.{deadline_col} AS due, "
                f"h.{act_col} AS act, h.\"#since\" AS since, "
                f"CASE WHEN {breached} AND h.{act_col} IS NOT NULL AND h.{act_col} <= {judged} THEN h.{act_col} END AS cured, "
                f"{penalty} AS penalty, {penalty_due} AS penalty_due, "
                f"(h.\"#err\" OR {penalty_err}) AS err FROM ({level3}) AS h")

    # -------------------------------------------------------------- benefits
    def _benefit(self, a: ir.Benefit, period: Period) -> str:
        """The units of a benefit, as a pipeline of projections and filters.

        Level 0 lists the units (household × unit day × subject) with what the gates need; each
        later level adds one column (a definition used on the unit day, or a condition) and keeps
        only the rows still payable (`#ok`) or already in error (`#err`), so the costly conditions
        run on few rows. Definitions become columns once, instead of once per use.
        """
        sql = self._compiler()
        judged = _d(period.end)
        schedule = a.schedule
        day, first, last, person = 'h."#d"', 'h."#us"', 'h."#ue"', 'h."#s"'
        side_errors: list[str] = []  # rows that an unnest would drop, but whose household is in error
        hoisted: list[str] = []
        if isinstance(schedule, (ir.Monthly, ir.Yearly)):
            days = list(periodic_days(schedule, period))
            if not days:
                return (f"CREATE OR REPLACE TEMP TABLE {self.table(a)} AS SELECT NULL::VARCHAR AS hid, "
                        f"NULL::VARCHAR AS sid, NULL::DATE AS d, FALSE AS paid, NULL::DECIMAL(18,2) AS amount, "
                        f"FALSE AS err WHERE FALSE")
            values = ", ".join(f"({_d(d)}, {_d(s)}, {_d(e)})" for d, s, e in days)
            households = "hh"
            hoisted = self._hoisted(a, sql)
            if hoisted:
                households = f"(SELECT * FROM hh AS h WHERE {_all_true(hoisted)})"
            query = (f"SELECT h.*, u.d AS \"#d\", u.us AS \"#us\", u.ue AS \"#ue\" "
                     f"FROM {households} AS h CROSS JOIN (VALUES {values}) AS u(d, us, ue)")
            subject_day = day
            unit_days: tuple[dt.date, ...] | None = tuple(d for d, _, _ in days)
        else:
            query = "SELECT h.* FROM hh AS h"
            subject_day = judged
            unit_days = None
        tests = sql.member_set(a.subject.collection) if a.subject is not None else None
        inside = sql.member_test(tests, subject_day) if tests is not None else None
        own_day = a.subject is not None and not isinstance(schedule, (ir.Monthly, ir.Yearly))
        if own_day and inside is not None:
            # a unit on a day of its own (`once on`, `on each of`): every member born by the judged day
            # is a candidate, a subject when the collection holds them on the unit's day (tested below)
            assert tests is not None
            inside = sql.member_test([], judged)
        if a.subject is not None and inside is not None:
            # the subjects are rows of the persons table: no member list is needed
            if isinstance(schedule, ir.Once):
                event = sql.value(schedule.day, Scope(judged).bind(a.subject.var, ROW))
                if sql.take_errors() == "FALSE":
                    inside += f" AND ({event}) BETWEEN {_d(period.start)} AND {judged} AND ({event}) >= p.birth_date"
            query = (f"SELECT h.*, {sql.person_struct()} AS \"#s\" FROM ({query}) AS h "
                     f"JOIN pp AS p ON p.{HID} = h.{HID} WHERE {inside}")
        elif a.subject is not None:
            if own_day:
                people, people_error = sql.definition_sql("#members", Scope(judged)), "FALSE"
            else:
                people = sql.value(a.subject.collection, Scope(subject_day))
                people_error = sql.take_errors()
            if isinstance(schedule, ir.Once) and people_error == "FALSE":
                # keep only the members whose payment day falls in the period before unnesting them,
                # when that day cannot fail (its errors would be lost with the member)
                x = sql.fresh()
                event = sql.value(schedule.day, Scope(judged).bind(a.subject.var, x))
                if sql.take_errors() == "FALSE":
                    people = (f"list_filter({people}, lambda {x}: ({event}) BETWEEN {_d(period.start)} "
                              f"AND {judged} AND ({event}) >= {x}.birth_date)")
            query = f"SELECT h.*, {people} AS \"#people\", {people_error} AS \"#e\" FROM ({query}) AS h"
            if people_error != "FALSE":
                side_errors.append(f"SELECT h.{HID} AS hid FROM ({query}) AS h WHERE h.\"#e\"")
            query = (f"SELECT h.* EXCLUDE (\"#people\", \"#e\"), s.p AS \"#s\" FROM ({query}) AS h "
                     f"CROSS JOIN unnest(h.\"#people\") AS s(p)")
        else:
            query = f"SELECT h.*, NULL AS \"#s\" FROM ({query}) AS h"
        where = "TRUE"
        static: str | None = None
        if not isinstance(schedule, (ir.Monthly, ir.Yearly)):
            subject_scope = self._judged(period)
            if a.subject is not None:
                subject_scope = subject_scope.bind(a.subject.var, person)
            born = f"({person}).birth_date" if a.subject is not None else "DATE '0001-01-01'"
            if isinstance(schedule, ir.Once):
                event = sql.value(schedule.day, subject_scope if a.subject is not None else self._judged(period))
                event_error = sql.take_errors()
                if a.subject is None and event_error == "FALSE" and household_level(schedule.day):
                    static = event
                query = (f"SELECT h.*, {event} AS \"#d\", {event_error} AS \"#e\" FROM ({query}) AS h")
                low = _d(period.start)
                where = f'h."#d" IS NOT NULL AND h."#d" BETWEEN {low} AND {judged} AND h."#d" >= {born}'
            else:
                assert isinstance(schedule, ir.PerEvent)
                events = sql.value(schedule.days, subject_scope)
                event_error = sql.take_errors()
                query = f"SELECT h.*, {events} AS \"#events\", {event_error} AS \"#e\" FROM ({query}) AS h"
                if event_error != "FALSE":
                    side_errors.append(f"SELECT h.{HID} AS hid FROM ({query}) AS h WHERE h.\"#e\"")
                query = (f"SELECT h.* EXCLUDE (\"#events\"), e.d AS \"#d\" FROM ({query}) AS h "
                         f"CROSS JOIN unnest(h.\"#events\") AS e(d)")
                low = _d(dt.date(period.start.year, 1, 1))
                where = f'h."#d" IS NOT NULL AND h."#d" BETWEEN {low} AND {judged} AND h."#d" >= {born}'
            errors = 'h."#e"'
            if own_day:
                assert a.subject is not None
                member, member_error = self._subject_on(sql, a.subject, tests if inside is not None else None)
                query = f'SELECT h.*, ({member}) IS TRUE AS "#in", {member_error} AS "#ie" FROM ({query}) AS h'
                errors = f'(h."#e" OR ({where}) AND h."#ie")'
                where = f'({where}) AND h."#in"'
            where = f"({where}) OR h.\"#e0\""
            query = f"SELECT h.* EXCLUDE (\"#e\"), h.\"#d\" AS \"#us\", h.\"#d\" AS \"#ue\", {errors} AS \"#e0\" FROM ({query}) AS h"
        else:
            query = f"SELECT h.*, FALSE AS \"#e0\" FROM ({query}) AS h"
        source = f"({query}) AS h"
        extra = []
        gates = [f"{day} >= {_d(a.in_force)}"]
        for i, veto in enumerate(self._vetoes_of(a)):
            source += f" LEFT JOIN {self.table(veto)} AS v{i} ON v{i}.hid = h.{HID}"
            gates.append(f"NOT coalesce(v{i}.v <= {day}, FALSE)")
        suspensions = []
        for i, (oid, until) in enumerate(self._suspenders_of(a)):
            obligation = self.charter.article(oid)
            assert obligation is not None
            source += f" LEFT JOIN {self.table(obligation)} AS o{i} ON o{i}.hid = h.{HID}"
            extra += [f"o{i}.status AS \"#o{i}_status\"", f"o{i}.since AS \"#o{i}_since\"",
                      f"o{i}.cured AS \"#o{i}_cured\""]
            cured = "FALSE" if until == "good" else f'(h."#o{i}_cured" IS NOT NULL AND {day} >= h."#o{i}_cured")'
            suspensions.append(f'NOT coalesce(h."#o{i}_status" = \'breached\' AND h."#o{i}_since" <= {day} '
                               f"AND NOT {cured}, FALSE)")
        query = (f"SELECT h.* EXCLUDE (\"#e0\"), ({' AND '.join(f'({g})' for g in gates)}) IS TRUE AS \"#ok\", "
                 f"h.\"#e0\" IS TRUE AS \"#err\"" + "".join(f", {x}" for x in extra) + f" FROM {source} WHERE {where}")
        query = f"SELECT * FROM ({query}) WHERE \"#ok\" OR \"#err\""
        relevant = "TRUE" if static is None else f"({static}) BETWEEN {_d(period.start)} AND {judged}"
        scope = Scope(day, first, last, days=unit_days, static=static, relevant=relevant)
        if a.subject is not None:
            scope = scope.bind(a.subject.var, person)
        level = 0

        def add(expression: ir.Expr | None, gate: str | None) -> str | None:
            """Add the definitions an expression needs, then the expression (with its errors)."""
            nonlocal query, level
            if expression is None:
                return None
            for name in sql.needs(expression):
                if (name, day) in sql.columns or name == "#members" or sql.definitions[name].expr.type.kind == "list":
                    continue  # collections are lowered to aggregates, or read inline from the member lists
                definition = sql.definition_sql(name, scope)
                if sql.take_errors() != "FALSE":
                    continue  # a definition that can fail is judged inline, where it is used
                level += 1
                column = ident(f"#def{level}")
                query = f"SELECT *, {definition} AS {column} FROM ({query}) AS h"
                sql.columns[(name, day)] = f"h.{column}"
            value = sql.value(expression, scope)
            errors = sql.take_errors()
            level += 1
            column = ident(f"#x{level}")
            ok = 'h."#ok"'
            new_ok = ok if gate is None else f"({ok} AND {gate.format(value=f'h.{column}')})"
            query = (f"SELECT * REPLACE ({new_ok} AS \"#ok\", (h.\"#err\" OR ({ok} AND {errors})) AS \"#err\") "
                     f"FROM (SELECT *, {value} AS {column} FROM ({query}) AS h) AS h "
                     f"WHERE {new_ok} OR h.\"#err\" OR ({ok} AND {errors})")
            return f"{column}"

        if a.contract is not None:
            add(a.contract, f"(({{value}}) IS NOT NULL AND ({{value}}) <= {day})")
        for c in a.conditions[len(hoisted):]:
            add(c.expr, "({value}) IS TRUE")
        for c in a.exceptions:
            add(c.expr, "({value}) IS NOT TRUE")
        for condition in suspensions:
            query = f"SELECT * REPLACE (h.\"#ok\" AND {condition} AS \"#ok\") FROM ({query}) AS h"
        amount = "NULL::DECIMAL(18,2)"
        if a.amount is not None:
            column = add(a.amount, None)
            amount = money(f"h.{column}")
            amount_error = f'(h."#ok" AND {amount} IS NULL)'  # missing, or more than money holds
            query = f"SELECT * REPLACE (h.\"#err\" OR {amount_error} AS \"#err\") FROM ({query}) AS h"
        sid = f'(h."#s").{PID}' if a.subject is not None else "NULL::VARCHAR"
        select = (f"SELECT h.{HID} AS hid, {sid} AS sid, h.\"#d\" AS d, h.\"#ok\" AS paid, "
                  f"CASE WHEN h.\"#ok\" THEN {amount} END AS amount, h.\"#err\" AS err FROM ({query}) AS h")
        for side in side_errors:
            select += (f" UNION ALL SELECT hid, NULL::VARCHAR, NULL::DATE, FALSE, NULL::DECIMAL(18,2), TRUE "
                       f"FROM ({side})")
        self._note(sql)
        if isinstance(schedule, ir.PerEvent):
            capped = "paid"
            if schedule.cap is not None:
                capped = (f"paid AND row_number() OVER (PARTITION BY hid, sid, year(d), paid ORDER BY d) "
                          f"<= {schedule.cap}")
            select = f"SELECT hid, sid, d, ({capped}) AS paid, amount, err FROM ({select})"
            select = f"SELECT * FROM ({select}) WHERE d >= {_d(period.start)} OR err"
        return f"CREATE OR REPLACE TEMP TABLE {self.table(a)} AS {select}"

    @staticmethod
    def _subject_on(sql: SqlCompiler, subject: ir.Subject, tests: list[ir.Lambda] | None) -> tuple[str, str]:
        """Whether the person of a unit (`#s`) is in the `for each` collection on the unit's day (`#d`),
        and the condition under which that fails: by the collection's tests on the person when it is
        lowered, else by looking for the person in the collection computed on that day."""
        day, person = Scope('h."#d"'), 'h."#s"'
        if tests is not None:
            parts = [f"({sql.value(t.body, day.bind(t.var, person))}) IS TRUE" for t in tests]
            return " AND ".join(parts) or "TRUE", sql.take_errors()
        x = sql.fresh()
        members = sql.value(subject.collection, day)
        return (f"list_contains(list_transform({members}, lambda {x}: {x}.{PID}), ({person}).{PID})",
                sql.take_errors())

    def _hoisted(self, a: ir.Benefit, sql: SqlCompiler) -> list[str]:
        """The first conditions of a periodic benefit that read only the household's own fields and
        cannot fail: judged once per household, before its units are listed (the same for every unit)."""
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
        """The households where some article failed in SQL, each once (an article flags every unit)."""
        parts = [f"SELECT hid FROM {self.table(a)} WHERE err" for a in self.charter.articles
                 if isinstance(a, (ir.Veto, ir.Obligation, ir.Benefit))]
        return f"SELECT DISTINCT hid FROM ({' UNION ALL '.join(parts)})" if parts else \
            "SELECT NULL::VARCHAR AS hid WHERE FALSE"

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
        joins = ""
        for i, o in enumerate(obligations):
            s = f"o{i}"
            joins += f" LEFT JOIN {self.table(o)} AS {s} ON {s}.hid = h.{HID}"
            status_parts.append(
                f"{text(o.id)}, (CASE {s}.status "
                f"WHEN 'pending' THEN json_object('status', 'pending', 'due', strftime({s}.due, '%Y-%m-%d')) "
                f"WHEN 'fulfilled' THEN json_object('status', 'fulfilled', 'on', strftime({s}.act, '%Y-%m-%d')) "
                f"WHEN 'breached' THEN CASE WHEN {s}.cured IS NULL THEN json_object('status', 'breached', 'since', strftime({s}.since, '%Y-%m-%d')) "
                f"ELSE json_object('status', 'breached', 'since', strftime({s}.since, '%Y-%m-%d'), 'cured_on', strftime({s}.cured, '%Y-%m-%d')) END "
                f"ELSE json_object('status', 'not_applicable') END)")
        obligations_json = f"json_object({', '.join(status_parts)})" if status_parts else "'{}'::JSON"
        return f"""
WITH units AS ({units}),
cash AS (SELECT hid, benefit, sum(amount) AS amount FROM units WHERE amount IS NOT NULL
         GROUP BY hid, benefit HAVING sum(amount) <> 0),
cash_json AS (SELECT hid, {_object('benefit', 'CAST(amount AS VARCHAR)')} AS cash, sum(amount) AS total
              FROM cash GROUP BY hid),
grants AS (SELECT hid, to_json(list(json_object('benefit', benefit, 'member', sid, 'on', strftime(d, '%Y-%m-%d'))
                  ORDER BY d, benefit, coalesce(sid, ''))) AS in_kind, count(*) AS n
           FROM units WHERE amount IS NULL GROUP BY hid),
pen AS (SELECT hid, {_object('obligation', 'CAST(penalty AS VARCHAR)')} AS penalties, sum(penalty) AS total
        FROM ({penalties}) GROUP BY hid)
SELECT h.{HID} AS household, {text(period.text)} AS period,
       coalesce(c.cash, '{{}}'::JSON) AS cash,
       CAST(coalesce(c.total, 0)::DECIMAL(38,2) AS VARCHAR) AS total_cash,
       coalesce(g.in_kind, '[]'::JSON) AS in_kind,
       coalesce(p.penalties, '{{}}'::JSON) AS penalties,
       {obligations_json} AS obligations,
       CAST(coalesce(p.total, 0)::DECIMAL(38,2) AS VARCHAR) AS penalties_total,
       '[]'::JSON AS amount_unknown,
       coalesce(c.total, 0)::DECIMAL(38,2) AS cash_amount,
       coalesce(p.total, 0)::DECIMAL(38,2) AS penalty_amount,
       coalesce(g.n, 0) AS grants
FROM hh AS h LEFT JOIN cash_json AS c ON c.hid = h.{HID} LEFT JOIN grants AS g ON g.hid = h.{HID}
LEFT JOIN pen AS p ON p.hid = h.{HID}{joins}
WHERE h.{HID} NOT IN (SELECT hid FROM errors)
ORDER BY h.{HID}
"""


def money(value: str) -> str:
    """SQL of an amount to pay, exact to the fen (half up); NULL when missing or beyond what money holds
    (16 digits before the point), where the household evaluator fails (totals may be larger)."""
    return f"TRY_CAST(round(TRY_CAST({value} AS DECIMAL(38,10)), 2) AS DECIMAL(18,2))"


def _object(key: str, value: str) -> str:
    """An aggregate: a JSON object of the group's rows, keys sorted as the household evaluator sorts them
    (`json_group_object` takes them in whatever order the rows come)."""
    return (f"CAST('{{' || string_agg(CAST(to_json({key}) AS VARCHAR) || ':' || CAST(to_json({value}) AS VARCHAR), "
            f"',' ORDER BY {key}) || '}}' AS JSON)")
