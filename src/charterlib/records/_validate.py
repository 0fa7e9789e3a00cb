"""Checks raw household records (JSON data) against the fields a charter declares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from .. import ir
from ..common.suggest import closest, phrase
from ..ir.analysis import FieldsRead
from ..language.types import LEAVING
from ._convert import Invalid, convert, describe
from ._fast import compile_validator
from ._model import Household, Person


@attrs.frozen
class RecordIssue:
    """One problem with one household record: where it is and what is wrong."""

    household: str
    path: str
    message: str
    severity: str = "error"
    position: str = ""

    def __str__(self) -> str:
        where = f"{self.position}: " if self.position else ""
        path = f" at {self.path}" if self.path else ""
        return f"{self.severity}: {where}household {self.household}{path}: {self.message}"

    def to_json(self) -> dict[str, str]:
        """The issue as JSON-ready data."""
        data = {"household": self.household, "path": self.path, "severity": self.severity,
                "message": self.message}
        if self.position:
            data["position"] = self.position
        return data


class TableRecord(dict[str, Any]):
    """A raw record built from the rows of a table register, with the issues its tables give it
    (a bad column, a row that could not be read, an id used twice): the register's reader checks
    ids across the whole register, so the validator does not check them again."""

    issues: tuple[RecordIssue, ...] = ()
    unread: bool = False
    """The row could not be read (or belongs to no household): its issues say all there is."""
    covered: frozenset[str] = frozenset()
    """Household fields whose absence the issues report already, once for the whole table."""
    covered_persons: frozenset[str] = frozenset()
    """The same for person fields."""


class Validator:
    """Validates raw records against one charter's fields; collects every issue of a record."""

    household_fields: dict[str, ir.Field]
    person_fields: dict[str, ir.Field]
    _defaults: dict[int, tuple[dict[str, Any], tuple[str, ...]]]
    _labels: dict[str, frozenset[str]]
    _read: dict[int, frozenset[str]]
    quick: Callable[[Any], Household | None]

    def __init__(self, charter: ir.Charter, template: Validator | None = None) -> None:
        if template is not None:  # share the field tables, start with no ids seen
            self.household_fields = template.household_fields
            self.person_fields = template.person_fields
            self._defaults = template._defaults
            self._labels = template._labels
            self._read = template._read
            self.quick = template.quick
        else:
            self.quick = compile_validator(charter) or _no_quick
            self.household_fields = {f.name: f for f in charter.household_fields}
            self.person_fields = {f.name: f for f in charter.person_fields}
            self._defaults = {}
            for fields in (self.household_fields, self.person_fields):
                defaults = {name: (f.default.value if f.default is not None else None)
                            for name, f in fields.items() if not f.required}
                self._defaults[id(fields)] = (defaults, tuple(name for name, f in fields.items() if f.required))
            self._labels = {f"{f.scope}.{f.name}": frozenset(f.type.enum.labels)
                            for f in (*charter.household_fields, *charter.person_fields)
                            if f.type.kind == "enum" and f.type.enum is not None}
            read = FieldsRead.of(charter)
            self._read = {id(self.household_fields): read.household, id(self.person_fields): read.person}
        self.seen_households: dict[str, str] = {}
        """Every household id met so far (with or without errors), with the position of its record."""
        self.seen_persons: dict[str, str] = {}
        """Every person id met so far, with the household it was met in."""

    def household(self, raw: Any, position: str = "") -> tuple[Household | None, list[RecordIssue]]:
        """A typed household (None when it has errors) and its issues."""
        table = isinstance(raw, TableRecord)  # ids were checked across the register by its reader
        quick = self.quick(dict(raw) if table and not raw.issues else raw)
        if quick is not None:  # well formed: only the ids seen before can still be wrong
            seen = self.seen_persons
            if quick.id not in self.seen_households and not any(p.id in seen for p in quick.members):
                self.seen_households[quick.id] = position
                for p in quick.members:
                    seen[p.id] = quick.id
                return quick, []
        issues: list[RecordIssue] = []
        covered: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
        if table:
            if raw.unread:
                return None, list(raw.issues)
            issues.extend(raw.issues)
            covered = (raw.covered, raw.covered_persons)
        label = position or "?"
        if not isinstance(raw, Mapping):
            issues.append(RecordIssue(label, "", f"a household is a JSON object, not {describe(raw)}",
                                      position=position))
            return None, issues
        hid = raw.get("id")
        if isinstance(hid, str) and hid:
            label = hid
        else:
            issues.append(RecordIssue(label, "id", "required field missing" if hid is None
                                      else f"{describe(hid)} is not a household id (text)", position=position))

        def issue(path: str, message: str, severity: str = "error") -> None:
            issues.append(RecordIssue(label, path, message, severity, position))

        fields = self._fields(raw, self.household_fields, "", issue, {"id", "members"}, covered[0])
        members: list[Person] = []
        raw_members = raw.get("members")
        if raw_members is None:
            issue("members", "required field missing")
        elif not isinstance(raw_members, list):
            issue("members", f"{describe(raw_members)} is not a list of persons")
        else:
            for i, raw_person in enumerate(raw_members):
                path = f"members[{i}]"
                if not isinstance(raw_person, Mapping):
                    issue(path, f"a person is a JSON object, not {describe(raw_person)}")
                    continue
                pid = raw_person.get("id")
                if not isinstance(pid, str) or not pid:
                    issue(f"{path}.id", "required field missing" if pid is None
                          else f"{describe(pid)} is not a person id (text)")
                    pid = f"{label}#{i}"
                elif table:
                    pass
                elif pid in self.seen_persons and self.seen_persons[pid] != label:
                    issue(f"{path}.id", f"person id \"{pid}\" is already used in household "
                          f"{self.seen_persons[pid]}; person ids are unique in a register")
                elif any(p.id == pid for p in members):
                    issue(f"{path}.id", f"person id \"{pid}\" appears twice in this household")
                person_fields = self._fields(raw_person, self.person_fields, f"{path}.", issue, {"id"}, covered[1])
                _left_before_birth(person_fields, path, issue)
                members.append(Person(pid, person_fields))
        if label != "?" and not table:
            if label in self.seen_households:
                issue("id", f"household id \"{label}\" appears twice in the register "
                      f"(first at {self.seen_households[label] or 'an earlier record'})")
            else:
                self.seen_households[label] = position
            for p in members:
                self.seen_persons.setdefault(p.id, label)
        if any(i.severity == "error" for i in issues):
            return None, issues
        return Household(label, fields, members), issues

    def _fields(self, raw: Mapping[str, Any], declared: Mapping[str, ir.Field], prefix: str,
                issue: Any, builtin: set[str], covered: frozenset[str] = frozenset()) -> dict[str, Any]:
        defaults, required = self._defaults[id(declared)]
        values = dict(defaults)
        for name, given in raw.items():
            field = declared.get(name)
            if field is None:
                if name not in builtin:
                    missed = self._unknown(name, raw, declared, prefix, issue, builtin)
                    if missed is not None:
                        covered = covered | {missed}
                continue
            kind = field.type.kind  # fast paths for well-formed values; anything else gets the full check
            if given.__class__ is str and (
                    kind == "text" or (kind == "enum" and given in self._labels[f"{field.scope}.{name}"])):
                values[name] = given
                continue
            if kind == "bool" and given.__class__ is bool:
                values[name] = given
                continue
            if kind == "date" and given.__class__ is str and len(given) == 10 and given[4] == given[7] == "-" \
                    and given[5:7].isdigit():
                try:
                    values[name] = dt.date.fromisoformat(given)
                    continue
                except ValueError:
                    pass
            if kind == "list" and given == []:
                values[name] = ()
                continue
            path = prefix + name
            try:
                value = convert(given, field.type)
                if field.type.kind == "list" and value is not None:
                    assert field.type.element is not None
                    items = []
                    for i, item in enumerate(value):
                        try:
                            items.append(convert(item, field.type.element))
                        except Invalid as bad:
                            issue(f"{path}[{i}]", bad.message)
                    value = tuple(items)
                values[name] = value
            except Invalid as bad:
                issue(path, bad.message)
        for name in required:
            if name not in raw and name not in covered:
                issue(prefix + name, "required field missing")
        return values

    def _unknown(self, name: str, raw: Mapping[str, Any], declared: Mapping[str, ir.Field], prefix: str,
                 issue: Any, builtin: set[str]) -> str | None:
        """Report a field the charter does not declare: a warning, or an error when it looks like a
        misspelling of a field the record lacks and the charter reads or requires (its value would be
        lost); returns that field in the second case."""
        hint = closest(name, list(declared) + sorted(builtin))
        if hint is not None and hint not in raw and hint in declared and (
                hint in self._read[id(declared)] or declared[hint].required):
            issue(prefix + name, near_miss(name, hint))
            return hint
        issue(prefix + name, "unknown field, ignored" + phrase(hint, form="aside"), "warning")
        return None


def near_miss(name: str, field: str) -> str:
    """The error of a field or column `name` given where the charter reads (or requires) `field`,
    which is missing."""
    return (f"`{name}` is not a field of the charter, and the charter's field `{field}` is missing: did you mean "
            f"`{field}`? (not evaluated: what depends on `{field}` would be lost)")


def _no_quick(raw: Any) -> Household | None:
    """No fast path: every record goes through the general checks."""
    return None


def validate_all(charter: ir.Charter, records: Iterable[tuple[str, Any]]) -> Iterator[
        tuple[Household | None, list[RecordIssue]]]:
    """Validate records given with their positions; one output per input, in order."""
    validator = Validator(charter)
    for position, raw in records:
        yield validator.household(raw, position)


def _left_before_birth(fields: Mapping[str, Any], path: str, issue: Any) -> None:
    """Report a day of death or of leaving before the day of birth (on it is allowed: never a member)."""
    birth = fields.get("birth_date")
    for name in LEAVING:
        day = fields.get(name)
        if isinstance(day, dt.date) and isinstance(birth, dt.date) and day < birth:
            issue(f"{path}.{name}", f"{day.isoformat()} is before the birth date {birth.isoformat()}")
