"""docs/records.md is true to the code: its field tables are the shared vocabulary, and each example of
its table of bad records gives the message it shows, at the path it shows."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from conftest import CHARTERS, ROOT

import charterlib
from charterlib.check import check_file

DOC = (ROOT / "docs" / "records.md").read_text(encoding="utf-8")
VOCABULARY = check_file(CHARTERS / "family_planning.charter").charter
RT = charterlib.load(ROOT / "tests" / "fixtures" / "records_test.charter", search_path=[CHARTERS])


def table(heading: str) -> list[list[str]]:
    """The rows of the first table after a heading, as cells."""
    lines = DOC.split(heading, 1)[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in re.split(r" \|(?= )", " " + line.strip(" |") + " ")])
    return rows


def code(cell: str) -> str:
    match = re.fullmatch(r"(`+) ?(.*?) ?\1", cell)
    assert match, cell
    return match.group(2)


def type_text(f: Any) -> str:
    t = f.type
    if t.kind == "enum":
        text = f"{'ordered ' if t.enum.ordered else ''}enum `{t.enum.name}`"
    elif t.kind == "list":
        text = f"list of {t.element.kind}"
    else:
        text = t.kind
    return f"optional {text}" if t.optional else text


def default_text(f: Any) -> str:
    if f.required:
        return "required"
    if f.default is None:
        return "missing"
    value = f.default.value
    shown = {True: "true", False: "false", "": '""', (): "[]"}.get(value, value) if isinstance(
        value, (bool, str, tuple)) else value
    return f"`{shown}`"


@pytest.mark.parametrize(("heading", "fields"), [("### Household fields", VOCABULARY.household_fields),
                                                 ("### Person fields", VOCABULARY.person_fields)])
def test_the_field_tables_are_the_vocabulary(heading: str, fields: Any) -> None:
    rows = table(heading)
    assert [code(r[0]) for r in rows] == [f.name for f in fields]
    for row, f in zip(rows, fields):
        assert (row[1], row[2], row[3]) == (type_text(f), default_text(f), f.title), f.name


def test_the_labels_are_the_vocabularys() -> None:
    enums = {f.type.enum.name: f.type.enum for f in VOCABULARY.person_fields if f.type.kind == "enum"}
    rows = {code(r[0]): r[1] for r in table("### Labels")}
    assert set(rows) == set(enums)
    for name, enum in enums.items():
        assert rows[name] == ", ".join(f"`{label}` {title}" for label, title in zip(enum.labels, enum.titles))


def good() -> dict[str, Any]:
    return {"id": "A", "village": "v", "members": [
        {"id": "A-w", "role": "wife", "sex": "female", "birth_date": "1980-01-01"}]}


BAD = table("### Records (JSON")


@pytest.mark.parametrize("row", BAD, ids=lambda r: r[0])
def test_each_bad_record_of_the_doc_gives_its_message(row: list[str]) -> None:
    what, example, path, message = row
    record = good()
    path, message = code(path), code(message)
    target = record["members"][0] if path.startswith("members[0].") else record
    left_out = re.fullmatch(r'`"(.+)"` left out', example)
    if left_out:
        target.pop(left_out.group(1))
    else:
        target.update(json.loads("{" + code(example) + "}"))
    _, issues = RT.validator().household(record, "line 1")
    severity = "warning" if "warning" in what else "error"
    assert [(i.severity, i.path, i.message) for i in issues] == [(severity, path, message)]
