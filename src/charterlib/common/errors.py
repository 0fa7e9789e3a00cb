"""The library's errors: one root class, one subclass per stage."""

from __future__ import annotations

from collections.abc import Sequence

from .diagnostics import Diagnostic, render_all


class CharterError(Exception):
    """Root of every error charterlib raises on purpose."""


class CharterDiagnosticsError(CharterError):
    """A charter could not be used; carries every diagnostic found."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__(render_all(self.diagnostics))


class ParseError(CharterDiagnosticsError):
    """A charter file is not valid syntax."""


class CheckError(CharterDiagnosticsError):
    """A charter parses but names, types or structure are wrong."""


class RecordError(CharterError):
    """A household record does not fit the fields a charter declares (`issues` says where)."""

    def __init__(self, message: str, issues: Sequence[object] = ()) -> None:
        super().__init__(message)
        self.issues = tuple(issues)


class EvaluationError(CharterError):
    """A household could not be evaluated under an article (names household and article)."""

    def __init__(self, message: str, *, household: str = "", article: str = "") -> None:
        self.household = household
        self.article = article
        where = []
        if household:
            where.append(f"household {household}")
        if article:
            where.append(f"article {article}")
        prefix = f"{', '.join(where)}: " if where else ""
        super().__init__(prefix + message)
        self.reason = message


class ArgumentError(CharterError):
    """A library function was given an argument it cannot use (a wrong type, an unknown name, a bad value)."""


class OutputError(CharterError):
    """A results or errors file cannot be written (an unknown kind, a folder that does not exist, a full disk)."""
