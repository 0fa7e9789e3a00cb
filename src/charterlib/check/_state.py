"""What the checker of one module knows of the charter so far, and the diagnostics it has reported."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

import attrs

from .. import ir
from ..common.diagnostics import Diagnostic, Severity
from ..common.source import Span
from ..language.types import EnumDef, Type
from ..parse import nodes as n
from ._expressions import ExpressionChecker
from ._words import localize

Resolver = Callable[[str, str, Span], "ir.Charter | None"]
"""Finds a checked charter by id (`kind` is `extends` or `uses`); reports its own errors."""


class Lint(Protocol):
    """Warnings about a checked charter, which the caller of check gives it (the façade gives `lint.run`)."""

    def __call__(self, charter: ir.Charter, *, header: bool = False) -> Iterable[Diagnostic]:
        """The warnings of the rules that judge the header alone (`header`), or of the others."""


_FOLLOW_ON = frozenset({
    "unknown-name", "unknown-field", "unknown-label", "label-without-field", "person-field-outside",
    "override-nothing", "repeal-nothing", "unknown-article", "unknown-requirement",
})
"""Codes of what a name from a charter that could not be had would cause (see `CheckerState.report`)."""


@attrs.frozen
class FunctionInForce:
    """A function of the charter or of one it extends: its parameters (with the types given), its body as
    written, and what it is called with so far (the types of the arguments, each with the body for them)."""

    name: str
    params: tuple[ir.Formal, ...]
    syntax: n.Expr
    title: str | None
    origin: str
    span: Span | None
    body: ir.Expr | None = None
    """The body checked with the types given (an untyped parameter as of no type), once checked."""
    instances: tuple[tuple[tuple[Type, ...], ir.Expr], ...] = ()


@attrs.frozen
class Instance:
    """The body of a function checked for the types of some arguments, and what was wrong with it."""

    body: ir.Expr
    errors: tuple[Diagnostic, ...]


class CheckerState:
    """The state of the checking of one module, which every part of the checker reads and adds to."""

    expressions: ExpressionChecker
    """The checker of the charter's expressions (made once the names are declared)."""

    def __init__(self, module: n.Module, source_name: str, resolve: Resolver, language: str = "en",
                 lint: Lint | None = None) -> None:
        self.module = module
        self.language = language
        self.source_name = source_name
        self.resolve = resolve
        self.lint = lint
        self.diagnostics: list[Diagnostic] = []
        self.charter_id = "?"
        self.level: str | None = None
        """The level the charter states (None: none)."""
        # names visible in expressions
        self.household_fields: dict[str, ir.Field] = {}
        self.person_fields: dict[str, ir.Field] = {}
        self.parameters: dict[str, ir.Parameter] = {}
        self.definitions: dict[str, ir.Definition] = {}
        self.own_definitions: dict[str, n.Definition] = {}
        self.own_parameters: dict[str, n.Parameter] = {}
        self.checked_tables: dict[str, ir.Parameter | None] = {}
        """The own tables checked so far (each is checked once, on its first use or in its turn)."""
        self.inherited_definitions: dict[str, ir.Definition] = {}
        self.own_functions: dict[str, n.Definition] = {}
        """The own definitions with parameters (functions)."""
        self.inherited_functions: dict[str, ir.Function] = {}
        # declarations: inherited, own and repealed (see `Inheritance`)
        self.inherited_parameters: dict[str, ir.Parameter] = {}
        self.inherited_articles: dict[str, ir.AnyArticle] = {}
        self.own_articles: dict[str, n.Article] = {}
        self.repealed: dict[str, n.Repeal] = {}
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
        self.categories: dict[str, EnumDef] = {}
        """The categories in force, by the name of their definition (see `Categories`)."""
        self.functions: dict[str, FunctionInForce] = {}
        """The functions in force (own over inherited, repealed ones gone), by name."""
        self.instances: dict[tuple[str, tuple[Type, ...]], Instance] = {}
        """The bodies of functions checked for the types of arguments."""
        self.calling: list[str] = []
        """The functions whose bodies are being checked for a call, outermost first."""
        self.broken: set[str] = set()
        """Functions whose body is wrong whatever the arguments (reported once, at the declaration)."""
        self.captures: list[list[Diagnostic] | None] = []
        """Where diagnostics go meanwhile (see `capturing`)."""
        self.explained: set[Span] = set()
        """Names already reported for what they are (an arm of a category among values): not unknown again."""
        self.definition_hints: dict[str, Type] = {}
        """The enumeration whose labels an own definition's arms give (a category's, or a field's)."""
        """Where a label was meant that a definition or parameter takes the name of."""

    @contextlib.contextmanager
    def capturing(self, found: list[Diagnostic] | None) -> Iterator[None]:
        """Keep the diagnostics reported meanwhile in `found` (the body of a function checked for a call,
        whose mistakes are said at the call), or, with None, report them as usual (a definition or table
        checked on its first use, meanwhile, is wrong on its own)."""
        self.captures.append(found)
        try:
            yield
        finally:
            self.captures.pop()

    def report(self, diagnostic: Diagnostic) -> None:
        """Keep a diagnostic, its keyword mentions spelt in the file's keyword language.

        When a charter this one builds on could not be had, a name it would give is unknown for
        that reason alone: such follow-on diagnostics are dropped (the missing charter is reported once).
        """
        if self.captures and self.captures[-1] is not None:
            self.captures[-1].append(diagnostic)
            return
        if self.incomplete and diagnostic.code in _FOLLOW_ON:
            return
        if diagnostic.code in ("unknown-name", "unknown-label") and diagnostic.span in self.explained:
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

    def _lint(self, charter: ir.Charter, *, header: bool = False) -> None:
        """Report the warnings the caller's lint gives about a charter (its header alone, or all of it)."""
        if self.lint is not None:
            for warning in self.lint(charter, header=header):
                self.report(warning)
