"""The cost of a benefit and who bears it: a grant's unit cost (⟦grant costing⟧), the split of the cost
among the levels and the household (⟦cost shared⟧), and the takeovers of a payer's share by others."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from ... import ir
from ...common.diagnostics import Note
from ...common.source import Span
from ...common.suggest import did_you_mean
from ...ir.analysis import constant_value
from ...language.keywords import keywords
from ...parse import nodes as n
from .._expressions import Scope
from ._kind import Clauses, Context

_CENT = Decimal("0.01")


def cost_of(cx: Context, node: n.Article, clauses: Clauses, scope: Scope, amount: ir.Expr | None,
            level: str | None) -> tuple[ir.Expr | None, ir.CostSplit | None]:
    """A benefit's unit cost (of a grant: ⟦grant costing⟧; of cash: the amount) and the split of it:
    as written (⟦cost shared⟧), or for a grant with a cost and no split, the whole cost on the level of the
    charter that writes it."""
    grant = next((c for c in clauses.get(n.Grant, []) if isinstance(c, n.Grant)), None)
    cost: ir.Expr | None = None
    if grant is not None and grant.cost is not None:
        cost = cx.expressions.expect(grant.cost, scope, ("money",), "⟦grant costing⟧")
    shared = next((c for c in clauses.get(n.CostShared, []) if isinstance(c, n.CostShared)), None)
    if shared is None:
        if cost is None:
            return None, None
        if level is None:
            cx.error("cost-without-payer", f"Benefit `{node.id}` has a cost but says nobody who bears it, and "
                     f"charter `{cx.charter_id}` states no level to bear it all.", grant.span if grant else node.span,
                     help="split it (`cost shared:` and a line `PAYER AMOUNT` for each payer), or give the "
                     "charter a `level`")
            return cost, None
        return cost, ir.CostSplit((ir.Share(level, None, span=grant.span if grant else None),), written=False)
    whole = cost if grant is not None else amount
    if grant is not None and cost is None:
        cx.error("split-without-cost", f"Benefit `{node.id}` shares a cost, but its grant has none to share.",
                 shared.span, help="say what each unit costs: `grant costing AMOUNT`")
    shares = _shares(cx, shared.shares, scope, "a share of the cost")
    if len(shares) == len(shared.shares):  # (with a payer unknown or given twice, the sum says nothing more)
        _adds_up(cx, shares, whole, shared.span, f"The shares of the cost of `{node.id}`",
                 "the cost" if grant is not None else "the amount paid")
    takeovers = []
    by_payer = {s.payer: s for s in shares}
    for t in shared.takeovers:
        takeover = _takeover(cx, t, scope, by_payer)
        if takeover is not None:
            takeovers.append(takeover)
    return cost, ir.CostSplit(tuple(shares), tuple(takeovers), span=shared.span)


def _payer(cx: Context, payer: n.Payer) -> str | None:
    """A payer's name among `ir.PAYERS`, or None (reported) for a name that is not one."""
    if payer.name in ir.PAYERS:
        return payer.name
    table = keywords()
    words = [table[ir.PAYER_KEYWORDS[p]] for p in ir.PAYERS]
    spellings = [s for k in words for s in (*k.english, *k.chinese)]
    cx.error("unknown-payer", f"`{payer.name}` cannot bear a cost: a share is borne by a level (⟦national⟧, "
             f"⟦province⟧, ⟦city⟧, ⟦county⟧, ⟦town⟧, ⟦village⟧) or by the ⟦household⟧.", payer.span,
             label="not a level nor the household", help=did_you_mean(payer.name, spellings))
    return None


def _shares(cx: Context, nodes: Sequence[n.Share], scope: Scope, what: str) -> list[ir.Share]:
    """The shares of some payers, each payer once, each amount money."""
    found: list[ir.Share] = []
    first: dict[str, Span] = {}
    for share in nodes:
        payer = _payer(cx, share.payer)
        amount = cx.expressions.expect(share.amount, scope, ("money",), what) if share.amount is not None else None
        if payer is None:
            continue
        if payer in first:
            cx.error("duplicate-payer", f"⟦{payer}⟧ is given a share twice.", share.payer.span,
                     notes=(Note("its first share is here", first[payer]),),
                     help="give each payer one share (add the amounts up)")
            continue
        first[payer] = share.payer.span
        found.append(ir.Share(payer, amount, span=share.span))
    return found


def _takeover(cx: Context, node: n.Takeover, scope: Scope, by_payer: dict[str, ir.Share]) -> ir.Takeover | None:
    """A takeover of a payer's share by others, when a condition holds."""
    condition = cx.expressions.condition(node.condition, scope, "⟦when⟧")
    payer = _payer(cx, node.payer)
    takers = _shares(cx, node.takers, scope, "a share taken over")
    if payer is None:
        return None
    share = by_payer.get(payer)
    if share is None:
        cx.error("takeover-without-share", f"⟦{payer}⟧ has no share of the cost for others to take over.",
                 node.payer.span, help="give it a share first, or take over the share of a payer that has one")
    for taker in takers:
        if taker.payer == payer:
            cx.error("takeover-by-payer", f"⟦{payer}⟧ cannot take over its own share.", taker.span,
                     help="name the others who bear it")
    if len(takers) > 1:
        for taker in takers:
            if taker.amount is None:
                cx.error("takeover-amount-missing", f"⟦{taker.payer}⟧ takes over a part of the share of "
                         f"⟦{payer}⟧ but says not how much.", taker.span,
                         help="give each of several payers its amount (`village 15 yuan`)")
    if share is not None and len(takers) == len(node.takers) and all(t.amount is not None for t in takers):
        _adds_up(cx, takers, share.amount, node.span, f"The parts of the share of ⟦{payer}⟧ taken over",
                 "that share")
    return ir.Takeover(ir.Condition(condition, span=node.condition.span), payer, tuple(takers), span=node.span)


def _adds_up(cx: Context, shares: Sequence[ir.Share], whole: ir.Expr | None, span: Span, what: str,
             total: str) -> None:
    """Report shares whose constant amounts do not add up to a constant whole (what cannot be known until
    a unit is judged is an evaluation error of the household)."""
    amounts = [_constant(s.amount) for s in shares]
    expected = _constant(whole)
    if expected is None or any(a is None for a in amounts):
        return
    added = sum((a for a in amounts if a is not None), Decimal("0.00"))
    if added != expected:
        cx.error("cost-shares-sum", f"{what} add up to {added:.2f} yuan, but {total} is "
                 f"{expected:.2f} yuan.", span, label=f"{added:.2f} yuan shared of {expected:.2f}",
                 help="make the shares add up to what is shared")


def _constant(expr: ir.Expr | None) -> Decimal | None:
    """A constant amount, to the fen as it is paid, or None when it is known only on a unit's day."""
    const = constant_value(expr) if expr is not None else None
    if const is None or isinstance(const.value, bool) or not isinstance(const.value, (int, Decimal)):
        return None
    return Decimal(const.value).quantize(_CENT, rounding=ROUND_HALF_UP)
