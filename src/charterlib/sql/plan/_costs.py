"""Who bears the cost of each unit of a benefit paid, in SQL: the unit's cost, the payers' shares and the
takeovers, as columns of the benefit's units (one per payer, `c_<payer>`), and the rows of what each payer
bears that the results and their totals add up.

Where shares do not add up to what they share, or an amount is missing, the unit is flagged in error
(`err`): the household evaluator, which the runner then uses for the household, says why."""

from __future__ import annotations

from collections.abc import Callable

from ... import ir
from ..text import ident, text
from ._common import Planning, money

__all__ = ["COLUMNS", "bear", "borne_rows", "columns"]

COLUMNS = {payer: f"c_{payer}" for payer in ir.PAYERS}
"""The column of a benefit's units holding what a payer bears of each (NULL: the unit is not paid)."""

Column = Callable[[ir.Expr], str]
"""Adds a column computing an expression to the units (its errors flagging the units payable) and gives
its name."""


def columns(a: ir.Benefit) -> list[str]:
    """The payer columns of a benefit's units (none when it says nothing of its cost)."""
    return [ident(COLUMNS[p]) for p in a.split.payers()] if a.split is not None else []


def bear(a: ir.Benefit, column: Column, amount: str) -> tuple[list[str], str]:
    """What each payer bears of a unit (`h."#ok"`: paid), as SQL over the columns `column` adds (`amount`:
    the amount paid, for cash), and the condition flagging a unit paid whose split cannot be made."""
    split = a.split
    assert split is not None
    cost = money(f"h.{column(a.cost)}") if a.cost is not None else amount
    shares: dict[str, str] = {}
    for s in split.shares:
        shares[s.payer] = money(f"h.{column(s.amount)}") if s.amount is not None else cost
    failing = [f"({cost}) IS NULL", *(f"({v}) IS NULL" for v in shares.values()),
               f"({' + '.join(shares.values()) or '0'}) <> ({cost})"]
    moved: dict[str, list[str]] = {}
    taken: dict[str, list[str]] = {}
    earlier: dict[str, list[str]] = {}
    for t in split.takeovers:
        holds = f"(h.{column(t.condition.expr)}) IS TRUE"
        active = " AND ".join([*(f"NOT {e}" for e in earlier.get(t.payer, [])), holds])
        earlier.setdefault(t.payer, []).append(holds)
        taken.setdefault(t.payer, []).append(holds)
        share = shares.get(t.payer, "NULL")
        parts = [(s.payer, money(f"h.{column(s.amount)}") if s.amount is not None else share) for s in t.takers]
        for payer, part in parts:
            moved.setdefault(payer, []).append(f"CASE WHEN {active} THEN {part} ELSE 0 END")
        wrong = " OR ".join([*(f"({p}) IS NULL" for _, p in parts), f"({' + '.join(p for _, p in parts)}) <> ({share})"])
        failing.append(f"({active}) AND ({wrong})")
    borne = []
    for payer in split.payers():
        kept = shares.get(payer)
        terms = [f"CASE WHEN {' OR '.join(taken[payer])} THEN 0 ELSE {kept} END" if kept and payer in taken
                 else kept or "0", *moved.get(payer, [])]
        borne.append(f"CASE WHEN h.\"#ok\" THEN CAST(({' + '.join(terms)}) AS DECIMAL(38,2)) END "
                     f"AS {ident(COLUMNS[payer])}")
    return borne, f"h.\"#ok\" AND coalesce({' OR '.join(f'({f})' for f in failing)}, TRUE)"


def borne_rows(ctx: Planning) -> str:
    """What each payer bears of each unit paid: household, benefit, payer, its rank in `ir.PAYERS` and the
    amount (NULL or 0 where it bears nothing), for the results and the totals."""
    parts = []
    for a in ctx.charter.articles:
        if isinstance(a, ir.Benefit) and a.split is not None:
            for payer in a.split.payers():
                parts.append(f"SELECT hid, {text(a.id)} AS benefit, {text(payer)} AS payer, "
                             f"{ir.PAYERS.index(payer)} AS rank, {ident(COLUMNS[payer])} AS amount "
                             f"FROM {ctx.table(a)} WHERE paid")
    return " UNION ALL ".join(parts) or ("SELECT NULL::VARCHAR AS hid, NULL::VARCHAR AS benefit, NULL::VARCHAR AS "
                                         "payer, 0 AS rank, NULL::DECIMAL(38,2) AS amount WHERE FALSE")
