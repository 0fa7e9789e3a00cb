"""Vetoes: the day from which a veto holds over the benefits of its charter and of those extending it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar

import attrs

from ... import ir
from ...runtime import functions as rt
from ...runtime.functions import Fn
from ._plan import Build, Facts, Plan


@attrs.frozen
class Veto(Plan):
    """A veto made ready to evaluate: the function of the day it applies from."""

    article: ir.Veto
    day: Fn

    judges: ClassVar[bool] = True

    @classmethod
    def plans(cls, articles: Sequence[ir.Veto], build: Build) -> tuple[Veto, ...]:
        f = build.backend.function
        return tuple(cls(a, f(a.day, None)) for a in articles)

    def judge(self, c: rt.Ctx, judged: dt.date, facts: Facts) -> None:
        c.article = self.article.id
        facts.vetoes[self.article.id] = self.day(c, judged, judged, judged, None)
