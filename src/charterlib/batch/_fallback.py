"""The households the SQL plan cannot judge, evaluated one by one by the household evaluator: those an
article would fail on in SQL, those of a chunk whose numbers SQL cannot hold, and every household of a
charter with an article the plan cannot compute."""

from __future__ import annotations

from collections.abc import Sequence

from ..common.errors import EvaluationError
from ..evaluate import Evaluates
from ..records import Household, RecordIssue
from ..results.schema import result_row
from ..runtime import Period
from ._tally import Tally


def one_by_one(charter: Evaluates, households: Sequence[Household], period: Period, issues: list[RecordIssue],
               tally: Tally) -> tuple[list[dict[str, str]], int]:
    """The results rows of households evaluated one by one, and how many failed (each failure is that
    household's issue, named with its article)."""
    rows = []
    failed = 0
    tally.one_by_one += len(households)
    for household in households:
        try:
            result = charter.engine.evaluate(household, period)
        except EvaluationError as exc:
            failed += 1
            issues.append(RecordIssue(household.id, "", exc.reason + (f" (article {exc.article})" if exc.article else "")))
            continue
        rows.append(result_row(result))
        tally.result(result)
    return rows, failed
