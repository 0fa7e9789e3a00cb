"""The words of an obligation's status in English and Chinese, defined once: the explanation says a status
at length, the results table of `charter eval` in a cell, both in these words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from ._values import Late, ObligationStatus, money_text


@attrs.frozen
class StatusWords:
    """How one language words an obligation's status (`{d}` a day, `{a}` an amount)."""

    names: Mapping[str, str]
    """Each status by name: not_applicable, pending, fulfilled, breached."""
    not_applicable: Mapping[str, str]
    """Why an obligation does not apply, by reason (`{p}` the day it is judged on, `{t}` its trigger)."""
    separator: str
    """Between the name of a status and its day in a cell, and before a cure."""
    trigger: str
    due: str
    no_due: str
    """A deadline beyond the calendar's last day."""
    fulfilled: str
    breached: str
    cured: str
    penalty: str
    cell_fulfilled: str
    """The day an obligation was fulfilled, in a cell of a table."""
    cell_breached: str
    cell_cured: str
    late: str
    """A penalty per delay (`{n}` days or months late, `{units}` their word, `{r}` the rate, `{per}` the
    delay it is for, `{a}` the accrued total)."""
    late_units: Mapping[str, tuple[str, str, str]]
    """The word of a delay unit: for one, for several, and for a delay of one (`per day`, 每逾期 1 日)."""
    cap_reached: str
    cap_not_reached: str
    instances: str
    """An obligation with `for each`: how many instances (`{n}`) and of which statuses (`{s}`)."""
    count: str
    """One status and how many instances have it (`{n}`, `{status}`)."""
    no_instance: str
    list_separator: str
    """Between the instances in a cell, and between counts."""

    def cell(self, status: Mapping[str, Any] | None) -> str:
        """A status as households.md writes it (None: the household has none), worded in a cell (an
        obligation with `for each`: each instance with its person or day)."""
        if status is not None and "instances" in status:
            instances: Mapping[str, Any] = status["instances"]
            if not instances:
                return self.names["not_applicable"]
            return self.list_separator.join(f"{key} {self._cell(one)}" for key, one in instances.items())
        return self._cell(status)

    def _cell(self, status: Mapping[str, Any] | None) -> str:
        if status is None:
            return ""
        state = status["status"]
        if state == "pending":
            return self.names["pending"] + self.separator + self.due.format(d=status["due"])
        if state == "fulfilled":
            return self.cell_fulfilled.format(d=status["on"])
        if state == "breached":
            cured = self.separator + self.cell_cured.format(d=status["cured_on"]) if status.get("cured_on") else ""
            return self.cell_breached.format(d=status["since"]) + cured
        return self.names["not_applicable"]

    def at_length(self, status: ObligationStatus, judged: dt.date, within: str) -> str:
        """A status with every day that explains it, judged as of a day (`within`: the deadline's text)."""
        parts: list[str] = []
        if status.status == "not_applicable":
            parts.append(self.not_applicable[status.reason].format(p=judged, t=status.trigger))
        else:
            if status.trigger is not None:
                parts.append(self.trigger.format(d=status.trigger))
            if status.due is not None:
                parts.append(self.due.format(d=status.due) + f" ({within})")
            elif status.status == "pending":  # the deadline falls outside the calendar
                parts.append(self.no_due + f" ({within})")
            if status.status == "fulfilled":
                parts.append(self.fulfilled.format(d=status.on))
            if status.status == "breached":
                parts.append(self.breached.format(d=status.since))
                if status.cured_on is not None:
                    parts.append(self.cured.format(d=status.cured_on))
                if status.penalty is not None:
                    parts.append(self.penalty.format(a=money_text(status.penalty), d=status.penalty_due))
                if status.late is not None:
                    parts.append(self.late_text(status.late))
        return f"{self.names[status.status]}: " + "; ".join(parts)

    def late_text(self, late: Late) -> str:
        """What a penalty per delay has come to: the days (or months) late, the rate, the accrued total and
        whether the cap is reached."""
        one, several, per_one = self.late_units[late.unit]
        per = per_one if late.every == 1 else f"{late.every} {several}"
        text = self.late.format(n=late.late, units=one if late.late == 1 else several, r=money_text(late.rate),
                                per=per, a=money_text(late.accrued))
        cap = self.cap_reached if late.cap_reached else self.cap_not_reached
        return text + cap.format(c=money_text(late.cap))

    def summary(self, status: ObligationStatus, judged: dt.date) -> str:
        """The status of an obligation with `for each`: how many instances, of which statuses."""
        instances = status.each()
        if not instances:
            return f"{self.names[status.status]}: " + self.no_instance.format(p=judged)
        counts = [self.count.format(n=sum(1 for i in instances if i.status == name), status=self.names[name])
                  for name in ("breached", "pending", "fulfilled", "not_applicable")
                  if any(i.status == name for i in instances)]
        return f"{self.names[status.status]}: " + self.instances.format(n=len(instances),
                                                                       s=self.list_separator.join(counts))


STATUS_WORDS: dict[str, StatusWords] = {
    "en": StatusWords(
        names={"not_applicable": "not applicable", "pending": "pending", "fulfilled": "fulfilled",
               "breached": "breached"},
        not_applicable={"not_triggered": "not triggered (yet) by {p}",
                        "not_in_force": "triggered on {t}, before the article was in force",
                        "condition_false": "its condition is not met",
                        "exception": "an exception applies",
                        "no_contract": "the household did not sign the contract in time"},
        separator=", ",
        trigger="triggered on {d}", due="due {d}", no_due="due after the calendar's last day (9999-12-31)",
        fulfilled="fulfilled on {d}", breached="in breach since {d}", cured="cured on {d}",
        penalty="penalty {a}, due {d}",
        cell_fulfilled="fulfilled {d}", cell_breached="breached since {d}", cell_cured="cured {d}",
        late="{n} {units} late at {r} per {per}: {a} accrued", late_units={"day": ("day", "days", "day"),
                                                                          "month": ("month", "months", "month")},
        cap_reached=" (the cap, {c}, is reached)", cap_not_reached=" (at most {c})",
        instances="{s} (of {n})", count="{n} {status}",
        no_instance="no instance: no person or day of its list triggered it by {p}", list_separator="; ",
    ),
    "zh": StatusWords(
        names={"not_applicable": "不适用", "pending": "待履行", "fulfilled": "已履行", "breached": "违约"},
        not_applicable={"not_triggered": "至 {p} 尚未触发",
                        "not_in_force": "于 {t} 触发，早于本条施行",
                        "condition_false": "条件不符",
                        "exception": "属于除外情形",
                        "no_contract": "未按时签订协议书"},
        separator="，",
        trigger="于 {d} 触发", due="期限 {d}", no_due="期限在历法最后一天（9999-12-31）之后",
        fulfilled="于 {d} 履行", breached="自 {d} 起违约", cured="于 {d} 纠正",
        penalty="违约金 {a} 元，{d} 到期",
        cell_fulfilled="于 {d} 履行", cell_breached="自 {d} 起违约", cell_cured="于 {d} 纠正",
        late="逾期 {n} {units}，每逾期 {per} {r} 元，累计 {a} 元", late_units={"day": ("日", "日", "1 日"),
                                                                    "month": ("个月", "个月", "1 个月")},
        cap_reached="（已达上限 {c} 元）", cap_not_reached="（上限 {c} 元）",
        instances="共 {n} 项：{s}", count="{status} {n} 项",
        no_instance="没有实例：至 {p} 名单中无人、无日触发", list_separator="；",
    ),
}
"""The words of a status, by language."""


__all__ = ["STATUS_WORDS", "StatusWords"]
