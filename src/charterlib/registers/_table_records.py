"""Table registers as raw records, one per household, for `Validator` and the household evaluator."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .. import ir
from ..ir.analysis import FieldsRead
from ..records import RecordIssue, TableRecord
from ._cells import cell_value
from ._columns import column_issues
from ._json import Positioned
from ._reader import Rejected, sql_name
from ._tables import LINE, TableFile, open_table


def read_tables(households: str | Path, persons: str | Path, charter: ir.Charter) -> Iterator[Positioned]:
    """The raw records of a table register, one per household, for `Validator` (and so for the
    household evaluator): `TableRecord`s carrying what the tables say of them, in the order of the
    households table; then the persons rows that belong to no household of it, each an error."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    try:
        yield from _TableReader(con, str(households), str(persons), charter).records()
    finally:
        con.close()


class _TableReader:
    """Builds the raw records of a table register (see `read_tables`)."""

    def __init__(self, con: Any, households: str, persons: str, charter: ir.Charter) -> None:
        self.con = con
        self.h = open_table(con, households, "raw_h", "households", {})
        self.p = open_table(con, persons, "raw_p", "persons", {})
        read = FieldsRead.of(charter)
        self.h_fields = {f.name: f for f in charter.household_fields}
        self.p_fields = {f.name: f for f in charter.person_fields}
        self.h_columns = column_issues(self.h, charter.household_fields, read.household)
        self.p_columns = column_issues(self.p, charter.person_fields, read.person)

    def _rows(self, table: TableFile, fields: Mapping[str, ir.Field]) -> list[tuple[int, str | None, dict[str, Any]]]:
        """Each row read: its line, its key, and its cells of known fields as record values."""
        known = [(name, column) for name, column in table.columns.items() if name in fields]
        cells = ", ".join(f"CAST({sql_name(c)} AS VARCHAR)" for _, c in known)
        extra = f", {sql_name('id')}" if table.where == "persons" else ""
        query = (f"SELECT {sql_name(LINE)}, {sql_name(table.key)}{extra}{', ' + cells if cells else ''} "
                 f"FROM {sql_name(table.view)} ORDER BY {sql_name(LINE)}")
        out = []
        offset = 3 if extra else 2
        for row in self.con.execute(query).fetchall():
            record: dict[str, Any] = {}
            if extra and row[2] is not None:
                record["id"] = row[2]
            for (name, _), value in zip(known, row[offset:]):
                if value is not None:
                    record[name] = cell_value(value, fields[name].type)
            out.append((int(row[0]), row[1], record))
        return out

    def records(self) -> Iterator[Positioned]:
        h, p = self.h, self.p
        households = self._rows(h, self.h_fields)
        persons = self._rows(p, self.p_fields)
        ids = [hid for _, hid, _ in households if hid] + [r.key for r in h.rejected if r.key]
        counts: dict[str, int] = {}
        for key in ids:
            counts[key] = counts.get(key, 0) + 1
        person_counts: dict[str, int] = {}
        for _, _, person in persons:
            if person.get("id"):
                person_counts[person["id"]] = person_counts.get(person["id"], 0) + 1
        members: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        homeless: list[tuple[int, dict[str, Any]]] = []
        for line, owner, person in persons:
            if owner:
                members.setdefault(owner, []).append((line, person))
            else:
                homeless.append((line, person))
        rejected_of: dict[str, list[Rejected]] = {}
        unknown = []
        for bad in p.rejected:
            if bad.key:
                rejected_of.setdefault(bad.key, []).append(bad)
            else:
                unknown.append(bad)
        first = list(self.h_columns.warnings + self.p_columns.warnings)
        h_errors = self.h_columns.counted(len(households))
        p_errors = self.p_columns.counted(len(members))
        if not members:  # they fail no household: said once, as warnings
            first.extend(p_errors)
            p_errors = ()

        def record(line: int, key: str | None, cells: dict[str, Any]) -> Positioned:
            position = h.position(line)
            label = key or "?"
            issues = [*first, *h_errors]
            first.clear()
            if key and counts[key] > 1:
                issues.append(RecordIssue(key, "id", f"household id \"{key}\" appears {counts[key]} times in the "
                                          f"households table", position=position))
            people = []
            for i, (person_line, person) in enumerate(members.get(key, []) if key else []):
                pid = person.get("id")
                if pid and person_counts[pid] > 1:
                    issues.append(RecordIssue(label, f"members[{i}].id", f"person id \"{pid}\" appears "
                                              f"{person_counts[pid]} times in the persons table",
                                              position=p.position(person_line)))
                people.append(person)
            if key and key in members:
                issues.extend(p_errors)
            for r in rejected_of.get(key, []) if key else []:
                issues.append(RecordIssue(label, "members", r.message, position=r.position))
            raw = TableRecord(cells, members=people)
            if key:
                raw["id"] = key
            raw.issues = tuple(issues)
            raw.covered = self.h_columns.covered
            raw.covered_persons = self.p_columns.covered
            return position, raw

        def unread(position: str, label: str, path: str, message: str) -> Positioned:
            raw = TableRecord()
            raw.issues = (*first, RecordIssue(label, path, message, position=position))
            first.clear()
            raw.unread = True
            return position, raw

        rows: list[tuple[int, Positioned]] = [(line, record(line, key, cells)) for line, key, cells in households]
        for r in h.rejected:
            rows.append((r.line, unread(r.position, r.key or "?", "", r.message)))
        rows.sort(key=lambda item: item[0])
        yield from (item for _, item in rows)
        known = set(ids)
        orphans: dict[str, list[str]] = {}
        for key, people_rows in members.items():
            if key not in known:
                orphans.setdefault(key, []).extend(p.position(line) for line, _ in people_rows)
        for key, rejects in rejected_of.items():
            if key not in known:
                orphans.setdefault(key, []).extend(r.position for r in rejects)
        for key, positions in orphans.items():
            yield unread(positions[0], key, "members", f"persons refer to household \"{key}\", which is not in "
                         f"the households table ({len(positions)} row{'s' if len(positions) > 1 else ''})")
        for line, person in homeless:
            who = f"person \"{person['id']}\"" if person.get("id") else "a person without an id"
            yield unread(p.position(line), "?", "household_id", f"{who} has no household_id: no household can be "
                         f"evaluated with them")
        for r in unknown:
            yield unread(r.position, "?", "", f"{r.message}; its household cannot be known")
