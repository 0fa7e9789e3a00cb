"""What an evaluation gives: amounts, grants, penalties, statuses and verdicts, with their reasons."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from ..runtime.calendar import Period


def money_text(amount: Decimal) -> str:
    """An amount as households.md writes it: a decimal string with two places."""
    return f"{amount:.2f}"


@attrs.frozen
class Check:
    """One condition of a unit and its value on the judged day (None: unknown)."""

    kind: str  # "when", "unless", "contract"
    index: int
    value: bool | None


@attrs.frozen
class CellRead:
    """A cell of a table that an amount read: the table, the cell's keys, its value and the day that value
    started (None: the table's values have no days)."""

    table: str
    keys: tuple[str | bool, ...]
    value: Any
    since: dt.date | None


@attrs.frozen
class Unit:
    """One unit of a benefit (a month, a term day, a payment day, an event) and what came of it."""

    benefit: str
    member: str | None
    day: dt.date
    unit_start: dt.date
    unit_end: dt.date
    paid: bool
    amount: Decimal | None
    reason: str  # paid, not_in_force, vetoed, no_contract, condition_false, exception, suspended, cap_reached
    detail: str = ""
    checks: tuple[Check, ...] = ()
    cells: tuple[CellRead, ...] = ()
    """When explained, the cells of tables its amount read."""
    cost: Decimal | None = None
    """Of a paid unit of a benefit that says who bears its cost: what the unit costs."""
    costs: tuple[tuple[str, Decimal], ...] = ()
    """Who bears the cost, once the takeovers are applied: each payer's part (those of nothing left out),
    in the order of `ir.PAYERS`."""
    takeovers: tuple[Check, ...] = ()
    """When explained, the takeovers of shares judged for the unit (kind `takeover`, the index of the
    split's takeover) and their values."""

    def to_json(self) -> dict[str, Any]:
        """The unit as JSON-ready data."""
        data: dict[str, Any] = {
            "benefit": self.benefit,
            "member": self.member,
            "day": self.day.isoformat(),
            "unit": [self.unit_start.isoformat(), self.unit_end.isoformat()],
            "paid": self.paid,
            "reason": self.reason,
        }
        if self.amount is not None:
            data["amount"] = money_text(self.amount)
        if self.detail:
            data["detail"] = self.detail
        if self.checks:
            data["conditions"] = [{"kind": c.kind, "index": c.index, "value": c.value} for c in self.checks]
        if self.cost is not None:
            data["cost"] = money_text(self.cost)
            data["costs"] = {payer: money_text(v) for payer, v in self.costs}
        return data


@attrs.frozen
class Grant:
    """An in-kind grant: which benefit, to whom, on which day."""

    benefit: str
    member: str | None
    on: dt.date

    def to_json(self) -> dict[str, Any]:
        """The grant as households.md writes it."""
        return {"benefit": self.benefit, "member": self.member, "on": self.on.isoformat()}


@attrs.frozen
class UnknownAmount:
    """A unit of a benefit that is due but whose amount could not be computed, and the values it lacks."""

    benefit: str
    member: str | None
    day: dt.date
    missing: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The unit as JSON-ready data."""
        return {"benefit": self.benefit, "member": self.member, "day": self.day.isoformat(),
                "missing": list(self.missing)}


@attrs.frozen
class ObligationStatus:
    """An obligation's status as of a day, with the days that explain it."""

    obligation: str
    status: str  # not_applicable, pending, fulfilled, breached
    due: dt.date | None = None
    on: dt.date | None = None
    since: dt.date | None = None
    cured_on: dt.date | None = None
    trigger: dt.date | None = None
    penalty: Decimal | None = None
    penalty_due: dt.date | None = None
    reason: str = ""
    checks: tuple[Check, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The status as households.md writes it."""
        data: dict[str, Any] = {"status": self.status}
        if self.status == "pending":
            data["due"] = _iso(self.due)
        elif self.status == "fulfilled":
            data["on"] = _iso(self.on)
        elif self.status == "breached":
            data["since"] = _iso(self.since)
            if self.cured_on is not None:
                data["cured_on"] = self.cured_on.isoformat()
        return data


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


@attrs.frozen
class Result:
    """Everything a household gets and owes in a period."""

    household: str
    period: Period
    cash: dict[str, Decimal] = attrs.field(hash=False)
    in_kind: tuple[Grant, ...]
    penalties: dict[str, Decimal] = attrs.field(hash=False)
    obligations: dict[str, ObligationStatus] = attrs.field(hash=False)
    units: tuple[Unit, ...] = attrs.field(default=(), eq=False)
    amount_unknown: tuple[UnknownAmount, ...] = ()
    """The units due in the period whose amount could not be computed (not in `cash`)."""
    costs: dict[str, dict[str, Decimal]] = attrs.field(factory=dict, hash=False)
    """Of the benefits that say who bears their cost: by benefit, what each payer bears of the units paid
    in the period (payers of nothing left out; in the order of `ir.PAYERS`)."""

    @classmethod
    def of(cls, household: str, period: Period, cash: dict[str, Decimal], in_kind: tuple[Grant, ...],
           penalties: dict[str, Decimal], obligations: dict[str, ObligationStatus],
           amount_unknown: tuple[UnknownAmount, ...] = (), costs: dict[str, dict[str, Decimal]] | None = None
           ) -> Result:
        """A result without units, built without the generic initialiser (the evaluator's fast path)."""
        result = _new(cls)
        _set_household(result, household)
        _set_period(result, period)
        _set_cash(result, cash)
        _set_in_kind(result, in_kind)
        _set_penalties(result, penalties)
        _set_obligations(result, obligations)
        _set_units(result, ())
        _set_unknown(result, amount_unknown)
        _set_costs(result, costs if costs is not None else {})
        return result

    @property
    def total_cash(self) -> Decimal:
        """The sum of all cash benefits of the period."""
        return sum(self.cash.values(), Decimal("0.00"))

    def to_json(self) -> dict[str, Any]:
        """The result exactly in the format of households.md, and `amount_unknown` when a unit's amount
        could not be computed."""
        data = {
            "household": self.household,
            "period": self.period.text,
            "cash": {k: money_text(v) for k, v in sorted(self.cash.items())},
            "total_cash": money_text(self.total_cash),
            "in_kind": [g.to_json() for g in self.in_kind],
            "penalties": {k: money_text(v) for k, v in sorted(self.penalties.items())},
            "obligations": {k: v.to_json() for k, v in self.obligations.items()},
        }
        if self.amount_unknown:
            data["amount_unknown"] = [u.to_json() for u in self.amount_unknown]
        if self.costs:
            data["costs"] = {benefit: {payer: money_text(v) for payer, v in by_payer.items()}
                             for benefit, by_payer in sorted(self.costs.items())}
        return data


_new = object.__new__
(_set_household, _set_period, _set_cash, _set_in_kind, _set_penalties, _set_obligations, _set_units,
 _set_unknown, _set_costs) = (
    Result.__dict__[f.name].__set__ for f in attrs.fields(Result))


@attrs.frozen
class Verdict:
    """An eligibility verdict for one person (or the household) on a day."""

    eligibility: str
    subject: str
    on: dt.date
    eligible: bool
    failed: tuple[str, ...]
    values: tuple[tuple[str, bool | None], ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The verdict in the shape of `expect_eligibility` members."""
        return {"eligible": self.eligible, "failed": list(self.failed)}
