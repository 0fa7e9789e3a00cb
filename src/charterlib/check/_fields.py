"""A charter's own fields: their names, types and defaults."""

from __future__ import annotations

from .. import ir
from ..common.diagnostics import Note
from ..common.suggest import did_you_mean
from ..ir.analysis import constant_value
from ..language.types import DATE, ERROR, LEAVING, NAMED_TYPES, EnumDef, Type, list_of
from ..parse import nodes as n
from ._expressions import ExpressionChecker, Scope, describe
from ._names import Names


class Fields(Names):
    """The checks of field declarations, a part of the `Checker`."""

    def _own_fields(self, block: n.Fields) -> None:
        """Declare a block of the charter's own fields."""
        table = self.household_fields if block.scope == "household" else self.person_fields
        for decl in block.fields:
            if decl.name in ("id", "members"):
                self.error("builtin-field", f"`{decl.name}` is built in: every household has an `id` "
                           f"and `members`, and every person an `id`.", decl.span)
                continue
            if self.reserved(decl.name, decl.span, "a field"):
                continue
            if decl.name in table:
                existing = table[decl.name]
                where = "in this file" if existing.origin == self.charter_id else f"in `{existing.origin}`"
                self.error("duplicate-field", f"The {block.scope} field `{decl.name}` is already declared "
                           f"{where}.", decl.span, notes=(Note("first declared here", existing.span),))
                continue
            t = self._type(decl.type, decl.name)
            if block.scope == "person" and decl.name == "birth_date" and (t.kind != "date" or t.optional
                                                                           or decl.default is not None):
                self.error("birth-date-field", "`birth_date` is the day from which a person counts as a member: "
                           "it is a date every person has.", decl.span, help="declare it `birth_date: date`")
                continue
            if block.scope == "person" and decl.name in LEAVING and (t.kind != "date" or not t.optional
                                                                     or decl.default is not None):
                self.error("leaving-field", f"`{decl.name}` is the day from which a person is no longer a member: "
                           "it is a date only some persons have.", decl.span,
                           help=f"declare it `{decl.name}: optional date`")
                continue
            default = None
            if decl.default is not None and t.kind != "error":
                default = self._default(decl.default, t, decl.name)
            if t.kind == "list" and default is None:
                default = ir.Const(t, ())
            table[decl.name] = ir.Field(block.scope, decl.name, t, default, decl.title, self.charter_id,
                                        span=decl.span)

    def _birth_date(self) -> None:
        """Every person counts from a day, the day of birth: a charter that declares no `birth_date` has it."""
        if "birth_date" not in self.person_fields:
            self.person_fields["birth_date"] = ir.Field("person", "birth_date", DATE, None, "出生日期", self.charter_id)

    def _type(self, node: n.TypeExpr, field_name: str) -> Type:
        """The type a field is declared with."""
        if isinstance(node, n.OptionalType):
            return self._type(node.inner, field_name).maybe(True)
        if isinstance(node, n.ListType):
            return list_of(self._type(node.inner, field_name))
        if isinstance(node, n.EnumType):
            labels: list[str] = []
            for label in node.labels:
                if label.name in labels:
                    self.error("duplicate-label", f"The label `{label.name}` appears twice.", label.span)
                labels.append(label.name)
            titles = tuple(label.title for label in node.labels)
            return Type("enum", enum=EnumDef(field_name, tuple(labels), node.ordered, titles))
        assert isinstance(node, n.NamedType)
        known = NAMED_TYPES.get(node.name)
        if known is None:
            self.error("unknown-type", f"`{node.name}` is not a type.", node.span, label="unknown type",
                       help=(did_you_mean(node.name, NAMED_TYPES) or
                             "the types are bool, integer, decimal, money, date, duration, text, "
                             "enum {…}, optional T and list of T"))
            return ERROR
        return known

    def _default(self, node: n.Expr, t: Type, field_name: str) -> ir.Const | None:
        """A field's default: a constant of its type."""
        checker = ExpressionChecker(
            charter_id=self.charter_id, household_fields={}, person_fields={},
            parameter_type=lambda name: None, definition_type=lambda name, span: None,
            value_names=lambda: (), report=self.report,
        )
        expr = checker.check(node, Scope(), t)
        const = constant_value(expr)
        if const is None:
            if expr.type.kind != "error":
                self.error("default-not-constant", f"The default of `{field_name}` must be a constant "
                           f"value.", node.span)
            return None
        if not const.type.same_base(t):
            self.error("type-mismatch", f"The default of `{field_name}` must be {describe(t)}, but is "
                       f"{describe(const.type)}.", node.span)
            return None
        return ir.Const(t, const.value, span=node.span)
