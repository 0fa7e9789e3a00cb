"""The names of a charter: which are keywords (no declaration may take them), fields, values, labels."""

from __future__ import annotations

import functools
import re

import attrs

from .. import ir
from ..common.diagnostics import Note
from ..common.source import Span
from ..language import keywords
from ..language.types import EnumDef
from ..parse import nodes as n
from ._state import CheckerState

# Keywords that can start an expression: where a name may stand, these win, so no name may be one.
# (Other keywords only stand where no name can, so `village` and `veto` remain usable as names.)
_EXPRESSION_KEYWORDS = ("NOT", "IF", "CASE", "TODAY", "IT", "TRUE", "FALSE", "AGE_OF", "UNIT_START", "UNIT_END")


class Names(CheckerState):
    """The names of the charter being checked, a part of the `Checker`."""

    def reserved(self, name: str, span: Span, what: str) -> bool:
        """Report a declared name that is a keyword (it could not be used where keywords stand)."""
        keyword = _reserved_words().get(name)
        if keyword is None:
            return False
        self.error("reserved-word", f"`{name}` is a keyword of the language (`{keyword}`), so it cannot "
                   f"name {what}.", span, help="choose another name, like `" + name + "_1`")
        return True

    def is_field(self, name: str) -> bool:
        """Whether a name is a household or person field."""
        return name in self.household_fields or name in self.person_fields

    def _value_names(self) -> set[str]:
        """Every parameter and definition name (fixed once declarations are read, so computed once)."""
        if self._names is None:
            self._names = (set(self.parameters) | set(self.own_parameters) | set(self.inherited_definitions)
                           | set(self.own_definitions) | set(self.inherited_functions) | set(self.own_functions))
        return self._names

    def _label_owners(self) -> dict[str, LabelOwner]:
        """Every spelling of a label in scope (a label, or a title naming one), with the (first) field or
        category whose enumeration has it."""
        owners: dict[str, LabelOwner] = {}
        for field in list(self.household_fields.values()) + list(self.person_fields.values()):
            enum = field.type.enum or (field.type.element.enum if field.type.element else None)
            if enum is None:
                continue
            for spelling in enum.spellings():
                label = enum.label_of(spelling)
                assert label is not None
                owners.setdefault(spelling, LabelOwner(field.name, "field", enum, label, label_span(field.span, label)))
        for name, enum in self.categories.items():
            for label in enum.labels:
                owners.setdefault(label, LabelOwner(name, "category", enum, label, self._categorylabel_span(name, label)))
        return owners

    def _categorylabel_span(self, name: str, label: str) -> Span | None:
        """Where a category's label is first written: an arm of its own definition, or the inherited one."""
        node = self.own_definitions.get(name)
        if node is not None:
            return next((x.span for x in node.expr.walk() if isinstance(x, n.Name) and x.name == label), node.span)
        inherited = self.inherited_definitions.get(name)
        if inherited is None:
            return None
        return next((x.span for x in inherited.expr.walk() if isinstance(x, ir.Const) and x.value == label
                     and x.span is not None), inherited.span)

    def _name_clashes(self) -> None:
        """A parameter or definition may not take a field's name, nor a parameter a definition's."""
        for name in list(self.own_parameters) + list(self.own_definitions) + list(self.own_functions):
            value_node: n.Parameter | n.Definition = (self.own_parameters.get(name) or self.own_definitions.get(name)
                                                      or self.own_functions[name])
            if name in self.household_fields or name in self.person_fields:
                self.error("shadows-field", f"`{name}` is already a field; a parameter or definition "
                           f"cannot take a field's name.", value_node.span)
            elif name in self.own_parameters and (name in self.own_definitions or name in self.own_functions):
                self.error("duplicate-name", f"`{name}` is both a parameter and a definition.",
                           (self.own_definitions.get(name) or self.own_functions[name]).span,
                           notes=(Note("the parameter is here", self.own_parameters[name].span),))


@attrs.frozen
class LabelOwner:
    """The field or category whose enumeration has a label, and where the label is declared."""

    name: str
    kind: str
    """`field` or `category`."""
    enum: EnumDef
    label: str
    span: Span | None


def label_span(field: Span | None, label: str) -> Span | None:
    """The label's own place in the declaration of its field's enumeration (the field's, if not found)."""
    if field is None:
        return None
    text = field.text
    brace = max(text.find("{"), text.find("｛"))
    found = re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text[brace + 1:]) if brace >= 0 else None
    if found is None:
        return field
    start = field.start + brace + 1 + found.start()
    return field.source.span(start, start + len(label))


@functools.cache
def _reserved_words() -> dict[str, str]:
    """The spellings of the keywords that can start an expression, with their English spelling."""
    table = keywords()
    return {spelling: table[t].english[0] for t in _EXPRESSION_KEYWORDS
            for spelling in table[t].english + table[t].chinese if " " not in spelling}
