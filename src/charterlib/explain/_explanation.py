"""Explanations: for each article, every unit judged, the value of each condition, and why."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from ..check import ir
from ..evaluate.results import Check, ObligationStatus, Result, Unit, money_text
from ._printer import expr_text

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
        "status": {"not_applicable": "not applicable", "pending": "pending", "fulfilled": "fulfilled",
                   "breached": "breached"},
        "not_applicable_reasons": {"not_triggered": "not triggered (yet) by {p}",
                                   "not_in_force": "triggered on {t}, before the article was in force",
                                   "condition_false": "its condition is not met",
                                   "exception": "an exception applies",
                                   "no_contract": "the household did not sign the contract in time"},
        "due": "due {d}", "no_due": "due after the calendar's last day (9999-12-31)",
        "fulfilled": "fulfilled on {d}", "breached": "in breach since {d}",
        "cured": "cured on {d}", "trigger": "triggered on {d}", "penalty": "penalty {a}, due {d}",
        "contract": "contract signed in time", "no_units": "no unit falls in the period",
        "cash": "Cash", "total": "total", "penalties": "Penalties", "none": "none",
        "not_paid": "not paid", "not_granted": "not granted", "suspended_since": " (in breach since {d})",
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
        "status": {"not_applicable": "不适用", "pending": "待履行", "fulfilled": "已履行",
                   "breached": "违约"},
        "not_applicable_reasons": {"not_triggered": "至 {p} 尚未触发",
                                   "not_in_force": "于 {t} 触发，早于本条施行",
                                   "condition_false": "条件不符",
                                   "exception": "属于除外情形",
                                   "no_contract": "未按时签订协议书"},
        "due": "期限 {d}", "no_due": "期限在历法最后一天（9999-12-31）之后",
        "fulfilled": "于 {d} 履行", "breached": "自 {d} 起违约",
        "cured": "于 {d} 纠正", "trigger": "于 {d} 触发", "penalty": "违约金 {a} 元，{d} 到期",
        "contract": "已按时签订协议书", "no_units": "本期间内没有应判定的单位",
        "cash": "现金", "total": "合计", "penalties": "违约金", "none": "无",
        "not_paid": "未发放", "not_granted": "未给予", "suspended_since": "（自 {d} 起违约）",
    },
}
_MARK = {True: "✓", False: "✗", None: "?"}


class Explanation:
    """Why a household gets what it gets under a charter in a period."""

    def __init__(self, charter: ir.Charter, result: Result, article: str | None = None) -> None:
        self.charter = charter
        self.result = result
        self.article = article
        if article is not None and charter.article(article) is None:
            from ..errors import EvaluationError

            known = ", ".join(a.id for a in charter.articles)
            raise EvaluationError(f"no article `{article}` in charter `{charter.id}` (articles: {known})",
                                  household=result.household)

    def articles(self) -> list[ir.Benefit | ir.Obligation]:
        """The articles explained (one, or all benefits and obligations)."""
        chosen: list[ir.Benefit | ir.Obligation] = []
        for a in self.charter.articles:
            if isinstance(a, (ir.Benefit, ir.Obligation)) and self.article in (None, a.id):
                chosen.append(a)
        return chosen

    # -------------------------------------------------------------- text
    def to_text(self, language: str = "en") -> str:
        """A readable explanation, with English or Chinese labels."""
        w = _WORDS[language]
        r = self.result
        lines = [w["household"].format(h=r.household, c=self.charter.id, t=self.charter.title, p=r.period,
                                       j=r.period.end), ""]
        for article in self.articles():
            lines.append(f"{article.title} [{article.id}{_where(article)}]")
            if isinstance(article, ir.Benefit):
                lines.extend(self._benefit_lines(article, language))
            else:
                lines.extend(self._obligation_lines(article, r.obligations[article.id], language))
            lines.append("")
        cash = ", ".join(f"{k} {money_text(v)}" for k, v in sorted(r.cash.items())) or w["none"]
        lines.append(f"{w['cash']}: {cash}; {w['total']} {money_text(r.total_cash)}")
        if r.penalties:
            lines.append(f"{w['penalties']}: " + ", ".join(f"{k} {money_text(v)}" for k, v in r.penalties.items()))
        return "\n".join(lines)

    def _benefit_lines(self, article: ir.Benefit, language: str) -> list[str]:
        w = _WORDS[language]
        units = [u for u in self.result.units if u.benefit == article.id]
        if not units:
            return ["  " + w["no_units"]]
        lines: list[str] = []
        key = lambda u: (u.member, u.paid, u.reason, u.detail, u.amount, u.checks)
        for _, group in groupby(units, key=key):
            run = list(group)
            first, last = run[0], run[-1]
            when = first.day.isoformat() if len(run) == 1 else (
                f"{first.day} … {last.day} ({w['units'].format(n=len(run))})")
            who = f" {first.member}" if first.member else ""
            lines.append(f"  {when}{who}: {self._outcome(first, article, language)}")
            lines.extend(self._check_lines(first.checks, article, language))
        return lines

    def _outcome(self, unit: Unit, article: ir.Benefit, language: str) -> str:
        w = _WORDS[language]
        if unit.paid:
            return str(w["paid"].format(amount=money_text(unit.amount)) if unit.amount is not None else w["granted"])
        reason = "amount_unknown_plain" if unit.reason == "amount_unknown" and not unit.detail else unit.reason
        text = w[reason].format(detail=unit.detail)
        if unit.reason == "suspended":
            status = self.result.obligations.get(unit.detail)
            if status is not None and status.since is not None:
                text += w["suspended_since"].format(d=status.since)
        if article.amount is None:
            text = text.replace(w["not_paid"], w["not_granted"], 1)
        return str(text)

    def _check_lines(self, checks: tuple[Check, ...], article: ir.Benefit | ir.Obligation, language: str) -> list[str]:
        w = _WORDS[language]
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
        return lines

    def _obligation_lines(self, article: ir.Obligation, status: ObligationStatus, language: str) -> list[str]:
        w = _WORDS[language]
        head = w["status"][status.status]
        parts: list[str] = []
        if status.status == "not_applicable":
            parts.append(w["not_applicable_reasons"][status.reason].format(
                p=self.result.period.end, t=status.trigger))
        else:
            if status.trigger is not None:
                parts.append(w["trigger"].format(d=status.trigger))
            if status.due is not None:
                parts.append(w["due"].format(d=status.due) + f" ({expr_text(article.within, language)})")
            elif status.status == "pending":  # the deadline falls outside the calendar
                parts.append(w["no_due"] + f" ({expr_text(article.within, language)})")
            if status.status == "fulfilled":
                parts.append(w["fulfilled"].format(d=status.on))
            if status.status == "breached":
                parts.append(w["breached"].format(d=status.since))
                if status.cured_on is not None:
                    parts.append(w["cured"].format(d=status.cured_on))
                if status.penalty is not None:
                    parts.append(w["penalty"].format(a=money_text(status.penalty), d=status.penalty_due))
        lines = [f"  {head}: " + "; ".join(parts)]
        lines.extend(self._check_lines(status.checks, article, language))
        return lines

    # -------------------------------------------------------------- JSON
    def to_json(self, language: str = "en") -> dict[str, Any]:
        """The explanation as JSON-ready data (condition texts in the given keyword language)."""
        articles = []
        for article in self.articles():
            entry: dict[str, Any] = {"id": article.id, "title": article.title, "kind": article.kind,
                                     "charter": article.origin, "source": _where(article).lstrip(", ")}
            if isinstance(article, ir.Benefit):
                entry["units"] = [self._unit_json(u, article, language) for u in self.result.units
                                  if u.benefit == article.id]
            else:
                status = self.result.obligations[article.id]
                entry["status"] = status.to_json()
                entry["reason"] = status.reason
                entry["trigger"] = status.trigger.isoformat() if status.trigger else None
                if status.penalty is not None:
                    entry["penalty"] = {"amount": money_text(status.penalty),
                                        "due": status.penalty_due.isoformat() if status.penalty_due else None}
                entry["conditions"] = self._checks_json(status.checks, article, language)
            articles.append(entry)
        return {"household": self.result.household, "charter": self.charter.id,
                "period": self.result.period.text, "judged_on": self.result.period.end.isoformat(),
                "articles": articles, "result": self.result.to_json()}

    def _unit_json(self, unit: Unit, article: ir.Benefit, language: str) -> dict[str, Any]:
        data = unit.to_json()
        data["conditions"] = self._checks_json(unit.checks, article, language)
        return data

    def _checks_json(self, checks: tuple[Check, ...], article: ir.Benefit | ir.Obligation,
                     language: str) -> list[dict[str, Any]]:
        out = []
        for check in checks:
            item: dict[str, Any] = {"kind": check.kind, "value": check.value}
            if check.kind != "contract":
                pool = article.conditions if check.kind == "when" else article.exceptions
                condition = pool[check.index]
                item["text"] = expr_text(condition.expr, language)
                if condition.span is not None:
                    item["source"] = str(condition.span)
            out.append(item)
        return out


def _where(article: ir.AnyArticle) -> str:
    return f", {article.span.file}:{article.span.line}" if article.span is not None else ""


def _line(condition: ir.Condition) -> str:
    return f"  ({condition.span.file}:{condition.span.line})" if condition.span is not None else ""
