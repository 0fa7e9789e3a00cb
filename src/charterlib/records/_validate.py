"""Checks raw household records (JSON data) against the fields a charter declares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from ..check import ir
from ..check.types import Type
from ..diagnostics import closest
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


def _describe(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 40 else text[:37] + "..."


class _Invalid(Exception):
    def __init__(self, message: str) -> None:
        self.message = message


def convert(value: Any, t: Type) -> Any:
    """A JSON value as the typed value of a field, or _Invalid saying why it does not fit."""
    if value is None:
        if t.optional:
            return None
        raise _Invalid("a value is required here, not null")
    kind = t.kind
    if kind == "text":
        if not isinstance(value, str):
            raise _Invalid(f"{_describe(value)} is not text")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise _Invalid(f"{_describe(value)} is not a bool (true or false)")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Invalid(f"{_describe(value)} is not a whole number")
        return value
    if kind in ("decimal", "money"):
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise _Invalid(f"{_describe(value)} is not a number")
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise _Invalid(f"{_describe(value)} is not a number") from None
        if not number.is_finite():
            raise _Invalid(f"{_describe(value)} is not a number")
        if kind == "money":
            if number != number.quantize(Decimal("0.01")):
                raise _Invalid(f"{_describe(value)} is finer than 0.01 yuan")
            return number.quantize(Decimal("0.01"))
        return number
    if kind == "date":
        if not isinstance(value, str):
            raise _Invalid(f"{_describe(value)} is not a date (YYYY-MM-DD)")
        try:
            if len(value) != 10 or value[4] != "-" or value[7] != "-" or not value[5:7].isdigit():
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            raise _Invalid(f"{_describe(value)} is not a date (YYYY-MM-DD)") from None
    if kind == "enum":
        assert t.enum is not None
        if not isinstance(value, str) or value not in t.enum.labels:
            labels = ", ".join(t.enum.labels)
            hint = closest(value, t.enum.labels) if isinstance(value, str) else None
            extra = f" (did you mean `{hint}`?)" if hint else ""
            raise _Invalid(f"{_describe(value)} is not one of {labels}{extra}")
        return value
    if kind == "list":
        assert t.element is not None
        if not isinstance(value, list):
            raise _Invalid(f"{_describe(value)} is not a list")
        return tuple(value)  # elements are converted by the caller, each with its own path
    raise _Invalid(f"fields of type {t} cannot be read from records")  # pragma: no cover


class Validator:
    """Validates raw records against one charter's fields; collects every issue of a record."""

    household_fields: dict[str, ir.Field]
    person_fields: dict[str, ir.Field]
    _defaults: dict[int, tuple[dict[str, Any], tuple[str, ...]]]
    _labels: dict[str, frozenset[str]]
    quick: Callable[[Any], Household | None]

    def __init__(self, charter: ir.Charter, template: Validator | None = None) -> None:
        if template is not None:  # share the field tables, start with no ids seen
            self.household_fields = template.household_fields
            self.person_fields = template.person_fields
            self._defaults = template._defaults
            self._labels = template._labels
            self.quick = template.quick
        else:
            from ._fast import compile_validator

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
        self.seen_households: dict[str, str] = {}
        self.seen_persons: dict[str, str] = {}

    def household(self, raw: Any, position: str = "") -> tuple[Household | None, list[RecordIssue]]:
        """A typed household (None when it has errors) and its issues."""
        quick = self.quick(raw)
        if quick is not None:  # well formed: only the ids seen before can still be wrong
            seen = self.seen_persons
            if quick.id not in self.seen_households and not any(p.id in seen for p in quick.members):
                self.seen_households[quick.id] = position
                for p in quick.members:
                    seen[p.id] = quick.id
                return quick, []
        issues: list[RecordIssue] = []
        label = position or "?"
        if not isinstance(raw, Mapping):
            issues.append(RecordIssue(label, "", f"a household is a JSON object, not {_describe(raw)}",
                                      position=position))
            return None, issues
        hid = raw.get("id")
        if isinstance(hid, str) and hid:
            label = hid
        else:
            issues.append(RecordIssue(label, "id", "required field missing" if hid is None
                                      else f"{_describe(hid)} is not a household id (text)", position=position))

        def issue(path: str, message: str, severity: str = "error") -> None:
            issues.append(RecordIssue(label, path, message, severity, position))

        fields = self._fields(raw, self.household_fields, "", issue, {"id", "members"})
        members: list[Person] = []
        raw_members = raw.get("members")
        if raw_members is None:
            issue("members", "required field missing")
        elif not isinstance(raw_members, list):
            issue("members", f"{_describe(raw_members)} is not a list of persons")
        else:
            for i, raw_person in enumerate(raw_members):
                path = f"members[{i}]"
                if not isinstance(raw_person, Mapping):
                    issue(path, f"a person is a JSON object, not {_describe(raw_person)}")
                    continue
                pid = raw_person.get("id")
                if not isinstance(pid, str) or not pid:
                    issue(f"{path}.id", "required field missing" if pid is None
                          else f"{_describe(pid)} is not a person id (text)")
                    pid = f"{label}#{i}"
                elif pid in self.seen_persons and self.seen_persons[pid] != label:
                    issue(f"{path}.id", f"person id \"{pid}\" is already used in household "
                          f"{self.seen_persons[pid]}; person ids are unique in a register")
                elif any(p.id == pid for p in members):
                    issue(f"{path}.id", f"person id \"{pid}\" appears twice in this household")
                person_fields = self._fields(raw_person, self.person_fields, f"{path}.", issue, {"id"})
                members.append(Person(pid, person_fields))
        if label in self.seen_households and label != "?":
            issue("id", f"household id \"{label}\" appears twice in the register "
                  f"(first at {self.seen_households[label] or 'an earlier record'})")
        if any(i.severity == "error" for i in issues):
            return None, issues
        self.seen_households[label] = position
        for p in members:
            self.seen_persons[p.id] = label
        return Household(label, fields, members), issues

    def _fields(self, raw: Mapping[str, Any], declared: Mapping[str, ir.Field], prefix: str,
                issue: Any, builtin: set[str]) -> dict[str, Any]:
        defaults, required = self._defaults[id(declared)]
        values = dict(defaults)
        for name, given in raw.items():
            field = declared.get(name)
            if field is None:
                if name not in builtin:
                    hint = closest(name, list(declared) + sorted(builtin))
                    issue(prefix + name, "unknown field, ignored" + (f" (did you mean `{hint}`?)" if hint else ""),
                          "warning")
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
                        except _Invalid as bad:
                            issue(f"{path}[{i}]", bad.message)
                    value = tuple(items)
                values[name] = value
            except _Invalid as bad:
                issue(path, bad.message)
        for name in required:
            if name not in raw:
                issue(prefix + name, "required field missing")
        return values


def _no_quick(raw: Any) -> Household | None:
    """No fast path: every record goes through the general checks."""
    return None


def validate_all(charter: ir.Charter, records: Iterable[tuple[str, Any]]) -> Iterator[
        tuple[Household | None, list[RecordIssue]]]:
    """Validate records given with their positions; one output per input, in order."""
    validator = Validator(charter)
    for position, raw in records:
        yield validator.household(raw, position)
