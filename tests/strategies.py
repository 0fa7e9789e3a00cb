"""Hypothesis strategies: generated household records with realistic, sometimes odd, dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st


def iso(day: dt.date) -> str:
    return day.isoformat()


def dates(low: int, high: int) -> st.SearchStrategy[dt.date]:
    return st.dates(dt.date(low, 1, 1), dt.date(high, 12, 31))


@st.composite
def persons(draw: st.DrawFn, pid: str, role: str) -> dict[str, Any]:
    born = draw(dates(1955, 1985) if role in ("husband", "wife") else dates(1985, 2008))
    sex = {"husband": "male", "wife": "female"}.get(role) or draw(st.sampled_from(["female", "male"]))
    p: dict[str, Any] = {"id": pid, "role": role, "sex": sex, "birth_date": iso(born)}
    if draw(st.booleans()):
        p["ethnicity"] = draw(st.sampled_from(["han", "minority"]))
    if role in ("husband", "wife") and draw(st.booleans()):
        p["contraception"] = draw(st.sampled_from(["none", "iud", "implant", "sterilization"]))
        p["contraception_on"] = iso(draw(dates(1995, 2007)))
    if role == "wife" and draw(st.booleans()):
        p["pregnancy_checks"] = [iso(d) for d in draw(st.lists(dates(2004, 2006), max_size=10))]
    if role == "child":
        if draw(st.integers(0, 9)) == 0:
            p["out_of_policy_birth"] = True
        if draw(st.booleans()):
            p["admitted_on"] = iso(draw(dates(2003, 2006)))
            p["admission_tier"] = draw(st.sampled_from(["undergrad_first", "undergrad_second", "junior_college"]))
    if draw(st.booleans()):
        p["education"] = draw(st.sampled_from(["none", "primary", "junior_middle", "senior_high", "college"]))
    if draw(st.integers(0, 5)) == 0:
        p["violated_policy"] = True
    return p


@st.composite
def households(draw: st.DrawFn, hid: str = "H") -> dict[str, Any]:
    members = []
    if draw(st.booleans()) or True:
        members.append(draw(persons(f"{hid}-w", "wife")))
    if draw(st.booleans()):
        members.append(draw(persons(f"{hid}-h", "husband")))
    for i in range(draw(st.integers(0, 3))):
        members.append(draw(persons(f"{hid}-c{i + 1}", "child")))
    h: dict[str, Any] = {"id": hid, "village": "测试村", "rural": draw(st.booleans()), "members": members}
    for name in ("one_child_cert_on", "preferential_cert_on", "contract_signed_on", "second_birth_waiver_on"):
        if draw(st.booleans()):
            h[name] = iso(draw(dates(1998, 2007)))
    return h
