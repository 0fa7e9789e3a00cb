"""Stage 2, check: a parsed module (plus the charters it builds on) → a typed `ir.Charter`."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from .. import ir
from ..common.diagnostics import Diagnostic, Note, Severity
from ..common.source import Span
from ..common.suggest import did_you_mean
from ..ir.analysis import constant_value
from ..language import keywords
from ..language.types import DATE, ERROR, NAMED_TYPES, EnumDef, Type, list_of
from ..parse import nodes as n
from ._confusables import confusable, describe_character, names_in, skeleton
from ._examples import ExampleChecks
from ._expressions import ExpressionChecker, Scope, describe
from ._limits import MAX_LENGTH, MAX_NESTING, Depth, Depths
from ._words import localize
from .articles import check_article

Resolver = Callable[[str, str, Span], "ir.Charter | None"]
"""Finds a checked charter by id (`kind` is `extends` or `uses`); reports its own errors."""

_FOLLOW_ON = frozenset({
    "unknown-name", "unknown-field", "unknown-label", "label-without-field", "person-field-outside",
    "override-nothing", "repeal-nothing", "unknown-article", "unknown-requirement",
})
"""Codes of what a name from a charter that could not be had would cause (see `Checker.report`)."""

class Checker(ExampleChecks):
    """Checks one module; collects every diagnostic rather than stopping at the first."""

    def __init__(self, module: n.Module, source_name: str, resolve: Resolver, language: str = "en") -> None:
        self.module = module
        self.language = language
        self.source_name = source_name
        self.resolve = resolve
        self.diagnostics: list[Diagnostic] = []
        self.charter_id = "?"
        # names visible in expressions
        self.household_fields: dict[str, ir.Field] = {}
        self.person_fields: dict[str, ir.Field] = {}
        self.parameters: dict[str, ir.Parameter] = {}
        self.definitions: dict[str, ir.Definition] = {}
        self.own_definitions: dict[str, n.Definition] = {}
        self.own_parameters: dict[str, n.Parameter] = {}
        self.inherited_definitions: dict[str, ir.Definition] = {}
        self.checking: list[str] = []
        self._names: set[str] | None = None
        self.reported_cycles: set[frozenset[str]] = set()
        self.order: list[str] = []
        """The own definitions, each after those it uses."""
        self.incomplete = False
        """Whether a charter this one builds on could not be had: then names it would give are unknown."""
        self.cyclic: set[str] = set()
        """Own definitions that depend on themselves (reported once per cycle)."""
        self.labels_meant: dict[str, list[Span]] = {}
        """Where a label was meant that a definition or parameter takes the name of."""

    def release(self) -> None:
        """Break the cycle between the checker and its expression checker (which holds bound
        methods of the checker), so that the syntax tree is freed by reference counting as soon as
        the checker is dropped, rather than by a later run of the cyclic garbage collector."""
        vars(self).pop("expressions", None)

    # -------------------------------------------------------------- reporting
    def report(self, diagnostic: Diagnostic) -> None:
        """Keep a diagnostic, its keyword mentions spelt in the file's keyword language.

        When a charter this one builds on could not be had, a name it would give is unknown for
        that reason alone: such follow-on diagnostics are dropped (the missing charter is reported once).
        """
        if self.incomplete and diagnostic.code in _FOLLOW_ON:
            return
        self.diagnostics.append(localize(diagnostic, self.language))

    def error(self, code: str, message: str, span: Span | None, **extra: Any) -> None:
        """Report an error."""
        self.report(Diagnostic(code, message, span, **extra))

    def has_errors(self) -> bool:
        """Whether an error has been reported so far."""
        return any(d.is_error for d in self.diagnostics)

    def warning(self, code: str, message: str, span: Span | None, **extra: Any) -> None:
        """Report a warning."""
        self.report(Diagnostic(code, message, span, severity=Severity.WARNING, **extra))

    # -------------------------------------------------------------- entry
    def run(self) -> ir.Charter | None:
        """The checked charter, or None when there are errors."""
        items = list(self.module.items)
        headers = [i for i in items if isinstance(i, (n.Header, n.VocabularyHeader))]
        if not headers:
            self.error(
                "missing-header",
                "A charter file starts with `charter ID \"title\"` (or `vocabulary ID \"title\"` for a "
                "file of shared fields), but this file has neither.",
                self.module.items[0].span if self.module.items else None,
            )
            return None
        header = headers[0]
        for extra in headers[1:]:
            self.error("duplicate-header", "A file holds one charter, but this is a second header.",
                       extra.span, notes=(Note("the first header is here", header.span),))
        if items[0] is not header:
            self.error("header-not-first", "The charter header must come first in the file.",
                       header.span)
        self.charter_id = header.id
        stem = PurePath(self.source_name).name.split(".")[0]
        if stem and stem != header.id and not self.source_name.startswith("<"):
            self.warning(
                "file-name",
                f"The charter id is `{header.id}` but the file is named `{PurePath(self.source_name).name}`; "
                f"`extends {header.id}` finds charters by file name first.",
                header.span,
                help=f"name the file `{header.id}.charter`",
            )
        if isinstance(header, n.VocabularyHeader):
            result = self._vocabulary(header, items)
        else:
            result = self._charter(header, items)
        self._confusable_names()
        return result

    def _confusable_names(self) -> None:
        """Warn about each name of the file that looks like another name but is not it."""
        words = list(names_in(self.module.span.source))
        known = {word for word, _ in words} | set(self.household_fields) | set(self.person_fields)
        known |= set(self.parameters) | set(self.own_parameters) | set(self.definitions)
        known |= set(self.inherited_definitions) | set(self._label_owners())
        seen: set[str] = set()
        for word, span in words:
            if word in seen:
                continue
            seen.add(word)
            other, odd = confusable(word, known)
            if odd is None:
                continue
            what = describe_character(odd)
            if other is not None:
                message = (f"`{word}` looks like `{other}` but is another name: its {what} only looks "
                           f"like `{skeleton(odd)}`.")
            else:
                message = (f"`{word}` mixes Latin letters with {what}, a letter of another script that "
                           f"looks like `{skeleton(odd)}`.")
            self.warning("confusable-name", message, span, label="look-alike letter",
                         help=f"retype the name with the letters it is meant to have, like `{skeleton(word)}`")

    # -------------------------------------------------------------- vocabulary files
    def _vocabulary(self, header: n.VocabularyHeader, items: list[n.Decl]) -> ir.Charter | None:
        for item in items:
            if isinstance(item, n.Fields):
                self._own_fields(item)
            elif item is not header:
                self.error("not-in-vocabulary", "A vocabulary file holds only field declarations "
                           "(`household fields:` and `person fields:`).", item.span)
        if any(d.is_error for d in self.diagnostics):
            return None
        return ir.Charter(
            header.id, header.title, "vocabulary", None, (header.id,), None, None,
            tuple(self.household_fields.values()), tuple(self.person_fields.values()),
            (), (), (), (), source=self.source_name,
        )

    # -------------------------------------------------------------- charters
    def _charter(self, header: n.Header, items: list[n.Decl]) -> ir.Charter | None:
        self._header_lines(header)
        parent: ir.Charter | None = None
        for vocabulary_id in header.uses:
            vocabulary = self.resolve(vocabulary_id, "uses", self._line_span(header, "uses"))
            if vocabulary is None:
                self.incomplete = True
            else:
                self._inherit_fields(vocabulary)
        if header.extends is not None:
            parent = self.resolve(header.extends, "extends", self._line_span(header, "extends"))
            self.incomplete |= parent is None
            if parent is not None:
                self._inherit_fields(parent)
                if parent.kind == "vocabulary":
                    self.error("extends-vocabulary", f"`{header.extends}` is a vocabulary of fields; "
                               f"use `uses {header.extends}` to take its fields.",
                               self._line_span(header, "extends"))
                    parent = None
        in_force = header.in_force
        if in_force is None:
            self.error("missing-in-force", f"Charter `{header.id}` does not say the day it is in force.",
                       header.span, help="add a header line like `in force 2004-07-01`")
            in_force = dt.date.min
        self._adoption(header)
        for item in items:
            if isinstance(item, n.Fields):
                self._own_fields(item)
        if "birth_date" not in self.person_fields:  # every person counts from a day: the day of birth
            self.person_fields["birth_date"] = ir.Field("person", "birth_date", DATE, None, "出生日期", self.charter_id)
        # names: parameters and definitions, inherited then own
        inherited_params = {p.name: p for p in parent.parameters} if parent else {}
        self.inherited_definitions = {d.name: d for d in parent.definitions} if parent else {}
        inherited_articles = {a.id: a for a in parent.articles} if parent else {}
        repealed: dict[str, n.Repeal] = {}
        own_articles: dict[str, n.Article] = {}
        for item in items:
            if isinstance(item, n.Parameter):
                self._declare(item.name, item, inherited_params, self.own_parameters, "parameter",
                              item.override)
            elif isinstance(item, n.Definition):
                self._declare(item.name, item, self.inherited_definitions, self.own_definitions,
                              "definition", item.override)
            elif isinstance(item, n.Article):
                self._declare(item.id, item, inherited_articles, own_articles, "article", item.override)
            elif isinstance(item, n.Repeal):
                self._repeal(item, inherited_params, self.inherited_definitions, inherited_articles,
                             repealed)
        for name in list(self.own_parameters) + list(self.own_definitions):
            value_node: n.Parameter | n.Definition = self.own_parameters.get(name) or self.own_definitions[name]
            if name in self.household_fields or name in self.person_fields:
                self.error("shadows-field", f"`{name}` is already a field; a parameter or definition "
                           f"cannot take a field's name.", value_node.span)
            elif name in self.own_parameters and name in self.own_definitions:
                self.error("duplicate-name", f"`{name}` is both a parameter and a definition.",
                           self.own_definitions[name].span,
                           notes=(Note("the parameter is here", self.own_parameters[name].span),))
        self.expressions = ExpressionChecker(
            charter_id=header.id,
            household_fields=self.household_fields,
            person_fields=self.person_fields,
            parameter_type=self._parameter_type,
            definition_type=self._definition_type,
            value_names=self._value_names,
            report=self.report,
            label_meant=self._label_meant,
        )
        self.parameters = {k: v for k, v in inherited_params.items() if k not in repealed}
        for name, param in self.own_parameters.items():
            checked = self._parameter(param)
            if checked is not None:
                previous = inherited_params.get(name)
                if previous is not None and not previous.type.same_base(checked.type):
                    self.error("override-type", f"Parameter `{name}` was {describe(previous.type)} in "
                               f"`{previous.origin}`; its override must keep that type, but is "
                               f"{describe(checked.type)}.", param.span)
                self.parameters[name] = checked
        definitions = {k: v for k, v in self.inherited_definitions.items() if k not in repealed}
        self.order = self._definition_order()
        for name in self.order:
            self._definition_type(name, self.own_definitions[name].span)
        definitions.update({k: v for k, v in self.definitions.items()})
        self.definitions = definitions
        depths = Depths(lambda name: d.expr if (d := self.definitions.get(name)) is not None else None)
        too_deep = self._deep_definitions(depths)
        # articles: inherited ones in place (overrides replace them), then the village's own
        articles: list[ir.AnyArticle] = []
        for article in parent.articles if parent else ():
            if article.id in repealed:
                continue
            if article.id in own_articles:
                checked_article = check_article(own_articles[article.id], in_force, self)
                if checked_article is not None:
                    if checked_article.kind != article.kind:
                        self.error("override-kind", f"`{article.id}` is a {article.kind} in "
                                   f"`{article.origin}`; its override must be one too.",
                                   own_articles[article.id].span)
                    articles.append(checked_article)
                continue
            articles.append(article)
        for article_id, article_node in own_articles.items():
            if article_id not in inherited_articles:
                checked_article = check_article(article_node, in_force, self)
                if checked_article is not None:
                    articles.append(checked_article)
        self._deep_expressions(depths, too_deep, [a for a in articles if a.origin == self.charter_id])
        self._shadowed_labels()
        self._suspensions(items, articles)
        self._dangling(repealed, articles)
        chain = (parent.chain if parent else ()) + (header.id,)
        examples = tuple(
            e for e in (self._example(item, articles) for item in items if isinstance(item, n.Example))
            if e is not None
        )
        if parent is not None:
            examples = parent.examples + examples
        if any(d.is_error for d in self.diagnostics):
            return None
        adoption = None
        if header.adopted is not None:
            a = header.adopted
            adoption = ir.Adoption(a.on, a.body, a.present, a.entitled, a.in_favour)
        return ir.Charter(
            header.id, header.title, "charter", header.level, chain, adoption, header.in_force,
            tuple(self.household_fields.values()), tuple(self.person_fields.values()),
            tuple(self.parameters.values()), tuple(self.definitions.values()), tuple(articles),
            examples, source=self.source_name,
        )

    # -------------------------------------------------------------- header
    def _line_span(self, header: n.Header, keyword: str) -> Span:
        return next((line.span for line in header.lines if isinstance(line, n.HeaderLine)
                     and line.keyword == keyword), header.span)

    def _header_lines(self, header: n.Header) -> None:
        seen: dict[str, Span] = {}
        for line in header.lines:
            assert isinstance(line, n.HeaderLine)
            if line.keyword in seen and line.keyword != "uses":
                self.error("duplicate-header-line", f"The header says `{line.keyword.replace('_', ' ')}` "
                           f"twice.", line.span, notes=(Note("the first time is here", seen[line.keyword]),))
            seen.setdefault(line.keyword, line.span)

    def _adoption(self, header: n.Header) -> None:
        a = header.adopted
        if a is None:
            return
        if a.present is not None and a.entitled is not None and a.present > a.entitled:
            self.error("bad-adoption", f"The adoption record says {a.present} attended of {a.entitled} "
                       f"entitled, which is more than all of them.", a.span)
        if a.in_favour is not None and a.present is not None and a.in_favour > a.present:
            self.error("bad-adoption", f"The adoption record says {a.in_favour} voted for it but only "
                       f"{a.present} attended.", a.span)
        if a.present is not None and a.entitled is not None and a.present * 2 <= a.entitled:
            self.warning("no-quorum", f"Only {a.present} of {a.entitled} attended: a villagers' assembly "
                         f"needs more than half of the villagers aged 18 or over (村民委员会组织法 "
                         f"第二十二条).", a.span)
        if a.in_favour is not None and a.present is not None and a.in_favour * 2 <= a.present:
            self.warning("no-majority", f"Only {a.in_favour} of {a.present} present voted for it: a "
                         f"decision needs more than half of those present.", a.span)
        if a.on is not None and header.in_force is not None and header.in_force < a.on:
            self.error("in-force-before-adoption", f"The charter is in force from {header.in_force}, "
                       f"before it was adopted on {a.on}.", self._line_span(header, "in_force"))

    # -------------------------------------------------------------- fields
    def _inherit_fields(self, other: ir.Charter) -> None:
        for field in other.household_fields + other.person_fields:
            table = self.household_fields if field.scope == "household" else self.person_fields
            existing = table.get(field.name)
            if existing is not None and existing != field:
                self.error("conflicting-field", f"Field `{field.name}` is declared differently in "
                           f"`{existing.origin}` and `{field.origin}`.", field.span)
                continue
            table[field.name] = field

    def _own_fields(self, block: n.Fields) -> None:
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
            default = None
            if decl.default is not None and t.kind != "error":
                default = self._default(decl.default, t, decl.name)
            if t.kind == "list" and default is None:
                default = ir.Const(t, ())
            table[decl.name] = ir.Field(block.scope, decl.name, t, default, decl.title, self.charter_id,
                                        span=decl.span)

    def _type(self, node: n.TypeExpr, field_name: str) -> Type:
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

    # -------------------------------------------------------------- names and inheritance
    def reserved(self, name: str, span: Span, what: str) -> bool:
        """Report a declared name that is a keyword (it could not be used where keywords stand)."""
        keyword = _reserved_words().get(name)
        if keyword is None:
            return False
        self.error("reserved-word", f"`{name}` is a keyword of the language (`{keyword}`), so it cannot "
                   f"name {what}.", span, help="choose another name, like `" + name + "_1`")
        return True

    def _declare(self, name: str, node: Any, inherited: dict[str, Any], own: dict[str, Any], what: str,
                 override: bool) -> None:
        if self.reserved(name, node.span, f"{'an' if what[0] in 'aeiou' else 'a'} {what}"):
            return
        if name in own:
            self.error(f"duplicate-{what}", f"{what.capitalize()} `{name}` is defined twice in this "
                       f"charter.", node.span, notes=(Note("first defined here", own[name].span),))
            return
        if name in inherited and not override:
            origin = inherited[name].origin
            self.error(
                "inherited-id",
                f"{what.capitalize()} `{name}` is already defined in `{origin}`, which this charter "
                f"extends; to replace it, say so with ⟦override⟧.",
                node.span,
                help=f"write ⟦override⟧ before the declaration, or choose another {'id' if what == 'article' else 'name'}",
                notes=(Note(f"first defined in `{origin}` here", inherited[name].span),),
            )
            return
        if override and name not in inherited:
            self.error(
                "override-nothing",
                f"⟦override⟧ replaces an inherited {what}, but no charter this one extends defines "
                f"`{name}`.",
                node.span,
                help=did_you_mean(name, inherited) or "remove ⟦override⟧",
            )
            return
        own[name] = node

    def _repeal(self, item: n.Repeal, *tables: dict[str, Any]) -> None:
        *inherited, repealed = tables
        if not any(item.name in t for t in inherited):
            names = [name for t in inherited for name in t]
            self.error("repeal-nothing", f"`repeal {item.name}`: no charter this one extends defines "
                       f"`{item.name}`.", item.span,
                       help=did_you_mean(item.name, names))
            return
        repealed[item.name] = item

    def is_field(self, name: str) -> bool:
        """Whether a name is a household or person field."""
        return name in self.household_fields or name in self.person_fields

    def _value_names(self) -> set[str]:
        """Every parameter and definition name (fixed once declarations are read, so computed once)."""
        if self._names is None:
            self._names = (set(self.parameters) | set(self.own_parameters) | set(self.inherited_definitions)
                           | set(self.own_definitions))
        return self._names

    def _parameter_type(self, name: str) -> Type | None:
        param = self.parameters.get(name)
        if param is not None:
            return param.type
        if name in self.own_parameters:
            checked = self._parameter(self.own_parameters[name])
            return checked.type if checked else ERROR
        return None

    def _parameter(self, node: n.Parameter) -> ir.Parameter | None:
        values: list[tuple[dt.date | None, ir.Const]] = []
        t: Type | None = None
        previous: dt.date | None = None
        for value in node.values:
            expr = self.expressions.check(value.value, Scope(), t)
            const = constant_value(expr)
            if const is None:
                if expr.type.kind != "error":
                    self.error("parameter-not-constant", f"A value of parameter `{node.name}` must be a "
                               f"constant, like `200 yuan`.", value.value.span)
                continue
            if t is None:
                t = const.type
            elif not const.type.same_base(t):
                self.error("type-mismatch", f"Every value of parameter `{node.name}` must be "
                           f"{describe(t)}, but this one is {describe(const.type)}.", value.value.span)
            if value.start is not None and previous is not None and value.start <= previous:
                self.error("parameter-order", f"The values of parameter `{node.name}` must be listed "
                           f"from the earliest day to the latest.", value.span)
            if value.start is None and len(node.values) > 1:
                self.error("parameter-missing-day", f"Parameter `{node.name}` has several values, so each "
                           f"needs `from DAY`.", value.span)
            previous = value.start or previous
            values.append((value.start, const))
        if t is None:
            return None
        return ir.Parameter(node.name, t, tuple(values), node.title, self.charter_id, span=node.span)

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

    def _label_owners(self) -> dict[str, tuple[ir.Field, EnumDef]]:
        """Every label of the enumerations of the fields in scope, with its (first) field."""
        owners: dict[str, tuple[ir.Field, EnumDef]] = {}
        for field in list(self.household_fields.values()) + list(self.person_fields.values()):
            enum = field.type.enum or (field.type.element.enum if field.type.element else None)
            if enum is None:
                continue
            for label in enum.labels:
                owners.setdefault(label, (field, enum))
        return owners

    def _definition_order(self) -> list[str]:
        """The own definitions, each after those it uses, so that checking one never recurses into
        another (a chain of 200 definitions would pass Python's recursion limit). The definitions
        in a cycle are reported here, once per cycle, and then typed as erroneous where used."""
        labels = self._label_owners()  # a name that is also a label may mean the label (`role = wife`)
        uses = {name: _names_used(node.expr, self.person_fields) & self.own_definitions.keys() - labels.keys()
                for name, node in self.own_definitions.items()}
        order: list[str] = []
        state: dict[str, int] = {}  # 1: on the path being explored, 2: done
        for start in self.own_definitions:
            if start in state:
                continue
            path = [start]
            pending = [iter(sorted(uses[start], key=list(self.own_definitions).index))]
            state[start] = 1
            while path:
                following = next(pending[-1], None)
                if following is None:
                    state[path[-1]] = 2
                    order.append(path.pop())
                    pending.pop()
                    continue
                if state.get(following) == 1:
                    self._cycle(path[path.index(following):] + [following])
                elif following not in state:
                    state[following] = 1
                    path.append(following)
                    pending.append(iter(sorted(uses[following], key=list(self.own_definitions).index)))
        return order

    def _cycle(self, cycle: list[str]) -> None:
        """Report a cycle of definitions (once); its definitions are erroneous where used."""
        self.cyclic.update(cycle)
        key = frozenset(cycle)
        if key in self.reported_cycles:
            return
        self.reported_cycles.add(key)
        self.error(
            "definition-cycle",
            f"The definition `{cycle[0]}` depends on itself: {' → '.join(cycle)}.",
            self.own_definitions[cycle[0]].span,
            notes=tuple(Note(f"`{step}` is defined here", self.own_definitions[step].span)
                        for step in cycle[1:-1]),
            help="a definition may use other definitions, but not, even through them, itself",
        )

    def _deep_definitions(self, depths: Depths) -> set[str]:
        """Report each own definition too deep to compute, where the excess starts.

        Returns the names of the definitions that are wrong, or use one that is: what uses them is
        not reported again.
        """
        found: set[str] = set()
        for name in self.order:  # each after those it uses
            checked = self.definitions.get(name)
            if checked is None or name in self.cyclic or _erroneous(checked.expr):
                found.add(name)
                continue
            if any(isinstance(e, ir.DefRef) and e.name in found for e in checked.expr.walk()):
                found.add(name)  # said where the excess starts, in a definition it uses
                continue
            depth = depths.of_definition(name)
            if depth.too_deep or depth.too_long:
                found.add(name)
                self._too_deep(depth, self.own_definitions[name].span, f"The definition `{name}`")
        return found

    def _deep_expressions(self, depths: Depths, too_deep: set[str], articles: list[ir.AnyArticle]) -> None:
        """Report each expression of the charter's own articles too deep to compute."""
        for article in articles:
            for expr in article.expressions():
                if _erroneous(expr) or any(isinstance(e, ir.DefRef) and e.name in too_deep for e in expr.walk()):
                    continue
                depth = depths.of(expr)
                if depth.too_deep or depth.too_long:
                    self._too_deep(depth, expr.span, "This expression")

    def _too_deep(self, depth: Depth, span: Span | None, what: str) -> None:
        via = depth.nesting_via if depth.too_deep else depth.length_via
        if depth.too_deep:
            amount = (f"nests {depth.nesting} levels deep (a run like `a or b or c` or `a + b + c` counts "
                      f"as one level); at most {MAX_NESTING} can be computed")
        else:
            amount = (f"nests {depth.length} operations one within another (each `or`, `and`, `+` … of a "
                      f"run counts); at most {MAX_LENGTH} can be computed")
        if via:
            chain = " → ".join(f"`{v}`" for v in via) if len(via) <= 6 else \
                " → ".join(f"`{v}`" for v in via[:3]) + " → … → " + f"`{via[-1]}`"
            self.error("definitions-too-deep", f"{what}, with the definitions it uses ({chain}), {amount}.",
                       span, help="use fewer definitions one within another, or simpler ones")
            return
        code = "expression-too-deep" if depth.too_deep else "expression-too-long"
        self.error(code, f"{what} {amount}.", span,
                   help="write it with fewer terms: a long run of `or` tests of one value is better "
                   "written `VALUE in {A, B, …}`" if not depth.too_deep
                   else "write it with fewer levels")

    def _definition_type(self, name: str, use: Span) -> Type | None:
        if name in self.definitions:
            return self.definitions[name].expr.type
        if name in self.cyclic and self.checking:
            return ERROR  # a use within the cycle (reported once, by `_cycle`)
        if name in self.checking:
            cycle = self.checking[self.checking.index(name):] + [name]
            key = frozenset(cycle)
            if key not in self.reported_cycles:
                self.reported_cycles.add(key)
                self.error(
                    "definition-cycle",
                    f"The definition `{name}` depends on itself: {' → '.join(cycle)}.",
                    self.own_definitions[name].span,
                    notes=tuple(Note(f"`{step}` is defined here", self.own_definitions[step].span)
                                for step in cycle[1:-1]),
                    help="a definition may use other definitions, but not, even through them, itself",
                )
            return ERROR
        if name in self.own_definitions:
            node = self.own_definitions[name]
            if len(self.checking) >= MAX_NESTING:  # only when used before its turn (by a parameter)
                self.error("definitions-too-deep", f"The definition `{self.checking[0]}` uses definitions "
                           f"more than {MAX_NESTING} deep, more than can be computed.",
                           self.own_definitions[self.checking[0]].span)
                return ERROR
            self.checking.append(name)
            expr = self.expressions.root(node.expr, Scope())
            self.checking.pop()
            inherited = self.inherited_definitions.get(name)
            if inherited is not None and not inherited.expr.type.same_base(expr.type):
                self.error("override-type", f"Definition `{name}` was {describe(inherited.expr.type)} in "
                           f"`{inherited.origin}`; its override must keep that type, but is "
                           f"{describe(expr.type)}.", node.span)
            self.definitions[name] = ir.Definition(name, expr, node.title, self.charter_id, span=node.span)
            return expr.type
        inherited = self.inherited_definitions.get(name)
        return inherited.expr.type if inherited is not None else None

    def _suspensions(self, items: list[n.Decl], articles: list[ir.AnyArticle]) -> None:
        benefits = {a.id for a in articles if isinstance(a, ir.Benefit)}
        others = {a.id: a.kind for a in articles if not isinstance(a, ir.Benefit)}
        for item in items:
            if not isinstance(item, n.Article):
                continue
            for clause in item.clauses:
                if not isinstance(clause, n.OnBreach):
                    continue
                for sub in clause.items:
                    if not isinstance(sub, n.Suspend):
                        continue
                    for ref in sub.articles:
                        if ref.name in benefits:
                            continue
                        if ref.name in others:
                            self.error("suspend-not-benefit", f"Only benefits can be suspended, but "
                                       f"`{ref.name}` is {'an' if others[ref.name][0] in 'aeiou' else 'a'} "
                                       f"{others[ref.name]}.", ref.span)
                            continue
                        self.error("unknown-article", f"`{ref.name}` is not an article of charter "
                                   f"`{self.charter_id}` or of those it extends.", ref.span,
                                   label="unknown article",
                                   help=did_you_mean(ref.name, benefits))

    def _dangling(self, repealed: dict[str, n.Repeal], articles: list[ir.AnyArticle]) -> None:
        """A repealed definition or parameter must not be used by what remains."""
        for name, repeal in repealed.items():
            if name in self.definitions or name in self.parameters:
                continue
            users = [d for d in self.definitions.values()
                     if any(isinstance(e, (ir.DefRef, ir.ParamRef)) and e.name == name for e in d.expr.walk())]
            if users:
                self.error("repeal-in-use", f"`{name}` cannot be repealed: definition `{users[0].name}` still "
                           f"uses it.", repeal.span, notes=(Note(f"`{users[0].name}` is here", users[0].span),))
                continue
            for article in articles:
                for expr in article.expressions():
                    if any(isinstance(e, (ir.DefRef, ir.ParamRef)) and e.name == name for e in expr.walk()):
                        self.error("repeal-in-use", f"`{name}` cannot be repealed: article `{article.id}` "
                                   f"still uses it.", repeal.span,
                                   notes=(Note(f"`{article.id}` is here", article.span),))
                        break


# Keywords that can start an expression: where a name may stand, these win, so no name may be one.
# (Other keywords only stand where no name can, so `village` and `veto` remain usable as names.)
_EXPRESSION_KEYWORDS = ("NOT", "IF", "CASE", "TODAY", "IT", "TRUE", "FALSE", "AGE_OF", "UNIT_START", "UNIT_END")


@functools.cache
def _reserved_words() -> dict[str, str]:
    """The spellings of the keywords that can start an expression, with their English spelling."""
    table = keywords()
    return {spelling: table[t].english[0] for t in _EXPRESSION_KEYWORDS
            for spelling in table[t].english + table[t].chinese if " " not in spelling}


def _names_used(node: n.Node, person_fields: dict[str, ir.Field]) -> set[str]:
    """The bare names an expression mentions (person fields aside), found without recursion."""
    found: set[str] = set()
    stack: list[n.Node] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, n.Name) and current.name not in person_fields:
            found.add(current.name)
        stack.extend(current.children())
    return found


def _erroneous(expr: ir.Expr) -> bool:
    """Whether an expression holds a part already reported as wrong."""
    return any(e.type.kind == "error" for e in expr.walk())


__all__ = ["Checker", "Resolver"]
