"""Stage 2b: lint, a checked charter → warnings; check runs the rules its caller gives it."""

from __future__ import annotations

from collections.abc import Iterable

from conftest import CHARTERS

import charterlib
from charterlib import check, ir, lint
from charterlib.common.diagnostics import Diagnostic, Severity
from charterlib.common.source import SourceFile

LOW = ('charter w "t"\n  extends hongshandian\n  adopted 2004-06-20 by "村民会议" present 200 of 520 in favour 90\n'
       "  in force 2004-07-01\n")


def test_the_adoption_quorum_is_the_first_rule() -> None:
    assert lint.RULES[0].codes == ("no-quorum", "no-majority") and lint.RULES[0].header


def test_a_rule_reads_the_ir() -> None:
    adoption = ir.Adoption(None, None, 10, 30, 5)
    charter = ir.Charter("w", "t", "charter", None, ("w",), adoption, None, (), (), (), (), (), ())
    assert [d.code for d in lint.run(charter, header=True)] == ["no-quorum", "no-majority"]
    assert lint.run(charter) == []  # no rule judges the whole charter yet


def test_check_alone_does_not_lint_and_the_facade_does_where_the_header_is_checked() -> None:
    text = LOW + "define x = nope\n"
    alone = check.check_text(text, "w.charter", (CHARTERS,))
    linted = charterlib.check_text(text, "w.charter", (CHARTERS,))
    assert [d.code for d in alone.diagnostics] == ["unknown-name"]
    assert [d.code for d in linted.diagnostics] == ["no-quorum", "no-majority", "unknown-name"]


def test_check_runs_the_rules_on_the_whole_charter_once_checked() -> None:
    seen: list[tuple[str, bool]] = []

    def rules(charter: ir.Charter, *, header: bool = False) -> Iterable[Diagnostic]:
        seen.append((charter.id, header))
        if not header and charter.articles:
            yield Diagnostic("many-articles", "x", None, severity=Severity.WARNING)

    result = check.Library([CHARTERS], rules).check_source(SourceFile("w.charter", LOW))
    assert result.ok and [d.code for d in result.diagnostics] == ["many-articles"]
    assert ("w", True) in seen and ("w", False) in seen
