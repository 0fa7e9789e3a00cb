"""Registers with 10% corrupted records of every kind docs/records.md lists, as JSON Lines, CSV and
Parquet: every household ends in exactly one of results or errors, in both engines, with the same
counts and the same households with errors."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pytest
from conftest import CHARTERS, ROOT, run_cli
from register_runs import Outcome, both

import charterlib

CHARTER = charterlib.load(ROOT / "tests" / "fixtures" / "corrupt.charter", search_path=[CHARTERS])
N = 300

H_COLUMNS = ["id", "village", "rural", "one_child_cert_on", "preferential_cert_on", "contract_signed_on",
             "second_birth_waiver_on", "信誉金交纳日", "subsidy", "size", "area"]
P_COLUMNS = ["id", "household_id", "name", "role", "sex", "birth_date", "ethnicity", "education", "contraception",
             "contraception_on", "pregnancy_checks", "out_of_policy_birth", "admitted_on", "admission_tier",
             "violated_policy", "bonus_on"]


def base() -> list[dict[str, Any]]:
    """N good households, from the zhazi acceptance cases, with the fields the test charter adds."""
    cases = json.loads((ROOT / "tests" / "fixtures" / "cases" / "zhazi.json").read_text(encoding="utf-8"))
    out = []
    for i in range(N):
        record = copy.deepcopy(cases["households"][i % len(cases["households"])])
        hid = record["id"] = f"H{i:03}"
        for m in record["members"]:
            m["id"] = f"{hid}-{m['id'].rsplit('-', 1)[-1]}"
        record["members"][0]["id"] = f"{hid}-w"
        record.update(subsidy=f"{i % 7}.50", size=i % 5, area=f"{i}.25")
        if i % 3 == 0:
            record["信誉金交纳日"] = "2005-01-01"
        if i % 4 == 0:
            record["members"][0]["bonus_on"] = "2005-02-01"
            record["members"][0]["pregnancy_checks"] = ["2005-01-10", "2005-04-10"]
        out.append(record)
    return out


def deep(depth: int) -> str:
    return "[" * depth + "]" * depth


# ------------------------------------------------------------------ JSON Lines

Change = Callable[[dict[str, Any]], Any]


def _set(path: str, value: Any) -> Change:
    def change(r: dict[str, Any]) -> None:
        target: Any = r
        *parts, last = path.split(".")
        for part in parts:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    return change


def _pop(path: str) -> Change:
    def change(r: dict[str, Any]) -> None:
        target: Any = r
        *parts, last = path.split(".")
        for part in parts:
            target = target[int(part)] if part.isdigit() else target[part]
        target.pop(last)
    return change


def _text(make: Callable[[dict[str, Any]], str | bytes]) -> Change:
    return lambda r: make(r)


JSON_KINDS: dict[str, Change] = {  # every kind of bad JSON record of docs/records.md
    "not JSON": _text(lambda r: json.dumps(r)[:-7]),
    "not UTF-8": _text(lambda r: json.dumps(r).encode()[:-2] + b'\xff"}'),
    "nested too deeply": _text(lambda r: '{{"id": "{}", "village": {}}}'.format(r["id"], deep(100_000))),
    "not an object": _text(lambda r: json.dumps([r])),
    "no id": _pop("id"),
    "id not text": _set("id", 7),
    "no members": _pop("members"),
    "members not a list": _set("members", "everyone"),
    "person not an object": _set("members.0", "wife"),
    "person without id": _pop("members.0.id"),
    "required field missing": _pop("village"),
    "required person field missing": _pop("members.0.role"),
    "not a bool": _set("rural", "yes"),
    "not a date": _set("members.0.birth_date", "2005-02-30"),
    "not a label": _set("members.0.sex", "F"),
    "not a whole number": _set("size", "4"),
    "not a list": _set("members.0.pregnancy_checks", "2005-01-01"),
    "a list element": _set("members.0.pregnancy_checks", ["2005-01-01", "soon"]),
    "integer out of range": _set("size", 2 ** 63),
    "integer of 5000 digits": _text(lambda r: json.dumps(r)[:-1] + ', "size": ' + "9" * 5000 + "}"),
    "money out of range": _set("subsidy", "12345678901234567.00"),
    "money finer than 0.01": _set("subsidy", "1.005"),
    "decimal out of range": _text(lambda r: json.dumps(r)[:-1] + ', "area": 1' + "0" * 40 + "}"),
    "decimal too fine": _set("area", "0.12345678901"),
    "money not a number": _set("subsidy", "1e3"),
    "field misspelt": lambda r: r.update({"信誉金缴纳日": "2005-01-01"}) or r.pop("信誉金交纳日", None),
    "person field misspelt": _set("members.0.bonus_onn", "2005-01-01"),
    "duplicate after a rejected record": _set("id", "H123"),  # H123 was rejected: "not a bool"
    "duplicate person id": _set("members.0.id", "H001-w"),  # H001 is good, and keeps its result
    "date out of the calendar": _set("contract_signed_on", "0000-12-31"),
}


def json_register(tmp_path: Path) -> tuple[Path, int, set[str]]:
    """The corrupted register, its households read and the ids of the good households."""
    records = base()
    lines: list[bytes] = []
    good = set()
    kinds = list(JSON_KINDS.items())
    assert len(kinds) == N // 10
    for i, record in enumerate(records):
        if i % 10 != 3:
            if i % 50 == 7:
                record["remark"] = "x"  # an unknown field: a warning, the household is evaluated
            good.add(record["id"])
            lines.append(json.dumps(record, ensure_ascii=False).encode())
            continue
        _name, change = kinds[i // 10]
        out = change(record)
        if isinstance(out, (str, bytes)):
            lines.append(out.encode() if isinstance(out, str) else out)
        else:
            lines.append(json.dumps(record, ensure_ascii=False).encode())
    lines.insert(120, b"")  # a blank line is no record
    path = tmp_path / "register.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path, N, good


def check(outcome: Outcome, households: int, good: set[str]) -> None:
    """Every household ends in exactly one of results or errors, and the good ones have results."""
    assert outcome.households == households
    assert outcome.evaluated + outcome.with_errors == households
    assert set(outcome.results) == good
    flagged = {i.household for i in outcome.issues if i.severity == "error"}
    assert not flagged & set(outcome.results)


def test_a_json_lines_register_with_ten_percent_corrupted_records(tmp_path: Path) -> None:
    path, households, good = json_register(tmp_path)
    outcome = both(CHARTER, path, chunk_size=64)
    check(outcome, households, good)
    assert outcome.with_errors == N // 10 and outcome.warnings == 6
    code, out, err = run_cli("--path", str(CHARTERS), "eval", "tests/fixtures/corrupt.charter", str(path),
                             "--period", "2005", "--json")
    assert code == 1 and "Traceback" not in err
    assert {r["household"] for r in json.loads(out)} == good
    assert f"{N} households read: {N - N // 10} evaluated, {N // 10} with errors" in err


# ------------------------------------------------------------------ tables

def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return '"[' + ", ".join(value) + ']"'
    text = str(value)
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text


def _rows(records: list[dict[str, Any]]) -> tuple[list[list[Any]], list[list[Any]]]:
    households = [[r.get(c) for c in H_COLUMNS] for r in records]
    persons = [[m.get("id"), r["id"], *[m.get(c) for c in P_COLUMNS[2:]]] for r in records for m in r["members"]]
    return households, persons


def csv_register(tmp_path: Path) -> tuple[tuple[Path, Path], int, set[str]]:
    """A CSV register with 10% of its households corrupted, each in its own way; returns the tables,
    the households read and the ids of the households that must have a result."""
    records = base()
    good = {r["id"] for r in records}
    households, persons = _rows(records)
    h_lines = [",".join(_cell(v) for v in row).encode() for row in households]
    p_lines = [",".join(_cell(v) for v in row).encode() for row in persons]
    first_person = {}
    for i, row in enumerate(persons):
        first_person.setdefault(row[1], i)
    extra = 0

    def h(i: int) -> str:
        return f"H{i:03}"

    def set_h(i: int, column: str, value: str) -> None:
        row = list(households[i])
        row[H_COLUMNS.index(column)] = value
        h_lines[i] = ",".join(_cell(v) for v in row).encode()
        good.discard(h(i))

    def set_p(i: int, column: str, value: str) -> None:
        at = first_person[h(i)]
        row = list(persons[at])
        row[P_COLUMNS.index(column)] = value
        p_lines[at] = ",".join(_cell(v) for v in row).encode()
        good.discard(h(i))

    # rows of the households table that cannot be read
    h_lines[3] = h_lines[3].replace(b",true,", b",\xff\xfe,", 1) if b",true," in h_lines[3] else h_lines[3] + b"\xff"
    h_lines[13] = b",".join(h_lines[13].split(b",")[:4])
    h_lines[23] += b",extra"
    h_lines[33] = h_lines[33] + b" " * (2 * 1024 * 1024 + 1)
    for i in (3, 13, 23, 33):
        good.discard(h(i))
    # bad values of households
    set_h(43, "id", "")
    set_h(53, "rural", "yes")
    set_h(63, "contract_signed_on", "2005-02-30")
    set_h(73, "size", "9223372036854775808")
    set_h(83, "subsidy", "12345678901234567.00")
    set_h(93, "subsidy", "1.005")
    set_h(103, "area", "1" + "0" * 29)
    set_h(113, "area", "0.12345678901")
    set_h(123, "one_child_cert_on", "0000-12-31")
    set_h(8, "one_child_cert_on", "2005-1-01")
    set_h(28, "second_birth_waiver_on", "2005-01-01x")
    set_h(133, "id", "H001")  # H001 twice: both fail; the persons of H133 have no household row
    good.discard("H001")
    extra += 2  # the persons of H043 (no id) and of H133 refer to households not in the table
    # rows of the persons table that cannot be read, and bad persons
    for i, change in ((143, lambda line: line + b"\xff"), (153, lambda line: b",".join(line.split(b",")[:3])),
                      (163, lambda line: line + b",extra")):
        at = first_person[h(i)]
        p_lines[at] = change(p_lines[at])
        good.discard(h(i))
    set_p(173, "sex", "F")
    set_p(18, "contraception", "pill")
    set_p(183, "role", "")
    set_p(193, "pregnancy_checks", "[2005-01-01, soon]")
    set_p(203, "pregnancy_checks", "2005-01-01")
    set_p(213, "birth_date", "10000-01-01")
    set_p(223, "id", "H001-w")  # a person id used twice: both households fail
    good.discard("H001")
    # persons of no household: each an error of its own (their households are evaluated without them)
    at = first_person[h(233)]
    p_lines[at] = p_lines[at].replace(b",H233,", b",,", 1)
    extra += 1
    at = first_person[h(243)]
    p_lines[at] = p_lines[at].replace(b",H243,", b",NOWHERE,", 1)
    extra += 1
    at = first_person[h(253)]
    p_lines[at] = p_lines[at].replace(b",H253,", b",H2\xff3,", 1)  # its household cannot be read
    extra += 1
    # a misspelt field in one household: an error of its own (a column for all would fail them all)
    set_h(263, "信誉金交纳日", "not a day")
    set_h(273, "village", "")
    # the last row opens a quote it never closes: that row only
    h_lines[283] = h_lines[283].replace(b",", b',"', 1)
    good.discard(h(283))
    assert len(set(range(N)) - {int(hid[1:]) for hid in good}) >= N // 10
    h_lines.append(h_lines.pop(283))
    h_path, p_path = tmp_path / "households.csv", tmp_path / "persons.csv"
    h_path.write_bytes(",".join(H_COLUMNS).encode() + b"\n" + b"\n".join(h_lines) + b"\n")
    p_path.write_bytes(",".join(P_COLUMNS).encode() + b"\n" + b"\n".join(p_lines) + b"\n")
    return (h_path, p_path), N + extra, good


def test_a_csv_register_with_ten_percent_corrupted_rows(tmp_path: Path) -> None:
    register, households, good = csv_register(tmp_path)
    for options in ({}, {"chunk_size": 50}):
        check(both(CHARTER, register, **options), households, good)


@pytest.mark.parametrize("column", ["village", "信誉金交纳日"])
def test_a_bad_column_fails_every_household_of_its_table_once(tmp_path: Path, column: str) -> None:
    (h_path, p_path), _, _ = csv_register(tmp_path)
    header, rest = h_path.read_bytes().split(b"\n", 1)
    misspelt = "vilage" if column == "village" else "信誉金缴纳日"
    h_path.write_bytes(header.replace(column.encode(), misspelt.encode()) + b"\n" + rest)
    outcome = both(CHARTER, (h_path, p_path))
    assert outcome.evaluated == 0
    assert [i.path for i in outcome.issues if i.household == "*"] == [misspelt]


def test_a_parquet_register_with_ten_percent_corrupted_values(tmp_path: Path) -> None:
    records = base()
    households, persons = _rows(records)
    good = {r["id"] for r in records}
    h_types = {"rural": "BOOLEAN", "one_child_cert_on": "DATE", "preferential_cert_on": "DATE",
               "contract_signed_on": "DATE", "second_birth_waiver_on": "DATE", "信誉金交纳日": "DATE",
               "subsidy": "DOUBLE", "size": "UBIGINT", "area": "DECIMAL(38,10)"}
    p_types = {"birth_date": "DATE", "contraception_on": "DATE", "pregnancy_checks": "DATE[]", "bonus_on": "DATE",
               "admitted_on": "DATE", "out_of_policy_birth": "BOOLEAN", "violated_policy": "BOOLEAN"}
    text_h = [[None if v is None else _plain(v) for v in row] for row in households]
    text_p = [[None if v is None else _plain(v) for v in row] for row in persons]
    first_person = {}
    for i, row in enumerate(text_p):
        first_person.setdefault(row[1], i)
    extra = 0
    bad_h = {3: ("信誉金交纳日", "10183-09-21"), 13: ("信誉金交纳日", "infinity"), 23: ("contract_signed_on", "0044-03-15 (BC)"),
             33: ("subsidy", "nan"), 43: ("subsidy", "inf"), 53: ("subsidy", "1e300"), 63: ("size", "18446744073709551615"),
             73: ("subsidy", "0.30000000000000004"), 83: ("id", ""), 93: ("id", None)}
    for i, (column, value) in bad_h.items():
        text_h[i][H_COLUMNS.index(column)] = value
        good.discard(f"H{i:03}")
    bad_p = {103: ("sex", "F"), 113: ("birth_date", "-infinity"), 123: ("role", None), 133: ("id", "H001-w"),
             143: ("pregnancy_checks", "[2005-01-01, 10000-01-01]"), 153: ("birth_date", "0001-01-01 (BC)")}
    for i, (column, value) in bad_p.items():
        text_p[first_person[f"H{i:03}"]][P_COLUMNS.index(column)] = value
        good.discard(f"H{i:03}")
    good.discard("H001")
    for i, value in ((163, ""), (173, None), (183, "NOWHERE")):  # persons of no household
        text_p[first_person[f"H{i:03}"]][1] = value
        extra += 1
    text_h[193] = list(text_h[1])  # H001 twice; the persons of H193 have no household row
    good.discard("H193")
    extra += 3  # and the persons of H083 and H093, whose rows have no id
    repeats = [kind for kind in bad_h.values() if kind[0] != "id"]
    for k, i in enumerate([*range(203, N, 10), 8, 18]):
        column, value = repeats[k % len(repeats)]
        text_h[i][H_COLUMNS.index(column)] = value
        good.discard(f"H{i:03}")
    assert len(set(range(N)) - {int(hid[1:]) for hid in good}) >= N // 10
    con = duckdb.connect()
    for name, columns, rows, types in (("households", H_COLUMNS, text_h, h_types),
                                       ("persons", P_COLUMNS, text_p, p_types)):
        table = pa.table({c: pa.array([r[j] for r in rows], pa.string()) for j, c in enumerate(columns)})
        con.register("t", table)
        select = ", ".join(f'CAST("{c}" AS {types.get(c, "VARCHAR")}) AS "{c}"' for c in columns)
        con.execute(f"COPY (SELECT {select} FROM t) TO '{tmp_path / (name + '.parquet')}' (FORMAT parquet)")
        con.unregister("t")
    outcome = both(CHARTER, (tmp_path / "households.parquet", tmp_path / "persons.parquet"))
    check(outcome, N + extra, good)


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    return str(value)
