"""Eligibilities: the verdict on each person the article judges (or the household) on a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs

from ... import ir
from ...records import Person
from ...results import Verdict
from ...runtime import functions as rt
from ...runtime.functions import Fn
from ._plan import Build, Plan


@attrs.frozen
class Eligibility(Plan):
    """An eligibility made ready to evaluate: who it judges and its requirements, by label."""

    article: ir.Eligibility
    subjects: Fn | None
    requirements: tuple[tuple[str, Fn], ...]

    @classmethod
    def plans(cls, articles: Sequence[ir.Eligibility], build: Build) -> tuple[Eligibility, ...]:
        f = build.backend.function
        return tuple(
            cls(a,
                f(a.subject.collection, None) if a.subject else None,
                tuple((c.label or f"condition {i + 1}", f(c.expr, a.subject.var if a.subject else None))
                      for i, c in enumerate(a.requirements)))
            for a in articles
        )

    def verdicts(self, c: rt.Ctx, household: str, on: dt.date) -> tuple[Verdict, ...]:
        """The verdict for each person judged (or the household) on a day."""
        article_id = self.article.id
        c.article = article_id
        subjects: tuple[Person | None, ...] = (None,)
        if self.subjects is not None:
            subjects = self.subjects(c, on, on, on, None)
        verdicts = []
        for person in subjects:
            values = tuple((label, fn(c, on, on, on, person)) for label, fn in self.requirements)
            failed = tuple(label for label, value in values if value is not True)
            if on < self.article.in_force:
                failed = ("in_force",) + failed
            subject = person.id if person is not None else household
            verdicts.append(Verdict(article_id, subject, on, not failed, failed, values))
        return tuple(verdicts)
