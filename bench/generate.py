"""Generate a deterministic synthetic household register for the benchmarks.

    python bench/generate.py --households N --seed S --out DIR

writes DIR/households.parquet, DIR/persons.parquet and DIR/register.jsonl (the same data, one
household per line in the JSON format of ../shared/spec/households.md: members nested, dates as ISO
strings, null values omitted). The same N and seed always give the same files.

Every household has a wife and a husband (persons "H{i}-w", "H{i}-h") and 0-3 children
("H{i}-c1", ... in order of birth), and is rural 80% of the time. Adults are born 1960-1985,
children 1988-2005 once the mother is 18. Certificates, contracts, contraception and pregnancy
checks are set for some households so that both benchmark rules (bench/simple.charter) pay, and do
not pay, for all the reasons they can, including the edges of "on or before that day":
- one-child certificates for 60% of one-child households, and for a few (8%) that had a second
  child after the certificate; 10% of them issued on the last day of a month;
- preferential certificates (2004-2006) for 60% of two-daughter households and 30% of households
  whose third child came after two daughters; one spouse then usually sterilized, within about a
  year of the certificate day, before or after it, 10% on that very day;
- contraception (sterilization, iud, implant, none) for one spouse of half the households with
  children, 5% of methods without a day; contracts for 30%, pregnancy checks for 20% of wives,
  an out-of-policy birth for 1% of children.

Everything is drawn with numpy in whole columns; the JSON lines are assembled with pyarrow string
kernels, so a million households take seconds, not minutes.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

VILLAGES = ["柞子村", "亚田村", "新边村", "永忠村", "梓木村", "洪山殿村", "桃源村", "石门村"]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
GIVEN_FEMALE = ["秀英", "桂英", "玉兰", "秀兰", "凤英", "淑珍", "红梅", "丽娟", "春花", "小芳"]
GIVEN_MALE = ["建国", "国强", "志明", "建华", "卫东", "海涛", "振华", "德明", "永强", "小龙"]
EDUCATION = ["none", "primary", "junior_middle", "senior_high", "college"]
METHODS = ["sterilization", "iud", "implant", "none"]
TIERS = ["undergrad_first", "undergrad_second", "junior_college"]

HOUSEHOLD_SCHEMA = pa.schema([
    ("id", pa.string()),
    ("village", pa.string()),
    ("rural", pa.bool_()),
    ("one_child_cert_on", pa.date32()),
    ("preferential_cert_on", pa.date32()),
    ("contract_signed_on", pa.date32()),
    ("second_birth_waiver_on", pa.date32()),
])
PERSON_SCHEMA = pa.schema([
    ("household_id", pa.string()),
    ("id", pa.string()),
    ("name", pa.string()),
    ("role", pa.string()),
    ("sex", pa.string()),
    ("birth_date", pa.date32()),
    ("ethnicity", pa.string()),
    ("education", pa.string()),
    ("contraception", pa.string()),
    ("contraception_on", pa.date32()),
    ("pregnancy_checks", pa.list_(pa.date32())),
    ("out_of_policy_birth", pa.bool_()),
    ("admitted_on", pa.date32()),
    ("admission_tier", pa.string()),
    ("violated_policy", pa.bool_()),
])

NAT = np.datetime64("NaT", "D")


def day(text: str) -> np.datetime64:
    return np.datetime64(text, "D")


def days_between(rng: np.random.Generator, lo, hi, shape) -> np.ndarray:
    """Uniformly drawn days in [lo, hi] (both included; lo when hi < lo), bounds broadcast to shape."""
    lo = np.asarray(lo, dtype="datetime64[D]").astype(np.int64)
    hi = np.asarray(hi, dtype="datetime64[D]").astype(np.int64)
    span = np.maximum(hi - lo, 0) + 1
    return (lo + (rng.random(shape) * span).astype(np.int64)).astype("datetime64[D]")


def generate(n: int, seed: int) -> tuple[pa.Table, pa.Table]:
    """The households and persons tables (persons grouped by household: wife, husband, children)."""
    rng = np.random.default_rng(seed)
    idx = np.arange(n)

    # ---------------------------------------------------------------- households and adults
    village = rng.integers(0, len(VILLAGES), n)
    rural = rng.random(n) < 0.8
    wife_birth = days_between(rng, day("1960-01-01"), day("1985-12-31"), n)
    husband_birth = np.clip(wife_birth + rng.integers(-3 * 365, 6 * 365, n),
                            day("1960-01-01"), day("1985-12-31"))

    # ---------------------------------------------------------------- children, sorted by birth
    n_children = rng.choice(4, size=n, p=[0.15, 0.40, 0.35, 0.10])
    earliest_birth = np.maximum(day("1988-01-01"), wife_birth + 6575)  # 18 years = at most 6575 days
    draws = days_between(rng, earliest_birth[:, None], day("2005-12-31"), (n, 3))
    draws = np.where(np.arange(3)[None, :] < n_children[:, None], draws, day("9999-12-31"))
    child_birth = np.sort(draws, axis=1)  # unused slots (9999-12-31) sort last
    child_female = rng.random((n, 3)) < 0.48
    first_birth = child_birth[:, 0]
    second_birth = child_birth[:, 1]
    last_birth = child_birth[idx, np.maximum(n_children - 1, 0)]
    two_daughters = (n_children == 2) & child_female[:, 0] & child_female[:, 1]

    # ---------------------------------------------------------------- certificates and contracts
    # one-child certificate: most one-child households, and a few that later had a second child
    # (certificate issued before that birth), so composition changes within a certified year.
    one_child_cert = ((n_children == 1) & (rng.random(n) < 0.6)) | (
        (n_children >= 2) & (rng.random(n) < 0.08))
    cert_hi = np.where(n_children >= 2, second_birth - 1, day("2006-06-30"))
    one_child_cert_on = days_between(rng, np.maximum(first_birth, day("1990-01-01")),
                                     np.maximum(cert_hi, first_birth), n)
    month_end = (one_child_cert_on.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
    one_child_cert_on = np.where(rng.random(n) < 0.1, month_end, one_child_cert_on)  # edge: month end
    one_child_cert_on = np.where(one_child_cert & (n_children >= 1), one_child_cert_on, NAT)

    # preferential certificate: two-daughter households, issued since the policy started (2004) --
    # sometimes before the second daughter was born, and to a few households whose first two
    # children are daughters and who had a third child later.
    first_two_daughters = (n_children == 3) & child_female[:, 0] & child_female[:, 1]
    preferential = (two_daughters & (rng.random(n) < 0.6)) | (first_two_daughters & (rng.random(n) < 0.3))
    preferential_cert_on = np.where(
        preferential, days_between(rng, day("2004-01-01"), day("2006-12-31"), n), NAT)

    contract_signed_on = np.where(
        rng.random(n) < 0.3, days_between(rng, day("2004-01-01"), day("2006-12-31"), n), NAT)
    waiver = (n_children == 1) & (rng.random(n) < 0.05)
    second_birth_waiver_on = np.where(
        waiver, days_between(rng, first_birth, np.maximum(first_birth, day("2006-12-31")), n), NAT)

    # ---------------------------------------------------------------- contraception (one spouse)
    # Households with children often have one spouse on a method; for preferential-certificate
    # households it is usually sterilization, adopted around the certificate day (before or after).
    has_method = ((n_children >= 1) & (rng.random(n) < 0.5)) | (preferential & (rng.random(n) < 0.7))
    method = rng.choice(4, size=n, p=[0.40, 0.35, 0.15, 0.10])
    method = np.where(preferential & (rng.random(n) < 0.85), 0, method)
    method = np.where(has_method, method, 3)
    method_on = np.where(
        preferential,
        np.where(rng.random(n) < 0.1, preferential_cert_on,  # edge: on the certificate day
                 preferential_cert_on + rng.integers(-400, 200, n)),
        days_between(rng, last_birth + 30, np.maximum(last_birth + 30, day("2006-12-31")), n))
    method_on = np.where((method != 3) & (rng.random(n) >= 0.05), method_on, NAT)  # 5% undated
    method_by_wife = rng.random(n) < 0.7

    # ---------------------------------------------------------------- persons, in household order
    counts = 2 + n_children
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    hh = np.repeat(idx, counts)  # household index of each person
    pos = np.arange(offsets[-1]) - offsets[hh]  # 0 wife, 1 husband, 2.. children
    is_wife, is_husband, is_child = pos == 0, pos == 1, pos >= 2
    child_slot = np.clip(pos - 2, 0, 2)
    m = len(hh)

    role = np.where(is_wife, 0, np.where(is_husband, 1, 2))  # wife, husband, child
    female = np.where(is_wife, True, np.where(is_husband, False, child_female[hh, child_slot]))
    birth = np.where(is_wife, wife_birth[hh],
                     np.where(is_husband, husband_birth[hh], child_birth[hh, child_slot]))
    holds_method = np.where(is_wife, method_by_wife[hh], np.where(is_husband, ~method_by_wife[hh], False))
    p_method = np.where(holds_method, method[hh], 3)
    p_method_on = np.where(holds_method, method_on[hh], NAT)
    ethnicity = np.where(rng.random(m) < 0.05, 1, 0)
    age_2005 = (day("2005-12-31") - birth).astype(np.int64) // 365
    child_education = np.select([age_2005 < 7, age_2005 < 13, age_2005 < 16], [0, 1, 2], 3)
    education = np.where(is_child, child_education,
                         rng.choice(5, size=m, p=[0.15, 0.35, 0.35, 0.12, 0.03]))
    out_of_policy = is_child & (rng.random(m) < 0.01)
    violated = is_wife & np.isin(hh, hh[out_of_policy])
    admitted = is_child & (birth <= day("1988-08-31")) & (rng.random(m) < 0.3)
    admitted_on = np.where(admitted, day("2006-08-15"), NAT)
    admission_tier = np.where(admitted, rng.integers(0, 3, m), -1)

    # pregnancy checks: 20% of wives, 1-4 days in 2004-2006
    checks_n = np.where(is_wife & (rng.random(m) < 0.2), rng.integers(1, 5, m), 0)
    check_offsets = np.zeros(m + 1, dtype=np.int32)
    np.cumsum(checks_n, out=check_offsets[1:])
    check_days = days_between(rng, day("2004-01-01"), day("2006-12-31"), check_offsets[-1])
    check_owner = np.repeat(np.arange(m), checks_n)
    check_days = check_days[np.lexsort((check_days, check_owner))]  # in order within each person

    # ---------------------------------------------------------------- Arrow tables
    hid = pa.array([f"H{i}" for i in range(n)], pa.string())
    suffix = np.array(["-w", "-h", "-c1", "-c2", "-c3"])[pos]
    given = np.where(female, rng.integers(0, 10, m), 10 + rng.integers(0, 10, m))
    surname = np.array(SURNAMES)[rng.integers(0, len(SURNAMES), n)]
    household_surname = pa.array(surname[hh])
    given_name = pa.array(np.array(GIVEN_FEMALE + GIVEN_MALE)[given])

    households = pa.table({
        "id": hid,
        "village": pa.array(np.array(VILLAGES)[village]),
        "rural": pa.array(rural),
        "one_child_cert_on": dates(one_child_cert_on),
        "preferential_cert_on": dates(preferential_cert_on),
        "contract_signed_on": dates(contract_signed_on),
        "second_birth_waiver_on": dates(second_birth_waiver_on),
    }, schema=HOUSEHOLD_SCHEMA)
    household_id = hid.take(pa.array(hh))
    persons = pa.table({
        "household_id": household_id,
        "id": pc.binary_join_element_wise(household_id, pa.array(suffix), ""),
        "name": pc.binary_join_element_wise(household_surname, given_name, ""),
        "role": pa.array(np.array(["wife", "husband", "child"])[role]),
        "sex": pa.array(np.where(female, "female", "male")),
        "birth_date": dates(birth),
        "ethnicity": pa.array(np.array(["han", "minority"])[ethnicity]),
        "education": pa.array(np.array(EDUCATION)[education]),
        "contraception": pa.array(np.array(METHODS)[p_method]),
        "contraception_on": dates(p_method_on),
        "pregnancy_checks": pa.ListArray.from_arrays(pa.array(check_offsets), dates(check_days)),
        "out_of_policy_birth": pa.array(out_of_policy),
        "admitted_on": dates(admitted_on),
        "admission_tier": pa.array(np.array(TIERS + [None], dtype=object)[admission_tier]),
        "violated_policy": pa.array(violated),
    }, schema=PERSON_SCHEMA)
    return households, persons


def dates(values: np.ndarray) -> pa.Array:
    """A date32 column from datetime64[D] values (NaT becomes null)."""
    values = np.asarray(values, dtype="datetime64[D]")
    return pa.array(values, pa.date32(), mask=np.isnat(values))


# -------------------------------------------------------------------- JSON lines
def _field(name: str, text: pa.Array, quoted: bool) -> pa.Array:
    """`,"name":value` for each row, or "" where the value is null (households.md: omit nulls)."""
    q = '"' if quoted else ""
    return pc.fill_null(pc.binary_join_element_wise(f',"{name}":{q}', text, q, ""), "")


def _str(column: pa.Array) -> pa.Array:
    return pc.cast(column, pa.string())


def _bool(column: pa.Array) -> pa.Array:
    return pc.if_else(column, "true", "false")


def _concat(parts: list[pa.Array]) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


def json_lines(households: pa.Table, persons: pa.Table, person_offsets: np.ndarray) -> pa.Array:
    """One JSON object per household. `persons` holds the members of `households`, grouped in the
    same order; household i has the persons person_offsets[i] to person_offsets[i + 1] - 1."""
    p = persons
    checks = p["pregnancy_checks"].combine_chunks()
    check_text = pc.binary_join_element_wise('"', _str(checks.flatten()), '"', "")
    check_lists = pa.ListArray.from_arrays(pc.subtract(checks.offsets, checks.offsets[0]), check_text)
    person_json = _concat([
        pc.binary_join_element_wise('{"id":"', p["id"], '"', ""),
        _field("name", p["name"], True),
        _field("role", p["role"], True),
        _field("sex", p["sex"], True),
        _field("birth_date", _str(p["birth_date"]), True),
        _field("ethnicity", p["ethnicity"], True),
        _field("education", p["education"], True),
        _field("contraception", p["contraception"], True),
        _field("contraception_on", _str(p["contraception_on"]), True),
        _field("pregnancy_checks", pc.binary_join_element_wise(
            "[", pc.binary_join(check_lists, ","), "]", ""), False),
        _field("out_of_policy_birth", _bool(p["out_of_policy_birth"]), False),
        _field("admitted_on", _str(p["admitted_on"]), True),
        _field("admission_tier", p["admission_tier"], True),
        _field("violated_policy", _bool(p["violated_policy"]), False),
        pa.scalar("}"),
    ])
    person_json = person_json.combine_chunks()
    members = pc.binary_join(pa.ListArray.from_arrays(pa.array(person_offsets), person_json), ",")
    h = households
    return _concat([
        pc.binary_join_element_wise('{"id":"', h["id"], '"', ""),
        _field("village", h["village"], True),
        _field("rural", _bool(h["rural"]), False),
        _field("one_child_cert_on", _str(h["one_child_cert_on"]), True),
        _field("preferential_cert_on", _str(h["preferential_cert_on"]), True),
        _field("contract_signed_on", _str(h["contract_signed_on"]), True),
        _field("second_birth_waiver_on", _str(h["second_birth_waiver_on"]), True),
        pc.binary_join_element_wise(',"members":[', members, "]}", ""),
    ])


def write(households: pa.Table, persons: pa.Table, out: Path, chunk: int = 100_000) -> None:
    out.mkdir(parents=True, exist_ok=True)
    pq.write_table(households, out / "households.parquet")
    pq.write_table(persons, out / "persons.parquet")
    # persons are grouped by household, in household order
    owner = pc.index_in(persons["household_id"], households["id"]).to_numpy()
    person_offsets = np.zeros(len(households) + 1, dtype=np.int64)
    np.cumsum(np.bincount(owner, minlength=len(households)), out=person_offsets[1:])
    with open(out / "register.jsonl", "w", encoding="utf-8") as f:
        for start in range(0, len(households), chunk):
            stop = min(start + chunk, len(households))
            lo, hi = person_offsets[start], person_offsets[stop]
            lines = json_lines(households.slice(start, stop - start), persons.slice(lo, hi - lo),
                               (person_offsets[start:stop + 1] - lo).astype(np.int32))
            f.write("\n".join(lines.to_pylist()))
            f.write("\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, required=True)
    parser.add_argument("--seed", type=int, default=2005)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    start = time.perf_counter()
    households, persons = generate(args.households, args.seed)
    generated = time.perf_counter()
    write(households, persons, args.out)
    done = time.perf_counter()
    print(f"{args.households} households, {len(persons)} persons -> {args.out} "
          f"(generate {generated - start:.1f} s, write {done - generated:.1f} s)")


if __name__ == "__main__":
    main()
