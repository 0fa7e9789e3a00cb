"""Explanations: for each article, every unit judged, the value of each condition, and why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from itertools import groupby
from typing import Any

from .. import ir
from ..common.errors import ArgumentError
from ..common.suggest import did_you_mean
from ..common.text import printable
from ..ir.printer import expr_text, payer_text
from ..results import CellRead, Check, ObligationStatus, Result, Unit, Verdict, money_text
from ..results.words import STATUS_WORDS
from ._status import describe, status_value, tests_read

_WORDS: dict[str, dict[str, Any]] = {
    "en": {
        "paid": "paid {amount}", "granted": "granted",
        "not_in_force": "not paid: the article is in force only from {detail}",
        "vetoed": "not paid: vetoed ({detail})",
        "no_contract": "not paid: the household had not signed the contract by then",
        "condition_false": "not paid: a condition is not met",
        "exception": "not paid: an exception applies",
        "suspended": "not paid: suspended by the breach of {detail}",
        "cap_reached": "not paid: the yearly cap is reached ({detail})",
        "amount_unknown": "not paid: due, but the amount is unknown ({detail} missing)",
        "amount_unknown_plain": "not paid: due, but the amount is unknown",
        "units": "{n} units", "household": "Household {h} under charter {c} {t}, period {p} (judged as of {j})",
        "contract": "contract signed in time", "no_units": "no unit falls in the period",
        "cash": "Cash", "total": "total", "penalties": "Penalties", "none": "none",
        "not_paid": "not paid", "not_granted": "not granted", "suspended_since": " (in breach since {d})",
        "instance_of": ", for {k}",
        "judged_on": "judged on {d}", "eligible": "eligible", "not_eligible": "not eligible ({failed})",
        "not_in_force_yet": "the article is in force only from {d}", "no_subjects": "nobody to judge",
        "unjudged": "cannot be judged: {e}",
        "vetoed_from": "vetoes the charter's benefits from {d}", "not_vetoed": "no veto",
        "cell": "{cell} = {value}, from {since}", "cell_always": "{cell} = {value}",
        "cost": "cost {amount} yuan: {shares}", "share": "{payer} {amount}", "shares": ", ",
        "costs": "Costs", "cost_total": "{benefit} {amount} ({shares})",
        "takeover": "{mark} when {condition}: {payer} taken over by {takers}",
    },
    "zh": {
        "paid": "发放 {amount} 元", "granted": "给予",
        "not_in_force": "未发放：本条自 {detail} 起施行",
        "vetoed": "未发放：一票否决（{detail}）",
        "no_contract": "未发放：当时尚未签订协议书",
        "condition_false": "未发放：条件不符",
        "exception": "未发放：属于除外情形",
        "suspended": "未发放：因违反 {detail} 暂停",
        "cap_reached": "未发放：已达每年上限（{detail}）",
        "amount_unknown": "未发放：应发，但金额无法计算（缺少 {detail}）",
        "amount_unknown_plain": "未发放：应发，但金额无法计算",
        "units": "共 {n} 期", "household": "户 {h}，章程 {c}《{t}》，期间 {p}（以 {j} 为准）",
        "contract": "已按时签订协议书", "no_units": "本期间内没有应判定的单位",
        "cash": "现金", "total": "合计", "penalties": "违约金", "none": "无",
        "not_paid": "未发放", "not_granted": "未给予", "suspended_since": "（自 {d} 起违约）",
        "instance_of": "，{k}",
        "judged_on": "于 {d} 判定", "eligible": "符合", "not_eligible": "不符合（{failed}）",
        "not_in_force_yet": "本条自 {d} 起施行", "no_subjects": "没有应判定的人",
        "unjudged": "无法判定：{e}",
        "vetoed_from": "自 {d} 起一票否决本章程的福利", "not_vetoed": "未否决",
        "cell": "{cell} = {value}，自 {since} 起", "cell_always": "{cell} = {value}",
        "cost": "费用 {amount} 元：{shares}", "share": "{payer} {amount}", "shares": "、",
        "costs": "费用", "cost_total": "{benefit} {amount} 元（{shares}）",
        "takeover": "{mark} 当 {condition}：{payer} 转由 {takers}",
    },
}
_MARK = {True: "✓", False: "✗", None: "?"}


class Explanation:
    """Why a household gets what it gets under a charter in a period, and where it stands on its
    eligibilities on a day (the period's last, unless told)."""

    def __init__(self, charter: ir.Charter, result: Result, article: str | None = None, *,
                 verdicts: Mapping[str, Sequence[Verdict]] | None = None, on: dt.date | None = None,
                 vetoes: Mapping[str, dt.date | None] | None = None,
                 unjudged: Mapping[str, str] | None = None,
                 statuses: Mapping[str, Any] | None = None) -> None:
        if not isinstance(charter, ir.Charter):
            raise ArgumentError(f"an explanation needs a checked charter (ir.Charter), not {type(charter).__name__}.")
        if not isinstance(result, Result):
            raise ArgumentError(f"an explanation needs a Result (Charter.evaluate(…, explain=True)), "
                                f"not {type(result).__name__}.")
        if article is not None:
            if not isinstance(article, str):
                raise ArgumentError(f"the article is an article id (a str), not {type(article).__name__} {article!r}.")
            if charter.article(article) is None:
                raise ArgumentError(unknown_article(charter, article))
        self.charter = charter
        self.result = result
        self.article = article
        self.on = on if on is not None else result.period.end
        """The day eligibilities are judged on."""
        self.verdicts = {k: tuple(v) for k, v in (verdicts or {}).items()}
        self.vetoes = dict(vetoes or {})
        self.unjudged = dict(unjudged or {})
        """The eligibilities that could not be judged on the day, with the evaluation error that says why."""
        self.statuses = dict(statuses) if statuses is not None else dict(result.obligations)
        """The status of each obligation as judged on the eligibilities' day (what their conditions read)."""
        self._definitions = {d.name: d.expr for d in charter.definitions}

    def articles(self) -> list[ir.AnyArticle]:
        """The articles explained (one, or all of the charter's benefits, obligations, eligibilities and
        vetoes; eligibilities and vetoes when they were judged)."""
        chosen: list[ir.AnyArticle] = []
        for a in self.charter.articles:
            if self.article not in (None, a.id):
                continue
            if isinstance(a, (ir.Benefit, ir.Obligation)) or a.id in self.verdicts or a.id in self.vetoes \
                    or a.id in self.unjudged:
                chosen.append(a)
        return chosen

    # -------------------------------------------------------------- text
    def to_text(self, language: str = "en") -> str:
        """A readable explanation, with English or Chinese labels."""
        w = _words(language)
        r = self.result
        lines = [w["household"].format(h=printable(r.household), c=self.charter.id, t=self.charter.title, p=r.period,
                                       j=r.period.end), ""]
        for article in self.articles():
            lines.append(f"{article.title} [{article.id}{_where(article)}]")
            if isinstance(article, ir.Benefit):
                lines.extend(self._benefit_lines(article, language))
            elif isinstance(article, ir.Obligation):
                lines.extend(self._obligation_lines(article, r.obligations[article.id], language))
            elif isinstance(article, ir.Eligibility):
                lines.extend(self._eligibility_lines(article, language))
            else:
                day = self.vetoes.get(article.id)
                lines.append("  " + (w["vetoed_from"].format(d=day) if day is not None else w["not_vetoed"]))
            lines.append("")
        cash = ", ".join(f"{k} {money_text(v)}" for k, v in sorted(r.cash.items())) or w["none"]
        lines.append(f"{w['cash']}: {cash}; {w['total']} {money_text(r.total_cash)}")
        if r.penalties:
            lines.append(f"{w['penalties']}: " + ", ".join(f"{k} {money_text(v)}" for k, v in r.penalties.items()))
        if r.costs:
            lines.append(f"{w['costs']}: " + "; ".join(
                w["cost_total"].format(benefit=benefit, amount=money_text(sum(payers.values(), ZERO)),
                                       shares=_shares(payers.items(), language))
                for benefit, payers in sorted(r.costs.items())))
        return "\n".join(lines)

    def _benefit_lines(self, article: ir.Benefit, language: str) -> list[str]:
        w = _words(language)
        units = [u for u in self.result.units if u.benefit == article.id]
        if not units:
            return ["  " + w["no_units"]]
        lines: list[str] = []
        key = lambda u: (u.member, u.paid, u.reason, u.detail, u.amount, u.checks, u.cells, u.cost, u.costs,
                         u.takeovers)
        for _, group in groupby(units, key=key):
            run = list(group)
            first, last = run[0], run[-1]
            when = first.day.isoformat() if len(run) == 1 else (
                f"{first.day} … {last.day} ({w['units'].format(n=len(run))})")
            who = f" {printable(first.member)}" if first.member else ""
            lines.append(f"  {when}{who}: {self._outcome(first, article, language)}")
            lines.extend(self._check_lines(first.checks, article, language, last.day, self.result.obligations))
            lines.extend(self._cell_lines(first.cells, language))
            lines.extend(self._cost_lines(first, article, language))
        return lines

    def _cost_lines(self, unit: Unit, article: ir.Benefit, language: str) -> list[str]:
        """What a unit paid costs and who bears it, then the takeovers of shares judged for it."""
        if unit.cost is None:
            return []
        w = _words(language)
        lines = [f"      {w['cost'].format(amount=money_text(unit.cost), shares=_shares(unit.costs, language))}"]
        for check in unit.takeovers:
            text = self._takeover_text(article, check.index, language, _MARK[check.value])
            lines.append(f"      {text}{_line(_takeover(article, check.index).condition)}")
        return lines

    def _takeover_text(self, article: ir.Benefit, index: int, language: str, mark: str) -> str:
        """A takeover of a split as the charter writes it, after a mark (its value, or none)."""
        w = _words(language)
        t = _takeover(article, index)
        takers = w["shares"].join(payer_text(s.payer, language) + (f" {expr_text(s.amount, language)}" if s.amount
                                                                    is not None else "") for s in t.takers)
        return str(w["takeover"].format(mark=mark, condition=expr_text(t.condition.expr, language),
                                        payer=payer_text(t.payer, language), takers=takers)).strip()

    def _cell_lines(self, cells: tuple[CellRead, ...], language: str) -> list[str]:
        """The cells of tables an amount read: each with its value and the day that value started."""
        w = _words(language)
        lines = []
        for cell in cells:
            text, value, where = self._cell(cell, language)
            word = w["cell"] if cell.since is not None else w["cell_always"]
            lines.append(f"      → {word.format(cell=text, value=value, since=cell.since)}{where}")
        return lines

    def _cell(self, cell: CellRead, language: str) -> tuple[str, str, str]:
        """A cell as the charter reads it (`special_rate[death, rural]`), its value, and where it is written."""
        table = next(p for p in self.charter.parameters if p.name == cell.table)
        value = ir.Const(table.type, cell.value)
        keys = ", ".join(expr_text(ir.Const(d.type, k), language) for d, k in zip(table.dimensions, cell.keys,
                                                                                   strict=True))
        written = table.cell(cell.keys)
        span = next((c.span for start, c in written.values if start == cell.since), None) if written else None
        where = f"  ({span.file}:{span.line})" if span is not None else ""
        return f"{cell.table}[{keys}]", expr_text(value, language), where

    def _outcome(self, unit: Unit, article: ir.Benefit, language: str) -> str:
        w = _words(language)
        if unit.paid:
            return str(w["paid"].format(amount=money_text(unit.amount)) if unit.amount is not None else w["granted"])
        reason = "amount_unknown_plain" if unit.reason == "amount_unknown" and not unit.detail else unit.reason
        text = w[reason].format(detail=unit.detail)
        if unit.reason == "suspended":
            status = self.result.obligations.get(unit.detail)
            breach = _breach_on(status, unit.day) if status is not None else None
            if breach is not None and breach.since is not None:
                text += w["suspended_since"].format(d=breach.since)
                if breach.key is not None:
                    text = text[:-1] + w["instance_of"].format(k=printable(breach.key)) + text[-1]
        if article.amount is None:
            text = text.replace(w["not_paid"], w["not_granted"], 1)
        return str(text)

    def _status_lines(self, expr: ir.Expr, day: dt.date | None, statuses: Mapping[str, Any],
                      language: str) -> list[str]:
        """The status of each obligation a condition reads, on the day it was judged."""
        if day is None:
            return []
        return [f"      → {describe(test, statuses[test.obligation], day, language)}"
                for test in tests_read(expr, self._definitions) if test.obligation in statuses]

    def _status_json(self, expr: ir.Expr, day: dt.date | None, statuses: Mapping[str, Any],
                     language: str) -> list[dict[str, Any]]:
        """The status tests a condition reads, with their values on the day it was judged."""
        if day is None:
            return []
        return [{"text": expr_text(test, language), "test": test.test, "obligation": test.obligation,
                 "on": day.isoformat(), "value": status_value(test, statuses[test.obligation], day),
                 "explanation": describe(test, statuses[test.obligation], day, language)}
                for test in tests_read(expr, self._definitions) if test.obligation in statuses]

    def _check_lines(self, checks: tuple[Check, ...], article: ir.Benefit | ir.Obligation, language: str,
                     day: dt.date | None = None, statuses: Mapping[str, Any] | None = None) -> list[str]:
        w = _words(language)
        lines = []
        for check in checks:
            if check.kind == "contract":
                lines.append(f"      {_MARK[check.value]} {w['contract']}")
                continue
            pool = article.conditions if check.kind == "when" else article.exceptions
            condition = pool[check.index]
            prefix = "" if check.kind == "when" else ("unless " if language == "en" else "除非 ")
            lines.append(f"      {_MARK[check.value]} {prefix}{expr_text(condition.expr, language)}"
                         f"{_line(condition)}")
            lines.extend(self._status_lines(condition.expr, day, statuses or {}, language))
        return lines

    def _obligation_lines(self, article: ir.Obligation, status: ObligationStatus, language: str) -> list[str]:
        words = STATUS_WORDS[language]
        within = expr_text(article.within, language)
        obligations = self.result.obligations
        if status.instances is None:
            lines = ["  " + words.at_length(status, self.result.period.end, within)]
            lines.extend(self._check_lines(status.checks, article, language, status.trigger, obligations))
            return lines
        lines = ["  " + words.summary(status, self.result.period.end)]
        for instance in status.instances:
            lines.append(f"  {printable(instance.key or '')}: {words.at_length(instance, self.result.period.end, within)}")
            lines.extend(self._check_lines(instance.checks, article, language, instance.trigger, obligations))
        return lines

    def _eligibility_lines(self, article: ir.Eligibility, language: str) -> list[str]:
        w = _words(language)
        lines = ["  " + w["judged_on"].format(d=self.on)]
        verdicts = self.verdicts.get(article.id, ())
        if article.id in self.unjudged:
            lines.append("  " + w["unjudged"].format(e=self.unjudged[article.id]))
        elif not verdicts:
            lines.append("  " + w["no_subjects"])
        for verdict in verdicts:
            if verdict.eligible:
                outcome = w["eligible"]
            else:
                outcome = w["not_eligible"].format(failed=", ".join(verdict.failed))
            lines.append(f"  {printable(verdict.subject)}: {outcome}")
            if "in_force" in verdict.failed:
                lines.append(f"      {_MARK[False]} {w['not_in_force_yet'].format(d=article.in_force)}")
            for condition, (label, value) in zip(article.requirements, verdict.values, strict=True):
                lines.append(f"      {_MARK[value]} {label}: {expr_text(condition.expr, language)}{_line(condition)}")
                lines.extend(self._status_lines(condition.expr, self.on, self.statuses, language))
        return lines

    # -------------------------------------------------------------- JSON
    def to_json(self, language: str = "en") -> dict[str, Any]:
        """The explanation as JSON-ready data (condition texts in the given keyword language)."""
        _words(language)
        articles = []
        for article in self.articles():
            entry: dict[str, Any] = {"id": article.id, "title": article.title, "kind": article.kind,
                                     "charter": article.origin, "source": _where(article).lstrip(", ")}
            if isinstance(article, ir.Benefit):
                entry["units"] = [self._unit_json(u, article, language) for u in self.result.units
                                  if u.benefit == article.id]
            elif isinstance(article, ir.Eligibility):
                entry["on"] = self.on.isoformat()
                entry["in_force"] = article.in_force.isoformat()
                entry["verdicts"] = [self._verdict_json(v, article, language)
                                     for v in self.verdicts.get(article.id, ())]
                if article.id in self.unjudged:
                    entry["error"] = self.unjudged[article.id]
            elif isinstance(article, ir.Veto):
                day = self.vetoes.get(article.id)
                entry["vetoed_from"] = day.isoformat() if day is not None else None
            else:
                status = self.result.obligations[article.id]
                entry.update(self._obligation_json(status, article, language))
                if status.instances is not None:
                    entry["instances"] = [{"key": i.key, **self._obligation_json(i, article, language)}
                                          for i in status.instances]
            articles.append(entry)
        return {"household": self.result.household, "charter": self.charter.id,
                "period": self.result.period.text, "judged_on": self.result.period.end.isoformat(),
                "articles": articles, "result": self.result.to_json()}

    def _obligation_json(self, status: ObligationStatus, article: ir.Obligation, language: str) -> dict[str, Any]:
        """An obligation's status (or an instance's) with what explains it: its reason, trigger, penalty and
        the conditions judged."""
        entry: dict[str, Any] = {"status": status.to_json() if status.instances is None else
                                 {"status": status.status}, "reason": status.reason,
                                 "trigger": status.trigger.isoformat() if status.trigger else None}
        if status.penalty is not None:
            entry["penalty"] = {"amount": money_text(status.penalty),
                                "due": status.penalty_due.isoformat() if status.penalty_due else None}
        if status.late is not None:
            late = status.late
            entry["penalty"] = {"rate": money_text(late.rate), "per": f"{late.every} {late.unit}",
                                "cap": money_text(late.cap), f"{late.unit}s_late": late.late,
                                "accrued": money_text(late.accrued), "cap_reached": late.cap_reached,
                                "in_period": money_text(late.in_period(self.result.period))}
        entry["conditions"] = self._checks_json(status.checks, article, language, status.trigger)
        return entry

    def _verdict_json(self, verdict: Verdict, article: ir.Eligibility, language: str) -> dict[str, Any]:
        conditions = []
        for condition, (label, value) in zip(article.requirements, verdict.values, strict=True):
            item: dict[str, Any] = {"label": label, "value": value, "text": expr_text(condition.expr, language)}
            if condition.span is not None:
                item["source"] = str(condition.span)
            statuses = self._status_json(condition.expr, self.on, self.statuses, language)
            if statuses:
                item["statuses"] = statuses
            conditions.append(item)
        return {"subject": verdict.subject, "eligible": verdict.eligible, "failed": list(verdict.failed),
                "conditions": conditions}

    def _unit_json(self, unit: Unit, article: ir.Benefit, language: str) -> dict[str, Any]:
        data = unit.to_json()
        data["conditions"] = self._checks_json(unit.checks, article, language, unit.day)
        if unit.takeovers:
            data["takeovers"] = []
            for check in unit.takeovers:
                t = _takeover(article, check.index)
                entry: dict[str, Any] = {"index": check.index, "value": check.value, "payer": t.payer,
                                         "text": self._takeover_text(article, check.index, language, "")}
                if t.condition.span is not None:
                    entry["source"] = str(t.condition.span)
                data["takeovers"].append(entry)
        if unit.cells:
            data["cells"] = []
            for cell in unit.cells:
                text, value, where = self._cell(cell, language)
                item: dict[str, Any] = {"text": text, "table": cell.table, "keys": list(cell.keys), "value": value,
                                        "since": cell.since.isoformat() if cell.since is not None else None}
                if where:
                    item["source"] = where.strip()[1:-1]
                data["cells"].append(item)
        return data

    def _checks_json(self, checks: tuple[Check, ...], article: ir.Benefit | ir.Obligation,
                     language: str, day: dt.date | None) -> list[dict[str, Any]]:
        out = []
        for check in checks:
            item: dict[str, Any] = {"kind": check.kind, "value": check.value}
            if check.kind != "contract":
                pool = article.conditions if check.kind == "when" else article.exceptions
                condition = pool[check.index]
                item["text"] = expr_text(condition.expr, language)
                if condition.span is not None:
                    item["source"] = str(condition.span)
                statuses = self._status_json(condition.expr, day, self.result.obligations, language)
                if statuses:
                    item["statuses"] = statuses
            out.append(item)
        return out


def _breach_on(status: ObligationStatus, day: dt.date) -> ObligationStatus | None:
    """The status (or the instance) in breach on a day, the first not cured by then (else the first), if any."""
    breached = [one for one in status.each()
                if one.status == "breached" and one.since is not None and one.since <= day]
    open_ = [one for one in breached if one.cured_on is None or day < one.cured_on]
    found = open_ or breached
    return found[0] if found else None


def _words(language: str) -> dict[str, Any]:
    if not isinstance(language, str) or language not in _WORDS:
        raise ArgumentError(f"the language is `en` or `zh`, not {language!r}.")
    return _WORDS[language]


def unknown_article(charter: ir.Charter, article: str, kind: str = "article") -> str:
    """The sentence for an article id a charter does not have, with the closest id."""
    known = [a.id for a in charter.articles if kind == "article" or a.kind == kind]
    hint = did_you_mean(article, known, form="sentence")
    plural = {"article": "Articles", "eligibility": "Eligibilities"}.get(kind, kind)
    return (f"charter `{charter.id}` has no {kind} `{printable(article)}`.{hint} "
            f"({plural}: {', '.join(known) or 'none'}.)")


ZERO = Decimal("0.00")


def _shares(borne: Iterable[tuple[str, Decimal]], language: str) -> str:
    """What each payer bears, in words: `province 5.00, county 5.00` (省 5.00、县 5.00)."""
    w = _words(language)
    return str(w["shares"].join(w["share"].format(payer=payer_text(p, language), amount=money_text(v))
                                for p, v in borne))


def _takeover(article: ir.Benefit, index: int) -> ir.Takeover:
    assert article.split is not None
    return article.split.takeovers[index]


def _where(article: ir.AnyArticle) -> str:
    return f", {article.span.file}:{article.span.line}" if article.span is not None else ""


def _line(condition: ir.Condition) -> str:
    return f"  ({condition.span.file}:{condition.span.line})" if condition.span is not None else ""
