"""The articles of a charter, one module per kind, found by kind in ARTICLES: a new kind of article is
a new module and one entry there."""

from __future__ import annotations

import datetime as dt

from ... import ir
from ...common.diagnostics import Note
from ...parse import nodes as n
from . import benefit, eligibility, obligation, veto
from ._clauses import CLAUSE_WORDS
from ._kind import ArticleKind, Check, Clauses, Context, Expressions

ARTICLES: dict[str, ArticleKind] = {
    "benefit": benefit.ARTICLE,
    "obligation": obligation.ARTICLE,
    "eligibility": eligibility.ARTICLE,
    "veto": veto.ARTICLE,
}
"""Every kind of article by the kind the syntax gives it (`n.Article.kind`), in the order messages name them."""

_REPEATABLE = (n.When, n.Unless, n.Require, n.OnBreach)
"""The clauses an article may hold more than once."""


def check_article(node: n.Article, in_force: dt.date, cx: Context) -> ir.AnyArticle | None:
    """An article's IR, checked by its kind, once each clause is found to belong in it and not repeated."""
    allowed = ARTICLES[node.kind].clauses
    clauses: Clauses = {}
    for clause in node.clauses:
        if type(clause) not in allowed:
            owners = [f"{'an' if k[0] in 'aeiou' else 'a'} {k}" for k, v in ARTICLES.items()
                      if type(clause) in v.clauses]
            where = owners[0] if len(owners) == 1 else ", ".join(owners[:-1]) + " or " + owners[-1]
            cx.error("misplaced-clause", f"⟦{CLAUSE_WORDS[type(clause)]}⟧ belongs in {where}, not in "
                     f"{'an' if node.kind[0] in 'aeiou' else 'a'} {node.kind}.", clause.span)
            continue
        clauses.setdefault(type(clause), []).append(clause)
    for kind, group in clauses.items():
        if kind not in _REPEATABLE and len(group) > 1:
            cx.error("duplicate-clause", f"⟦{CLAUSE_WORDS[kind]}⟧ appears twice in {node.kind} "
                     f"`{node.id}`.", group[1].span, notes=(Note("the first is here", group[0].span),))
    return ARTICLES[node.kind].check(node, clauses, in_force, cx)


__all__ = ["ARTICLES", "ArticleKind", "Check", "Clauses", "Context", "Expressions", "check_article"]
