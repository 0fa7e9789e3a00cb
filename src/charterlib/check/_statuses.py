"""What reads the status of an obligation (`breached(o)`…): no obligation may depend on its own status,
even through others or through definitions (`status-cycle`), and no veto's day may read one
(`status-in-veto`: vetoes are judged before obligations)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

import attrs

from .. import ir
from ..common.diagnostics import Note
from ..common.source import Span


@attrs.frozen
class Read:
    """An article's reading of an obligation's status: where it starts in the article (the status test, or
    the use of the definition that leads to it) and the definitions it goes through."""

    obligation: str
    span: Span | None
    through: tuple[str, ...]


def reads(article: ir.AnyArticle, definitions: Mapping[str, ir.Definition]) -> list[Read]:
    """Each obligation whose status an article reads, once, with the first way it reads it."""
    found: dict[str, Read] = {}
    for expr in article.expressions():
        for read in _reads(expr, definitions):
            found.setdefault(read.obligation, read)
    return list(found.values())


def _reads(expr: ir.Expr, definitions: Mapping[str, ir.Definition]) -> Iterator[Read]:
    """The status tests an expression holds, through its definitions (each definition followed once)."""
    seen: set[str] = set()
    stack: list[tuple[ir.Expr, Span | None, tuple[str, ...]]] = [(expr, None, ())]
    while stack:
        current, start, through = stack.pop(0)
        for e in current.walk():
            if isinstance(e, ir.Status):
                yield Read(e.obligation, start or e.span, through)
            elif isinstance(e, ir.DefRef) and e.name in definitions and e.name not in seen:
                seen.add(e.name)
                stack.append((definitions[e.name].expr, start or e.span, (*through, e.name)))


def check_statuses(articles: list[ir.AnyArticle], definitions: Mapping[str, ir.Definition], charter_id: str,
                   error: Callable[..., None]) -> None:
    """Report each cycle of obligations through their statuses (once), and each veto reading a status."""
    obligations = [a for a in articles if isinstance(a, ir.Obligation)]
    edges = {o.id: reads(o, definitions) for o in obligations}
    for veto in (a for a in articles if isinstance(a, ir.Veto)):
        for read in reads(veto, definitions):
            via = f" (through {_definitions(read.through)})" if read.through else ""
            error("status-in-veto", f"The day veto `{veto.id}` applies from cannot read the status of an "
                  f"obligation, as it does of `{read.obligation}`{via}: vetoes are judged before obligations.",
                  read.span, label="the status of an obligation",
                  help="the status of an obligation may be a condition of a benefit, an eligibility or another "
                  "obligation")
            break
    own = [o.id for o in obligations if o.origin == charter_id]
    order = own + [o.id for o in obligations if o.origin != charter_id]  # a cycle told from an own obligation
    reported: set[frozenset[str]] = set()
    for start in order:
        for cycle in _cycles_from(start, edges):
            key = frozenset(read.obligation for read in cycle)
            if key in reported:
                continue
            reported.add(key)
            names = [start] + [read.obligation for read in cycle]
            first = cycle[0]
            notes = tuple(Note(f"`{names[i]}` reads the status of `{read.obligation}` here"
                               + (f", through {_definitions(read.through)}" if read.through else ""), read.span)
                          for i, read in enumerate(cycle) if i > 0)
            message = (f"Obligation `{start}` reads its own status." if len(cycle) == 1 else
                       f"The status of obligation `{start}` depends on itself: {' → '.join(names)}.")
            through = f", through {_definitions(first.through)}" if first.through else ""
            error("status-cycle", message, first.span, label=f"the status of `{first.obligation}`{through}",
                  notes=notes, help="an obligation may read the status of others, but not, even through them, "
                  "its own")


def _cycles_from(start: str, edges: Mapping[str, list[Read]]) -> Iterator[list[Read]]:
    """The first cycle back to `start` through the obligations' reads, if any (depth first, each
    obligation explored once)."""
    path: list[Read] = []
    pending = [iter(edges.get(start, ()))]
    explored = {start}
    while pending:
        read = next(pending[-1], None)
        if read is None:
            pending.pop()
            if path:
                path.pop()
            continue
        if read.obligation == start:
            yield [*path, read]
            return
        if read.obligation in explored or read.obligation not in edges:
            continue
        explored.add(read.obligation)
        path.append(read)
        pending.append(iter(edges[read.obligation]))


def _definitions(names: tuple[str, ...]) -> str:
    return ("definition " if len(names) == 1 else "definitions ") + " → ".join(f"`{n}`" for n in names)
