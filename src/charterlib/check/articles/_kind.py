"""What an article kind is to the checker: the clauses it allows, its check, and what the check is given."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Protocol

import attrs

from ... import ir
from ...common.source import Span
from ...language.types import Type
from ...parse import nodes as n
from .._expressions import Scope

Clauses = dict[type, list[n.Clause]]
"""An article's clauses by their class, each in the order written."""


class Expressions(Protocol):
    """The expression checking an article's check uses."""

    def check(self, node: n.Expr, scope: Scope, hint: Type | None = None) -> ir.Expr:
        """The typed form of an expression (errors reported, typed as ERROR)."""

    def expect(self, node: n.Expr, scope: Scope, kinds: tuple[str, ...], what: str,
               hint: Type | None = None) -> ir.Expr:
        """An expression that must be of one of some kinds."""

    def condition(self, node: n.Expr, scope: Scope, what: str) -> ir.Expr:
        """An expression used as a condition."""

    def persons(self, node: n.Expr, scope: Scope, what: str) -> ir.Expr:
        """An expression that must be a list of persons."""


class Context(Protocol):
    """What an article's check is given of the charter being checked."""

    @property
    def charter_id(self) -> str:
        """The id of the charter being checked."""

    @property
    def level(self) -> str | None:
        """The level of the charter being checked (None: it states none)."""

    @property
    def expressions(self) -> Expressions:
        """The checker of the charter's expressions."""

    def error(self, code: str, message: str, span: Span | None, **extra: Any) -> None:
        """Report an error."""

    def has_errors(self) -> bool:
        """Whether an error has been reported so far."""

    def reserved(self, name: str, span: Span, what: str) -> bool:
        """Report a declared name that is a keyword; whether it is one."""

    def is_field(self, name: str) -> bool:
        """Whether a name is a household or person field."""


Check = Callable[[n.Article, Clauses, dt.date, Context], "ir.AnyArticle | None"]
"""The check of one article of a kind: its IR, or None when what it needs is missing (reported)."""


@attrs.frozen
class ArticleKind:
    """One kind of article: the clauses it may hold and the check that makes its IR."""

    clauses: frozenset[type]
    check: Check
