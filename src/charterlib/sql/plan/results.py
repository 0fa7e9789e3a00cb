"""The queries that assemble a plan's results: the households in error, and each household's result
in the format of households.md, from the tables of its articles."""

from __future__ import annotations

from ... import ir
from ...runtime import Period
from ..text import HID, text
from ._common import Planning, day
from ._costs import borne_rows

__all__ = ["borne", "errors", "paid", "penalties", "results"]


def errors(ctx: Planning) -> str:
    """The households where some article failed in SQL, each once (an article flags every unit)."""
    parts = [f"SELECT hid FROM {ctx.table(a)} WHERE err" for a in ctx.charter.articles
             if isinstance(a, (ir.Veto, ir.Obligation, ir.Benefit))]
    return f"SELECT DISTINCT hid FROM ({' UNION ALL '.join(parts)})" if parts else \
        "SELECT NULL::VARCHAR AS hid WHERE FALSE"


def results(ctx: Planning, period: Period) -> str:
    """The query of each household's result, in the format of households.md (its JSON columns)."""
    benefits = [a for a in ctx.charter.articles if isinstance(a, ir.Benefit)]
    obligations = [a for a in ctx.charter.articles if isinstance(a, ir.Obligation)]
    units = " UNION ALL ".join(
        f"SELECT hid, {text(b.id)} AS benefit, sid, d, amount FROM {ctx.table(b)} WHERE paid"
        for b in benefits) or "SELECT NULL::VARCHAR AS hid, NULL AS benefit, NULL AS sid, NULL::DATE AS d, NULL::DECIMAL(18,2) AS amount WHERE FALSE"
    status_parts = []
    joins = ""
    for i, o in enumerate(obligations):
        s = f"o{i}"
        if o.subject is None:
            joins += f" LEFT JOIN {ctx.table(o)} AS {s} ON {s}.hid = h.{HID}"
            status_parts.append(f"{text(o.id)}, {_status(s, o.late.unit if o.late is not None else None)}")
            continue
        # an obligation with `for each`: its status and each instance's, by trigger day
        joins += (f" LEFT JOIN (SELECT hid, CASE WHEN bool_or(status = 'breached') THEN 'breached' "
                  f"WHEN bool_or(status = 'pending') THEN 'pending' WHEN bool_or(status = 'fulfilled') THEN "
                  f"'fulfilled' ELSE 'not_applicable' END AS status, CAST('{{' || string_agg(CAST(to_json(k) AS "
                  f"VARCHAR) || ':' || CAST({_status('i', o.late.unit if o.late is not None else None)} AS VARCHAR), ',' ORDER BY t, k) "
                  f"|| '}}' AS JSON) AS instances FROM {ctx.table(o)} AS i WHERE inst GROUP BY hid) AS {s} "
                  f"ON {s}.hid = h.{HID}")
        status_parts.append(f"{text(o.id)}, json_object('status', coalesce({s}.status, 'not_applicable'), "
                            f"'instances', coalesce({s}.instances, '{{}}'::JSON))")
    obligations_json = f"json_object({', '.join(status_parts)})" if status_parts else "'{}'::JSON"
    costs, costs_column, costs_join = "", "", ""
    if ctx.charter.costed:  # what each payer bears, by benefit (a column of these results only)
        costs = f""",
borne AS (SELECT hid, benefit, payer, rank, sum(amount) AS amount FROM ({borne_rows(ctx)})
      GROUP BY hid, benefit, payer, rank HAVING sum(amount) <> 0),
borne_of AS (SELECT hid, benefit, '{{' || string_agg(CAST(to_json(payer) AS VARCHAR) || ':' ||
          CAST(to_json(CAST(amount AS VARCHAR)) AS VARCHAR), ',' ORDER BY rank) || '}}' AS payers
      FROM borne GROUP BY hid, benefit),
costs_json AS (SELECT hid, CAST('{{' || string_agg(CAST(to_json(benefit) AS VARCHAR) || ':' || payers, ','
          ORDER BY benefit) || '}}' AS JSON) AS costs FROM borne_of GROUP BY hid)"""
        costs_column = "\n   coalesce(k.costs, '{}'::JSON) AS costs,"
        costs_join = f" LEFT JOIN costs_json AS k ON k.hid = h.{HID}"
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
    FROM ({penalties(ctx, period)}) GROUP BY hid){costs}
