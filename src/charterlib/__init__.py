"""charterlib: village self-governance charters as code, checked and evaluated exactly."""

from __future__ import annotations

from ._api import Charter, RegisterItem, RegisterSummary, load, loads
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
from .evaluate import Period, Result, Verdict
from .examples import ExampleOutcome
from .explain import Explanation
from .parse import parse, parse_text
from .records import Household, Person, RecordIssue

__all__ = [
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
    "ParseError",
    "Period",
    "Person",
    "RecordError",
    "RecordIssue",
    "RegisterItem",
    "RegisterSummary",
    "Result",
    "Severity",
    "Verdict",
    "check_file",
    "check_text",
    "ir",
    "load",
    "loads",
    "parse",
    "parse_text",
]
