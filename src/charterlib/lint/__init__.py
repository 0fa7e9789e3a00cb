"""Stage 2b, lint: a checked charter → warnings about what is valid but unwise or unlawful.

Each rule is one entry of RULES (a new rule is a module and one entry); check runs them through the
hook its caller gives it (`check.Library(lint=run)`), as the façade does: lint comes after check, which
does not import it."""

from __future__ import annotations

from .. import ir
from ..common.diagnostics import Diagnostic
from ._quorum import ADOPTION_QUORUM
from ._rule import Rule

RULES: tuple[Rule, ...] = (ADOPTION_QUORUM,)
"""Every rule, in the order their warnings are given."""


def run(charter: ir.Charter, *, header: bool = False) -> list[Diagnostic]:
    """The warnings of the rules that judge the header alone (`header`), or of the others, about a charter."""
    return [warning for rule in RULES if rule.header == header for warning in rule.warnings(charter)]


__all__ = ["RULES", "Rule", "run"]
