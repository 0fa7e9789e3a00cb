"""charterlib: village self-governance charters as code, checked and evaluated exactly."""

from __future__ import annotations

from importlib import metadata as _metadata

from . import ir
from .charter import (
    Charter,
    Library,
    RegisterItem,
    RegisterSummary,
    check_file,
    check_text,
    load,
    loads,
)
from .check import CheckResult
from .common.diagnostics import Diagnostic, Severity
from .common.errors import (
    ArgumentError,
    CharterDiagnosticsError,
    CharterError,
    CheckError,
    EvaluationError,
    OutputError,
    ParseError,
    RecordError,
)
from .examples import ExampleOutcome
from .explain import Explanation
from .parse import parse, parse_text
from .records import Household, Person, RecordIssue
from .results import Result, Verdict
from .runtime import Period, PeriodError

try:
    __version__ = _metadata.version("charterlib")
except _metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = [
    "ArgumentError",
    "Charter",
    "CharterDiagnosticsError",
    "CharterError",
    "CheckError",
    "CheckResult",
    "Diagnostic",
    "EvaluationError",
    "ExampleOutcome",
    "Explanation",
    "Household",
    "Library",
    "OutputError",
    "ParseError",
    "Period",
    "PeriodError",
    "Person",
    "RecordError",
    "RecordIssue",
    "RegisterItem",
    "RegisterSummary",
    "Result",
    "Severity",
    "Verdict",
    "__version__",
    "check_file",
    "check_text",
    "ir",
    "load",
    "loads",
    "parse",
    "parse_text",
]
