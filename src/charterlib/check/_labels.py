"""Labels a definition or parameter takes the name of: where the label is meant, and the report."""

from __future__ import annotations

from ..common.diagnostics import Note
from ..common.source import Span
from ..language.types import EnumDef
from ._definitions import Definitions
from ._parameters import Parameters


class Labels(Definitions, Parameters):
    """The checks of names shared by a label and a definition or parameter, a part of the `Checker`
    (which asks the definitions and parameters what they are)."""

    def _label_meant(self, name: str, enum: EnumDef, use: Span) -> bool:
        """Whether `name`, a definition or parameter named like a label of `enum`, stands for the label
        where a value of `enum` is expected: it does unless it is itself of that enumeration (the
        place is kept for `_shadowed_labels`)."""
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
        """A definition or parameter may not take the name of a label: where the label is meant, the
        reader could not tell which one is."""
        owners = self._label_owners()
        declared: list[tuple[str, str, Span]] = [(k, "parameter", v.span) for k, v in self.own_parameters.items()]
        declared += [(k, "definition", v.span) for k, v in self.own_definitions.items()]
        for name, what, span in sorted(declared, key=lambda item: item[2].start):
            if name not in owners:
                continue
            field, enum = owners[name]
            title = enum.title(name)
            uses = self.labels_meant.get(name, [])
            self.error(
                "shadows-label",
                f"The {what} `{name}` takes the name of the label `{name}`"
                + (f" ({title})" if title else "") + f" of `{field.name}`: wherever the label is meant, "
                f"a reader could not tell the label from the {what}.",
                span,
                help=f"give the {what} another name, like `the_{name}`",
                notes=tuple(Note(f"here the label `{name}` of `{field.name}` is meant", use) for use in uses[:3]),
            )
