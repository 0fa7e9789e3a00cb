"""The quorum and majority of an adoption under the 村民委员会组织法 (第二十二条)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import ir
from ..common.diagnostics import Diagnostic, Severity
from ._rule import Rule


def _quorum(charter: ir.Charter) -> Iterator[Diagnostic]:
    """Warn when not more than half of those entitled attended, or of those present voted for it."""
    a = charter.adoption
    if a is None:
        return
    if a.present is not None and a.entitled is not None and a.present * 2 <= a.entitled:
        yield Diagnostic("no-quorum", f"Only {a.present} of {a.entitled} attended: a villagers' assembly "
                         f"needs more than half of the villagers aged 18 or over (村民委员会组织法 "
                         f"第二十二条).", a.span, severity=Severity.WARNING)
    if a.in_favour is not None and a.present is not None and a.in_favour * 2 <= a.present:
        yield Diagnostic("no-majority", f"Only {a.in_favour} of {a.present} present voted for it: a "
                         f"decision needs more than half of those present.", a.span, severity=Severity.WARNING)


ADOPTION_QUORUM = Rule(("no-quorum", "no-majority"), _quorum, header=True)
"""An adoption needs more than half of the villagers entitled present, and more than half of them for it."""
