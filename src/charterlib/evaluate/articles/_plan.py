"""What every article kind's plan is: built from the IR articles of its kind and the back end's functions,
it takes part in the phases of an evaluation it needs (the facts as of the judged day, the period's tally)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, ClassVar, Self, TypeVar

import attrs

from ... import ir
from ...compile import Backend
from ...results import Grant, ObligationStatus, Unit
from ...runtime import calendar as cal
from ...runtime import functions as rt
from ...runtime.functions import Fn

ZERO = Decimal("0.00")
UNPAID: Any = object()
"""What a unit that is not paid pays, on the paths that need no explanation."""


@attrs.frozen
class Build:
    """What plans are built from: the charter, its back end and its definitions by name."""

    charter: ir.Charter
    backend: Backend
    definitions: dict[str, ir.Expr]


@attrs.frozen
class Facts:
    """What holds for the whole evaluation, judged as of the period's last day: the day each veto applies
    from (None: it does not), and the status of each obligation."""

    vetoes: dict[str, dt.date | None]
    obligations: dict[str, ObligationStatus]


NO_FACTS = Facts({}, {})
"""The facts of a charter without vetoes or obligations."""


class Tally:
    """What a household is owed and owes in a period, as the plans add to it (and the units explained)."""

    __slots__ = ("cash", "costs", "grants", "penalties", "units")

    def __init__(self) -> None:
        self.cash: dict[str, Decimal] = {}
        self.costs: dict[str, dict[str, Decimal]] = {}
        """By benefit, what each payer bears of the units paid."""
        self.grants: list[Grant] = []
        self.penalties: dict[str, Decimal] = {}
        self.units: list[Unit] = []


P = TypeVar("P", bound="Plan")


class Plan:
    """An article made ready to evaluate; each kind overrides the phases it takes part in."""

    __slots__ = ()

    article: ir.Article
    judges: ClassVar[bool] = False
    """Whether it establishes a fact as of the judged day (`judge`), before any article is settled."""
    settles: ClassVar[bool] = False
    """Whether it adds to what a household is owed or owes in a period (`settle`)."""

    @classmethod
    def plans(cls, articles: Sequence[Any], build: Build) -> tuple[Self, ...]:
        """The plans of the charter's articles of this kind, in their order."""
        raise NotImplementedError

    def prepare(self, build: Build) -> Self:
        """The plan with the functions it asks once every plan is built (the back end joining several)."""
        return self

    def ready(self, real: Callable[[Fn], Fn] | None) -> Self:
        """The plan ready to run: the back end's placeholders replaced by the functions it built, if any."""
        return resolved(self, real) if real is not None else self

    def judge(self, c: rt.Ctx, judged: dt.date, facts: Facts) -> None:
        """Add what the article establishes as of the judged day to the facts."""

    def settle(self, c: rt.Ctx, period: cal.Period, facts: Facts, tally: Tally, explain: bool) -> None:
        """Add what the article gives or takes in the period to the tally (and, to explain, its units)."""


def resolved(plan: P, real: Callable[[Fn], Fn]) -> P:
    """A plan (an attrs class) with every function of its fields replaced by the one the back end built."""

    def fix(value: Any) -> Any:
        if isinstance(value, tuple):
            return tuple(fix(v) for v in value)
        if callable(value) and not isinstance(value, (str, type)):
            return real(value)
        return value

    fields = {f.name: fix(getattr(plan, f.name)) for f in attrs.fields(type(plan))  # type: ignore[arg-type]
              if f.name != "article"}
    new: P = attrs.evolve(plan, **fields)  # type: ignore[misc]
    return new
