"""CSV registers as Excel on Chinese Windows saves them (issue 11, item 1, the encodings): UTF-8, UTF-8
with a byte-order mark and GB18030/GBK are read without being told, and give the results the JSON register
gives; a UTF-8 table with one broken row is still UTF-8 (that row is its error, not the file read as GBK)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CHARTERS
from entry_points import batch_outcomes, household_outcomes, write_tables

import charterlib
from charterlib.registers import encoding_of

ZHAZI = charterlib.load(CHARTERS / "zhazi.charter")
REGISTER = json.loads((CHARTERS / "data" / "zhazi.json").read_text(encoding="utf-8"))


def _reencode(folder: Path, encoding: str) -> None:
    for table in folder.glob("*.csv"):
        table.write_bytes(table.read_text(encoding="utf-8").encode(encoding))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_a_register_in_any_of_the_encodings_gives_the_same_results(tmp_path: Path, encoding: str) -> None:
    folder = write_tables(tmp_path / "tables", REGISTER, "csv")
    _reencode(folder, encoding)
    households = (folder / "households.csv").read_bytes()
    assert "柞子村".encode(encoding.removesuffix("-sig")) in households  # Chinese cells: the encodings differ
    assert encoding_of(str(folder / "households.csv")) == ("gb18030" if encoding.startswith("gb") else "utf-8")
    expected = {k: v for k, v in household_outcomes(ZHAZI, REGISTER, "2005").items()}
    assert batch_outcomes(ZHAZI, folder, "2005") == expected


def test_a_utf8_table_with_a_broken_row_is_not_read_as_gbk(tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "tables", REGISTER, "csv")
    households = folder / "households.csv"
    lines = households.read_bytes().split(b"\n")
    lines[2] = lines[2].replace("柞子村".encode(), "柞子村".encode()[:-1])  # one row cut inside a character
    households.write_bytes(b"\n".join(lines))
    assert encoding_of(str(households)) == "utf-8"
    outcomes = batch_outcomes(ZHAZI, folder, "2005")
    errors = [k for k, v in outcomes.items() if isinstance(v, tuple)]
    assert len(errors) == 1  # that row's household, and no other
    assert sum(1 for v in outcomes.values() if not isinstance(v, tuple)) == len(REGISTER) - 1


@pytest.mark.parametrize("text, encoding, found", [
    ("户号,村\nA,v\n", "gbk", "gb18030"),  # a Chinese header alone says GBK
    ("id,village\nA,柞子村\nB,柞子村\n", "gbk", "gb18030"),  # two lines
    ("id,village\nA,柞子村\n", "gbk", "utf-8"),  # one stray line could be either: its row is its error
    ("id,village\nA,柞子村\n", "utf-8", "utf-8"),
    ("id,village\nA,v\n", "ascii", "utf-8"),
])
def test_the_encoding_found(tmp_path: Path, text: str, encoding: str, found: str) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(text.encode(encoding))
    assert encoding_of(str(path)) == found
