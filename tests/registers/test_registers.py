"""What a register named is, decided in one place (`registers.register_of`) for the batch engine, the
command and the library, its table formats known by suffix (`registers.FORMATS`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from charterlib import RecordError, registers
from charterlib.registers import FORMATS, Format, register_of


def _touch(*paths: Path) -> None:
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("", encoding="utf-8")


def test_a_file_that_is_no_table_holds_records(tmp_path: Path) -> None:
    for name in ("register.json", "register.jsonl", "register", "register.tsv"):
        assert register_of(tmp_path / name) == registers.Register("json", (str(tmp_path / name),))


def test_tables_are_named_both_or_found_in_a_folder(tmp_path: Path) -> None:
    assert register_of(("h.tsv", Path("p.csv.gz"))).tables == ("h.tsv", "p.csv.gz")
    assert register_of("h.CSV", persons="p.parquet").tables == ("h.CSV", "p.parquet")
    _touch(tmp_path / "households.csv", tmp_path / "persons.csv", tmp_path / "households.parquet")
    assert register_of(tmp_path).tables == (str(tmp_path / "households.csv"), str(tmp_path / "persons.csv"))
    _touch(tmp_path / "persons.parquet")  # Parquet first, in the order of FORMATS
    assert register_of(tmp_path).tables == (str(tmp_path / "households.parquet"), str(tmp_path / "persons.parquet"))


@pytest.mark.parametrize("given, persons, fault, sentence", [
    ("{empty}", None, "folder", ("{empty}: a register folder holds households.parquet and persons.parquet "
                                "(or households.csv and persons.csv)")),
    ("households.parquet", None, "alone", ("households.parquet: a table register needs both tables: give the "
                                          "folder, or households and persons")),
    ("register.json", "persons.csv", "persons", ("a persons table goes with a households table (.parquet or "
                                                ".csv), not with register.json")),
    ("{empty}", "persons.csv", "persons", ("a persons table goes with a households table (.parquet or .csv), "
                                          "not with {empty}")),
])
def test_a_table_register_at_fault_says_why(tmp_path: Path, given: str, persons: str | None, fault: str,
                                            sentence: str) -> None:
    (tmp_path / "empty").mkdir()
    found = register_of(given.format(empty=tmp_path / "empty"), persons)
    assert (found.kind, found.fault, found.tables) == ("tables", fault, None)
    assert found.complaint() == sentence.format(empty=tmp_path / "empty")
    with pytest.raises(RecordError, match="a register folder holds|needs both tables|goes with"):
        found.records(None)  # type: ignore[arg-type]  # the charter is not reached


def test_a_new_format_is_one_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(FORMATS, ".xlsx", Format("xlsx", FORMATS[".csv"].reader))
    _touch(tmp_path / "households.xlsx", tmp_path / "persons.xlsx")
    assert register_of(tmp_path).tables == (str(tmp_path / "households.xlsx"), str(tmp_path / "persons.xlsx"))
    assert register_of("village.xlsx").fault == "alone"
    assert registers.table_format("persons.XLSX") == FORMATS[".xlsx"]
    (tmp_path / "empty").mkdir()
    assert register_of(tmp_path / "empty").complaint().endswith(
        "households.parquet and persons.parquet (or households.csv and persons.csv, or households.xlsx and "
        "persons.xlsx)")