SELECT h.{HID} AS household, {text(period.text)} AS period,
   coalesce(c.cash, '{{}}'::JSON) AS cash,
   CAST(coalesce(c.total, 0)::DECIMAL(38,2) AS VARCHAR) AS total_cash,
   coalesce(g.in_kind, '[]'::JSON) AS in_kind,
   coalesce(p.penalties, '{{}}'::JSON) AS penalties,
   {obligations_json} AS obligations,
   CAST(coalesce(p.total, 0)::DECIMAL(38,2) AS VARCHAR) AS penalties_total,
   '[]'::JSON AS amount_unknown,{costs_column}
   coalesce(c.total, 0)::DECIMAL(38,2) AS cash_amount,
   coalesce(p.total, 0)::DECIMAL(38,2) AS penalty_amount,
   coalesce(g.n, 0) AS grants
FROM hh AS h LEFT JOIN cash_json AS c ON c.hid = h.{HID} LEFT JOIN grants AS g ON g.hid = h.{HID}
LEFT JOIN pen AS p ON p.hid = h.{HID}{costs_join}{joins}
WHERE h.{HID} NOT IN (SELECT hid FROM errors)
ORDER BY h.{HID}
"""


def _status(s: str, late: str | None) -> str:
    """The JSON of a status (of a row of an obligation's table, alias `s`), as households.md writes it;
    with a penalty per delay (`late`: its unit), a breach has the days or months late, the accrued total and
    whether the cap is reached."""
    more = ""
    if late is not None:
        more = (f", '{late}s_late', {s}.late, 'accrued', CAST({s}.accrued AS VARCHAR), "
                f"'cap_reached', {s}.capped")
    return (f"(CASE {s}.status "
            f"WHEN 'pending' THEN json_object('status', 'pending', 'due', strftime({s}.due, '%Y-%m-%d')) "
            f"WHEN 'fulfilled' THEN json_object('status', 'fulfilled', 'on', strftime({s}.act, '%Y-%m-%d')) "
            f"WHEN 'breached' THEN CASE WHEN {s}.cured IS NULL THEN json_object('status', 'breached', 'since', strftime({s}.since, '%Y-%m-%d'){more}) "
            f"ELSE json_object('status', 'breached', 'since', strftime({s}.since, '%Y-%m-%d'), 'cured_on', strftime({s}.cured, '%Y-%m-%d'){more}) END "
            f"ELSE json_object('status', 'not_applicable') END)")


def _object(key: str, value: str) -> str:
    """An aggregate: a JSON object of the group's rows, keys sorted as the household evaluator sorts them
    (`json_group_object` takes them in whatever order the rows come)."""
    return (f"CAST('{{' || string_agg(CAST(to_json({key}) AS VARCHAR) || ':' || CAST(to_json({value}) AS VARCHAR), "
            f"',' ORDER BY {key}) || '}}' AS JSON)")


def paid(ctx: Planning) -> str:
    """The units paid in cash or kind: household, benefit and amount (NULL in kind), for the totals."""
    parts = [f"SELECT hid, {text(a.id)} AS benefit, amount FROM {ctx.table(a)} WHERE paid"
             for a in ctx.charter.articles if isinstance(a, ir.Benefit)]
    return " UNION ALL ".join(parts) or "SELECT NULL AS hid, NULL AS benefit, NULL AS amount WHERE FALSE"


def borne(ctx: Planning) -> str:
    """What each payer bears of each unit paid (household, benefit, payer, rank, amount), for the totals."""
    return borne_rows(ctx)


def penalties(ctx: Planning, period: Period) -> str:
    """The penalties due in the period: household, obligation and amount, for the totals."""
    parts = []
    for a in ctx.charter.articles:
        if not isinstance(a, ir.Obligation):
            continue
        if a.subject is None and a.late is None:
            parts.append(f"SELECT hid, {text(a.id)} AS obligation, penalty FROM {ctx.table(a)} WHERE penalty IS NOT NULL "
                         f"AND penalty <> 0 AND penalty_due BETWEEN {day(period.start)} AND {day(period.end)}")
        else:  # what falls due in the period (accrues in it, for a penalty per delay), of every instance
            inst = "inst AND " if a.subject is not None else ""
            parts.append(f"SELECT hid, {text(a.id)} AS obligation, sum(penalty_in) AS penalty FROM {ctx.table(a)} "
                         f"WHERE {inst}penalty_in IS NOT NULL GROUP BY hid HAVING sum(penalty_in) <> 0")
    return " UNION ALL ".join(parts) or \
        "SELECT NULL::VARCHAR AS hid, NULL AS obligation, NULL::DECIMAL(18,2) AS penalty WHERE FALSE"
