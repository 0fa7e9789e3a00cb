"""Who may change what: a charter builds on those of its level or above, and what a state level grants
(national, provincial, city, county) a lower charter may add to and raise, but not repeal, cut,
suspend or veto."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs

from .. import ir
from ..common.diagnostics import Note
from ..parse import nodes as n
from ._header import line_span
from ._raised import amount_by_day, kept_until, shortfall
from ._suspensions import suspended

_WORDS = {"national": "national", "province": "provincial", "city": "city", "county": "county",
          "town": "town", "village": "village"}


def check_levels(header: n.Header, parent: ir.Charter | None, items: list[n.Decl],
                 repealed: Mapping[str, n.Repeal], own_articles: Mapping[str, n.Article],
                 articles: list[ir.AnyArticle], parameters: Mapping[str, ir.Parameter],
                 error: Callable[..., None]) -> None:
    """Report a charter above the one it extends, and each change of a state level's benefit (`parameters`:
    those in force in this charter)."""
    if parent is None:
        return
    inherited_parameters = {p.name: p for p in parent.parameters}
    own = header.level
    above = parent.level_of(parent.id)
    if own is not None and above is not None and ir.LEVELS.index(own) < ir.LEVELS.index(above):
        error("level-above-parent", f"Charter `{header.id}` is of the {_WORDS[own]} level, but it extends "
              f"`{parent.id}`, of the {_WORDS[above]} level: a charter builds on those of its level or above.",
              line_span(header, "extends"), help=f"extend a charter of the {_WORDS[own]} level or above")

    def state(article: ir.AnyArticle) -> str | None:
        return state_level(parent, header, article)

    def whose(article: ir.AnyArticle, level: str) -> str:
        return (f"`{article.id}` is a {article.kind} of the {_WORDS[level]} level "
                f"(charter `{article.granted_by or article.origin}`)")

    lower = lower_charter(header)
    inherited = {a.id: a for a in parent.articles}
    for name, repeal in repealed.items():
        article = inherited.get(name)
        level = state(article) if isinstance(article, ir.Benefit) else None
        if article is not None and level is not None:
            error("state-benefit-repealed", f"{whose(article, level)}; {lower} may add to it, but not repeal it.",
                  repeal.span, help="remove the repeal; to give more, add an article of this charter")
    final = {a.id: a for a in articles}
    for name, node in own_articles.items():
        old, new = inherited.get(name), final.get(name)
        if not isinstance(old, ir.Benefit) or not isinstance(new, ir.Benefit):
            continue
        level = state(old)
        if level is not None and not raises(old, new, inherited_parameters, parameters):
            error("state-benefit-cut", f"{whose(old, level)}; {lower} may raise its amount, but not lower it "
                  f"or change who gets it or when.", node.span,
                  notes=(Note(f"`{name}` is declared here, in `{old.origin}`", old.span),) if old.span else (),
                  help="keep its schedule, subjects, conditions and contract, and give at least as much on every "
                  "day (a constant, a parameter, or an amount that changes only by day); or add an article of "
                  "this charter instead")
        elif level is not None and not _bears_no_more(old, new, own):
            error("state-cost-shifted", f"{whose(old, level)}; {lower} may bear more of its cost itself, but "
                  f"not change its cost or what the household and the other levels bear.", node.span,
                  notes=(Note(f"`{name}` is declared here, in `{old.origin}`", old.span),) if old.span else (),
                  help="keep its cost, its shares and its takeovers; a takeover added after them may move a "
                  f"share to {'the ' + _WORDS[own] + ' level' if own is not None else 'this charter level'} only")
    for item in items:
        if isinstance(item, n.Article) and item.kind == "veto":
            _vetoed(item, inherited, state, lower, error)
    for ref in suspended(items):
        article = inherited.get(ref.name)
        level = state(article) if isinstance(article, ir.Benefit) else None
        if article is not None and level is not None:
            error("state-benefit-suspended", f"{whose(article, level)}; {lower} may not suspend it.",
                  ref.span, help="suspend only the benefits of this charter and of the town and village")


def _bears_no_more(old: ir.Benefit, new: ir.Benefit, own: str | None) -> bool:
    """Whether an override of a state benefit leaves its cost, and what every payer but this charter's level
    bears, as they were: the same cost and shares (this level's own share aside, where the amount is raised),
    the same takeovers first, and any added takeover moving a share to this charter's level only."""
    if old.cost != new.cost:
        return False
    if old.split is None or new.split is None:
        return old.split == new.split
    others = [s for s in old.split.shares if s.payer != own], [s for s in new.split.shares if s.payer != own]
    if others[0] != others[1]:
        return False
    kept = old.split.takeovers
    added = new.split.takeovers[len(kept):]
    return new.split.takeovers[:len(kept)] == kept and all(
        own is not None and all(t.payer == own for t in takeover.takers) for takeover in added)


def state_level(parent: ir.Charter, header: n.Header, article: ir.AnyArticle) -> str | None:
    """The state level an inherited article comes from, when it is above this charter's (else None)."""
    level = parent.level_of(article.granted_by or article.origin)
    if level not in ir.STATE_LEVELS or article.origin == header.id:
        return None
    own = header.level
    return level if own is None or ir.LEVELS.index(level) < ir.LEVELS.index(own) else None


def level_word(level: str) -> str:
    """A level as an adjective (`provincial`)."""
    return _WORDS[level]


def lower_charter(header: n.Header) -> str:
    """This charter as words, by its level (`a village charter`)."""
    return f"a {_WORDS[header.level]} charter" if header.level is not None else "a charter of a lower level"


def carried(old: ir.AnyArticle, new: ir.AnyArticle, parent: ir.Charter, header: n.Header,
            parameters: Mapping[str, ir.Parameter]) -> ir.AnyArticle:
    """The article an override puts in place of an inherited one: itself, except where it raises a benefit
    of a state level that is in force before this charter is: then it keeps that article's in-force day,
    and its amount is the old one on the days before this charter is in force and its own from that day.
    An override of a state level's benefit stays that level's grant (`granted_by`), for the charters below."""
    if not isinstance(old, ir.Benefit) or not isinstance(new, ir.Benefit) or state_level(parent, header, old) is None:
        return new
    new = attrs.evolve(new, granted_by=old.granted_by or old.origin)
    if old.in_force >= new.in_force or not raises(old, new, {p.name: p for p in parent.parameters}, parameters):
        return new
    amount = new.amount
    if amount is not None and old.amount is not None:
        amount = kept_until(new.in_force, amount, old.amount)
    return attrs.evolve(new, in_force=old.in_force, amount=amount)


def _vetoed(item: n.Article, inherited: Mapping[str, ir.AnyArticle], state: Callable[[ir.AnyArticle], str | None],
            lower: str, error: Callable[..., None]) -> None:
    """Report a veto of this charter that would withhold a state level's benefit."""
    for article in inherited.values():
        level = state(article) if isinstance(article, ir.Benefit) else None
        if level is not None:
            error("state-benefit-vetoed", f"This veto would withhold `{article.id}`, a benefit of the "
                  f"{_WORDS[level]} level (charter `{article.origin}`): {lower} cannot veto it.", item.span,
                  help="a veto of this charter may withhold only the benefits of its own level and below")
            return


def raises(old: ir.Benefit, new: ir.Benefit, before: Mapping[str, ir.Parameter],
           after: Mapping[str, ir.Parameter]) -> bool:
    """Whether an override gives the same units to the same people, for at least the same amount on every
    day (each a constant or a parameter, or changing only by day; the old one's parameters as inherited,
    the new one's as in force in this charter)."""
    same = (old.schedule, old.subject, old.conditions, old.exceptions, old.contract) == (
        new.schedule, new.subject, new.conditions, new.exceptions, new.contract)
    if not same:
        return False
    if old.amount is None or new.amount is None:
        return old.amount is None and new.amount is None
    old_days, new_days = amount_by_day(old.amount, before), amount_by_day(new.amount, after)
    return old_days is not None and new_days is not None and shortfall(old_days, new_days) is None
