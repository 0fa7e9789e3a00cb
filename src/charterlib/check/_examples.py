"""Stage 2, check: a charter's example blocks (their households as records, their expectations)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from .. import ir
from ..common.suggest import did_you_mean
from ..ir.analysis import constant_value
from ..language.types import Type
from ..parse import nodes as n
from ._expressions import Scope, describe
from ._state import CheckerState

_STATUSES = ("not_applicable", "pending", "fulfilled", "breached")
_STATUS_ATTRIBUTES = {"pending": ("due",), "fulfilled": ("on",), "breached": ("since", "cured_on")}


class ExampleChecks(CheckerState):
    """The checks of example blocks, a part of the `Checker`."""

    def _example(self, node: n.Example, articles: list[ir.AnyArticle]) -> ir.Example | None:
        by_id = {a.id: a for a in articles}
        household: dict[str, object] | None = None
        if node.household is not None:
            household = {"id": node.household.id}
            household.update(self._record(node.household.assignments, self.household_fields, "household"))
            household["members"] = [
                {"id": p.id, **self._record(p.assignments, self.person_fields, "person")}
                for p in node.household.persons
            ]
        expectations: list[ir.ExampleExpectation] = []
        for e in node.expectations:
            amount = None
            if e.amount is not None:
                expr = self.expressions.expect(e.amount, Scope(), ("money",), "an expected amount")
                const = constant_value(expr)
                amount = const.value if const is not None and isinstance(const.value, Decimal) else None
            wanted = {"cash": "benefit", "in_kind": "benefit", "cost": "benefit", "penalty": "obligation",
                      "obligation": "obligation", "eligible": "eligibility",
                      "ineligible": "eligibility"}.get(e.kind)
            if wanted and e.target is not None:
                article = by_id.get(e.target)
                if article is None or article.kind != wanted:
                    pool = [a.id for a in articles if a.kind == wanted]
                    self.error("unknown-article", f"`{e.target}` is not {'an' if wanted[0] in 'aeiou' else 'a'} "
                               f"{wanted} of charter `{self.charter_id}`.", e.span,
                               help=did_you_mean(e.target, pool))
                elif e.kind == "ineligible" and isinstance(article, ir.Eligibility):
                    known = [r.label for r in article.requirements if r.label is not None]
                    for label in e.failing:
                        if label not in known:
                            self.error("unknown-requirement", f"Eligibility `{e.target}` has no condition "
                                       f"named `{label}`; its conditions are {', '.join(known)}.", e.span,
                                       help=did_you_mean(label, known))
            if e.kind == "obligation":
                if e.status not in _STATUSES:
                    self.error("unknown-status", f"`{e.status}` is not an obligation status; the statuses "
                               f"are {', '.join(_STATUSES)}.", e.span,
                               help=did_you_mean(e.status or "", _STATUSES))
                else:
                    for key, _ in e.attributes:
                        if key not in _STATUS_ATTRIBUTES.get(e.status or "", ()):
                            self.error("unknown-status-attribute", f"A `{e.status}` obligation has no "
                                       f"`{key}` day.", e.span)
            member, on = e.member, e.on
            if e.kind == "obligation":
                member, on = self._instance_expectation(e, by_id.get(e.target or ""), household)
            if e.kind == "in_kind" and e.target is not None:
                self._grant_expectation(e, by_id.get(e.target))
            payer = self._cost_expectation(e, by_id.get(e.target or "")) if e.kind == "cost" else None
            if e.kind in ("eligible", "ineligible", "in_kind") and household is not None and e.member is not None:
                raw_members: Any = household.get("members", [])
                members = [m.get("id") for m in raw_members]
                if e.member not in members:
                    self.error("unknown-member", f"The example household has no person `{e.member}`"
                               + (f"; its persons are {', '.join(f'`{m}`' for m in members)}." if members
                                  else "."), e.span,
                               help=did_you_mean(e.member, [str(m) for m in members]))
            expectations.append(ir.ExampleExpectation(
                e.kind, e.target, amount, member, on, e.status, e.attributes, e.failing, payer=payer, span=e.span))
        needs_period = any(x.kind in ("cash", "total", "in_kind", "penalty", "nothing", "obligation", "cost")
                           for x in expectations)
        if needs_period and node.period is None:
            self.error("example-without-period", f"Example `{node.name}` expects outcomes but gives no "
                       f"`period`.", node.span)
        if household is None:
            self.error("example-without-household", f"Example `{node.name}` has no `household`.", node.span)
        return ir.Example(node.name, node.title, node.period, household, tuple(expectations),
                          self.charter_id, span=node.span)

    def _instance_expectation(self, e: n.Expectation, article: ir.AnyArticle | None,
                              household: dict[str, object] | None) -> tuple[str | None, dt.date | None]:
        """`expect obligation ID ["PERSON" | DAY] STATUS …`: the instance expected (its person or its day),
        named exactly when the obligation has one for each person or day of a list, and of the right kind;
        without one, the obligation's own status, which has no days."""
        if not isinstance(article, ir.Obligation):
            return None, None  # reported as an unknown article
        key = e.instance
        if article.subject is None:
            if key is not None:
                self.error("expectation-mismatch", f"Obligation `{article.id}` has no ⟦for each⟧, so it has no "
                           f"instances: the expectation names none.", e.span,
                           help=f"write `expect obligation {article.id} {e.status}`")
            return None, None
        what, which = ("day", "DAY") if article.per_day else ("person", '"PERSON"')
        if key is None:
            if e.attributes:
                self.error("expectation-mismatch", f"Obligation `{article.id}` has an instance for each {what} "
                           f"of its list, each with its own days: name the instance whose days are expected.",
                           e.span, help=f"write `expect obligation {article.id} {which} {e.status} …`")
            return None, None
        if isinstance(key, dt.date) != article.per_day:
            self.error("expectation-mismatch", f"Obligation `{article.id}` has an instance for each {what} of its "
                       f"list, so the expectation names {'a day' if article.per_day else 'a person'}.", e.span)
            return None, None
        if isinstance(key, dt.date):
            return None, key
        raw_members: Any = (household or {}).get("members", [])
        members = [m.get("id") for m in raw_members]
        if household is not None and key not in members:
            self.error("unknown-member", f"The example household has no person `{key}`"
                       + (f"; its persons are {', '.join(f'`{m}`' for m in members)}." if members else "."),
                       e.span, help=did_you_mean(key, [str(m) for m in members]))
        return key, None

    def _grant_expectation(self, e: n.Expectation, article: ir.AnyArticle | None) -> None:
        """`expect in kind`: of a benefit granted in kind, naming a person exactly when it grants to each
        person of a list (`for each`), not when it grants to the household."""
        if not isinstance(article, ir.Benefit):
            return  # reported as an unknown article
        day = e.on.isoformat() if e.on else "DAY"
        if article.amount is not None:
            self.error("expectation-mismatch", f"Benefit `{article.id}` pays cash; it is expected with "
                       f"`expect cash {article.id} AMOUNT`, not in kind.", e.span)
        elif article.subject is not None and e.member is None:
            self.error("expectation-mismatch", f"Benefit `{article.id}` grants to each person it lists "
                       f"with ⟦for each⟧, so the expectation names the person.", e.span,
                       help=f'write `expect in kind {article.id} "PERSON" on {day}`')
        elif article.subject is None and e.member is not None:
            self.error("expectation-mismatch", f"Benefit `{article.id}` grants to the household, not to a "
                       f"person, so the expectation names none.", e.span,
                       help=f"write `expect in kind {article.id} on {day}`")

    def _cost_expectation(self, e: n.Expectation, article: ir.AnyArticle | None) -> str | None:
        """`expect cost`: of a benefit that says who bears its cost, by a payer it may fall on."""
        assert e.payer is not None
        if not isinstance(article, ir.Benefit):
            return None  # reported as an unknown article
        payer = e.payer.name
        if article.split is None:
            self.error("expectation-mismatch", f"Benefit `{article.id}` says nothing of its cost, so no payer "
                       f"bears any of it.", e.span, help="split its cost (`cost shared:`), or expect its cash")
            return None
        payers = article.split.payers()
        if payer not in payers:
            known = ", ".join(f"⟦{p}⟧" for p in payers)
            self.error("unknown-payer", f"⟦{payer}⟧ bears no share of the cost of `{article.id}`; it falls on "
                       f"{known}.", e.payer.span, help=did_you_mean(payer, payers))
            return None
        return payer

    def _record(self, assignments: tuple[n.Assignment, ...], fields: dict[str, ir.Field],
                scope: str) -> dict[str, object]:
        record: dict[str, object] = {}
        for a in assignments:
            field = fields.get(a.name)
            if field is None:
                self.error("unknown-field", f"`{a.name}` is not a {scope} field of charter "
                           f"`{self.charter_id}`.", a.span,
                           help=did_you_mean(a.name, fields))
                continue
            record[a.name] = self._json_value(a.value, field.type, a.name)
        return record

    def _json_value(self, value: n.Value, t: Type, name: str) -> object:
        raw = value.value
        if t.kind == "list" and isinstance(raw, tuple):
            assert t.element is not None
            return [self._json_value(n.Value(item, span=value.span), t.element, name) for item in raw]
        if isinstance(raw, n.Name):
            label = t.enum.label_of(raw.name) if t.enum is not None else None  # or the title naming it
            if label is None:
                labels = t.enum.labels if t.enum else ()
                self.error("unknown-label" if t.enum else "type-mismatch",
                           f"`{raw.name}` is not a value of `{name}`"
                           + (f", whose labels are {', '.join(labels)}." if labels else f" ({describe(t)})."),
                           value.span,
                           help=did_you_mean(raw.name, labels))
                return raw.name
            return label
        if isinstance(raw, dt.date):
            if t.kind != "date":
                self.error("type-mismatch", f"`{name}` is {describe(t)}, not a date.", value.span)
            return raw.isoformat()
        if isinstance(raw, bool):
            if t.kind != "bool":
                self.error("type-mismatch", f"`{name}` is {describe(t)}, not true or false.", value.span)
            return raw
        if isinstance(raw, (int, Decimal)):
            if t.kind not in ("int", "decimal", "money"):
                self.error("type-mismatch", f"`{name}` is {describe(t)}, not a number.", value.span)
            return f"{Decimal(raw):.2f}" if t.kind == "money" else (raw if isinstance(raw, int) else str(raw))
        if isinstance(raw, str):
            if t.kind != "text":
                self.error("type-mismatch", f"`{name}` is {describe(t)}, not text.", value.span)
            return raw
        return raw
