"""The library's façade: check (and lint) charters, load one, evaluate households, explain, judge
eligibility, run examples."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from . import check, ir, lint
from .check import CheckResult
from .common.args import choice, day_arg, describe, folders_arg, path_arg, text_arg
from .common.errors import ArgumentError, CheckError, EvaluationError, RecordError
from .common.source import SourceFile
from .compile import BACKENDS
from .evaluate import Engine, source
from .examples import ExampleOutcome, run_examples
from .explain import Explanation, unknown_article
from .records import Household, RecordIssue, Validator
from .results import Result, Verdict
from .runtime import Period


class Library(check.Library):
    """Charters found by id in a list of folders; each file is parsed, checked and linted once."""

    def __init__(self, search_path: Iterable[str | Path] = ()) -> None:
        super().__init__(search_path, lint.run)


def check_file(path: str | Path, search_path: tuple[str | Path, ...] = ()) -> CheckResult:
    """Parse, check and lint one charter file; `extends` is found next to it or on the search path."""
    return check.check_file(path, search_path, lint=lint.run)


def check_text(text: str, name: str = "<text>", search_path: tuple[str | Path, ...] = ()) -> CheckResult:
    """Parse, check and lint charter text; `extends` is found on the search path."""
    return check.check_text(text, name, search_path, lint=lint.run)


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
        if not isinstance(checked, ir.Charter):
            raise ArgumentError(f"a Charter is made from a checked charter (ir.Charter); to read a charter "
                                f"file use charterlib.load, not Charter({describe(checked)}).")
        choice(backend, BACKENDS, "the back end")
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

    def evaluate_register(self, records: Iterable[tuple[str, Any] | Exception | Mapping[str, Any]],
                          period: str | Period) -> Iterator[RegisterItem]:
        """Evaluate raw records in order (as `read_records` gives them: (position, record) pairs, or
        the error of a record that could not be read; a bare record is numbered `#1`, `#2`…); a bad
        record is reported and never stops the others."""
        p = _period(period)
        if records is None or isinstance(records, (str, bytes, Mapping, Path)) or not isinstance(records, Iterable):
            raise ArgumentError(f"the records are a list of household records (or read_records(path)), "
                                f"not {describe(records)}.")
        return self._evaluate_register(records, p)

    def _evaluate_register(self, records: Iterable[Any], p: Period) -> Iterator[RegisterItem]:
        validator = self.validator()
        for number, item in enumerate(records, start=1):
            if isinstance(item, Exception):
                position = getattr(item, "position", "")
                yield RegisterItem(position, "?", None, (RecordIssue("?", "", str(item), position=position),))
                continue
            if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
                position, raw = item
            else:
                position, raw = f"#{number}", item
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
                article: str | None = None, *, on: dt.date | str | None = None) -> Explanation:
        """Why a household gets what it gets: every unit, condition value and status; and each
        eligibility's verdicts with the value of each condition on a day (`on`, else the period's last)."""
        p = _period(period)
        if article is not None:
            text_arg(article, "the article")
            if self.ir.article(article) is None:
                raise ArgumentError(unknown_article(self.ir, article))
        judged = [a for a in self.ir.articles if isinstance(a, (ir.Eligibility, ir.Veto)) and article in (None, a.id)]
        if on is not None and not any(isinstance(a, ir.Eligibility) for a in judged):
            chosen = self.ir.article(article) if article is not None else None
            raise ArgumentError("`on` is the day eligibilities are judged; " + (
                f"article `{article}` is a {chosen.kind}." if chosen is not None else f"charter `{self.id}` has none."))
        day = day_arg(on, "the day `on`") if on is not None else p.end
        checked = self.household(household)
        result = self.engine.evaluate(checked, p, True)
        verdicts: dict[str, tuple[Verdict, ...]] = {}
        failed: dict[str, str] = {}
        for a in judged:
            if isinstance(a, ir.Eligibility):
                try:
                    verdicts[a.id] = self.engine.eligibility(checked, a.id, day)
                except EvaluationError as exc:
                    if article is not None:  # the one article asked for: its error is the answer
                        raise
                    failed[a.id] = exc.reason  # the household's results stand; this article says why not
        vetoes = self.engine.veto_days(checked, p.end) if any(isinstance(a, ir.Veto) for a in judged) else {}
        statuses = None  # the obligations as judged on the eligibilities' day, when it is another
        if verdicts and day != p.end and any(isinstance(a, ir.Obligation) for a in self.ir.articles):
            statuses = self.engine.statuses(checked, day)
        return Explanation(self.ir, result, article, verdicts=verdicts, on=day, vetoes=vetoes,
                           unjudged=failed, statuses=statuses)

    def eligibility(self, household: Household | Mapping[str, Any], article: str,
                    on: dt.date | str) -> tuple[Verdict, ...]:
        """The verdict of an eligibility for each person it judges, on a day."""
        text_arg(article, "the eligibility")
        if article not in self.engine.eligibilities:
            raise ArgumentError(unknown_article(self.ir, article, "eligibility"))
        day = day_arg(on, "the day `on`")
        return self.engine.eligibility(self.household(household), article, day)

    def run_examples(self) -> tuple[ExampleOutcome, ...]:
        """Run the charter's example blocks (its own and inherited ones)."""
        return run_examples(self)

    def source(self) -> str:
        """The Python source the compiler generated for this charter."""
        return source(self.ir)


def _period(period: str | Period) -> Period:
    return period if isinstance(period, Period) else Period.parse(period)


def load(path: str | Path, search_path: Sequence[str | Path] = (), *, backend: str = "compiled") -> Charter:
    """Load, check and compile a charter file; charters it extends are found beside it or on the
    search path. A charter with errors raises CheckError carrying every diagnostic."""
    file = path_arg(path, "the charter")
    choice(backend, BACKENDS, "the back end")
    result = Library(folders_arg(search_path)).check_file(file)
    return _from_result(result, backend)


def loads(text: str, name: str = "<text>", search_path: Sequence[str | Path] = (), *,
          backend: str = "compiled") -> Charter:
    """Load a charter given as text (see `load`)."""
    text_arg(text, "the charter text")
    text_arg(name, "the name")
    choice(backend, BACKENDS, "the back end")
    folders = folders_arg(search_path)
    library = Library(folders)
    key = folders[0].resolve() / name if folders else None
    return _from_result(library.check_source(SourceFile(name, text), key), backend)


def _from_result(result: CheckResult, backend: str) -> Charter:
    if result.charter is None or not result.ok:
        raise CheckError([d for d in result.diagnostics])
    return Charter(result.charter, backend)


__all__ = ["Charter", "Library", "RegisterItem", "RegisterSummary", "check_file", "check_text", "load", "loads"]
