"""What a batch run did, as text and as data."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from ..results import costs_by_payer


@attrs.frozen
class BatchSummary:
    """What a batch run did: households read, evaluated, with errors, totals."""

    households: int
    evaluated: int
    with_errors: int
    one_by_one: int
    one_by_one_articles: tuple[tuple[str, str], ...]
    totals: dict[str, Decimal] = attrs.field(hash=False)
    penalties_by_article: dict[str, Decimal] = attrs.field(hash=False)
    seconds: float = 0.0
    amount_unknown: dict[str, int] = attrs.field(factory=dict, hash=False)
    """Per benefit, the units due whose amount could not be computed (each household's `amount_unknown`)."""
    households_with_unknown_amounts: int = 0
    warnings: int = 0
    """Warnings about the register (a field or column the charter does not know, a column given twice):
    nothing was lost, but something needs a look."""
    beyond_sql: int = 0
    """Households evaluated one by one because their chunk held numbers beyond what SQL holds (64-bit
    whole numbers, DECIMAL(38)); included in `one_by_one`."""
    costs: dict[str, dict[str, Decimal]] = attrs.field(factory=dict, hash=False)
    """Per benefit that says who bears its cost, what each payer bears of it (see `results.costs_of`)."""

    @property
    def costs_by_payer(self) -> dict[str, Decimal]:
        """What each payer bears of all the costs, in the order of `ir.PAYERS`."""
        return costs_by_payer(self.costs)

    @property
    def total_cash(self) -> Decimal:
        """All cash of all households."""
        return sum(self.totals.values(), Decimal("0.00"))

    @property
    def penalties(self) -> Decimal:
        """All penalties falling due."""
        return sum(self.penalties_by_article.values(), Decimal("0.00"))

    def text(self) -> str:
        """The summary as lines of text."""
        lines = [(f"{self.households} household{'' if self.households == 1 else 's'} read: {self.evaluated} evaluated, {self.with_errors} with "
                  f"errors; total cash {self.total_cash:.2f}, penalties {self.penalties:.2f} "
                  f"({self.seconds:.2f} s).")]
        if self.warnings:
            lines.append(f"  {self.warnings} warning{'s' if self.warnings != 1 else ''} about the register "
                         f"(fields or columns the charter does not know): see the issues.")
        for article, amount in sorted(self.totals.items()):
            lines.append(f"  {article}: {amount:.2f}")
        for article, amount in sorted(self.penalties_by_article.items()):
            lines.append(f"  {article} (penalties): {amount:.2f}")
        lines += cost_lines(self.costs)
        flagged = 0 if self.one_by_one_articles else self.one_by_one - self.beyond_sql
        if flagged:
            lines.append(f"  {_households(flagged)} evaluated one by one by the household "
                         f"evaluator (an article would have failed on them in SQL).")
        if self.beyond_sql and not self.one_by_one_articles:
            lines.append(f"  {_households(self.beyond_sql)} evaluated one by one by the household evaluator "
                         f"(their part of the register held numbers beyond what SQL holds).")
        for article, reason in self.one_by_one_articles:
            what = "the charter" if article == "*" else f"article {article}"
            lines.append(f"  {what} cannot run set-at-a-time ({reason}): every household is evaluated one by one.")
        for article, units in sorted(self.amount_unknown.items()):
            lines.append(f"  {article}: {units} unit{'s' if units != 1 else ''} due but of unknown amount "
                         f"(values missing; see `amount_unknown` in the results), not in the totals.")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """The summary as JSON-ready data."""
        return {"households": self.households, "evaluated": self.evaluated, "with_errors": self.with_errors,
                "warnings": self.warnings, "one_by_one": self.one_by_one,
                "beyond_sql": self.beyond_sql, "total_cash": f"{self.total_cash:.2f}",
                "penalties": f"{self.penalties:.2f}", "totals": {k: f"{v:.2f}" for k, v in sorted(self.totals.items())},
                "penalties_by_article": {k: f"{v:.2f}" for k, v in sorted(self.penalties_by_article.items())},
                "unvectorized_articles": [{"article": a, "reason": r} for a, r in self.one_by_one_articles],
                "amount_unknown": dict(sorted(self.amount_unknown.items())),
                "households_with_unknown_amounts": self.households_with_unknown_amounts,
                **costs_json(self.costs), "seconds": round(self.seconds, 3)}


def _households(n: int) -> str:
    return f"{n} household was" if n == 1 else f"{n} households were"


def cost_lines(costs: Mapping[str, Mapping[str, Decimal]]) -> list[str]:
    """The lines of a summary that say what each benefit costs and who bears it, then each payer's bill."""
    lines = []
    for benefit, payers in costs.items():
        total = sum(payers.values(), Decimal("0.00"))
        shares = ", ".join(f"{payer} {amount:.2f}" for payer, amount in payers.items())
        lines.append(f"  {benefit} (cost): {total:.2f}, borne by {shares}")
    for payer, amount in costs_by_payer(costs).items():
        lines.append(f"  borne by {payer}: {amount:.2f} in all")
    return lines


def costs_json(costs: Mapping[str, Mapping[str, Decimal]]) -> dict[str, Any]:
    """The keys of a summary's JSON that say what each payer bears (none when nobody bears any cost)."""
    if not costs:
        return {}
    return {"costs": {b: {p: f"{v:.2f}" for p, v in payers.items()} for b, payers in costs.items()},
            "costs_by_payer": {p: f"{v:.2f}" for p, v in costs_by_payer(costs).items()}}
