"""How the results of `charter eval` are shown: the table, the summary lines, the summary as JSON."""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import Any

from ... import ir
from ...charter import Charter
from ...common.text import printable
from ...ir.printer import payer_text
from ...records import RecordIssue
from ...results import add_costs, costs_by_payer, money_text
from ...results.words import STATUS_WORDS
from ...runtime import Period
from .._common import language, say, table
from .outcome import ZERO, Outcome


def summary_lines(args: argparse.Namespace, outcome: Outcome, detailed: bool) -> list[str]:
    """The summary of a run: counts and totals (`detailed`: per article too, and the engine's notes),
    amounts unknown, warnings."""
    total = sum(outcome.cash.values(), ZERO)
    penalties = sum(outcome.penalties.values(), ZERO)
    lines = [say(args, "summary", n=outcome.households, s="" if outcome.households == 1 else "s",
                 e=outcome.evaluated, b=outcome.with_errors,
                 t=money_text(total), pen=money_text(penalties))]
    if detailed:
        lines += [say(args, "article_total", a=article, v=money_text(amount))
                  for article, amount in sorted(outcome.cash.items())]
        lines += [say(args, "penalties_of", a=article, v=money_text(amount))
                  for article, amount in sorted(outcome.penalties.items())]
        lines += cost_lines(args, outcome.costs)
        lines += [f"  {note}" for note in outcome.notes]
    if outcome.unknown:
        units = sum(outcome.unknown.values())
        lines.append(say(args, "amount_unknown", u=units, s="s" if units != 1 else "",
                         h=outcome.households_with_unknown, hs="s" if outcome.households_with_unknown != 1 else "",
                         a=", ".join(f"{a} ({n})" for a, n in sorted(outcome.unknown.items()))))
    if outcome.warnings:
        plural = "s" if outcome.warnings != 1 else ""
        # "every household has a result" only when it is true
        lines.append(say(args, "warnings" if not outcome.with_errors else "warnings_too", w=outcome.warnings,
                         s=plural))
    return lines


def summary_json(outcome: Outcome) -> dict[str, Any]:
    """The summary of a run as JSON-ready data."""
    return {"households": outcome.households, "evaluated": outcome.evaluated, "with_errors": outcome.with_errors,
            "warnings": outcome.warnings, "total_cash": money_text(sum(outcome.cash.values(), ZERO)),
            "penalties": money_text(sum(outcome.penalties.values(), ZERO)),
            "totals": {k: money_text(v) for k, v in sorted(outcome.cash.items())},
            "penalties_by_article": {k: money_text(v) for k, v in sorted(outcome.penalties.items())},
            "amount_unknown": dict(sorted(outcome.unknown.items())),
            "households_with_unknown_amounts": outcome.households_with_unknown,
            **_costs_json(outcome.costs), **outcome.extra}


def cost_lines(args: argparse.Namespace, costs: dict[str, dict[str, Decimal]]) -> list[str]:
    """What each benefit costs and who bears it, then what each payer bears in all (its bill)."""
    language_of = language(args)
    lines = []
    for article, payers in costs.items():
        shares = say(args, "shares").join(say(args, "share", p=payer_text(p, language_of), v=money_text(v))
                                          for p, v in payers.items())
        lines.append(say(args, "cost_of", a=article, v=money_text(sum(payers.values(), ZERO)), s=shares))
    lines += [say(args, "bill", p=payer_text(p, language_of), v=money_text(v))
              for p, v in costs_by_payer(costs).items()]
    return lines


def _costs_json(costs: dict[str, dict[str, Decimal]]) -> dict[str, Any]:
    """What each payer bears, by benefit and in all (no key when nobody bears any cost)."""
    if not costs:
        return {}
    return {"costs": {a: {p: money_text(v) for p, v in payers.items()} for a, payers in costs.items()},
            "costs_by_payer": {p: money_text(v) for p, v in costs_by_payer(costs).items()}}


def issue_text(issue: RecordIssue) -> str:
    """An issue of a record as printed, control characters from data escaped."""
    return printable(str(issue))


def results_table(args: argparse.Namespace, charter: Charter, period: Period, rows: list[dict[str, Any]]) -> str:
    """The results as a table: a line per household, a column per benefit paid and per obligation, totals."""
    benefits = [a.id for a in charter.ir.articles if a.kind == "benefit" and any(a.id in r["cash"] for r in rows)]
    obligations = [a.id for a in charter.ir.articles if a.kind == "obligation"]
    unknown = any(r.get("amount_unknown") for r in rows)
    head = [say(args, "household"), *benefits, say(args, "total_cash"), say(args, "in_kind"), say(args, "penalties"),
            *obligations, *([say(args, "unknown_column")] if unknown else [])]
    lines = [head]
    status_words = STATUS_WORDS[language(args)]
    cash_total = penalty_total = ZERO
    by_benefit = dict.fromkeys(benefits, ZERO)
    grants = 0
    for r in rows:
        penalties = sum((Decimal(v) for v in r["penalties"].values()), ZERO)
        for b in benefits:
            by_benefit[b] += Decimal(r["cash"].get(b, "0"))
        cash_total += Decimal(r["total_cash"])
        penalty_total += penalties
        grants += len(r["in_kind"])
        lines.append([
            r["household"],
            *[r["cash"].get(b, "") for b in benefits],
            r["total_cash"],
            str(len(r["in_kind"])) if r["in_kind"] else "",
            money_text(penalties) if r["penalties"] else "",
            *[status_words.cell(r["obligations"].get(o)) for o in obligations],
            *([", ".join(sorted({u["benefit"] for u in r.get("amount_unknown", [])}))] if unknown else []),
        ])
    lines.append([say(args, "total"), *[money_text(by_benefit[b]) for b in benefits], money_text(cash_total),
                  str(grants), money_text(penalty_total), *["" for _ in obligations], *([""] if unknown else [])])
    title = say(args, "title", c=charter.id, t=charter.title, p=period, n=len(rows), s="" if len(rows) == 1 else "s")
    costs = _cost_table(args, charter, rows)
    return title + "\n\n" + table(lines, right=set(range(1, len(benefits) + 4))) + (f"\n\n{costs}" if costs else "")


def _cost_table(args: argparse.Namespace, charter: Charter, rows: list[dict[str, Any]]) -> str:
    """What each benefit that says who bears its cost cost, by payer, and what each payer bears in all (a
    table after the results; none when nobody bears any cost)."""
    costs: dict[str, dict[str, Decimal]] = {}
    for r in rows:
        for article, payers in r.get("costs", {}).items():
            add_costs(costs, article, ((p, Decimal(v)) for p, v in payers.items()))
    if not costs:
        return ""
    bill = costs_by_payer(costs)
    payers = [p for p in ir.PAYERS if any(p in by for by in costs.values())]
    head = [say(args, "costs_title"), *(payer_text(p, language(args)) for p in payers), say(args, "total")]
    lines = [head]
    for article in (a.id for a in charter.ir.articles if a.id in costs):
        by = costs[article]
        lines.append([article, *(money_text(by[p]) if p in by else "" for p in payers),
                      money_text(sum(by.values(), ZERO))])
    lines.append([say(args, "total"), *(money_text(bill.get(p, ZERO)) for p in payers),
                  money_text(sum(bill.values(), ZERO))])
    return table(lines, right=set(range(1, len(payers) + 2)))
