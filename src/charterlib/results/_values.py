"""What an evaluation gives: amounts, grants, penalties, statuses and verdicts, with their reasons."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from ..runtime.calendar import Period, days_from, months_completed


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
class Late:
    """What a penalty for each delay of breach comes to as of the day an obligation is judged: `rate` for
    every `every` days of breach (each day from `since`) or months (each completed month), until the cure
    day (`until`, not itself late) or the judged day, `cap` at most in all."""

    unit: str  # day, month
    every: int
    rate: Decimal
    cap: Decimal
    since: dt.date
    until: dt.date | None
    judged: dt.date

    def late_by(self, day: dt.date) -> int:
        """The days in breach (or months of breach completed) by a day."""
        last = day if self.until is None else min(day, self.until - dt.timedelta(days=1))
        return days_from(self.since, last) if self.unit == "day" else months_completed(self.since, last)

    def accrued_by(self, day: dt.date) -> Decimal:
        """What has accrued by a day, capped."""
        return min(self.cap, self.rate * (self.late_by(day) // self.every))

    @property
    def late(self) -> int:
        """The days in breach (or months completed) by the judged day."""
        return self.late_by(self.judged)

    @property
    def accrued(self) -> Decimal:
        """What has accrued by the judged day, capped."""
        return self.accrued_by(self.judged)

    @property
    def cap_reached(self) -> bool:
        """Whether the accrued penalty has reached its cap."""
        return self.rate * (self.late // self.every) >= self.cap

    def in_period(self, period: Period) -> Decimal:
        """What accrued in a period (judged as of its last day): a year is the sum of its months."""
        before = ZERO if period.start <= self.since else self.accrued_by(period.start - dt.timedelta(days=1))
        return self.accrued - before

    def to_json(self) -> dict[str, Any]:
        """The days (or months) late, the accrued total and whether the cap is reached."""
        return {f"{self.unit}s_late": self.late, "accrued": money_text(self.accrued), "cap_reached": self.cap_reached}


ZERO = Decimal("0.00")


@attrs.frozen
class ObligationStatus:
    """An obligation's status as of a day, with the days that explain it; for an obligation with
    `for each`, the status of one instance (`member` or `event` says which), or the obligation's
    summary holding its `instances`."""

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
    late: Late | None = None
    """For a penalty per delay, what it has come to (breached only)."""
    member: str | None = None
    """The person an instance is for (`for each` over persons)."""
    event: dt.date | None = None
    """The day of the list an instance is for (`for each` over days)."""
    instances: tuple[ObligationStatus, ...] | None = None
    """An obligation with `for each`: its instances, by trigger day (None: an obligation without)."""

    @classmethod
    def summary(cls, obligation: str, instances: tuple[ObligationStatus, ...]) -> ObligationStatus:
        """The status of an obligation with `for each`: breached when an instance is, else pending when one
        is, else fulfilled when one is, else not applicable."""
        states = {i.status for i in instances}
        status = next((s for s in ("breached", "pending", "fulfilled") if s in states), "not_applicable")
        return cls(obligation, status, reason="" if instances else "no_instance", instances=instances)

    @property
    def key(self) -> str | None:
        """Which instance this is: the person's id or the day (None: the obligation itself)."""
        return self.member if self.event is None else self.event.isoformat()

    def each(self) -> tuple[ObligationStatus, ...]:
        """The statuses of its instances (for an obligation without `for each`, itself)."""
        return self.instances if self.instances is not None else (self,)

    def penalty_in(self, period: Period) -> Decimal:
        """The penalty falling due in a period (what accrues in it, for a penalty per delay); of every
        instance."""
        if self.instances is not None:
            return sum((i.penalty_in(period) for i in self.instances), ZERO)
        if self.late is not None:
            return self.late.in_period(period)
        if self.penalty is not None and self.penalty_due in period:
            return self.penalty
        return ZERO

    def to_json(self) -> dict[str, Any]:
        """The status as households.md writes it (an obligation with `for each`: its status and each instance's,
        by person or day)."""
        data: dict[str, Any] = {"status": self.status}
        if self.instances is not None:
            data["instances"] = {i.key: i.to_json() for i in self.instances}
        elif self.status == "pending":
            data["due"] = _iso(self.due)
        elif self.status == "fulfilled":
            data["on"] = _iso(self.on)
        elif self.status == "breached":
            data["since"] = _iso(self.since)
            if self.cured_on is not None:
                data["cured_on"] = self.cured_on.isoformat()
            if self.late is not None:
                data.update(self.late.to_json())
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
