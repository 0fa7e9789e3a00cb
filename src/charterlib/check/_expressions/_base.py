"""The expression checker's core: checking at a bounded depth, and the names, literals and fields of
persons an expression is made of."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from ... import ir
from ...common.diagnostics import Diagnostic, Note
from ...common.source import Span
from ...common.suggest import did_you_mean
from ...common.visit import Visitor
from ...language import keywords
from ...language.types import (
    BOOL,
    DATE,
    DECIMAL,
    DURATION,
    ERROR,
    INT,
    MONEY,
    PERSON,
    TEXT,
    EnumDef,
    Type,
    list_of,
)
from ...parse import nodes as n
from .._limits import MAX_NESTING
from ._scope import Scope
from ._types import KIND_WORDS, describe


class ExpressionBase(Visitor[ir.Expr]):
    """Types expressions against a charter's fields, definitions and parameters (see `ExpressionChecker`,
    which adds the operators and the calls of builtins)."""

    def __init__(
        self,
        *,
        charter_id: str,
        household_fields: Mapping[str, ir.Field],
        person_fields: Mapping[str, ir.Field],
        parameter_type: Callable[[str], Type | None],
        definition_type: Callable[[str, Span], Type | None],
        value_names: Callable[[], Collection[str]],
        report: Callable[[Diagnostic], None],
        label_meant: Callable[[str, EnumDef, Span], bool] = lambda name, enum, span: False,
        table_of: Callable[[str], ir.Parameter | None] = lambda name: None,
        article_kinds: Callable[[], Mapping[str, str]] = dict,
        categories: Callable[[], Mapping[str, EnumDef]] = dict,
        functions: Callable[[], Mapping[str, tuple[str, ...]]] = dict,
        apply: Callable[[n.Call, Scope], ir.Expr] | None = None,
    ) -> None:
        self.charter_id = charter_id
        self.household_fields = household_fields
        self.person_fields = person_fields
        self.parameter_type = parameter_type
        self.definition_type = definition_type
        self.value_names = value_names
        self.report = report
        self.label_meant = label_meant
        self.table_of = table_of
        self.categories = categories
        self.functions = functions
        """The functions in force (definitions with parameters), with the names of their parameters."""
        self.apply = apply
        """The call of a function of the charter, checked (see `Functions._apply`)."""
        """The categories in force, by the name of their definition (their labels are labels like a field's)."""
        """The table parameter of a name, if it is one (read by keys: `special_rate[situation, area]`)."""
        """Whether a definition or parameter named like a label of an enumeration stands, at a place
        where a value of that enumeration is expected, for the label (see `Labels._label_meant`)."""
        self.article_kinds = article_kinds
        """The kind of each article of the charter (its own, and those inherited and not repealed), by id:
        what a test of an obligation's status names."""
        self.level = 0
        """How many levels deep the expression being checked is (see `check`)."""
        self.refused = False
        """Whether the expression being checked was found too deep (said once per expression)."""

    # -------------------------------------------------------------- helpers
    def error(self, code: str, message: str, span: Span, *, label: str = "", help: str = "",
              notes: tuple[Note, ...] = ()) -> None:
        """Report one error."""
        self.report(Diagnostic(code, message, span, label=label, help=help, notes=notes))

    def expect(self, node: n.Expr, scope: Scope, kinds: tuple[str, ...], what: str,
               hint: Type | None = None) -> ir.Expr:
        """Check an expression that must be of one of some kinds; report it otherwise."""
        expr = self.check(node, scope, hint)
        if expr.type.kind not in kinds and expr.type.kind != "error":
            wanted = " or ".join(KIND_WORDS.get(k, k) if k != "list" else "a list" for k in kinds)
            return self._mismatch(node, expr, what, wanted)
        return expr

    def _mismatch(self, node: n.Expr, expr: ir.Expr, what: str, wanted: str) -> ir.Expr:
        """Report that an expression is not of the type its place needs; an ERROR constant stands in."""
        self.error(
            "type-mismatch",
            f"{what} needs {wanted}, but this is {describe(expr.type)}.",
            node.span,
            label=f"this is {describe(expr.type)}",
        )
        return ir.Const(ERROR, None, span=node.span)

    def condition(self, node: n.Expr, scope: Scope, what: str) -> ir.Expr:
        """Check an expression used as a condition."""
        return self.expect(node, scope, ("bool",), what)

    # -------------------------------------------------------------- dispatch
    def check(self, node: n.Expr, scope: Scope, hint: Type | None = None) -> ir.Expr:
        """The typed form of an expression; errors are reported and typed as ERROR.

        An expression nested deeper than `MAX_NESTING` levels is refused where it passes the limit,
        so checking recurses no deeper than that (a run like `a or b or c` is one level, checked in a loop).
        """
        if self.level == 0:
            self.refused = False
        if self.level >= MAX_NESTING:
            if not self.refused:
                self.refused = True
                self.error(
                    "expression-too-deep",
                    f"This expression nests more than {MAX_NESTING} levels deep (a run like `a or b or c` "
                    f"or `a + b + c` counts as one level), more than can be computed.",
                    node.span,
                    label=f"level {MAX_NESTING + 1}",
                    help="write it with fewer levels",
                )
            return ir.Const(ERROR, None, span=node.span)
        self.level += 1
        try:
            result: ir.Expr = self.visit(node, scope, hint)
        finally:
            self.level -= 1
        return result

    def root(self, node: n.Expr, scope: Scope, hint: Type | None = None) -> ir.Expr:
        """`check` for an expression on its own (a definition's), wherever checking stands."""
        level, refused, self.level = self.level, self.refused, 0
        try:
            return self.check(node, scope, hint)
        finally:
            self.level, self.refused = level, refused

    # -------------------------------------------------------------- names, literals, fields of persons
    def visit_Name(self, node: n.Name, scope: Scope, hint: Type | None) -> ir.Expr:
        name, span = node.name, node.span
        if name in scope.persons:
            return ir.Var(PERSON, name, span=span)
        bound_day = scope.day(name)
        if bound_day is not None:
            return ir.Var(bound_day, name, span=span)
        argument = scope.argument(name)
        if argument is not None:
            return ir.Var(argument, name, span=span)
        if scope.implicit is not None and name in self.person_fields:
            person = ir.Var(PERSON, scope.implicit, span=span)
            return ir.PersonField(self.person_fields[name].type, person, name, span=span)
        if (hint is not None and hint.enum is not None and hint.kind in ("enum", "labels")
                and hint.enum.label_of(name) is not None and name in self.value_names()
                and self.label_meant(name, hint.enum, span)):  # (the shadowing is reported)
            return ir.Const(Type("enum", enum=hint.enum), hint.enum.label_of(name), span=span)
        if name in self.functions():
            params = ", ".join(self.functions()[name])
            self.error("function-without-arguments", f"`{name}` is a function: it is called with its arguments, "
                       f"like `{name}({params})`.", span, label="which arguments?")
            return ir.Const(ERROR, None, span=span)
        definition = self.definition_type(name, span)
        if definition is not None:
            return ir.DefRef(definition, name, span=span)
        parameter = self.parameter_type(name)
        if parameter is not None:
            table = self.table_of(name)
            if table is not None:
                keys = ", ".join(d.name for d in table.dimensions)
                self.error("table-needs-keys", f"`{name}` is a table: a cell of it is read by its keys, like "
                           f"`{name}[{keys}]`.", span, label="which cell?")
                return ir.Const(ERROR, None, span=span)
            return ir.ParamRef(parameter, name, span=span)
        if name in self.household_fields:
            return ir.HouseholdField(self.household_fields[name].type, name, span=span)
        if name == "members":
            return ir.Members(list_of(PERSON), span=span)
        if hint is not None and hint.enum is not None and hint.kind in ("enum", "labels"):
            label = hint.enum.label_of(name)  # the label, or the title naming it (女 for female)
            if label is not None:
                return ir.Const(Type("enum", enum=hint.enum), label, span=span)
            self.error(
                "unknown-label",
                f"`{name}` is not a label of `{hint.enum.name}`, whose labels are "
                f"{', '.join(hint.enum.labels)}.",
                span,
                label="unknown label",
                help=did_you_mean(name, hint.enum.labels),
            )
            return ir.Const(ERROR, None, span=span)
        if name in self.person_fields:
            self.error(
                "person-field-outside",
                f"`{name}` is a field of a person, but no person is in scope here.",
                span,
                label="whose?",
                help=f"test it on a list, like `any(children, {name} = ...)`, or on a named "
                f"person, like `daughter.{name}`",
            )
            return ir.Const(ERROR, None, span=span)
        owners = [f.name for f in self._enum_fields() if f.type.enum is not None and f.type.enum.label_of(name)]
        owners += [category for category, enum in self.categories().items() if enum.label_of(name)]
        if owners and hint is not None and hint.kind == "error":
            return ir.Const(ERROR, None, span=span)  # compared with what is already wrong (or of no type yet)
        if owners:
            self.error(
                "label-without-field",
                f"`{name}` is a label of `{owners[0]}`, but nothing here says which "
                f"{'field' if owners[0] not in self.categories() else 'category'} it is compared with.",
                span,
                label="a label on its own",
                help=f"compare it with the {'field' if owners[0] not in self.categories() else 'category'}, "
                f"like `{owners[0]} = {name}`",
            )
            return ir.Const(ERROR, None, span=span)
        candidates = set(self.value_names()) | set(self.household_fields) | {"members"}
        candidates |= set(scope.persons) | {var for var, _ in scope.days} | {n for n, _ in scope.arguments}
        if scope.implicit is not None:
            candidates |= set(self.person_fields)
        glued = _glued_keyword(name)
        self.error(
            "unknown-name",
            f"`{name}` is not a field, definition or parameter of charter `{self.charter_id}`.",
            span,
            label="unknown name",
            help=(f"a keyword is followed by a space: write `{glued} {name[len(glued):]}`" if glued
                  else did_you_mean(name, candidates)),
        )
        return ir.Const(ERROR, None, span=span)

    def visit_Lookup(self, node: n.Lookup, scope: Scope, hint: Type | None) -> ir.Expr:
        table = self.table_of(node.name)
        if table is None:
            parameter = self.parameter_type(node.name)
            if parameter is None or parameter.kind != "error":  # (a table that could not be had is reported)
                named = self.check(n.Name(node.name, span=node.name_span), scope)
                if named.type.kind != "error":
                    self.error("not-a-table", f"`{node.name}` is not a table: only a parameter written "
                               f"`⟦parameter⟧ {node.name} ⟦per⟧ …` is read by keys.", node.name_span,
                               label="not a table")
            return ir.Const(ERROR, None, span=node.span)
        dimensions = table.dimensions
        if len(node.keys) != len(dimensions):
            names = ", ".join(d.name for d in dimensions)
            self.error("table-key-count", f"Table `{node.name}` is read with {len(dimensions)} "
                       f"key{'s' if len(dimensions) != 1 else ''}, like `{node.name}[{names}]`, but is given "
                       f"{len(node.keys)}.", node.span)
            return ir.Const(ERROR, None, span=node.span)
        keys: list[ir.Expr] = []
        for i, (key_node, dimension) in enumerate(zip(node.keys, dimensions, strict=True), 1):
            key = self.check(key_node, scope, dimension.type)
            enum = dimension.type.enum
            if isinstance(key_node, n.Name) and enum is not None and key_node.name in enum.labels \
                    and not dimension.type.same_base(key.type):  # a label of the dimension, not the field named so
                key = ir.Const(dimension.type, key_node.name, span=key_node.span)
            if key.type.kind != "error" and not dimension.type.same_base(key.type):
                self.error("type-mismatch", f"Key {i} of table `{node.name}` is {describe(dimension.type)} "
                           f"(as `{dimension.name}`), but this is {describe(key.type)}.", key_node.span,
                           label=f"this is {describe(key.type)}")
                key = ir.Const(ERROR, None, span=key_node.span)
            keys.append(key)
        if any(k.type.kind == "error" for k in keys):
            return ir.Const(ERROR, None, span=node.span)
        optional = any(k.type.optional for k in keys)
        return ir.TableRef(table.type.maybe(optional), node.name, tuple(keys), span=node.span)

    def _enum_fields(self) -> list[ir.Field]:
        """The fields whose values are labels of an enumeration."""
        fields = list(self.household_fields.values()) + list(self.person_fields.values())
        return [f for f in fields if f.type.enum is not None]

    def _enums(self) -> list[EnumDef]:
        """The enumerations in scope: of the fields, then of the categories."""
        return [f.type.enum for f in self._enum_fields() if f.type.enum is not None] + list(self.categories().values())

    def visit_Literal(self, node: n.Literal, scope: Scope, hint: Type | None) -> ir.Expr:
        t = {"bool": BOOL, "int": INT, "decimal": DECIMAL, "text": TEXT, "date": DATE}[node.kind]
        return ir.Const(t, node.value, span=node.span)

    def visit_Money(self, node: n.Money, scope: Scope, hint: Type | None) -> ir.Expr:
        return ir.Const(MONEY, node.amount, span=node.span)

    def visit_Duration(self, node: n.Duration, scope: Scope, hint: Type | None) -> ir.Expr:
        return ir.Const(DURATION, (node.count, node.unit), span=node.span)

    def visit_Special(self, node: n.Special, scope: Scope, hint: Type | None) -> ir.Expr:
        if node.kind == "it":
            if scope.it_day is not None:
                return ir.Var(scope.it_day, "it", span=node.span)
            if scope.implicit is None:
                self.error(
                    "it-outside",
                    "⟦it⟧ stands for the element being tested, but no list is being tested here.",
                    node.span,
                    help="use ⟦it⟧ inside ⟦where⟧, ⟦any⟧, ⟦all⟧ or ⟦count⟧",
                )
                return ir.Const(ERROR, None, span=node.span)
            return ir.Var(PERSON, scope.implicit, span=node.span)
        if node.kind == "ever_members":
            return ir.Members(list_of(PERSON), ever=True, span=node.span)
        if node.kind in ("unit_start", "unit_end") and not scope.unit:
            self.error(
                "unit-outside",
                f"`{node.span.text}` is the first or last day of a unit of a benefit paid every "
                f"month, every year or per event; it has no meaning here.",
                node.span,
            )
            return ir.Const(ERROR, None, span=node.span)
        return ir.Context(DATE, node.kind, span=node.span)

    def visit_SetLiteral(self, node: n.SetLiteral, scope: Scope, hint: Type | None) -> ir.Expr:
        self.error(
            "set-outside-in",
            "A set in braces can only follow ⟦in⟧, as in `contraception in {iud, implant}`.",
            node.span,
        )
        return ir.Const(ERROR, None, span=node.span)

    def visit_ListLiteral(self, node: n.ListLiteral, scope: Scope, hint: Type | None) -> ir.Expr:
        element = hint.element if hint is not None and hint.kind == "list" else None
        items = tuple(self.check(item, scope, element) for item in node.items)
        if element is None:
            element = items[0].type if items else ERROR
        for item, item_node in zip(items, node.items):
            if not item.type.same_base(element):
                self.error("type-mismatch", f"A list holds values of one type, but this one is "
                           f"{describe(item.type)}, not {describe(element)}.", item_node.span)
        return ir.ListOf(list_of(element), items, span=node.span)

    def visit_Attribute(self, node: n.Attribute, scope: Scope, hint: Type | None) -> ir.Expr:
        obj = self.check(node.obj, scope)
        if obj.type.kind == "error":
            return ir.Const(ERROR, None, span=node.span)
        field = self.person_fields.get(node.name)
        is_list = obj.type.kind == "list" and obj.type.element == PERSON
        if obj.type.kind != "person" and not is_list:
            self.error(
                "type-mismatch",
                f"`.{node.name}` reads a field of a person, but this is {describe(obj.type)}.",
                node.obj.span,
                label=f"this is {describe(obj.type)}",
            )
            return ir.Const(ERROR, None, span=node.span)
        if field is None:
            self.error(
                "unknown-field",
                f"`{node.name}` is not a person field of charter `{self.charter_id}`.",
                node.name_span,
                label="unknown field",
                help=did_you_mean(node.name, self.person_fields),
            )
            return ir.Const(ERROR, None, span=node.span)
        if is_list:
            body = ir.PersonField(field.type, ir.Var(PERSON, "it"), node.name, span=node.span)
            projection = ir.Lambda(field.type, "it", body, span=node.span)
            element = field.type.element if field.type.kind == "list" else field.type
            assert element is not None
            return ir.Call(list_of(element if field.type.kind == "list" else field.type), "map",
                           (obj, projection), span=node.span)
        return ir.PersonField(field.type.maybe(obj.type.optional), obj, node.name, span=node.span)

    # -------------------------------------------------------------- persons, for lists of them
    def persons(self, node: n.Expr, scope: Scope, what: str) -> ir.Expr:
        """Check an expression that must be a list of persons; report it otherwise."""
        expr = self.check(node, scope)
        if expr.type.kind == "error":
            return expr
        if expr.type.kind != "list" or expr.type.element != PERSON:
            return self._mismatch(node, expr, what, "a list of persons, like `children`")
        return expr

    def _lambda(self, node: n.Expr, scope: Scope, what: str) -> ir.Lambda:
        """A condition on each element of a list (`it`), as a lambda."""
        body = self.condition(node, scope.bind("it"), what)
        return ir.Lambda(body.type, "it", body, span=node.span)


def _glued_keyword(name: str) -> str | None:
    """The Chinese keyword a name starts with, when the space after the keyword was forgotten."""
    for keyword in keywords().values():
        for spelling in keyword.chinese:
            if name.startswith(spelling) and len(name) > len(spelling):
                return spelling
    return None
