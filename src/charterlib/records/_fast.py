"""Generates, per charter, a validator of well-formed records as Python source.

The generated function takes a raw record and returns the typed `Household`, or None as soon as
anything is off (a value of another type, an unknown or missing field, a duplicate id…): the
general `Validator` then judges the record again and reports every issue. So the fast path never
has to word a message, and it gives a household only when the general path would give the same
one with no issue at all. It starts from the defaults merged with the record, as the general path
does, so the fields come in the same order; a count of the keys then finds unknown fields, and a
missing one (KeyError) or an unhashable value (TypeError) makes it give up.

As in the evaluator's generated code, user names never become Python names: field values are
`f0, f1, …`, label sets `L0, …`, types and defaults `K[0], …`; field names appear only as string
literals written with `repr`. The generated code calls only three functions of this module (`rt`, a
namespace that holds just them: see `_sandbox`, which checks every name the code uses), and its only
builtins are the types it tests values against and `set`, `map`, `tuple` (to build the household).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import sys
from collections.abc import Callable, Sequence
from operator import attrgetter, itemgetter
from typing import Any

from .. import ir
from ..common import sandbox
from ..language.types import LEAVING, Type
from ._convert import INT_MAX, INT_MIN, Invalid
from ._convert import convert as _general
from ._model import _NO_BIRTH, Household, Person, gone_on

MISS: Any = object()

Fast = Callable[[Any], "Household | None"]

_ORDER = attrgetter("birth", "id")
_ID = attrgetter("id")
_fromisoformat = dt.date.fromisoformat


# ------------------------------------------------------------------ the runtime of generated code

_DATES: dict[str, dt.date] = {}
"""Dates already read, by their text (a register repeats birth dates and certificate days)."""

date_of = _DATES.get


def date(value: Any) -> dt.date | None:
    """A date written YYYY-MM-DD, or None for anything else (exactly the general rule)."""
    if value.__class__ is not str or len(value) != 10 or value[4] != "-" or value[7] != "-" \
            or not value[5:7].isdigit():
        return None
    try:
        day = _fromisoformat(value)
    except ValueError:
        return None
    if len(_DATES) >= 100_000:
        _DATES.clear()
    _DATES[value] = day
    return day


def items(values: list[Any], t: Type) -> Any:
    """The elements of a non-empty list, each converted; MISS if one does not fit."""
    out = []
    if t.kind == "date":
        for value in values:
            if (day := date_of(value)) is None and (day := date(value)) is None:
                return MISS
            out.append(day)
        return tuple(out)
    for value in values:
        if (converted := convert(value, t)) is MISS:
            return MISS
        out.append(converted)
    return tuple(out)


def convert(value: Any, t: Type) -> Any:
    """The general conversion of a value, or MISS if it does not fit."""
    try:
        return _general(value, t)
    except Invalid:
        return MISS


def person(person_id: str, fields: dict[str, Any]) -> Person:
    """A person whose fields are already typed."""
    p = Person.__new__(Person)
    p.id = person_id
    birth = fields.get("birth_date")
    p.birth = birth if birth.__class__ is dt.date else _NO_BIRTH
    p.gone = gone_on(fields)
    p.fields = fields
    return p


RULES = sandbox.Rules(
    names=re.compile(r"raw|f|g|o|v|d|p|hid|pid|people|members|defaults|validate|rt|K|MISS|NEW|PERSON|HOUSEHOLD|"
                     r"ID|ORDER|DATE|DATE_OF|len|dict|list|str|bool|int|set|map|tuple|KeyError|TypeError|[LG]\d+"),
    attributes=frozenset({"__class__", "append", "birth", "fields", "gone", "id", "members", "pop", "sort"}),
    runtime=frozenset({"items", "convert", "person"}),
)
"""What the generated validator may name (see `_sandbox`): `__class__` is only compared, with `is`, to a type."""


# ------------------------------------------------------------------ the generator


class _Source:
    """The generated source of one validator and the constants it refers to."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.constants: list[Any] = []
        self.labels: list[frozenset[Any]] = []
        self.getters: list[itemgetter[Any]] = []

    def const(self, value: Any) -> str:
        """Python text for a constant: a literal, or a reference into K."""
        if value is None or value.__class__ in (bool, int, str):
            return repr(value)
        self.constants.append(value)
        return f"K[{len(self.constants) - 1}]"

    def defaults(self, declared: Sequence[ir.Field]) -> str:
        """A dict of the defaults of the fields a record may leave out, in declared order."""
        return self.const({f.name: (f.default.value if f.default is not None else None)
                           for f in declared if not f.required})

    def field(self, f: ir.Field, record: str, given: str, indent: str) -> None:
        """Lines checking (and converting in place) one field of the merged record."""
        t = f.type
        add = self.lines.append
        name = repr(f.name)
        kind = t.kind
        add(f"{indent}# field {name}")
        simple = {"text": "str", "bool": "bool", "int": "int"}
        if kind in simple:
            test = f"{record}[{name}].__class__ is not {simple[kind]}"
            if kind == "int":  # 64-bit, as in every engine
                test = f"({test} or not {INT_MIN} <= {record}[{name}] <= {INT_MAX})"
            if t.optional:
                test = f"{test} and {record}[{name}] is not None"
            add(f"{indent}if {test}:")
            add(f"{indent}    return None")
            return
        if kind == "enum":  # checked together, see `enums`
            return
        add(f"{indent}v = {record}[{name}]")
        if kind == "list":
            assert t.element is not None
            add(f"{indent}if v.__class__ is list:")
            add(f"{indent}    if not v:")
            add(f"{indent}        {record}[{name}] = ()")
            add(f"{indent}    elif (v := rt.items(v, {self.const(t.element)})) is MISS:")
            add(f"{indent}        return None")
            add(f"{indent}    else:")
            add(f"{indent}        {record}[{name}] = v")
            add(f"{indent}elif {name} in {given}{' and v is not None' if t.optional else ''}:")
            add(f"{indent}    return None")
            return
        keep = []  # values that are fine as they are: a missing value, the default
        if t.optional:
            keep.append("v is not None")
        if f.default is not None and f.default.value is not None:
            keep.append(f"v is not {self.const(f.default.value)}")
        if keep:
            add(f"{indent}if {' and '.join(keep)}:")
            indent += "    "
        if kind == "date":
            add(f"{indent}if (d := DATE_OF(v)) is None and (d := DATE(v)) is None:")
            add(f"{indent}    return None")
            add(f"{indent}{record}[{name}] = d")
        else:
            add(f"{indent}if (d := rt.convert(v, {self.const(t)})) is MISS:")
            add(f"{indent}    return None")
            add(f"{indent}{record}[{name}] = d")


    def enums(self, declared: Sequence[ir.Field], record: str, indent: str) -> None:
        """Lines checking the enumeration fields, a few at a time: their values are one of the allowed
        combinations of labels (a set of tuples, kept small)."""
        group: list[ir.Field] = []
        combinations = 1
        for f in [f for f in declared if f.type.kind == "enum" and f.type.enum is not None] + [None]:
            size = len(_labels(f)) if f is not None else 0
            if group and (f is None or combinations * size > 4096):
                names = ", ".join(repr(g.name) for g in group)
                if len(group) == 1:
                    self.labels.append(frozenset(_labels(group[0])))
                    add = f"{record}[{names}] not in L{len(self.labels) - 1}"
                else:
                    self.labels.append(frozenset(itertools.product(*(_labels(g) for g in group))))
                    self.getters.append(itemgetter(*(g.name for g in group)))
                    add = f"G{len(self.getters) - 1}({record}) not in L{len(self.labels) - 1}"
                self.lines.append(f"{indent}if {add}:  # fields {names}")
                self.lines.append(f"{indent}    return None")
                group, combinations = [], 1
            if f is not None:
                group.append(f)
                combinations *= size


