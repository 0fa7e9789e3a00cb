"""The plan of a veto: the day it holds from, for every household."""

from __future__ import annotations

from ... import ir
from ...runtime import Period
from ..text import HID
from ._common import Planning, on_last_day

__all__ = ["plan"]


def plan(ctx: Planning, a: ir.Veto, period: Period) -> list[str]:
    """The day each household's veto holds from (`v`), with its errors."""
    sql = ctx.compiler()
    holds = sql.value(a.day, on_last_day(period))
    ctx.note(sql)
    return [(f"CREATE OR REPLACE TEMP TABLE {ctx.table(a)} AS SELECT h.{HID} AS hid, {holds} AS v, "
            f"{sql.take_errors()} AS err FROM hh AS h")]
