"""Stage 2, check: a parsed module (plus the charters it builds on) → a typed `ir.Charter`."""

from __future__ import annotations

from .. import ir
from ..parse import nodes as n
from ._confusables import confusable_names
from ._examples import ExampleChecks
from ._expressions import ExpressionChecker
from ._fields import Fields
from ._header import Header
from ._inheritance import Inheritance
from ._labels import Labels
from ._levels import check_levels
from ._reads import check_reads
from ._state import Lint, Resolver
from ._statuses import check_statuses
from ._suspensions import check_suspensions


class Checker(Header, Fields, Inheritance, Labels, ExampleChecks):
    """Checks one module; collects every diagnostic rather than stopping at the first."""

    def release(self) -> None:
        """Break the cycle between the checker and its expression checker (which holds bound
        methods of the checker), so that the syntax tree is freed by reference counting as soon as
        the checker is dropped, rather than by a later run of the cyclic garbage collector."""
        vars(self).pop("expressions", None)

    def run(self) -> ir.Charter | None:
        """The checked charter, or None when there are errors."""
        items = list(self.module.items)
        header = self._header_of(items)
        if header is None:
            return None
        self.charter_id = header.id
        self._file_name(header)
        if isinstance(header, n.VocabularyHeader):
            result = self._vocabulary(header, items)
        else:
            result = self._charter(header, items)
        known = set(self.household_fields) | set(self.person_fields) | set(self.parameters)
        known |= set(self.own_parameters) | set(self.definitions) | set(self.inherited_definitions) | set(self.functions)
        confusable_names(self.module.span.source, known | set(self._label_owners()), self.warning)
        if result is not None and not self.incomplete:  # lint judges only a charter that can be used
            self._lint(result)
        return result

    def _vocabulary(self, header: n.VocabularyHeader, items: list[n.Decl]) -> ir.Charter | None:
        """A vocabulary file: fields only."""
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

    def _charter(self, header: n.Header, items: list[n.Decl]) -> ir.Charter | None:
        """A charter: its header, fields, names, parameters, definitions, articles and examples, in that order."""
        self._header_lines(header)
        self.level = header.level
        parent = self._builds_on(header)
        in_force = self._in_force(header)
        self._adoption(header)
        self._header_rules(header, parent)
        self._adopted_before_force(header)
        for item in items:
            if isinstance(item, n.Fields):
                self._own_fields(item)
        self._birth_date()
        # names: parameters and definitions, inherited then own
        self._declarations(items, parent)
        self._name_clashes()
        self._find_categories()
        self._declare_functions()
        self.expressions = ExpressionChecker(
            charter_id=header.id,
            household_fields=self.household_fields,
            person_fields=self.person_fields,
            parameter_type=self._parameter_type,
            table_of=self._table_of,
            definition_type=self._definition_type,
            value_names=self._value_names,
            report=self.report,
            label_meant=self._label_meant,
            article_kinds=self._article_kinds,
            categories=lambda: self.categories,
            functions=self._function_params,
            apply=self._apply,
        )
        self._check_parameters()
        self._check_definitions()
        depths = self._depths()
        too_deep = self._deep_definitions(depths)
        articles = self._reapplied(self._articles(header, parent, in_force))
        self._deep_expressions(depths, too_deep, [a for a in articles if a.origin == self.charter_id])
        self._shadowed_labels()
        check_suspensions(items, articles, self.charter_id, self.error)
        check_statuses(articles, self.definitions, self.charter_id, self.error)
        check_levels(header, parent, items, self.repealed, self.own_articles, articles, self.parameters, self.error)
        reported = check_reads(header, parent, self.own_parameters, {**self.own_definitions, **self.own_functions},
                               self.parameters,
                               self.repealed, self.own_articles, articles, self.error)
        self._dangling({k: v for k, v in self.repealed.items() if k not in reported}, articles)
        chain = (parent.chain if parent else ()) + (header.id,)
        examples = tuple(
            e for e in (self._example(item, articles) for item in items if isinstance(item, n.Example))
            if e is not None
        )
        if parent is not None:
            examples = parent.examples + examples
        if any(d.is_error for d in self.diagnostics):
            return None
        return ir.Charter(
            header.id, header.title, "charter", header.level, chain, self._adoption_record(header),
            header.in_force, tuple(self.household_fields.values()), tuple(self.person_fields.values()),
            tuple(self.parameters.values()), tuple(self.definitions.values()), tuple(articles),
            examples, source=self.source_name, levels=(parent.levels if parent else ()) + ((header.id, header.level),),
            functions=self._charter_functions(),
        )


__all__ = ["Checker", "Lint", "Resolver"]
