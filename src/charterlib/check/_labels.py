"""Names shared by a label and a definition, function or parameter: where the label is meant while checking
goes on, and the report (`label-shadowed`).

The rule: a parameter, a definition or a function may not be spelt like a label in scope (a label of the
enumeration of a field or of a category, or a title naming one label, like `妻子` for `wife`), and a field
may not give its enumeration a label spelt like an inherited definition, function or parameter: wherever
the label is meant (`role = wife`), a reader could not tell it from the definition. Two enumerations may
share a label (`role` and `left_for` both have `other`): what it is compared with says which is meant.
"""

from __future__ import annotations

from .. import ir
from ..common.diagnostics import Note
from ..common.source import Span
from ..language.types import EnumDef
from ._definitions import Definitions
from ._names import LabelOwner, label_span
from ._parameters import Parameters


class Labels(Definitions, Parameters):
    """The checks of names shared by a label and a definition or parameter, a part of the `Checker`
    (which asks the definitions and parameters what they are)."""

    def _label_meant(self, name: str, enum: EnumDef, use: Span) -> bool:
        """Whether `name`, a definition or parameter spelt like a label of `enum`, stands for the label
        where a value of `enum` is expected, while checking goes on: it does unless it is itself of that
        enumeration (the place is kept for `_shadowed_labels`, which reports the name once)."""
        if name in self.checking or name in self.cyclic:
            meant = True  # a definition cannot use itself: the label is meant
        else:
            t = self._definition_type(name, use) if name in self._value_names() - set(self.own_parameters) \
                and name not in self.parameters else self._parameter_type(name)
            meant = t is None or t.enum != enum
        if meant:
            self.labels_meant.setdefault(name, []).append(use)
        return meant

    def _shadowed_labels(self) -> None:
        """Report each own parameter, definition or function spelt like a label in scope (at the declaration,
        with a note where the label is declared and where it is meant), and each label of an own field spelt
        like an inherited definition, function or parameter (at the label)."""
        owners = self._label_owners()
        declared: list[tuple[str, str, Span]] = [(k, "parameter", v.span) for k, v in self.own_parameters.items()]
        declared += [(k, "definition", v.span) for k, v in self.own_definitions.items()]
        declared += [(k, "function", v.span) for k, v in self.own_functions.items()]
        for name, kind, span in sorted(declared, key=lambda item: item[2].start):
            if name in owners:
                self._label_shadowed(name, kind, span, owners[name])
        inherited = {**{k: "parameter" for k in self.inherited_parameters},
                     **{k: "definition" for k in self.inherited_definitions},
                     **{k: "function" for k in self.inherited_functions}}
        for field in list(self.household_fields.values()) + list(self.person_fields.values()):
            enum = field.type.enum or (field.type.element.enum if field.type.element else None)
            if field.origin != self.charter_id or enum is None:
                continue
            for spelling in enum.spellings():
                what = inherited.get(spelling)
                if what is None or spelling in self.repealed or spelling in {d[0] for d in declared}:
                    continue
                origin: ir.Parameter | ir.Definition | ir.Function = (
                    self.inherited_parameters.get(spelling) or self.inherited_definitions.get(spelling)
                    or self.inherited_functions[spelling])
                self.error(
                    "label-shadowed",
                    f"The label `{spelling}` of `{field.name}` is spelt like the {what} `{spelling}` of "
                    f"`{origin.origin}`: wherever the label is meant, a reader could not tell it from the {what}.",
                    label_span(field.span, spelling), label=f"also a {what}",
                    help=f"give the label another name, like `{spelling}_1`",
                    notes=(Note(f"the {what} `{spelling}` is declared here", origin.span),),
                )

    def _label_shadowed(self, name: str, what: str, span: Span, owner: LabelOwner) -> None:
        """Report one declaration spelt like a label."""
        title = owner.enum.title(owner.label)
        spelt = f"the label `{owner.label}`" if owner.label == name else f"`{name}`, the title of the label `{owner.label}`"
        uses = self.labels_meant.get(name, [])
        self.error(
            "label-shadowed",
            f"The {what} `{name}` is spelt like {spelt}" + (f" ({title})" if title and owner.label == name else "")
            + f" of `{owner.name}`: wherever the label is meant, a reader could not tell the label from the {what}.",
            span,
            help=f"give the {what} another name, like `the_{name}`",
            notes=(Note(f"the label `{owner.label}` of {'the category ' if owner.kind == 'category' else ''}"
                        f"`{owner.name}` is declared here", owner.span),)
            + tuple(Note(f"here the label `{owner.label}` of `{owner.name}` is meant", use) for use in uses[:3]),
        )

