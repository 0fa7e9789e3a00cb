"""Stage 3', the SQL plan: a charter and a period → the statements that judge a whole register set at a
time, one module per article kind (`ARTICLES`), and the queries of the results and their totals."""

from ._planner import ARTICLES, MAX_ARTICLES, Plan, Planner
from .benefit import GATES

__all__ = ["ARTICLES", "GATES", "MAX_ARTICLES", "Plan", "Planner"]
