"""What an obligation's breach suspends: benefits of the charter or of those it extends."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .. import ir
from ..common.suggest import did_you_mean
from ..parse import nodes as n


def check_suspensions(items: list[n.Decl], articles: list[ir.AnyArticle], charter_id: str,
                      error: Callable[..., None]) -> None:
    """Report each article an own obligation suspends that is not a benefit of the charter."""
    benefits = {a.id for a in articles if isinstance(a, ir.Benefit)}
    others = {a.id: a.kind for a in articles if not isinstance(a, ir.Benefit)}
    for ref in suspended(items):
        if ref.name in benefits:
            continue
        if ref.name in others:
            error("suspend-not-benefit", f"Only benefits can be suspended, but "
                  f"`{ref.name}` is {'an' if others[ref.name][0] in 'aeiou' else 'a'} "
                  f"{others[ref.name]}.", ref.span)
            continue
        error("unknown-article", f"`{ref.name}` is not an article of charter "
              f"`{charter_id}` or of those it extends.", ref.span,
              label="unknown article",
              help=did_you_mean(ref.name, benefits))


def suspended(items: Iterable[n.Decl]) -> Iterator[n.NameRef]:
    """Each article named by a `suspend` of the obligations among the declarations, in order."""
    for item in items:
        if isinstance(item, n.Article):
            for clause in item.clauses:
                if isinstance(clause, n.OnBreach):
                    for sub in clause.items:
                        if isinstance(sub, n.Suspend):
                            yield from sub.articles