def _labels(f: ir.Field) -> list[str | None]:
    """The values an enumeration field may hold: its labels, and None when it is optional."""
    assert f.type.enum is not None
    return [*f.type.enum.labels, *([None] if f.type.optional else [])]


def generate(charter: ir.Charter) -> tuple[str, dict[str, Any]] | None:
    """The source of a charter's fast validator and its namespace; None when it cannot have one."""
    household_fields, person_fields = charter.household_fields, charter.person_fields
    if any(f.name in ("id", "members") for f in household_fields) or any(f.name == "id" for f in person_fields):
        return None  # a field shadowing a built-in key: only the general validator reads such records
    src = _Source()
    add = src.lines.append
    add(f"# generated by charterlib from the fields of charter {charter.id!r}; calls only the runtime `rt`")
    add("def validate(raw):")
    add("    try:")
    add("        if raw.__class__ is not dict:")
    add("            return None")
    add(f"        f = {src.defaults(household_fields)} | raw")
    add(f"        if len(f) != {len(household_fields) + 2}:  # an unknown field, or one missing")
    add("            return None")
    add("        hid = f.pop('id')")
    add("        people = f.pop('members')")
    add("        if hid.__class__ is not str or not hid or people.__class__ is not list:")
    add("            return None")
    for field in household_fields:
        src.field(field, "f", "raw", "        ")
    src.enums(household_fields, "f", "        ")
    add("        members = []")
    add(f"        defaults = {src.defaults(person_fields)}")
    add("        for p in people:")
    add("            if p.__class__ is not dict:")
    add("                return None")
    add("            g = defaults | p")
    add(f"            if len(g) != {len(person_fields) + 1}:")
    add("                return None")
    add("            pid = g.pop('id')")
    add("            if pid.__class__ is not str or not pid:")
    add("                return None")
    for field in person_fields:
        src.field(field, "g", "p", "            ")
    src.enums(person_fields, "g", "            ")
    birth = next((f for f in person_fields if f.name == "birth_date"), None)
    leaves = [f.name for f in person_fields if f.name in LEAVING]  # each an optional date (`check`)
    if birth is not None and birth.required and birth.type.kind == "date":  # a person, built in place
        add("            o = NEW(PERSON)")
        add("            o.id = pid")
        add("            o.birth = g['birth_date']")
        if leaves:  # the first day they are gone, which may not be before the birth (`_validate` words it)
            add(f"            v = g[{leaves[0]!r}]")
            for name in leaves[1:]:
                add(f"            d = g[{name!r}]")
                add("            if d is not None and (v is None or d < v):")
                add("                v = d")
            add("            if v is not None and v < o.birth:")
            add("                return None")
            add("            o.gone = v")
        else:
            add("            o.gone = None")
        add("            o.fields = g")
        add("            members.append(o)")
    elif leaves:  # a day of death or leaving before the birth is an error (`_validate` words it)
        add("            o = rt.person(pid, g)")
        add("            if o.gone is not None and o.gone < o.birth:")
        add("                return None")
        add("            members.append(o)")
    else:
        add("            members.append(rt.person(pid, g))")
    # the household, built in place: members with distinct ids, in birth order (then by id)
    add("        if len(members) > 1:")
    add("            if len(set(map(ID, members))) != len(members):")
    add("                return None")
    add("            members.sort(key=ORDER)")
    add("        o = NEW(HOUSEHOLD)")
    add("        o.id = hid")
    add("        o.fields = f")
    add("        o.members = tuple(members)")
    add("        return o")
    add("    except (KeyError, TypeError):  # a field missing, an unhashable value")
    add("        return None")
    namespace = sandbox.namespace(
        RULES, vars(sys.modules[__name__]),
        {"dict": dict, "list": list, "str": str, "bool": bool, "int": int, "set": set, "map": map, "tuple": tuple,
         "KeyError": KeyError, "TypeError": TypeError},
        MISS=MISS, K=src.constants, NEW=object.__new__, PERSON=Person, HOUSEHOLD=Household, ID=_ID, ORDER=_ORDER,
        DATE_OF=date_of, DATE=date, len=len)
    namespace.update({f"L{i}": labels for i, labels in enumerate(src.labels)})
    namespace.update({f"G{i}": getter for i, getter in enumerate(src.getters)})
    return "\n".join(src.lines) + "\n", namespace


def compile_validator(charter: ir.Charter) -> Fast | None:
    """The fast validator of a charter's records (None when the charter cannot have one)."""
    generated = generate(charter)
    if generated is None:
        return None
    text, namespace = generated
    code = sandbox.checked(text, RULES, f"<validator of charter {charter.id!r}>")
    exec(code, namespace)  # noqa: S102 - our own generated source, checked by the sandbox
    fn: Fast = namespace["validate"]
    return fn
