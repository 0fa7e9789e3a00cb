"""Table registers (households and persons, CSV or Parquet): a bad row is that row's error, a bad column
is reported once, no person is dropped in silence, and both engines end each household the same way."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import CHARTERS, ROOT, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from register_runs import both, errors

import charterlib
from charterlib.registers import read_tables

ZHAZI = charterlib.load(CHARTERS / "zhazi.charter")
RT = charterlib.load(ROOT / "tests" / "fixtures" / "records_test.charter", search_path=[CHARTERS])
# a charter whose child bonus needs every member: a person lost in silence shows as money lost
KIDS = charterlib.loads('charter kids "村"\n  level town\n  uses family_planning\n  in force 2004-01-01\n\n'
                        'benefit per_child "子女补助":\n  once on 2005-06-01\n  when count(children) > 0\n'
                        '  pay 120 yuan * count(children)\n\n'
                        'define children = members where role = child\n', "kids.charter", search_path=[CHARTERS])

H_HEADER = "id,village,rural"
P_HEADER = "id,household_id,role,sex,birth_date"


def tables(tmp_path: Path, households: list[str] | bytes, persons: list[str] | bytes,
           h_header: str = H_HEADER, p_header: str = P_HEADER) -> tuple[Path, Path]:
    h, p = tmp_path / "households.csv", tmp_path / "persons.csv"
    for path, header, rows in ((h, h_header, households), (p, p_header, persons)):
        path.write_bytes(rows if isinstance(rows, bytes) else "\n".join([header, *rows, ""]).encode())
    return h, p


def family(hid: str, children: int = 1) -> tuple[str, list[str]]:
    return f"{hid},v,true", [f"{hid}-w,{hid},wife,female,1980-01-01",
                              *[f"{hid}-c{i},{hid},child,male,2003-01-0{i + 1}" for i in range(children)]]


def register(tmp_path: Path, ids: str = "ABC") -> tuple[list[str], list[str]]:
    rows = [family(h) for h in ids]
    return [r for r, _ in rows], [p for _, ps in rows for p in ps]


# ------------------------------------------------------------------ persons of no household

def test_a_person_without_household_id_is_an_error_never_dropped(tmp_path: Path) -> None:
    hh, pp = register(tmp_path, "AB")
    pp[1] = "A-c0,,child,male,2003-01-01"  # nullhh/: A was paid 0.00 for 120.00, in silence
    outcome = both(KIDS, tables(tmp_path, hh, pp))
    assert (outcome.households, outcome.evaluated, outcome.with_errors) == (3, 2, 1)
    [issue] = outcome.issues
    assert issue.position == "persons.csv line 3" and issue.path == "household_id"
    assert '"A-c0" has no household_id' in issue.message


def test_persons_of_a_household_not_in_the_table_are_one_error(tmp_path: Path) -> None:
    hh, pp = register(tmp_path, "AB")
    pp += ["Z-w,Z,wife,female,1980-01-01", "Z-h,Z,husband,male,1980-01-01"]
    outcome = both(KIDS, tables(tmp_path, hh, pp))
    assert (outcome.households, outcome.evaluated, outcome.with_errors) == (3, 2, 1)
    assert errors(outcome) == {("Z", "members")}


def test_parquet_persons_with_an_empty_or_null_household_id_are_errors(tmp_path: Path) -> None:
    con = duckdb.connect()
    con.execute(f"COPY (SELECT * FROM (VALUES ('A', 'v', true)) t(id, village, rural)) TO "
                f"'{tmp_path / 'households.parquet'}' (FORMAT parquet)")
    con.execute(f"COPY (SELECT * FROM (VALUES ('A-w', 'A', 'wife', 'female', DATE '1980-01-01'), "
                f"('A-c', '', 'child', 'male', DATE '2003-01-01'), ('A-d', NULL, 'child', 'male', DATE '2003-01-01')) "
                f"t(id, household_id, role, sex, birth_date)) TO '{tmp_path / 'persons.parquet'}' (FORMAT parquet)")
    outcome = both(KIDS, (tmp_path / "households.parquet", tmp_path / "persons.parquet"))
    assert (outcome.households, outcome.evaluated, outcome.with_errors) == (3, 1, 2)
    assert {i.position for i in outcome.issues} == {"persons.parquet row 2", "persons.parquet row 3"}


# ------------------------------------------------------------------ rows that cannot be read

BAD_ROWS = {
    "not UTF-8": (b"B,v\xff\xfe,true", "not UTF-8"),
    "a cell short": (b"B,v", "2 cells where the header has 3"),
    "a cell too many": (b"B,v,true,extra", "4 cells where the header has 3"),
    "over 2 MB": (b"B," + b"x" * (2 * 1024 * 1024 + 10) + b",true", "longer than 2 MB"),
}


@pytest.mark.parametrize("kind", sorted(BAD_ROWS))
def test_a_households_row_that_cannot_be_read_is_that_households_error(tmp_path: Path, kind: str) -> None:
    hh, pp = register(tmp_path)
    row, message = BAD_ROWS[kind]
    households = "\n".join([H_HEADER, hh[0]]).encode() + b"\n" + row + b"\n" + hh[2].encode() + b"\n"
    outcome = both(KIDS, tables(tmp_path, households, pp))
    assert (outcome.households, outcome.evaluated, outcome.with_errors) == (3, 2, 1)
    [issue] = outcome.issues
    assert (issue.household, issue.position) == ("B", "households.csv line 3") and message in issue.message


BAD_PERSONS = {  # rows of B's child
    "not UTF-8": (b"B-c0,B,child,male\xff,2003-01-01", "not UTF-8"),
    "a cell short": (b"B-c0,B,child,male", "4 cells where the header has 5"),
    "a cell too many": (b"B-c0,B,child,male,2003-01-01,x", "6 cells where the header has 5"),
    "over 2 MB": (b"B-c0,B,child,male,2003-01-01" + b" " * (2 * 1024 * 1024 + 10), "longer than 2 MB"),
}


@pytest.mark.parametrize("kind", sorted(BAD_PERSONS))
def test_a_household_whose_persons_row_cannot_be_read_is_not_evaluated_without_them(tmp_path: Path, kind: str) -> None:
    hh, pp = register(tmp_path)
    row, message = BAD_PERSONS[kind]
    persons = "\n".join([P_HEADER, *pp[:3]]).encode() + b"\n" + row + b"\n" + "\n".join(pp[4:]).encode() + b"\n"
    outcome = both(KIDS, tables(tmp_path, hh, persons))
    assert set(outcome.results) == {"A", "C"} and outcome.with_errors == 1
    assert errors(outcome) == {("B", "members")}
    assert message in outcome.issues[0].message


def test_a_persons_row_whose_household_cannot_be_known_is_its_own_error(tmp_path: Path) -> None:
    hh, pp = register(tmp_path)
    persons = "\n".join([P_HEADER, *pp[:3]]).encode() + b"\nB-c0,B\xff,child,male,2003-01-01\n" + \
        "\n".join(pp[4:]).encode() + b"\n"
    outcome = both(KIDS, tables(tmp_path, hh, persons))
    # B's household_id is not readable: the row is an error of its own, B is evaluated with who is known
    assert (outcome.households, outcome.evaluated, outcome.with_errors) == (4, 3, 1)
    [issue] = outcome.issues
    assert issue.household == "?" and issue.position == "persons.csv line 5"
    assert "its household cannot be known" in issue.message


def test_an_unclosed_quote_is_an_error_where_it_starts(tmp_path: Path) -> None:
    hh, pp = register(tmp_path)
    hh[1] = 'B,"v,true'  # the quote runs to the end of the file: C cannot be read either
    outcome = both(KIDS, tables(tmp_path, hh, pp))
    assert set(outcome.results) == {"A"}
    assert ("B", "") in errors(outcome) and ("C", "members") in errors(outcome)  # C's persons have no household row
    assert all("Traceback" not in i.message for i in outcome.issues)


def test_the_csv_repro_rejects_one_row_not_the_register(tmp_path: Path) -> None:
    h, p = tables(tmp_path, b"id,village,rural\nA,v,true\nB,v\xef\xbf,true\nC,v,true\n",
                  ["A-w,A,wife,female,1980-01-01", "B-w,B,wife,female,1980-01-01", "C-w,C,wife,female,1980-01-01"])
    code, out, err = run_cli("eval", "charters/zhazi.charter", str(h), "--persons", str(p), "--period", "2005",
                             "--out", str(tmp_path / "out.jsonl"))
    assert code == 1 and "cannot read the register" not in err
    assert "3 households read: 2 evaluated, 1 with errors" in out + err
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 2


# ------------------------------------------------------------------ columns

def test_a_missing_column_is_one_error_counting_every_household(tmp_path: Path) -> None:
    hh, pp = register(tmp_path, "ABCDEFGH")
    h, p = tables(tmp_path, [r.replace(",v,", ",") for r in hh], pp, h_header="id,rural")
    outcome = both(KIDS, (h, p))
    assert (outcome.households, outcome.evaluated, outcome.with_errors) == (8, 0, 8)
    [issue] = outcome.issues  # was one error per row
    assert (issue.household, issue.path, issue.position) == ("*", "village", "households.csv")
    assert issue.message.endswith("(8 households)")
    code, _, err = run_cli("eval", "charters/zhazi.charter", str(h), "--persons", str(p), "--period", "2005",
                           "--out", str(tmp_path / "out.jsonl"))
    assert code == 1 and len(err.splitlines()) == 1


def test_a_column_misspelling_a_field_read_is_one_error_for_every_household(tmp_path: Path) -> None:
    h, p = tables(tmp_path, ["A,v,2005-01-01,1.00", "B,v,,2.00"], ["A-w,A,wife,female,1980-01-01"],
                  h_header="id,village,信誉金缴纳日,subsidy")
    outcome = both(RT, (h, p))
    assert (outcome.households, outcome.evaluated, outcome.with_errors) == (2, 0, 2)
    [issue] = outcome.issues
    assert issue.path == "信誉金缴纳日" and "信誉金交纳日" in issue.message


def test_a_person_column_misspelt_fails_the_households_with_persons(tmp_path: Path) -> None:
    h, p = tables(tmp_path, ["A,v", "B,v"], ["A-w,A,wife,female,1980-01-01,2005-01-01"], h_header="id,village",
                  p_header=P_HEADER + ",bonus_onn")
    outcome = both(RT, (h, p))
    assert set(outcome.results) == {"B"} and outcome.with_errors == 1


def test_a_persons_table_without_rows_or_columns_fails_no_household_and_says_so(tmp_path: Path) -> None:
    # the batch engine reported "(0 households)" errors under household "*" (and the household engine
    # nothing): a table of no persons lacking the person columns fails no household, and is a warning
    h, p = tables(tmp_path, ["A,v,true", "B,v,false"], [], p_header="household_id,id")
    outcome = both(KIDS, (h, p))
    assert (outcome.households, outcome.evaluated, outcome.with_errors, outcome.warnings) == (2, 2, 0, 3)
    assert {(i.path, i.severity) for i in outcome.issues} == {(f, "warning") for f in ("role", "sex", "birth_date")}
    assert all(i.message.endswith("(no household has a row in the table)") for i in outcome.issues)


def test_unknown_columns_are_warnings_counted_once_per_column(tmp_path: Path) -> None:
    hh, pp = register(tmp_path)
    h, p = tables(tmp_path, [r + ",x,y" for r in hh], pp, h_header=H_HEADER + ",remark,rural")
    outcome = both(KIDS, (h, p))
    assert outcome.with_errors == 0 and outcome.warnings == 2  # `remark`, and `rural` given twice
    summary = charterlib.batch.run(KIDS, (h, p), "2005")
    assert summary.warnings == 2 and summary.to_json()["warnings"] == 2


# ------------------------------------------------------------------ values

def test_values_out_of_range_in_csv_are_errors_at_their_path(tmp_path: Path) -> None:
    rows = ["A,v,1.00,4,1.5", "B,v,10000000000000000.00,4,1.5", "C,v,1.001,4,1.5", "D,v,1.00,9223372036854775808,1.5",
            "E,v,1.00,4," + "1" * 29, "F,v,1e3,4,1.5", "G,v, 2.50 ,00004,1.5", "H,v,1.00,4,0.12345678901"]
    h, p = tables(tmp_path, rows, ["A-w,A,wife,female,1980-01-01"], h_header="id,village,subsidy,size,area")
    outcome = both(RT, (h, p))
    assert set(outcome.results) == {"A", "G"}
    assert errors(outcome) == {("B", "subsidy"), ("C", "subsidy"), ("D", "size"), ("E", "area"), ("F", "subsidy"),
                               ("H", "area")}


def test_lists_and_dates_in_csv(tmp_path: Path) -> None:
    header = P_HEADER + ",pregnancy_checks,contraception_on"
    persons = ["A-w,A,wife,female,1980-01-01,\"[2005-01-01, 2005-03-01]\",2005-01-01",
               "B-w,B,wife,female,1980-01-01,[],0000-01-01", "C-w,C,wife,female,1980-01-01,\"[2005-01-01,]\",",
               "D-w,D,wife,female,1980-01-01,[2005-02-30],", "E-w,E,wife,female,1980-1-01,,"]
    h, p = tables(tmp_path, ["A,v,true", "B,v,true", "C,v,true", "D,v,true", "E,v,true"], persons, p_header=header)
    outcome = both(ZHAZI, (h, p))
    assert set(outcome.results) == {"A"}
    assert {hid for hid, _ in errors(outcome)} == {"B", "C", "D", "E"}


def test_typed_parquet_edge_values_are_errors_at_their_path(tmp_path: Path) -> None:
    con = duckdb.connect()
    con.execute(f"""COPY (SELECT * FROM (VALUES
        ('A', 'v', DATE '2005-01-01', 1.00::DOUBLE, 4::UBIGINT, 1.5::DECIMAL(38,10)),
        ('B', 'v', DATE '10183-09-21', 1.00, 4, 1.5),
        ('C', 'v', 'infinity'::DATE, 1.00, 4, 1.5),
        ('D', 'v', DATE '0044-03-15 (BC)', 1.00, 4, 1.5),
        ('E', 'v', NULL, 'nan'::DOUBLE, 4, 1.5),
        ('F', 'v', NULL, 'inf'::DOUBLE, 4, 1.5),
        ('G', 'v', NULL, 0.1::DOUBLE + 0.2::DOUBLE, 4, 1.5),
        ('H', 'v', NULL, 1.00, 18446744073709551615, 1.5),
        ('I', 'v', NULL, 1e300, 4, 1.5)
        ) t(id, village, 信誉金交纳日, subsidy, size, area)) TO '{tmp_path / 'households.parquet'}' (FORMAT parquet)""")
    con.execute(f"""COPY (SELECT * FROM (VALUES
        ('A-w', 'A', 'wife', 'female', TIMESTAMP '1980-01-01 00:00:00'),
        ('B-w', 'B', 'wife', 'female', TIMESTAMP '1980-01-01 12:00:00')
        ) t(id, household_id, role, sex, birth_date)) TO '{tmp_path / 'persons.parquet'}' (FORMAT parquet)""")
    outcome = both(RT, (tmp_path / "households.parquet", tmp_path / "persons.parquet"))
    assert outcome.evaluated == 0  # a timestamp is not a date: A's wife has no birth date
    assert errors(outcome) == {
        ("A", "members[0].birth_date"), ("B", "信誉金交纳日"), ("B", "members[0].birth_date"), ("C", "信誉金交纳日"),
        ("D", "信誉金交纳日"), ("E", "subsidy"), ("F", "subsidy"), ("G", "subsidy"), ("H", "size"), ("I", "subsidy")}
    assert any('"infinity" is not a date' in i.message for i in outcome.issues)


def test_duplicate_ids_in_tables_fail_every_record_that_uses_them(tmp_path: Path) -> None:
    hh, pp = register(tmp_path)
    hh.append("A,v,false")
    pp.append("A-w,C,wife,female,1980-01-01")
    outcome = both(KIDS, tables(tmp_path, hh, pp))
    assert (outcome.households, outcome.evaluated, outcome.with_errors) == (4, 1, 3)
    assert set(outcome.results) == {"B"}


def test_read_tables_gives_one_record_per_household_with_its_persons(tmp_path: Path) -> None:
    hh, pp = register(tmp_path, "AB")
    items = list(read_tables(*tables(tmp_path, hh, pp), ZHAZI.ir))
    assert [position for position, _ in items] == ["households.csv line 2", "households.csv line 3"]
    record: Any = items[0][1]
    assert record["id"] == "A" and record["rural"] is True and [m["id"] for m in record["members"]] == ["A-w", "A-c0"]
    assert json.dumps(record)  # plain JSON values


@pytest.mark.parametrize(("sql_type", "value", "good"), [
    ("BIGINT", "9223372036854775807", False), ("BIGINT", "99999999999999", True), ("HUGEINT", "1" + "0" * 30, False),
    ("BIGINT", "10000000000000000", False),
    ("DECIMAL(38,10)", "12.3400000000", True), ("DECIMAL(38,10)", "12.3450000000", False),
    ("DECIMAL(18,2)", "99999999999999.99", True), ("DECIMAL(20,2)", "10000000000000000.00", False),
    ("VARCHAR", "12.34", True), ("FLOAT", "0.1", True),
])
def test_money_from_any_parquet_column_type_keeps_its_range(tmp_path: Path, sql_type: str, value: str, good: bool) -> None:
    con = duckdb.connect()
    con.execute(f"COPY (SELECT 'A' AS id, 'v' AS village, CAST('{value}' AS {sql_type}) AS subsidy) TO "
                f"'{tmp_path / 'households.parquet'}' (FORMAT parquet)")
    con.execute(f"COPY (SELECT 'A-w' AS id, 'A' AS household_id, 'wife' AS role, 'female' AS sex, "
                f"DATE '1980-01-01' AS birth_date) TO '{tmp_path / 'persons.parquet'}' (FORMAT parquet)")
    outcome = both(RT, (tmp_path / "households.parquet", tmp_path / "persons.parquet"))
    assert (outcome.evaluated == 1) == good, outcome.issues
    if not good:
        assert errors(outcome) == {("A", "subsidy")}


ODD_CELLS = ["0", "-0", "007", "12", "12.5", "12.50", "12.505", " 12 ", "1e3", "+1", "1_000", "１２", "-", ".5", "5.",
             "9223372036854775807", "9223372036854775808", "99999999999999.99", "1" + "0" * 16, "0." + "0" * 9 + "1",
             "true", "TRUE", " false", "yes", "2005-01-01", " 2005-01-01 ", "2005-1-01", "2005-02-29", "0000-01-01",
             "0001-01-01", "9999-12-31", "[]", "[ ]", "[2005-01-01]", "[2005-01-01, 2005-02-01]", "[2005-01-01,]",
             "[[2005-01-01]]", "2005-01-01]", "wife", "wife ", "\"quoted\"", "x,y"]
CELL = st.one_of(st.sampled_from(ODD_CELLS), st.text(alphabet="0123456789.-e []，,tT", max_size=8))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=st.lists(st.tuples(st.sampled_from(["size", "subsidy", "area", "信誉金交纳日", "rural", "village"]),
                                CELL), min_size=1, max_size=12))
def test_both_engines_read_any_cell_alike(tmp_path_factory: pytest.TempPathFactory,
                                          cells: list[tuple[str, str]]) -> None:
    """The household evaluator's reader (records) and the batch engine's SQL apply the same rules to
    any text in a cell: the same households end with errors, the others with the same results."""
    columns = ["size", "subsidy", "area", "信誉金交纳日", "rural", "village"]
    rows = []
    for i, (column, value) in enumerate(cells):
        row = {"size": "1", "subsidy": "1.00", "area": "1.5", "信誉金交纳日": "", "rural": "true", "village": "v",
               column: value}
        rows.append(f"H{i}," + ",".join('"' + row[c].replace('"', '""') + '"' for c in columns))
    tmp_path = tmp_path_factory.mktemp("cells")
    h, p = tables(tmp_path, rows, [f"H{i}-w,H{i},wife,female,1980-01-01" for i in range(len(cells))],
                  h_header="id," + ",".join(columns))
    both(RT, (h, p))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=st.lists(st.tuples(st.sampled_from(["role", "birth_date", "pregnancy_checks", "bonus_on", "name"]),
                                CELL), min_size=1, max_size=12))
def test_both_engines_read_any_person_cell_alike(tmp_path_factory: pytest.TempPathFactory,
                                                 cells: list[tuple[str, str]]) -> None:
    """The same for the cells of persons (labels, dates, lists of dates, text)."""
    columns = ["role", "birth_date", "pregnancy_checks", "bonus_on", "name"]
    persons = []
    for i, (column, value) in enumerate(cells):
        row = {"role": "wife", "birth_date": "1980-01-01", "pregnancy_checks": "", "bonus_on": "", "name": "",
               column: value}
        persons.append(f"H{i}-w,H{i},female," + ",".join('"' + row[c].replace('"', '""') + '"' for c in columns))
    tmp_path = tmp_path_factory.mktemp("cells")
    h, p = tables(tmp_path, [f"H{i},v" for i in range(len(cells))], persons, h_header="id,village",
                  p_header="id,household_id,sex," + ",".join(columns))
    both(RT, (h, p))
