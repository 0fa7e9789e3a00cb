"""What a charter takes from those it builds on (`uses`, `extends`): fields, declarations it may
override or repeal, and articles in place; what is repealed must no longer be used."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import ir
from ..common.diagnostics import Note
from ..common.suggest import did_you_mean
from ..parse import nodes as n
from ._header import line_span
from ._levels import carried
from ._names import Names
from .articles import check_article


class Inheritance(Names):
    """The checks of what a charter inherits, a part of the `Checker`."""

    def _builds_on(self, header: n.Header) -> ir.Charter | None:
        """The charter this one extends (None when it has none or it cannot be had), having taken the
        fields of it and of the vocabularies the charter uses."""
        parent: ir.Charter | None = None
        for vocabulary_id in header.uses:
            vocabulary = self.resolve(vocabulary_id, "uses", line_span(header, "uses"))
            if vocabulary is None:
                self.incomplete = True
            else:
                self._inherit_fields(vocabulary)
        if header.extends is not None:
            parent = self.resolve(header.extends, "extends", line_span(header, "extends"))
            self.incomplete |= parent is None
            if parent is not None:
                self._inherit_fields(parent)
                if parent.kind == "vocabulary":
                    self.error("extends-vocabulary", f"`{header.extends}` is a vocabulary of fields; "
                               f"use `uses {header.extends}` to take its fields.",
                               line_span(header, "extends"))
                    parent = None
        return parent

    def _inherit_fields(self, other: ir.Charter) -> None:
        """Take the fields of a charter built on; a field declared differently by two is reported."""
        for field in other.household_fields + other.person_fields:
            table = self.household_fields if field.scope == "household" else self.person_fields
            existing = table.get(field.name)
            if existing is not None and existing != field:
                self.error("conflicting-field", f"Field `{field.name}` is declared differently in "
                           f"`{existing.origin}` and `{field.origin}`.", field.span)
                continue
            table[field.name] = field

    def _declarations(self, items: list[n.Decl], parent: ir.Charter | None) -> None:
        """The parameters, definitions and articles declared, inherited then own, and those repealed."""
        self.inherited_parameters = {p.name: p for p in parent.parameters} if parent else {}
        self.inherited_definitions = {d.name: d for d in parent.definitions} if parent else {}
        self.inherited_functions = {f.name: f for f in parent.functions} if parent else {}
        self.inherited_articles = {a.id: a for a in parent.articles} if parent else {}
        for item in items:
            if isinstance(item, n.Parameter):
                self._declare(item.name, item, self.inherited_parameters, self.own_parameters, "parameter",
                              item.override)
            elif isinstance(item, n.Definition):
                own, other = ((self.own_functions, self.own_definitions) if item.params
                              else (self.own_definitions, self.own_functions))
                if item.name in other:  # a definition and a function share one name space
                    self.error("duplicate-definition", f"Definition `{item.name}` is defined twice in this "
                               f"charter.", item.span, notes=(Note("first defined here", other[item.name].span),))
                    continue
                self._declare(item.name, item, {**self.inherited_definitions, **self.inherited_functions}, own,
                              "definition", item.override)
            elif isinstance(item, n.Article):
                self._declare(item.id, item, self.inherited_articles, self.own_articles, "article", item.override)
            elif isinstance(item, n.Repeal):
                self._repeal(item, self.inherited_parameters, self.inherited_definitions, self.inherited_functions,
                             self.inherited_articles, self.repealed)

    def _article_kinds(self) -> dict[str, str]:
        """The kind of each article of the charter, by id: those inherited and not repealed, and its own."""
        kinds = {a.id: a.kind for a in self.inherited_articles.values() if a.id not in self.repealed}
        kinds.update((a.id, a.kind) for a in self.own_articles.values())
        return kinds

    def _declare(self, name: str, node: Any, inherited: dict[str, Any], own: dict[str, Any], what: str,
                 override: bool) -> None:
        """Declare an own parameter, definition or article, unless its name is taken or it overrides nothing."""
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
        """Repeal an inherited parameter, definition or article (the last table holds the repealed)."""
        *inherited, repealed = tables
        if not any(item.name in t for t in inherited):
            names = [name for t in inherited for name in t]
            self.error("repeal-nothing", f"`repeal {item.name}`: no charter this one extends defines "
                       f"`{item.name}`.", item.span,
                       help=did_you_mean(item.name, names))
            return
        repealed[item.name] = item

    def _articles(self, header: n.Header, parent: ir.Charter | None, in_force: dt.date) -> list[ir.AnyArticle]:
        """The articles: inherited ones in place (overrides replace them; one that raises a state level's
        benefit keeps what it paid before this charter is in force), then the charter's own."""
        articles: list[ir.AnyArticle] = []
        for article in parent.articles if parent else ():
            if article.id in self.repealed:
                continue
            if article.id in self.own_articles:
                checked_article = check_article(self.own_articles[article.id], in_force, self)
                if checked_article is not None:
                    if checked_article.kind != article.kind:
                        self.error("override-kind", f"`{article.id}` is a {article.kind} in "
                                   f"`{article.origin}`; its override must be one too.",
                                   self.own_articles[article.id].span)
                    articles.append(carried(article, checked_article, parent, header, self.parameters)
                                    if parent else checked_article)
                continue
            articles.append(article)
        for article_id, article_node in self.own_articles.items():
            if article_id not in self.inherited_articles:
                checked_article = check_article(article_node, in_force, self)
                if checked_article is not None:
                    articles.append(checked_article)
        return articles

    def _dangling(self, repealed: dict[str, n.Repeal], articles: list[ir.AnyArticle]) -> None:
        """A repealed definition or parameter must not be used by what remains."""
        def uses(e: ir.Expr) -> bool:
            return (isinstance(e, (ir.DefRef, ir.ParamRef, ir.TableRef)) and e.name == name
                    or isinstance(e, ir.Apply) and e.function == name)

        for name, repeal in repealed.items():
            if name in self.definitions or name in self.parameters or name in self.functions:
                continue
            users = [d for d in self.definitions.values() if any(uses(e) for e in d.expr.walk())]
            if users:
                self.error("repeal-in-use", f"`{name}` cannot be repealed: definition `{users[0].name}` still "
                           f"uses it.", repeal.span, notes=(Note(f"`{users[0].name}` is here", users[0].span),))
                continue
            for article in articles:
                for expr in article.expressions():
                    if any(uses(e) for e in expr.walk()):
                        self.error("repeal-in-use", f"`{name}` cannot be repealed: article `{article.id}` "
                                   f"still uses it.", repeal.span,
                                   notes=(Note(f"`{article.id}` is here", article.span),))
                        break
