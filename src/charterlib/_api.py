"""The library API: load a charter, evaluate households, explain, judge eligibility, run examples."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ._source import SourceFile
from .check import CheckResult, Library, ir
from .compile import CompiledBackend
from .errors import CheckError, RecordError
from .evaluate._calendar import Period, _parse_period
from .evaluate._engine import Backend, Engine
from .evaluate._interpret import Reference
from .evaluate.results import Result, Verdict
from .records import Household, RecordIssue, Validator

BACKENDS: dict[str, Callable[[ir.Charter], Backend]] = {"compiled": CompiledBackend, "reference": Reference}


@attrs.frozen
class RegisterItem:
    """One household of a register: its result (None when its record has errors) and its issues."""

    position: str
    household: str
    result: Result | None
    issues: tuple[RecordIssue, ...]


@attrs.frozen
class RegisterSummary:
    """What evaluating a register one household at a time gave: every household read ends in exactly
    one of `evaluated` or `with_errors`; `warnings` counts what needs a look though nothing was lost
    (a field or column the charter does not know); `issues` holds every issue once, in order (an issue
    of a whole table, such as a bad column, is shared by the items of every household it concerns)."""

    households: int
    evaluated: int
    with_errors: int
    warnings: int
    issues: tuple[RecordIssue, ...]

    @classmethod
    def of(cls, items: Iterable[RegisterItem]) -> RegisterSummary:
        """The summary of the items of `Charter.evaluate_register`."""
        households = evaluated = 0
        issues: dict[RecordIssue, None] = {}
        for item in items:
            households += 1
            evaluated += item.result is not None
            issues.update(dict.fromkeys(item.issues))
        warnings = sum(1 for issue in issues if issue.severity == "warning")
        return cls(households, evaluated, households - evaluated, warnings, tuple(issues))


class Charter:
    """A checked charter, compiled once, ready to evaluate any number of households."""

    def __init__(self, checked: ir.Charter, backend: str = "compiled") -> None:
        if backend not in BACKENDS:
            raise ValueError(f"unknown back end {backend!r}; choose one of {', '.join(BACKENDS)}")
        self.ir = checked
        self.backend = backend
        self._backend = BACKENDS[backend](checked)
        self.engine = Engine(checked, self._backend)
        self._validator = Validator(checked)
        self._quick = self._validator.quick

    @property
    def id(self) -> str:
        """The charter id."""
        return self.ir.id

    @property
    def title(self) -> str:
        """The charter's title."""
        return self.ir.title

    def __repr__(self) -> str:
        return f"<Charter {self.id!r} {self.title}>"

    # -------------------------------------------------------------- records
    def validator(self) -> Validator:
        """A validator of records against this charter's fields (remembers ids across records)."""
        return Validator(self.ir, self._validator)

    def household(self, record: Household | Mapping[str, Any]) -> Household:
        """A validated household; a record with errors raises RecordError listing every issue."""
        if isinstance(record, Household):
            return record
        quick = self._quick(record)  # a well-formed record, with no issue at all
        if quick is not None:
            return quick
        household, issues = self.validator().household(record)
        if household is None:
            errors = [i for i in issues if i.severity == "error"]
            raise RecordError("; ".join(str(i) for i in errors), issues)
        return household

    # -------------------------------------------------------------- evaluation
    def evaluate(self, household: Household | Mapping[str, Any], period: str | Period, *,
                 explain: bool = False) -> Result:
        """What a household is owed and owes in a period (`2005`, `2005-06`, `2005-01-01/2005-06-30`)."""
        if household.__class__ is not Household:
            household = self._quick(household) or self.household(household)
        return self.engine.evaluate(household, _period(period), explain)

    def evaluate_register(self, records: Iterable[tuple[str, Any] | Exception], period: str | Period,
                          ) -> Iterator[RegisterItem]:
        """Evaluate raw records in order; a bad record is reported and never stops the others."""
        p = _period(period)
        validator = self.validator()
        from .errors import EvaluationError

        for item in records:
            if isinstance(item, Exception):
                position = getattr(item, "position", "")
                yield RegisterItem(position, "?", None, (RecordIssue("?", "", str(item), position=position),))
                continue
            position, raw = item
            household, issues = validator.household(raw, position)
            if household is None:
                hid = next((i.household for i in issues), "?")
                yield RegisterItem(position, hid, None, tuple(issues))
                continue
            try:
                result = self.engine.evaluate(household, p)
            except EvaluationError as exc:
                issue = RecordIssue(household.id, "", str(exc.reason) + (f" (article {exc.article})" if exc.article else ""),
                                    position=position)
                yield RegisterItem(position, household.id, None, tuple(issues) + (issue,))
                continue
            yield RegisterItem(position, household.id, result, tuple(issues))

    def explain(self, household: Household | Mapping[str, Any], period: str | Period,
                article: str | None = None) -> Explanation:
        """Why a household gets what it gets: every unit, condition value and status."""
        from .explain import Explanation

        result = self.evaluate(household, period, explain=True)
        return Explanation(self.ir, result, article)

    def eligibility(self, household: Household | Mapping[str, Any], article: str,
                    on: dt.date | str) -> tuple[Verdict, ...]:
        """The verdict of an eligibility for each person it judges, on a day."""
        day = dt.date.fromisoformat(on) if isinstance(on, str) else on
        return self.engine.eligibility(self.household(household), article, day)

    def run_examples(self) -> tuple[ExampleOutcome, ...]:
        """Run the charter's example blocks (its own and inherited ones)."""
        from .examples import run_examples

        return run_examples(self)

    def source(self) -> str:
        """The Python source the compiler generated for this charter."""
        from .compile import source

        return source(self.ir)


def _period(period: str | Period) -> Period:
    return period if isinstance(period, Period) else _parse_period(period)


def load(path: str | Path, search_path: Sequence[str | Path] = (), *, backend: str = "compiled") -> Charter:
    """Load, check and compile a charter file; charters it extends are found beside it or on the
    search path. A charter with errors raises CheckError carrying every diagnostic."""
    result = Library(search_path).check_file(path)
    return _from_result(result, backend)


def loads(text: str, name: str = "<text>", search_path: Sequence[str | Path] = (), *,
          backend: str = "compiled") -> Charter:
    """Load a charter given as text (see `load`)."""
    library = Library(search_path)
    key = Path(search_path[0]).resolve() / name if search_path else None
    return _from_result(library.check_source(SourceFile(name, text), key), backend)


def _from_result(result: CheckResult, backend: str) -> Charter:
    if result.charter is None or not result.ok:
        raise CheckError([d for d in result.diagnostics])
    return Charter(result.charter, backend)


if TYPE_CHECKING:  # pragma: no cover
    from .examples import ExampleOutcome
    from .explain import Explanation
