"""Who bears the cost of a unit of a benefit paid: the unit's cost (the amount of cash, the cost of a grant
in kind), the payers' shares of it, and the takeovers of a share by others when a condition holds on the
unit's day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs

from ... import ir
from ...records import Person
from ...results import Check
from ...runtime import functions as rt
from ...runtime.functions import Fn

Borne = tuple[tuple[str, Decimal], ...]
"""What each payer bears of a cost, in the order of `ir.PAYERS`, payers of nothing left out."""

_RANK = {payer: i for i, payer in enumerate(ir.PAYERS)}


@attrs.frozen
class Costs:
    """The functions of a benefit's cost and of the split of it: the grant's cost (None: the amount paid),
    each payer's share (None: the whole cost), and by payer its takeovers (the index of each in the split,
    its condition and what each of the others takes over, None: the whole share)."""

    cost: Fn | None
    shares: tuple[tuple[str, Fn | None], ...]
    takeovers: tuple[tuple[str, tuple[tuple[int, Fn, tuple[tuple[str, Fn | None], ...]], ...]], ...]

    @classmethod
    def of(cls, article: ir.Benefit, function: Callable[[ir.Expr, str | None], Fn]) -> Costs | None:
        """The functions of a benefit that says who bears its cost (None for one that does not)."""
        split = article.split
        if split is None:
            return None
        var = article.subject.var if article.subject else None

        def f(e: ir.Expr | None) -> Fn | None:
            return function(e, var) if e is not None else None

        by_payer: dict[str, list[tuple[int, Fn, tuple[tuple[str, Fn | None], ...]]]] = {}
        for i, t in enumerate(split.takeovers):
            condition = function(t.condition.expr, var)
            by_payer.setdefault(t.payer, []).append((i, condition, tuple((s.payer, f(s.amount)) for s in t.takers)))
        return cls(f(article.cost) if article.amount is None else None,
                   tuple((s.payer, f(s.amount)) for s in split.shares),
                   tuple((payer, tuple(found)) for payer, found in by_payer.items()))

    def resolved(self, real: Callable[[Fn], Fn]) -> Costs:
        """The functions replaced by those the back end built (see `_plan.resolved`)."""

        def fix(fn: Fn | None) -> Fn | None:
            return real(fn) if fn is not None else None

        return Costs(fix(self.cost), tuple((p, fix(fn)) for p, fn in self.shares),
                     tuple((p, tuple((i, real(cond), tuple((q, fix(fn)) for q, fn in takers))
                                     for i, cond, takers in found)) for p, found in self.takeovers))

    def borne(self, c: rt.Ctx, day: dt.date, start: dt.date, end: dt.date, person: Person | None,
              amount: Decimal | None, checks: list[Check] | None) -> tuple[Decimal, Borne]:
        """The cost of a unit paid (`amount`: what it pays, None in kind) and what each payer bears of it;
        to explain, the takeovers judged are appended to `checks`. Shares that do not add up to what they
        share are an evaluation error of the household."""
        args = (c, day, start, end, person)
        if self.cost is not None or amount is None:
            assert self.cost is not None
            cost = _money(c, self.cost(*args), f"the cost of the unit of {day}")
        else:
            cost = amount
        shares: list[tuple[str, Decimal]] = []
        for payer, fn in self.shares:
            shares.append((payer, cost if fn is None else _money(c, fn(*args), f"the share of {payer} of the cost "
                                                                                 f"of the unit of {day}")))
        _adds_up(c, shares, cost, f"the shares of the cost of the unit of {day}", "the cost")
        borne = dict(shares)
        takeovers = dict(self.takeovers)
        for payer, share in shares:
            for index, condition, takers in takeovers.get(payer, ()):
                holds = condition(*args)
                if checks is not None:
                    checks.append(Check("takeover", index, holds))
                if holds is not True:
                    continue
                parts = [(q, share if fn is None else _money(c, fn(*args), f"the part of {q} of the share of "
                                                                               f"{payer} of the unit of {day}"))
                         for q, fn in takers]
                _adds_up(c, parts, share, f"the parts of the share of {payer} taken over for the unit of {day}",
                         f"the share of {payer}")
                borne[payer] -= share
                for q, part in parts:
                    borne[q] = borne.get(q, _ZERO) + part
                break
        return cost, tuple(sorted(((p, v) for p, v in borne.items() if v), key=_payer_rank))


_ZERO = Decimal("0.00")


def _payer_rank(item: tuple[str, Any]) -> int:
    return _RANK[item[0]]


def _money(c: rt.Ctx, value: Any, what: str) -> Decimal:
    """An amount of a cost, exact to the fen (half up) as amounts paid are, or an evaluation error."""
    if value is None:
        raise c.fail(f"{what} is missing")
    amount = Decimal(value)
    if amount.is_finite() and abs(amount) < rt.MONEY_LIMIT:
        exact = amount.quantize(rt.CENT, rounding=ROUND_HALF_UP)
        if abs(exact) < rt.MONEY_LIMIT:
            return exact
    raise c.fail(f"{what}, {value}, is larger than money holds (at most 9999999999999999.99 yuan)")


def _adds_up(c: rt.Ctx, parts: list[tuple[str, Decimal]], whole: Decimal, what: str, of: str) -> None:
    added = sum((v for _, v in parts), _ZERO)
    if added != whole:
        raise c.fail(f"{what} add up to {added:.2f} yuan, but {of} is {whole:.2f} yuan")
