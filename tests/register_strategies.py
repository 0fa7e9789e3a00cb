"""Hypothesis strategies: generated registers for the charters of `charter_strategies`, with the days at the
calendar's edges (0001-01-01, 9999-12-31, 29 February, month ends), members who die or leave, numbers
beyond what SQL holds, and now and then a bad record: bad in every format a register comes in (JSON, CSV
and Parquet tables), so that every engine reports it as that household's error."""

from __future__ import annotations

import datetime as dt
from typing import Any

from charter_strategies import chance
from hypothesis import strategies as st

EDGE_DAYS = [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2000, 2, 29), dt.date(2004, 2, 29),
             dt.date(2005, 2, 28), dt.date(2005, 1, 31), dt.date(2004, 12, 31), dt.date(2005, 12, 31),
             dt.date(2005, 6, 30), dt.date(2005, 3, 1), dt.date(2003, 12, 31)]
INT64 = 2**63 - 1
_SIZES = [INT64, -INT64 - 1, 3037000500, 2**40]
_AMOUNTS = ["9999999999999999.99", "-9999999999999999.99", "0.01"]
BAD = ["no birth date", "unknown sex", "no such day", "not a number", "not a truth value", "twice the same person",
       "no such date", "not a date"]
"""The kinds of bad record: each is an error of its household in every engine and format."""


def days(low: int, high: int) -> st.SearchStrategy[str]:
    """A day as households.md writes it: mostly between two years, sometimes at an edge."""
    inside = st.dates(dt.date(low, 1, 1), dt.date(high, 12, 31))
    return st.one_of(inside, inside, inside, st.sampled_from(EDGE_DAYS)).map(dt.date.isoformat)


def _maybe(draw: st.DrawFn, record: dict[str, Any], name: str, values: st.SearchStrategy[Any], one_in: int = 2) -> None:
    """Set the field once in `one_in` records."""
    if chance(draw, one_in):
        record[name] = draw(values)


@st.composite
def persons(draw: st.DrawFn, pid: str, role: str) -> dict[str, Any]:
    """A member of a household."""
    adult = role in ("husband", "wife", "other")
    sex = {"husband": "male", "wife": "female"}.get(role) or draw(st.sampled_from(["female", "male"]))
    p: dict[str, Any] = {"id": pid, "role": role, "sex": sex,
                         "birth_date": draw(days(1940, 1985) if adult else days(1990, 2006))}
    _maybe(draw, p, "died_on", days(2003, 2006), 5)
    _maybe(draw, p, "left_on", days(2003, 2006), 5)
    _maybe(draw, p, "ethnicity", st.sampled_from(["han", "minority"]))
    _maybe(draw, p, "education", st.sampled_from(["none", "primary", "junior_middle", "senior_high", "college"]))
    if adult:
        _maybe(draw, p, "contraception", st.sampled_from(["none", "iud", "implant", "sterilization"]))
        _maybe(draw, p, "contraception_on", days(1995, 2006))
    if role == "wife":
        _maybe(draw, p, "pregnancy_checks", st.lists(days(2003, 2006), max_size=6))
    if role == "child":
        _maybe(draw, p, "out_of_policy_birth", st.booleans(), 4)
        _maybe(draw, p, "admitted_on", days(2003, 2006), 3)
        _maybe(draw, p, "admission_tier", st.sampled_from(["undergrad_first", "undergrad_second", "junior_college"]), 3)
    return p


@st.composite
def households(draw: st.DrawFn, hid: str) -> dict[str, Any]:
    """A household, now and then with a bad record (see `BAD`)."""
    roles = ([] if chance(draw, 5) else ["wife"]) + ([] if chance(draw, 4) else ["husband"]) + \
        ["child"] * draw(st.sampled_from([2, 1, 0, 3])) + (["other"] if chance(draw, 6) else [])
    members = [draw(persons(f"{hid}-{i + 1}", role)) for i, role in enumerate(roles)]
    h: dict[str, Any] = {"id": hid, "village": "测试村", "rural": draw(st.booleans()), "members": members}
    _maybe(draw, h, "flag", st.booleans())
    _maybe(draw, h, "Flag", st.booleans())
    _maybe(draw, h, "size", st.one_of(st.integers(0, 9), st.sampled_from(_SIZES)), 2)
    _maybe(draw, h, "subsidy", st.one_of(st.sampled_from(["12.50", "100", "0.00", "3.33"]), st.sampled_from(_AMOUNTS)), 3)
    for name in ("one_child_cert_on", "preferential_cert_on", "contract_signed_on", "second_birth_waiver_on", "ends_on"):
        _maybe(draw, h, name, days(2003, 2006), 2)
    if chance(draw, 10):
        _spoil(draw, h)
    return h


def _spoil(draw: st.DrawFn, h: dict[str, Any]) -> None:
    """Make one thing of the household bad (in a way every format can hold)."""
    kind = draw(st.sampled_from(BAD))
    members = h["members"]
    if not members or kind == "not a number":
        h["size"] = "twelve"
    elif kind == "no birth date":
        del draw(st.sampled_from(members))["birth_date"]
    elif kind == "unknown sex":
        draw(st.sampled_from(members))["sex"] = "F"
    elif kind == "no such day":
        draw(st.sampled_from(members))["birth_date"] = "2005-02-30"
    elif kind == "not a truth value":
        h["rural"] = "maybe"
    elif kind == "twice the same person":
        members.append(dict(members[0]))
    elif kind == "no such date":
        h["ends_on"] = "10000-01-01"
    else:
        draw(st.sampled_from(members))["died_on"] = "soon"


@st.composite
def registers(draw: st.DrawFn, max_size: int = 6) -> list[dict[str, Any]]:
    """A register of 1 to `max_size` households with distinct ids."""
    return [draw(households(f"H{i + 1}")) for i in range(draw(st.integers(1, max_size)))]
