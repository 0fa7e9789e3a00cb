"""Value types of the charter language."""

from __future__ import annotations

from typing import Literal as L

import attrs

Kind = L[
    "bool", "int", "decimal", "money", "date", "duration", "text", "enum", "list", "person", "labels", "error"
]


@attrs.frozen
class EnumDef:
    """An enumeration: its labels in order, whether the order means something, label titles."""

    name: str
    labels: tuple[str, ...]
    ordered: bool
    titles: tuple[str | None, ...] = attrs.field(eq=False, default=())

    def title(self, label: str) -> str | None:
        """The display title of a label, if the charter gave one."""
        index = self.labels.index(label)
        return self.titles[index] if index < len(self.titles) else None

    def label_of(self, spelling: str) -> str | None:
        """The label a spelling names: the label itself, or the label whose title it is (`女` for
        `female`), when no other label has that title or that name; None for any other spelling."""
        if spelling in self.labels:
            return spelling
        named = [label for label, title in zip(self.labels, self.titles) if title == spelling]
        return named[0] if len(named) == 1 else None

    def spellings(self) -> tuple[str, ...]:
        """Every spelling of a label: the labels, then the titles that name one."""
        return self.labels + tuple(t for t in self.titles if t is not None and t not in self.labels
                                   and self.label_of(t) is not None)


@attrs.frozen
class Type:
    """A value type; `optional` marks values that may be missing."""

    kind: Kind
    enum: EnumDef | None = None
    element: Type | None = None
    optional: bool = False

    def required(self) -> Type:
        """The same type without optionality."""
        return attrs.evolve(self, optional=False) if self.optional else self

    def maybe(self, optional: bool = True) -> Type:
        """The same type, optional when asked."""
        return attrs.evolve(self, optional=True) if optional and not self.optional else self

    @property
    def order(self) -> tuple[str, ...] | None:
        """The labels in their order, for an enumeration whose order means something; else None."""
        return self.enum.labels if self.kind == "enum" and self.enum is not None and self.enum.ordered else None

    @property
    def numeric(self) -> bool:
        """Whether the type is a plain number."""
        return self.kind in ("int", "decimal")

    def same_base(self, other: Type) -> bool:
        """Whether two types compare and combine, ignoring optionality (int and decimal mix)."""
        if self.kind == "error" or other.kind == "error":
            return True
        if self.numeric and other.numeric:
            return True
        if self.kind != other.kind:
            return False
        if self.kind == "enum" or self.kind == "labels":
            return self.enum == other.enum
        if self.kind == "list":
            assert self.element is not None and other.element is not None
            return self.element.same_base(other.element)
        return True

    def __str__(self) -> str:
        base: str
        if self.kind == "enum":
            assert self.enum is not None
            base = f"{self.enum.name} ({', '.join(self.enum.labels)})"
        elif self.kind == "list":
            base = f"list of {self.element}"
        elif self.kind == "labels":
            base = f"set of {self.enum.name if self.enum else 'labels'}"
        else:
            base = {"int": "integer", "person": "person"}.get(self.kind, self.kind)
        return f"optional {base}" if self.optional else base


BOOL = Type("bool")
INT = Type("int")
DECIMAL = Type("decimal")
MONEY = Type("money")
DATE = Type("date")
DURATION = Type("duration")
TEXT = Type("text")
PERSON = Type("person")
PERSONS = Type("list", element=PERSON)
ERROR = Type("error")

LEAVING = ("died_on", "left_on")
"""The person fields that end a membership (each an optional date): from the day a person died or left
the household, they are no longer among its `members`."""

NAMED_TYPES: dict[str, Type] = {
    "bool": BOOL,
    "布尔": BOOL,
    "integer": INT,
    "int": INT,
    "整数": INT,
    "decimal": DECIMAL,
    "小数": DECIMAL,
    "money": MONEY,
    "金额": MONEY,
    "date": DATE,
    "日期": DATE,
    "duration": DURATION,
    "时长": DURATION,
    "text": TEXT,
    "文本": TEXT,
}


def list_of(element: Type) -> Type:
    """The type of a list of values."""
    return Type("list", element=element)


BOOL_SPELLINGS: dict[str, bool] = {"true": True, "false": False, "是": True, "否": False}
"""How a register writes a bool as text (a CSV cell, a Chinese register's 是 and 否); JSON has its own
`true` and `false`, and a charter its keywords."""
