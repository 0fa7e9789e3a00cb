"""The accident insurance of issue 10, §6, shipped: the county's scheme (charters/yiwai_baoxian.charter: 60
yuan a household a year, 省 5 + 县 5 + 镇 10 + 村 10 + 户 30, the household's 30 borne by the village and the
town, 15 each, for 特扶 and poor households) and the village charter that tops it up
(charters/yiwai_baoxian_taoyuan.charter, in Chinese keywords: the village bears the whole household share
of 两女结扎户, and insures its one-child households for 20 yuan more). Every example of both passes, and the
sample register charters/data/yiwai_baoxian_taoyuan.json gives, in every engine, what is computed by hand
below."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import CHARTERS
from entry_points import every_engine

import charterlib
from charterlib import batch

REGISTER: list[dict[str, Any]] = json.loads((CHARTERS / "data" / "yiwai_baoxian_taoyuan.json").read_text("utf-8"))

# The county's scheme, household by household (a unit on 2005-01-01, judged on that day):
COUNTY = {
    # one child, the certificate since 2003: 5 + 5 + 10 + 10 + 30 = 60
    "TY-1": {"province": "5.00", "county": "5.00", "town": "10.00", "village": "10.00", "household": "30.00"},
    # two daughters, the wife sterilized in 2001, not poor: as TY-1
    "TY-2": {"province": "5.00", "county": "5.00", "town": "10.00", "village": "10.00", "household": "30.00"},
    # one child, poor: the household's 30 borne by the village (10 + 15) and the town (10 + 15)
    "TY-3": {"province": "5.00", "county": "5.00", "town": "25.00", "village": "25.00"},
    # two daughters, the husband sterilized, 特扶: as TY-3
    "TY-4": {"province": "5.00", "county": "5.00", "town": "25.00", "village": "25.00"},
    # TY-5: two daughters, an IUD, not sterilization; TY-6: the certificate on 2005-03-01, after the
    # 1 January that decides the year; TY-7: not rural — none insured
}
# The village tops it up: TY-2's 30 borne by the village (10 + 30 = 40); TY-4 is 特扶, so the county's
# takeover, written first, applies (15 + 15); and the extra cover of the one-child households TY-1 and
# TY-3, 20 yuan each, all on the village (the level of the charter that writes it, no split).
VILLAGE = {
    "TY-1": {"accident_insurance": COUNTY["TY-1"], "extra_cover": {"village": "20.00"}},
    "TY-2": {"accident_insurance": {"province": "5.00", "county": "5.00", "town": "10.00", "village": "40.00"}},
    "TY-3": {"accident_insurance": COUNTY["TY-3"], "extra_cover": {"village": "20.00"}},
    "TY-4": {"accident_insurance": COUNTY["TY-4"]},
}


def _load(name: str, backend: str = "compiled") -> charterlib.Charter:
    return charterlib.load(CHARTERS / f"{name}.charter", backend=backend)


@pytest.mark.parametrize("name", ["yiwai_baoxian", "yiwai_baoxian_taoyuan"])
def test_every_example_passes(name: str) -> None:
    outcomes = _load(name).run_examples()
    assert outcomes and all(o.passed for o in outcomes), [o.failures for o in outcomes if not o.passed]


def test_the_county_scheme_in_every_engine(tmp_path: Path) -> None:
    summaries: list[batch.BatchSummary] = []
    outcomes = every_engine(_load("yiwai_baoxian"), _load("yiwai_baoxian", "reference"), REGISTER, "2005", tmp_path,
                            summaries=summaries)
    assert {h: o.get("costs", {}).get("accident_insurance") for h, o in outcomes.items() if o.get("costs")} == COUNTY
    assert all(not o["cash"] for o in outcomes.values())  # insurance is in kind
    # the run: 4 households × 60 = 240; the village 10 + 10 + 25 + 25 = 70, the town the same, the
    # households 30 + 30 = 60
    for summary in summaries:
        assert not summary.one_by_one
        assert {p: str(v) for p, v in summary.costs_by_payer.items()} == {
            "province": "20.00", "county": "20.00", "town": "70.00", "village": "70.00", "household": "60.00"}


def test_the_village_top_up_in_every_engine(tmp_path: Path) -> None:
    summaries: list[batch.BatchSummary] = []
    outcomes = every_engine(_load("yiwai_baoxian_taoyuan"), _load("yiwai_baoxian_taoyuan", "reference"), REGISTER,
                            "2005", tmp_path, summaries=summaries)
    assert {h: o["costs"] for h, o in outcomes.items() if o.get("costs")} == VILLAGE
    assert [g["benefit"] for g in outcomes["TY-1"]["in_kind"]] == ["accident_insurance", "extra_cover"]
    # the village's bill: 10 + 40 + 25 + 25 = 100 of the insurance and 2 × 20 = 40 of the extra cover;
    # the households bear only TY-1's 30
    for summary in summaries:
        assert {p: str(v) for p, v in summary.costs_by_payer.items()} == {
            "province": "20.00", "county": "20.00", "town": "70.00", "village": "140.00", "household": "30.00"}
        assert str(sum(summary.costs_by_payer.values())) == "280.00"  # 4 × 60 + 2 × 20


def test_a_year_is_the_sum_of_its_months() -> None:
    charter = _load("yiwai_baoxian_taoyuan")
    for record in REGISTER:
        year = charter.evaluate(record, "2005").costs
        months = [charter.evaluate(record, f"2005-{m:02d}").costs for m in range(1, 13)]
        assert year == months[0] and not any(months[1:])  # the one unit of the year is on 1 January
