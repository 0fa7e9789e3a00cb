"""The header of a charter file: there is one, first; its lines once each; the adoption record."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from .. import ir
from ..common.diagnostics import Note
from ..common.source import Span
from ..parse import nodes as n
from ._state import CheckerState


class Header(CheckerState):
    """The checks of a charter's header, a part of the `Checker`."""

    def _header_of(self, items: list[n.Decl]) -> n.Header | n.VocabularyHeader | None:
        """The file's header (reported when missing, repeated or not first)."""
        headers = [i for i in items if isinstance(i, (n.Header, n.VocabularyHeader))]
        if not headers:
            self.error(
                "missing-header",
                "A charter file starts with `charter ID \"title\"` (or `vocabulary ID \"title\"` for a "
                "file of shared fields), but this file has neither.",
                self.module.items[0].span if self.module.items else None,
            )
            return None
        header = headers[0]
        for extra in headers[1:]:
            self.error("duplicate-header", "A file holds one charter, but this is a second header.",
                       extra.span, notes=(Note("the first header is here", header.span),))
        if items[0] is not header:
            self.error("header-not-first", "The charter header must come first in the file.",
                       header.span)
        return header

    def _file_name(self, header: n.Header | n.VocabularyHeader) -> None:
        """Warn when the file is not named by the charter's id (as `extends` finds it first)."""
        stem = PurePath(self.source_name).name.split(".")[0]
        if stem and stem != header.id and not self.source_name.startswith("<"):
            self.warning(
                "file-name",
                f"The charter id is `{header.id}` but the file is named `{PurePath(self.source_name).name}`; "
                f"`extends {header.id}` finds charters by file name first.",
                header.span,
                help=f"name the file `{header.id}.charter`",
            )

    def _header_lines(self, header: n.Header) -> None:
        """A header line is written once (`uses` as often as there are vocabularies)."""
        seen: dict[str, Span] = {}
        for line in header.lines:
            assert isinstance(line, n.HeaderLine)
            if line.keyword in seen and line.keyword != "uses":
                self.error("duplicate-header-line", f"The header says `{line.keyword.replace('_', ' ')}` "
                           f"twice.", line.span, notes=(Note("the first time is here", seen[line.keyword]),))
            seen.setdefault(line.keyword, line.span)

    def _in_force(self, header: n.Header) -> dt.date:
        """The day the charter is in force from (reported when missing: then the first day there is)."""
        in_force = header.in_force
        if in_force is None:
            self.error("missing-in-force", f"Charter `{header.id}` does not say the day it is in force.",
                       header.span, help="add a header line like `in force 2004-07-01`")
            in_force = dt.date.min
        return in_force

    def _adoption(self, header: n.Header) -> None:
        """The counts of the adoption record are counts that could be (its quorum and majority are lint's)."""
        a = header.adopted
        if a is None:
            return
        if a.present is not None and a.entitled is not None and a.present > a.entitled:
            self.error("bad-adoption", f"The adoption record says {a.present} attended of {a.entitled} "
                       f"entitled, which is more than all of them.", a.span)
        if a.in_favour is not None and a.present is not None and a.in_favour > a.present:
            self.error("bad-adoption", f"The adoption record says {a.in_favour} voted for it but only "
                       f"{a.present} attended.", a.span)

    def _header_rules(self, header: n.Header, parent: ir.Charter | None) -> None:
        """Run the caller's lint rules that judge the header alone, on the charter as its header says."""
        chain = (parent.chain if parent else ()) + (header.id,)
        self._lint(ir.Charter(header.id, header.title, "charter", header.level, chain, self._adoption_record(header),
                              header.in_force, (), (), (), (), (), (), source=self.source_name), header=True)

    def _adopted_before_force(self, header: n.Header) -> None:
        """A charter is in force only once adopted."""
        a = header.adopted
        if a is None:
            return
        if a.on is not None and header.in_force is not None and header.in_force < a.on:
            self.error("in-force-before-adoption", f"The charter is in force from {header.in_force}, "
                       f"before it was adopted on {a.on}.", line_span(header, "in_force"))

    def _adoption_record(self, header: n.Header) -> ir.Adoption | None:
        """The adoption record as the IR holds it."""
        if header.adopted is None:
            return None
        a = header.adopted
        return ir.Adoption(a.on, a.body, a.present, a.entitled, a.in_favour, span=a.span)


def line_span(header: n.Header, keyword: str) -> Span:
    """Where the header line of a keyword is (the header's span when it has none)."""
    return next((line.span for line in header.lines if isinstance(line, n.HeaderLine)
                 and line.keyword == keyword), header.span)
