"""The article kinds the engine evaluates, a module each (its plan, built from the IR article and the back
end's functions, and its evaluation), and `ARTICLES`, which gives the plan of each IR article class: a new
article kind is a new module and an entry here."""

from __future__ import annotations

from ... import ir
from ._plan import NO_FACTS, Build, Facts, Plan, Tally
from .benefit import GATES, Benefit, Gate
from .eligibility import Eligibility
from .obligation import Obligation
from .veto import Veto

__all__ = ["ARTICLES", "GATES", "NO_FACTS", "Benefit", "Build", "Eligibility", "Facts", "Gate", "Obligation",
           "Plan", "Tally", "Veto"]

ARTICLES: dict[type[ir.Article], type[Plan]] = {
    ir.Veto: Veto,
    ir.Obligation: Obligation,
    ir.Benefit: Benefit,
    ir.Eligibility: Eligibility,
}
"""The plan of each kind of article, in the order they are built (the back end's functions in that order)
and the facts judged (the vetoes, then the obligations the benefits read)."""
