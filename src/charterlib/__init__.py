"""charterlib: village self-governance charters as code, checked and evaluated exactly."""

from __future__ import annotations

from .check import CheckResult, Library, check_file, check_text, ir
from .diagnostics import Diagnostic, Severity
from .errors import (
    CharterDiagnosticsError,
    CharterError,
    CheckError,
    EvaluationError,
    ParseError,
    RecordError,
)
from .parse import parse, parse_text

__all__ = [
    "CharterDiagnosticsError",
    "CharterError",
    "CheckError",
    "CheckResult",
    "Diagnostic",
    "EvaluationError",
    "Library",
    "ParseError",
    "RecordError",
    "Severity",
    "check_file",
    "check_text",
    "ir",
    "parse",
    "parse_text",
]
