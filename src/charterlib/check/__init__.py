"""Stage 2, check: syntax tree → typed, resolved `ir.Charter`, or located diagnostics."""

from __future__ import annotations

from pathlib import Path

from ..common.args import text_arg
from ..common.source import SourceFile
from ._limits import MAX_LENGTH, MAX_NESTING
from ._loader import CheckResult, Library

__all__ = ["MAX_LENGTH", "MAX_NESTING", "CheckResult", "Library", "check_file", "check_text"]


def check_file(path: str | Path, search_path: tuple[str | Path, ...] = ()) -> CheckResult:
    """Parse and check one charter file; `extends` is found next to it or on the search path."""
    return Library(search_path).check_file(path)


def check_text(text: str, name: str = "<text>", search_path: tuple[str | Path, ...] = ()) -> CheckResult:
    """Parse and check charter text; `extends` is found on the search path."""
    text_arg(text, "the charter text")
    text_arg(name, "the name")
    library = Library(search_path)
    key = library.search_path[0].resolve() / name if library.search_path else None
    return library.check_source(SourceFile(name, text), key)
