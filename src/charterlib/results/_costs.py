"""What payers bear of the costs of benefits, added up: by benefit and payer, and by payer alone, in the
order of `ir.PAYERS` (payers of nothing left out)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from .. import ir

Costs = dict[str, dict[str, Decimal]]
"""By benefit, what each payer bears."""

_RANK = {payer: i for i, payer in enumerate(ir.PAYERS)}
_ZERO = Decimal("0.00")


def add_costs(costs: Costs, benefit: str, borne: Iterable[tuple[str, Decimal]]) -> None:
    """Add what some payers bear of a benefit's cost."""
    by_payer = costs.setdefault(benefit, {})
    for payer, amount in borne:
        by_payer[payer] = by_payer.get(payer, _ZERO) + amount


def costs_of(costs: Mapping[str, Mapping[str, Decimal]]) -> Costs:
    """Costs as results and summaries give them: benefits by id, payers in the order of `ir.PAYERS`, payers
    of nothing and benefits of no cost left out."""
    found = {}
    for benefit in sorted(costs):
        payers = costs[benefit]
        kept = {p: payers[p] for p in sorted(payers, key=_RANK.__getitem__) if payers[p]}
        if kept:
            found[benefit] = kept
    return found


def costs_by_payer(costs: Mapping[str, Mapping[str, Decimal]]) -> dict[str, Decimal]:
    """What each payer bears of all the benefits' costs, in the order of `ir.PAYERS` (those of nothing left
    out): a payer's bill."""
    total: dict[str, Decimal] = {}
    for payers in costs.values():
        for payer, amount in payers.items():
            total[payer] = total.get(payer, _ZERO) + amount
    return {p: total[p] for p in sorted(total, key=_RANK.__getitem__) if total[p]}
