"""Conditions on the status of an obligation (issue 10 §5, 诚信户, 年度无违约): `breached(o)`, `fulfilled(o)`,
`pending(o)` on the judged day and `breached(o, 1 year)` / `breached(o, DAY)` over a span, derived from the
obligation's status as judged for the period; hand-computed in every engine (cured breaches, the span's
first and last day, a suspension's days), alike in both keyword languages, a year the sum of its months,
checked (unknown obligations, cycles) and explained."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CHARTERS, ROOT, run_cli
from entry_points import every_engine, household_outcomes

import charterlib
from charterlib import ir
from charterlib.ir.analysis import obligation_order
from charterlib.ir.printer import charter_text
from charterlib.results import ObligationStatus
from charterlib.runtime import status as rs
from charterlib.sql.plan import Planner

ENGLISH = ROOT / "tests" / "fixtures" / "honest.charter"
CHINESE = ROOT / "tests" / "fixtures" / "honest.zh.charter"
COMPILED = charterlib.load(ENGLISH, [CHARTERS])
REFERENCE = charterlib.load(ENGLISH, [CHARTERS], backend="reference")


def _household(hid: str, child: str | None, method_on: str | None = None, **fields: Any) -> dict[str, Any]:
    """A household with a wife (fitted with an IUD on `method_on`) and, when born, a first child."""
    wife: dict[str, Any] = {"id": f"{hid}-w", "role": "wife", "sex": "female", "birth_date": "1980-01-01"}
    if method_on is not None:
        wife |= {"contraception": "iud", "contraception_on": method_on}
    members = [wife] + ([{"id": f"{hid}-c", "role": "child", "sex": "male", "birth_date": child}] if child else [])
    return {"id": hid, "village": "诚信村", "members": members, **fields}


# method_after_birth: the first child's birth plus 3 months is the deadline; in breach from the day after
REGISTER = [
    # born 2004-12-10: due 2005-03-10, in breach from 2005-03-11, cured by the IUD on 2005-05-20; certified on
    # 2005-04-01 while in breach, so sign_contract does not apply; signed on the cure day
    _household("H1", "2004-12-10", "2005-05-20", one_child_cert_on="2005-04-01", contract_signed_on="2005-05-20"),
    # born 2005-02-15: due 2005-05-15, fulfilled on time on 2005-04-30
    _household("H2", "2005-02-15", "2005-04-30"),
    # born 2004-06-01: in breach from 2004-09-02, never cured; certified on 2004-08-01 while pending, so
    # sign_contract applies (due 2004-09-01), and is breached too: no contract
    _household("H3", "2004-06-01", one_child_cert_on="2004-08-01"),
    # born 2005-11-15: due 2006-02-15, pending at the end of 2005
    _household("H4", "2005-11-15"),
    # no child: method_after_birth is not triggered
    _household("H5", None),
    # born 2004-09-01: in breach from 2004-12-02, cured on 2005-01-01, the first day of 2005's span
    _household("H6", "2004-09-01", "2005-01-01"),
    # the same, cured on 2005-01-02: in breach on 2005-01-01
    _household("H7", "2004-09-01", "2005-01-02"),
    # born 2005-09-30: due 2005-12-30, in breach from 2005-12-31, the last day of 2005's span
    _household("H8", "2005-09-30"),
    # born 2005-01-10: fulfilled on time on 2005-02-01; certified 2005-03-01 (sign_contract applies, due
    # 2005-04-01), signed late on 2005-06-15: sign_contract in breach from 2005-04-02 to 2005-06-14
    _household("H9", "2005-01-10", "2005-02-01", one_child_cert_on="2005-03-01", contract_signed_on="2005-06-15"),
]

# 2005, by hand. honest_household (12-31, 100): in breach on no day of 2005-01-01 … 2005-12-31.
# waiting_allowance (month ends, 10): pending that day. on_time_bonus (first days, 5): fulfilled, and
# sign_contract not in breach. since_signing (12-31, 20): signed, and in breach on no day from signing.
# suspended_fee (month ends, 1): suspended while in breach; unbreached_fee (month ends, 1): not in breach.
CASH_2005: dict[str, dict[str, str]] = {
    # pending Jan 31, Feb 28 (2 × 10); in breach Mar 31, Apr 30, cured May 20 (10 of 12 months); the span
    # from signing (05-20, the cure day) holds no day in breach
    "H1": {"waiting_allowance": "20.00", "since_signing": "20.00", "suspended_fee": "10.00", "unbreached_fee": "10.00"},
    # pending Feb 28, Mar 31; fulfilled from Apr 30: first days May 1 … Dec 1 (8 × 5); no contract
    "H2": {"honest_household": "100.00", "waiting_allowance": "20.00", "on_time_bonus": "40.00",
           "suspended_fee": "12.00", "unbreached_fee": "12.00"},
    "H3": {},  # in breach all year
    # pending Nov 30, Dec 31
    "H4": {"honest_household": "100.00", "waiting_allowance": "20.00", "suspended_fee": "12.00",
           "unbreached_fee": "12.00"},
    "H5": {"honest_household": "100.00", "suspended_fee": "12.00", "unbreached_fee": "12.00"},
    # cured on the span's first day: no day of 2005 in breach
    "H6": {"honest_household": "100.00", "suspended_fee": "12.00", "unbreached_fee": "12.00"},
    # in breach on the span's first day; cured before Jan 31
    "H7": {"suspended_fee": "12.00", "unbreached_fee": "12.00"},
    # pending Sep 30, Oct 31, Nov 30 (3 × 10); in breach on Dec 31, the span's last day
    "H8": {"waiting_allowance": "30.00", "suspended_fee": "11.00", "unbreached_fee": "11.00"},
    # pending Jan 31; fulfilled from Feb 1: Feb 1, Mar 1, Apr 1, then not May 1 and Jun 1 (sign_contract in
    # breach), Jul 1 … Dec 1: 9 × 5; signed 06-15, no breach of method_after_birth since
    "H9": {"honest_household": "100.00", "waiting_allowance": "10.00", "on_time_bonus": "45.00",
           "since_signing": "20.00", "suspended_fee": "12.00", "unbreached_fee": "12.00"},
}
STATUSES_2005: dict[str, dict[str, dict[str, str]]] = {
    "H1": {"method_after_birth": {"status": "breached", "since": "2005-03-11", "cured_on": "2005-05-20"},
           "sign_contract": {"status": "not_applicable"}},
    "H2": {"method_after_birth": {"status": "fulfilled", "on": "2005-04-30"},
           "sign_contract": {"status": "not_applicable"}},
    "H3": {"method_after_birth": {"status": "breached", "since": "2004-09-02"},
           "sign_contract": {"status": "breached", "since": "2004-09-02"}},
    "H4": {"method_after_birth": {"status": "pending", "due": "2006-02-15"},
           "sign_contract": {"status": "not_applicable"}},
    "H9": {"method_after_birth": {"status": "fulfilled", "on": "2005-02-01"},
           "sign_contract": {"status": "breached", "since": "2005-04-02", "cured_on": "2005-06-15"}},
}
# honest_family on 2005-12-31: kept_faith (no breach in the year), on_time (fulfilled, or neither
# pending nor in breach)
FAILING_2005 = {"H1": ("kept_faith",), "H2": (), "H3": ("kept_faith", "on_time"), "H4": ("on_time",), "H5": (),
                "H6": (), "H7": ("kept_faith",), "H8": ("kept_faith", "on_time"), "H9": ()}


def test_every_engine_gives_the_hand_computed_results(tmp_path: Path) -> None:
    summaries: list[Any] = []
    outcomes = every_engine(COMPILED, REFERENCE, REGISTER, "2005", tmp_path, summaries=summaries)
    assert summaries and all(not s.one_by_one_articles and not s.one_by_one for s in summaries)  # all in SQL
    assert {hid: result["cash"] for hid, result in outcomes.items()} == CASH_2005
    for hid, statuses in STATUSES_2005.items():
        assert outcomes[hid]["obligations"] == statuses, hid


@pytest.mark.parametrize("period", ["2006", "2005-03", "2005-05", "2004", "2005-01-01/2006-06-30", "9999", "0001"])
def test_every_engine_agrees_in_other_periods(tmp_path: Path, period: str) -> None:
    every_engine(COMPILED, REFERENCE, REGISTER, period, tmp_path, tables=("csv",))


def test_the_next_year_judges_its_own_span() -> None:
    outcomes = household_outcomes(COMPILED, REGISTER, "2006")
    # H1: cured in 2005, no day of 2006 in breach; since signing (2005-05-20) neither
    assert outcomes["H1"]["cash"] == {"honest_household": "100.00", "since_signing": "20.00",
                                      "suspended_fee": "12.00", "unbreached_fee": "12.00"}
    # H4: due 2006-02-15, never fulfilled: pending Jan 31 only, in breach from 2006-02-16
    assert outcomes["H4"]["cash"] == {"waiting_allowance": "10.00", "suspended_fee": "1.00", "unbreached_fee": "1.00"}


@pytest.mark.parametrize("backend", [COMPILED, REFERENCE], ids=["compiled", "reference"])
def test_an_eligibility_reads_the_status_on_its_day(backend: charterlib.Charter) -> None:
    for record in REGISTER:
        [verdict] = backend.eligibility(record, "honest_family", "2005-12-31")
        assert verdict.failed == FAILING_2005[record["id"]], record["id"]
    # H1 on 2005-04-01 (judged as of that day): in breach since 2005-03-11, not cured yet
    [verdict] = backend.eligibility(REGISTER[0], "honest_family", "2005-04-01")
    assert verdict.failed == ("kept_faith", "on_time")
    # on 2005-03-10, the deadline: pending, no breach yet
    [verdict] = backend.eligibility(REGISTER[0], "honest_family", "2005-03-10")
    assert verdict.failed == ("on_time",)


def test_a_year_is_the_sum_of_its_months() -> None:
    for charter in (COMPILED, REFERENCE):
        year = household_outcomes(charter, REGISTER, "2005")
        months = [household_outcomes(charter, REGISTER, f"2005-{m:02d}") for m in range(1, 13)]
        for hid, result in year.items():
            total: dict[str, Decimal] = {}
            for month in months:
                for benefit, amount in month[hid]["cash"].items():
                    total[benefit] = total.get(benefit, Decimal(0)) + Decimal(amount)
            assert {k: f"{v:.2f}" for k, v in total.items()} == result["cash"], hid


def test_a_breach_is_cured_on_the_cure_day() -> None:
    breach = ObligationStatus("o", "breached", trigger=dt.date(2005, 1, 1), since=dt.date(2005, 4, 2),
                              cured_on=dt.date(2005, 6, 15))
    day = dt.date
    assert not rs.breached(breach, day(2005, 4, 1), day(2005, 4, 1))  # the deadline: pending
    assert rs.pending(breach, day(2005, 4, 1))
    assert rs.breached(breach, day(2005, 4, 2), day(2005, 4, 2))  # the first day of breach
    assert rs.breached(breach, day(2005, 6, 14), day(2005, 6, 14))
    assert not rs.breached(breach, day(2005, 6, 15), day(2005, 6, 15))  # cured that day
    assert not rs.pending(breach, day(2005, 6, 15)) and not rs.fulfilled(breach, day(2005, 6, 15))
    # a span holds a day in breach when it ends on the first day of breach or starts the day before the cure
    assert rs.breached(breach, day(2004, 1, 1), day(2005, 4, 2))
    assert not rs.breached(breach, day(2004, 1, 1), day(2005, 4, 1))
    assert rs.breached(breach, day(2005, 6, 14), day(2005, 12, 31))
    assert not rs.breached(breach, day(2005, 6, 15), day(2005, 12, 31))
    # a fulfilment on the first day of breach leaves no day in breach (the status is breached all the same)
    same_day = ObligationStatus("o", "breached", trigger=day(2005, 1, 1), since=day(2005, 4, 2), cured_on=day(2005, 4, 2))
    assert not rs.breached(same_day, day(2005, 1, 1), day(2005, 12, 31))
    # `1 year` ending on 12-31 starts on 01-01; on 29 February, on 1 March of the year before
    assert rs.span_start(day(2005, 12, 31), (1, "years")) == day(2005, 1, 1)
    assert rs.span_start(day(2004, 2, 29), (1, "years")) == day(2003, 3, 1)
    assert rs.span_start(day(2005, 3, 31), (1, "months")) == day(2005, 3, 1)
    assert rs.span_start(day(1, 6, 30), (1, "years")) == day(1, 1, 1)  # before the calendar: its first day


def test_several_instances_are_one_status() -> None:
    day = dt.date
    done = ObligationStatus("o", "fulfilled", trigger=day(2005, 1, 1), on=day(2005, 2, 1))
    late = ObligationStatus("o", "breached", trigger=day(2005, 3, 1), since=day(2005, 4, 1), cured_on=day(2005, 5, 1))
    waiting = ObligationStatus("o", "pending", trigger=day(2005, 6, 1), due=day(2005, 9, 1))
    nothing = ObligationStatus("o", "not_applicable")
    both = (done, late, waiting, nothing)
    assert rs.fulfilled(both, day(2005, 2, 15))  # the only instance that applies then is fulfilled
    assert not rs.fulfilled(both, day(2005, 3, 15))  # the second applies, and is pending
    assert rs.pending(both, day(2005, 3, 15)) and not rs.breached(both, day(2005, 3, 15), day(2005, 3, 15))
    assert rs.breached(both, day(2005, 4, 15), day(2005, 4, 15))  # one instance in breach
    assert rs.pending(both, day(2005, 7, 1))
    assert not rs.fulfilled((nothing,), day(2005, 7, 1))  # none applies: not fulfilled


def test_both_spellings_give_equal_representations() -> None:
    english, chinese = COMPILED.ir, charterlib.load(CHINESE, [CHARTERS]).ir
    assert english.articles == chinese.articles and english.definitions == chinese.definitions
    text = charter_text(english)
    assert "not breached(method_after_birth, 1 year)" in text and "fulfilled(method_after_birth)" in text
    assert "非 违约(method_after_birth, 1 年)" in charter_text(english, "zh")


def test_the_obligations_are_judged_after_those_they_read() -> None:
    swapped = ENGLISH.read_text(encoding="utf-8")
    first = swapped.index("obligation method_after_birth")
    second = swapped.index("# applies only to a household")
    end = swapped.index("benefit honest_household")
    swapped = swapped[:first] + swapped[second:end] + swapped[first:second] + swapped[end:]
    charter = charterlib.loads(swapped, "honest.charter", [CHARTERS])
    assert [a.id for a in charter.ir.articles if isinstance(a, ir.Obligation)] == ["sign_contract", "method_after_birth"]
    assert obligation_order(charter.ir) == ("method_after_birth", "sign_contract")
    statements = Planner(charter.ir).plan("2005").statements
    tables = [s.split(" AS ", 1)[0] for s in statements if "CREATE OR REPLACE TEMP TABLE \"obligation" in s]
    assert ["method_after_birth" in t for t in tables] == [True, False]
    assert household_outcomes(charter, REGISTER, "2005") == household_outcomes(COMPILED, REGISTER, "2005")


@pytest.mark.parametrize("condition, code", [
    ("breached(method_after_brith)", "unknown-obligation"),
    ("breached(honest_household)", "not-an-obligation"),
    ("pending(honest_family)", "not-an-obligation"),
    ("fulfilled(count(members))", "not-an-obligation"),
    ("fulfilled(method_after_birth, 1 year)", "wrong-arguments"),
    ("breached(method_after_birth, 0 days)", "bad-span"),
    ("breached(method_after_birth, 3 yuan)", "type-mismatch"),
    ("breached()", "wrong-arguments"),
])
def test_a_status_test_names_an_obligation(condition: str, code: str) -> None:
    text = ENGLISH.read_text(encoding="utf-8").replace("when pending(method_after_birth)", f"when {condition}")
    with pytest.raises(charterlib.CheckError) as caught:
        charterlib.loads(text, "honest.charter", [CHARTERS])
    assert [d.code for d in caught.value.diagnostics if d.is_error] == [code]


def test_an_unknown_obligation_is_said_with_the_one_meant() -> None:
    text = ENGLISH.read_text(encoding="utf-8").replace("when pending(method_after_birth)", "when pending(method_after)")
    with pytest.raises(charterlib.CheckError) as caught:
        charterlib.loads(text, "honest.charter", [CHARTERS])
    [error] = caught.value.diagnostics
    assert error.help == "did you mean `method_after_birth`?" and error.span is not None and error.span.line == 36


def test_obligations_may_not_read_their_own_status() -> None:
    text = ENGLISH.read_text(encoding="utf-8").replace(
        "  fulfilled on method_on\n", "  unless breached(sign_contract, 1 year)\n  fulfilled on method_on\n", 1)
    with pytest.raises(charterlib.CheckError) as caught:
        charterlib.loads(text, "honest.charter", [CHARTERS])
    [error] = caught.value.diagnostics
    assert error.code == "status-cycle"
    assert "method_after_birth → sign_contract → method_after_birth" in error.message


def test_an_inherited_obligation_can_be_read_and_a_repealed_one_cannot() -> None:
    village = ('charter honest_village "诚信村"\n  level village\n  extends honest\n  in force 2005-01-01\n\n'
               'benefit village_award "第一条 村级诚信奖励":\n  every year on 12-31\n'
               '  when not breached(sign_contract, 1 year) and kept_faith\n  pay 50 yuan\n')
    charter = charterlib.loads(village, "honest_village.charter", [ENGLISH.parent, CHARTERS])
    assert "village_award" not in charter.evaluate(REGISTER[8], "2005").cash  # H9: sign_contract in breach
    assert charter.evaluate(REGISTER[1], "2005").cash["village_award"] == Decimal("50.00")
    repealed = village.replace("  in force 2005-01-01\n", "  in force 2005-01-01\n\nrepeal sign_contract\n")
    with pytest.raises(charterlib.CheckError) as caught:
        charterlib.loads(repealed, "honest_village.charter", [ENGLISH.parent, CHARTERS])
    assert [d.code for d in caught.value.diagnostics if d.is_error] == ["unknown-obligation"]


def test_the_explanation_shows_the_status_used() -> None:
    text = COMPILED.explain(REGISTER[0], "2005", "honest_household").to_text()
    assert ("→ breached(method_after_birth, 1 year) = true: in breach since 2005-03-11, cured on 2005-05-20; "
            "the span 2005-01-01 … 2005-12-31") in text
    text = COMPILED.explain(REGISTER[7], "2005", "unbreached_fee").to_text()
    assert "→ breached(method_after_birth) = true: in breach since 2005-12-31, not cured by 2005-12-31" in text
    zh = COMPILED.explain(REGISTER[0], "2005", "honest_household").to_text("zh")
    assert "→ 违约(method_after_birth, 1 年) = 真: 自 2005-03-11 起违约，于 2005-05-20 纠正；期间 2005-01-01 至 2005-12-31" in zh
    # an obligation's conditions are judged on its trigger day
    text = COMPILED.explain(REGISTER[0], "2005", "sign_contract").to_text()
    assert "→ breached(method_after_birth) = true: in breach since 2005-03-11, not cured by 2005-04-01" in text
    # an eligibility on another day than the period's last reads the obligations as judged that day
    text = COMPILED.explain(REGISTER[0], "2005", "honest_family", on="2005-04-01").to_text()
    assert "→ breached(method_after_birth, 1 year) = true: in breach since 2005-03-11, not cured by 2005-04-01" in text
    data = COMPILED.explain(REGISTER[0], "2005", "honest_household").to_json()
    [unit] = data["articles"][0]["units"]
    [status] = unit["conditions"][0]["statuses"]
    assert status == {"text": "breached(method_after_birth, 1 year)", "test": "breached",
                      "obligation": "method_after_birth", "on": "2005-12-31", "value": True,
                      "explanation": "breached(method_after_birth, 1 year) = true: in breach since 2005-03-11, "
                                     "cured on 2005-05-20; the span 2005-01-01 … 2005-12-31"}


def test_the_command_explains_it(tmp_path: Path) -> None:
    register = tmp_path / "honest.json"
    register.write_text(json.dumps(REGISTER[:1]), encoding="utf-8")
    code, out, err = run_cli("--path", "charters", "explain", str(ENGLISH), str(register), "--household", "H1",
                             "--period", "2005", "--article", "since_signing")
    assert code == 0, err
    assert "breached(method_after_birth, contract_signed_on): in breach since 2005-03-11, cured on 2005-05-20; " \
           "from contract_signed_on" in out


def test_a_status_inside_a_list_function_is_evaluated_household_by_household(tmp_path: Path) -> None:
    # DuckDB allows no subquery in a list lambda: the article has no SQL form, and the batch engine
    # evaluates the households one by one, with the same results
    text = ENGLISH.read_text(encoding="utf-8").replace(
        "when pending(method_after_birth)", "when count(members where pending(method_after_birth)) >= 1")
    compiled = charterlib.loads(text, "honest.charter", [CHARTERS])
    reference = charterlib.loads(text, "honest.charter", [CHARTERS], backend="reference")
    assert [article for article, _ in Planner(compiled.ir).unsupported()] == ["waiting_allowance"]
    summaries: list[Any] = []
    outcomes = every_engine(compiled, reference, REGISTER, "2005", tmp_path, tables=(), summaries=summaries)
    assert all(s.one_by_one_articles for s in summaries)
    assert {hid: result["cash"] for hid, result in outcomes.items()} == CASH_2005  # the same months pending
