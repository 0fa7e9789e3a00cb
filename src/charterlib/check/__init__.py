"""Stage 2, check: syntax tree → typed, resolved `ir.Charter`, or located diagnostics.

Lint (stage 2b) comes after check: check runs the rules its caller gives it (`lint=`), as the façade
(`charterlib.check_file`, `check_text`, `Library`) gives `lint.run`; here, without one, it only checks."""

from __future__ import annotations

from pathlib import Path

from ..common.args import text_arg
from ..common.source import SourceFile
from ._checker import Lint
from ._limits import MAX_LENGTH, MAX_NESTING
from ._loader import CheckResult, Library

__all__ = ["MAX_LENGTH", "MAX_NESTING", "CheckResult", "Library", "check_file", "check_text"]


def check_file(path: str | Path, search_path: tuple[str | Path, ...] = (), *,
               lint: Lint | None = None) -> CheckResult:
    """Parse and check one charter file (linted by `lint` if given); `extends` is found next to it or on
    the search path."""
    return Library(search_path, lint).check_file(path)


def check_text(text: str, name: str = "<text>", search_path: tuple[str | Path, ...] = (), *,
               lint: Lint | None = None) -> CheckResult:
    """Parse and check charter text (linted by `lint` if given); `extends` is found on the search path."""
    text_arg(text, "the charter text")
    text_arg(name, "the name")
    library = Library(search_path, lint)
    key = library.search_path[0].resolve() / name if library.search_path else None
    return library.check_source(SourceFile(name, text), key)
