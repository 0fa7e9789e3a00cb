"""Charter-local categories: a definition whose arms (`if … then death else disability`, nested `if` and
`case` opened) give bare names that are nothing in scope is an enumeration of the charter, named after
the definition, its labels those names in the order they first appear."""

from __future__ import annotations

from ..common.suggest import did_you_mean
from ..language.types import EnumDef, Type
from ..parse import nodes as n
from ._names import Names


def choice_arms(node: n.Expr) -> list[n.Expr] | None:
    """The values an `if` or `case` gives, nested ones opened, in the order written; None when the
    expression is no choice (found without recursion: choices may nest deeply)."""
    if not isinstance(node, (n.IfElse, n.Case)):
        return None
    arms: list[n.Expr] = []
    stack: list[n.Expr] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, n.IfElse):
            stack += [current.otherwise, current.then]
        elif isinstance(current, n.Case):
            stack += [arm.value for arm in reversed(current.arms)]
        else:
            arms.append(current)
    return arms


class Categories(Names):
    """The categories of a charter and the labels its definitions' arms give, a part of the `Checker`."""

    def _find_categories(self) -> None:
        """Judge the arms of each own definition whose arms are bare names: a new category when none of
        them is anything in scope; a definition of the enumeration (of a field or a category) whose labels
        they are when they are labels (an override of a category: of that category); arms that mix names
        unknown in scope with other values are reported. Found from the syntax, before anything is checked,
        so that every expression knows the labels of every category."""
        self.categories = {d.name: d.category for d in self.inherited_definitions.values()
                           if d.category is not None and d.name not in self.repealed}
        for name, node in self.own_definitions.items():
            overridden = self.categories.pop(name, None)
            arms = choice_arms(node.expr)
            if arms is not None:
                self._judge_arms(name, arms, overridden)

    def _judge_arms(self, name: str, arms: list[n.Expr], overridden: EnumDef | None) -> None:
        """The category, or the enumeration, one definition's arms give (see `_find_categories`)."""
        names = [a for a in arms if isinstance(a, n.Name)]
        fresh = [a for a in names if self._fresh(a.name) and (overridden is None or overridden.label_of(a.name) is None)]
        if len(names) < len(arms):  # some arms are other values
            if fresh:
                self._mixed_arms(name, fresh[0], next(a for a in arms if not isinstance(a, n.Name)))
            return
        enums = self._known_enums()
        valued = [a for a in names if self.is_field(a.name) or a.name in self._value_names() or a.name == "members"]
        if valued:  # a field, a parameter or a definition among the arms: they give no labels
            if fresh:
                self._mixed_arms(name, fresh[0], valued[0])
            return
        # an override of a category gives its labels (another is unknown); arms that are all labels of one
        # enumeration in scope give that enumeration's; any other bare names are the labels of a new category
        for arm in [a for a in names if overridden is not None and overridden.label_of(a.name) is None]:
            assert overridden is not None
            self.explained.add(arm.span)
            self.error("override-type", f"`{arm.name}` is not a label of the category `{name}` this definition "
                       f"overrides, whose labels are {', '.join(overridden.labels)}: an override of a category "
                       f"keeps its labels.", arm.span, label="not a label of the category",
                       help=did_you_mean(arm.name, overridden.labels))
        enum = overridden or next((e for e in enums if all(e.label_of(a.name) for a in names)), None)
        if enum is None:
            enum = EnumDef(name, tuple(dict.fromkeys(a.name for a in names)), False)
            self.categories[name] = enum
        if overridden is not None:
            self.categories[name] = overridden
        self.definition_hints[name] = Type("enum", enum=enum)

    def _fresh(self, name: str) -> bool:
        """Whether a bare name is nothing in scope: no field, parameter, definition or label."""
        return not (self.is_field(name) or name in self._value_names() or name == "members"
                    or any(enum.label_of(name) is not None for enum in self._known_enums()))

    def _known_enums(self) -> list[EnumDef]:
        """The enumerations of the fields, then the categories found so far."""
        enums: list[EnumDef] = []
        for field in list(self.household_fields.values()) + list(self.person_fields.values()):
            enum = field.type.enum or (field.type.element.enum if field.type.element else None)
            if enum is not None and enum not in enums:
                enums.append(enum)
        return enums + [e for e in self.categories.values() if e not in enums]

    def _mixed_arms(self, name: str, label: n.Name, other: n.Expr) -> None:
        """Report a definition whose arms give both a bare name unknown in scope and some other value."""
        what, kind = f"`{other.span.text}`", ""
        if isinstance(other, n.Name):
            kind = ("field" if self.is_field(other.name) else "parameter" if other.name in self.parameters
                    or other.name in self.own_parameters else "definition")
            what += f", a {kind},"
        known = set(self._value_names()) | set(self.household_fields)
        self.explained.add(label.span)
        self.error(
            "mixed-arms",
            f"`{label.name}` is not a field, parameter or definition of charter `{self.charter_id}`: as an arm of "
            f"`{name}` it would be a label of a category `{name}`, but another arm gives {what} which is not a "
            f"label. The arms of a category give its labels only.",
            label.span,
            label="a label, or a name misspelt?",
            help=did_you_mean(label.name, known) or (
                f"if `{other.span.text}` is meant as a label too, the {kind} takes its name: give it another"
                if isinstance(other, n.Name) and not self.is_field(other.name)
                else "give every arm a label (a bare name), or every arm a value"),
        )

