"""What a state level's benefit reads: a lower charter may not cut the benefit through it. A parameter (or
table) such a benefit reads, directly or through definitions, may be overridden only to raise it on every
day; a definition (or category) it reads may be neither overridden nor repealed, for that would change who
gets the benefit."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

import attrs

from .. import ir
from ..common.diagnostics import Note
from ..ir.printer import expr_text
from ..parse import nodes as n
from ._levels import level_word, lower_charter, raises, state_level
from ._raised import Shortfall, shortfall


@attrs.frozen
class Reader:
    """A benefit of a state level in force in this charter that reads a name, and the definitions through
    which it does (none when it reads the name itself)."""

    benefit: ir.Benefit
    level: str
    through: tuple[str, ...] = ()


def check_reads(header: n.Header, parent: ir.Charter | None, own_parameters: Mapping[str, n.Parameter],
                own_definitions: Mapping[str, n.Definition], parameters: Mapping[str, ir.Parameter],
                repealed: Mapping[str, n.Repeal], own_articles: Mapping[str, n.Article],
                articles: list[ir.AnyArticle], error: Callable[..., None]) -> set[str]:
    """Report each override or repeal that would cut a state level's benefit through what it reads; the
    names of the repeals reported (which need no other diagnostic)."""
    if parent is None:
        return set()
    readers = _readers(header, parent, repealed, own_articles, articles, parameters)
    inherited_parameters = {p.name: p for p in parent.parameters}
    inherited_definitions: dict[str, ir.Definition | ir.Function] = {d.name: d for d in parent.definitions}
    inherited_definitions.update({f.name: f for f in parent.functions})
    lower = lower_charter(header)
    for name, node in own_parameters.items():
        old, new = inherited_parameters.get(name), parameters.get(name)
        if not node.override or name not in readers or old is None or new is None or new.origin != header.id:
            continue
        short = _short(old, new)
        if short is not None:
            where, fall = short
            error("state-benefit-cut", f"`{name}` is read by {_who(readers[name])}; {lower} may raise it, but "
                  f"not lower it: {_fall(where, fall)}.", node.span, notes=_notes(old, readers[name]),
                  help="give every value at least as much as the one it replaces, on every day it applies; or "
                  "add an article of this charter instead")
    for name, definition in own_definitions.items():
        replaced = inherited_definitions.get(name)
        if definition.override and name in readers and replaced is not None:
            error("state-definition-changed", f"`{name}` is read by {_who(readers[name])}; {lower} may not "
                  f"override it, for that would change who gets the benefit.", definition.span,
                  notes=_notes(replaced, readers[name]),
                  help="leave it as it is; to give more, add a definition and an article of this charter")
    inherited_obligations = {a.id: a for a in parent.articles if isinstance(a, ir.Obligation)}
    for article_id, article_node in own_articles.items():  # an obligation a state benefit tests (`breached(o)`)
        obligation = inherited_obligations.get(article_id)
        if article_node.override and article_id in readers and obligation is not None:
            error("state-definition-changed", f"The status of `{article_id}` is read by "
                  f"{_who(readers[article_id])}; {lower} may not override that obligation, for that would "
                  f"change who gets the benefit.", article_node.span, notes=_notes(obligation, readers[article_id]),
                  help="leave it as it is; to give more, add an article of this charter")
    reported: set[str] = set()
    for name, repeal in repealed.items():
        declared: ir.Parameter | ir.Definition | ir.Function | None = inherited_parameters.get(name)
        declared = declared or inherited_definitions.get(name)
        if name not in readers or declared is None:
            continue
        reported.add(name)
        if isinstance(declared, ir.Parameter):
            error("state-benefit-cut", f"`{name}` is read by {_who(readers[name])}; {lower} may raise it, but "
                  f"not repeal it.", repeal.span, notes=_notes(declared, readers[name]),
                  help="remove the repeal; to give more, override it with values at least as large")
        else:
            error("state-definition-changed", f"`{name}` is read by {_who(readers[name])}; {lower} may not "
                  f"repeal it, for that would change who gets the benefit.", repeal.span,
                  notes=_notes(declared, readers[name]), help="remove the repeal")
    return reported


def _readers(header: n.Header, parent: ir.Charter, repealed: Mapping[str, n.Repeal],
             own_articles: Mapping[str, n.Article], articles: list[ir.AnyArticle],
             parameters: Mapping[str, ir.Parameter]) -> dict[str, list[Reader]]:
    """The state level's benefits in force in this charter (not repealed; if overridden, raised) that read
    each name, directly or through the inherited definitions."""
    final = {a.id: a for a in articles}
    definitions = {d.name: d for d in parent.definitions}
    inherited_parameters = {p.name: p for p in parent.parameters}
    readers: dict[str, list[Reader]] = {}
    for old in parent.articles:
        level = state_level(parent, header, old) if isinstance(old, ir.Benefit) else None
        if not isinstance(old, ir.Benefit) or level is None or old.id in repealed:
            continue
        new = final.get(old.id)
        raised = isinstance(new, ir.Benefit) and raises(old, new, inherited_parameters, parameters)
        if old.id in own_articles and not raised:
            continue  # cut, and reported so
        for name, through in _reads(old, definitions).items():
            readers.setdefault(name, []).append(Reader(old, level, through))
    return readers


def _reads(benefit: ir.Benefit, definitions: Mapping[str, ir.Definition]) -> dict[str, tuple[str, ...]]:
    """Each name a benefit reads, with the definitions it reads it through (the first way found)."""
    found: dict[str, tuple[str, ...]] = {}
    queue: list[tuple[ir.Expr, tuple[str, ...]]] = [(e, ()) for e in benefit.expressions()]
    while queue:
        expr, through = queue.pop(0)
        for name in _names(expr):
            if name in found:
                continue
            found[name] = through
            definition = definitions.get(name)
            if definition is not None:
                queue.append((definition.expr, (*through, name)))
    return found


def _names(expr: ir.Expr) -> Iterator[str]:
    """The names of the definitions, parameters, tables and functions an expression reads itself."""
    for e in expr.walk():
        if isinstance(e, (ir.DefRef, ir.ParamRef, ir.TableRef)):
            yield e.name
        elif isinstance(e, ir.Apply):  # its body, with the arguments in place, is walked too
            yield e.function
        elif isinstance(e, ir.Status):
            yield e.obligation
        elif not isinstance(e, ir.Call):
            function = getattr(e, "function", None)  # a call of a function of the charter
            if isinstance(function, str):
                yield function


def _short(old: ir.Parameter, new: ir.Parameter) -> tuple[str, Shortfall] | None:
    """Where a new parameter (or table, cell by cell) gives less than the old: its name or cell, and how."""
    if not old.table:
        fall = shortfall(old.values, new.values)
        return (f"`{old.name}`", fall) if fall is not None else None
    if new.dimensions != old.dimensions:
        return None  # override-type says so
    for cell in old.cells:
        other = new.cell(cell.keys)
        fall = shortfall(cell.values, other.values if other is not None else ())
        if fall is not None:
            keys = ", ".join(_key(k) for k in cell.keys)
            return f"`{old.name}[{keys}]`", fall
    return None


def _key(key: str | bool) -> str:
    return ("true" if key else "false") if isinstance(key, bool) else key


def _fall(where: str, fall: Shortfall) -> str:
    """How a parameter falls short, as words."""
    day = f"from {fall.day}" if fall.day is not None else "from the start"
    was = expr_text(fall.old)
    if fall.new is None:
        return f"{where} has no value {day}, where it was {was}"
    return f"{where} would be {expr_text(fall.new)} {day}, where it was {was}"


def _who(readers: list[Reader]) -> str:
    """The benefits reading a name, with their level and charter, as words."""
    groups: dict[tuple[str, str], list[str]] = {}
    for r in readers:
        through = f" (through {', '.join(f'`{d}`' for d in r.through)})" if r.through else ""
        groups.setdefault((r.level, r.benefit.origin), []).append(f"`{r.benefit.id}`{through}")
    parts = [f"{_and(names)}, {'a benefit' if len(names) == 1 else 'benefits'} of the {level_word(level)} level "
             f"(charter `{origin}`)" for (level, origin), names in groups.items()]
    return _and(parts)


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _notes(declared: ir.Parameter | ir.Definition | ir.Function | ir.Obligation, readers: list[Reader]) -> tuple[Note, ...]:
    """Notes at the declaration of the name read and at each benefit reading it."""
    what = ("definition" if isinstance(declared, ir.Definition) else "function" if isinstance(declared, ir.Function)
            else "obligation" if isinstance(declared, ir.Obligation) else "parameter")
    name = declared.id if isinstance(declared, ir.Obligation) else declared.name
    notes = [Note(f"{what} `{name}` is declared here, in `{declared.origin}`", declared.span)]
    notes += [Note(f"`{r.benefit.id}` is declared here, in `{r.benefit.origin}`", r.benefit.span) for r in readers]
    return tuple(note for note in notes if note.span is not None)
