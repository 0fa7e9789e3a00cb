"""The running counts and totals of a batch run, added to chunk by chunk, whichever engine judged."""

from __future__ import annotations

from decimal import Decimal

from ..results import Result, add_costs, costs_of
from ._summary import BatchSummary

_ZERO = Decimal("0.00")


class Tally:
    """What a run has done so far: households evaluated (and how), cash and penalties by article."""

    def __init__(self) -> None:
        self.totals: dict[str, Decimal] = {}
        self.penalties: dict[str, Decimal] = {}
        self.costs: dict[str, dict[str, Decimal]] = {}
        self.unknown: dict[str, int] = {}
        self.evaluated = self.one_by_one = self.with_unknown = self.beyond_sql = 0

    def cash(self, benefit: str, amount: Decimal) -> None:
        """Add cash paid under a benefit."""
        self.totals[benefit] = self.totals.get(benefit, _ZERO) + amount

    def penalty(self, obligation: str, amount: Decimal) -> None:
        """Add a penalty falling due under an obligation."""
        self.penalties[obligation] = self.penalties.get(obligation, _ZERO) + amount

    def cost(self, benefit: str, payer: str, amount: Decimal) -> None:
        """Add what a payer bears of the cost of a benefit."""
        add_costs(self.costs, benefit, ((payer, amount),))

    def result(self, result: Result) -> None:
        """Add what the household evaluator found for one household."""
        for benefit, amount in result.cash.items():
            self.cash(benefit, amount)
        for obligation, amount in result.penalties.items():
            self.penalty(obligation, amount)
        for benefit, by_payer in result.costs.items():
            add_costs(self.costs, benefit, by_payer.items())
        for unit in result.amount_unknown:
            self.unknown[unit.benefit] = self.unknown.get(unit.benefit, 0) + 1
        self.with_unknown += 1 if result.amount_unknown else 0

    def summary(self, households: int, failed: int, unsupported: tuple[tuple[str, str], ...], seconds: float,
                warnings: int) -> BatchSummary:
        """The summary of the run."""
        return BatchSummary(households, self.evaluated, failed, self.one_by_one, unsupported, self.totals,
                            self.penalties, seconds, self.unknown, self.with_unknown, warnings, self.beyond_sql,
                            costs_of(self.costs))
