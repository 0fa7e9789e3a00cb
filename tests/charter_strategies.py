"""Hypothesis strategies: generated charters in use.

A generated charter reads the fields of `family_planning` plus a few of its own (an integer and an amount
that can go beyond what SQL holds, a date that can be 9999-12-31, two fields whose names differ only in
case; the days a person died or left the household are the vocabulary's), and holds benefits of every schedule kind,
household and per member, with conditions and amounts drawn from the constructs charters use: ages and
birthdays, date arithmetic, counts and filters over the members present on the day judged, parameters
that change on a day (and have no value before their first) and tables of them keyed by truth values and
labels and by a category of the charter, functions of the charter (one typed, one typed by its calls),
`the` and division (evaluation errors on some households), `case`
and `if` (amounts that can be unknown), obligations with penalties (one-off, or per day or month late with
a cap) and suspensions, of the household or with an instance for each person or day of a list, conditions
on the status of obligations (`breached(o)`, `breached(o, 1 year)`, `fulfilled(o)`, `pending(o)`, in
benefits, eligibilities and later obligations), a veto, contract clauses, costs shared among the levels
and the household with takeovers (shares that do not add up now and then: an evaluation error), and now
and then a construct with no SQL form. The charter is type-correct by construction: a generated charter that does
not check is a bug of this file."""

from __future__ import annotations

import attrs
from hypothesis import strategies as st

HEADER = '''charter gen "生成的章程（测试用）"
  level town
  uses family_planning
  in force {in_force}

household fields:
  size: integer = 0 "人口"
  subsidy: money = 0 yuan "补助"
  ends_on: optional date "协议到期日"
  flag: bool = false "标记"
  Flag: bool = false "另一标记"

parameter rate "标准" = 5 yuan from 2004-01-01, 8 yuan from 2005-07-01
parameter grid "分档标准" per rural, flag:
  from 2004-01-01:
    true, true = 7 yuan
    true, false = 5 yuan
    false, true = 3 yuan
    false, false = 1 yuan
  from 2005-07-01:
    true, true = 9 yuan
    false, false = 2 yuan
parameter by_sex "按性别标准" per sex:
  female = 4 yuan
  male = 2 yuan
define present "在户成员" = members where (died_on is missing or died_on > today)
  and (left_on is missing or left_on > today)
define kids "子女" = present where role = child
define spouses "夫妻" = present where role in {{husband, wife}}
define girls "女儿" = kids where sex = female
define first_kid "长子女" = nth(kids, 1)
define method_on "落实节育措施日" =
  earliest((spouses where contraception in {{iud, implant, sterilization}}).contraception_on)
define standing "情形" = if any(ever members, role = child and died(it)) then bereaved else if count(kids) = 0 then childless else case rural {{true: country, false: townsfolk}}
parameter by_standing "按情形标准" per standing, flag:
  from 2004-01-01:
    bereaved, true = 9 yuan
    bereaved, false = 8 yuan
    childless, true = 6 yuan
    childless, false = 5 yuan
    country, true = 3 yuan
    country, false = 2 yuan
    townsfolk, true = 1 yuan
    townsfolk, false = 0 yuan
  from 2005-07-01:
    bereaved, false = 10 yuan
define older_than(p: person, n: integer) "年满" = age of p >= n
define born_after(d) "某日后出生的子女数" = count(kids where birth_date > d)
'''

SCHEDULE_KINDS = ("once", "once per member", "monthly first day", "monthly last day", "yearly",
                  "each of", "each of per member")
"""Every schedule kind a generated charter can hold (a benefit's schedule, household or per member)."""

_SUBJECTS = ["present", "kids", "girls", "spouses where role = wife", "members", "members where role = child",
             "ever members where role = child"]
_HOUSEHOLD_DAYS = ["one_child_cert_on", "contract_signed_on", "contract_signed_on + 1 year", "ends_on",
                   "latest(preferential_cert_on, 2004-07-01)", "first_kid.birth_date + 6 months", "2005-02-28",
                   "birthday(first_kid, 1)", "method_on", "earliest(kids.birth_date) - 1 day",
                   "ends_on + 12 months - 1 day"]
_MEMBER_DAYS = ["birthday({p}, {n})", "{p}.admitted_on", "{p}.birth_date + {n} months", "{p}.contraception_on",
                "{p}.died_on", "{p}.left_on - 1 day", "birthday({p}, 60)"]
_HOUSEHOLD_LISTS = ["spouses.pregnancy_checks", "members.pregnancy_checks", "present.pregnancy_checks",
                    "kids.birth_date"]
# household days that do not depend on the day they are computed on (see `charters(judged_at_end=False)`)
_STABLE_DAYS = ["one_child_cert_on", "contract_signed_on", "contract_signed_on + 1 year", "ends_on",
                "latest(preferential_cert_on, 2004-07-01)", "2005-02-28", "ends_on + 12 months - 1 day"]

_YEAR_DAYS = ["01-01", "02-28", "02-29", "03-01", "06-30", "09-01", "12-31"]
_CONDITIONS = [
    "year_of(contract_signed_on) >= 2004", "any(spouses, contraception = 绝育)",
    "rural", "flag", "not Flag", "count(kids) >= {k}", "count(girls) = {k}", "count(present, sex = female) >= {k}",
    "one_child_cert_on is set", "preferential_cert_on <= today", "contract_signed_on + {n} years <= today",
    "second_birth_waiver_on is missing", "any(spouses, contraception in {{iud, implant, sterilization}})",
    "all(spouses, ethnicity = minority)", "age of first_kid < {a}", "birthday(first_kid, {a}) > today",
    "size > {k}", "size * size >= {k}", "size * size >= {k}", "subsidy > {k} yuan", "ends_on - {n} months >= today",
    "count(kids) = 1 and age of the(kids) < {a}", "method_on is set and method_on <= today",
    "latest(present.birth_date) >= 2000-02-29", "earliest(kids.birth_date) + 6 months <= today",
    "any(kids, out_of_policy_birth)", "count(ever members) > count(present)", "ends_on is missing or ends_on >= today",
    "month_of(one_child_cert_on) >= {k}", "几号(contract_signed_on + {n} months) = 31",
    "any(ever members, role = child and died(it))", "alive(nth(ever members where role = husband, 1))",
    "count(kids where by_sex[sex] > 3 yuan) >= {k}",
    "standing = bereaved", "standing in {{childless, country}}", "standing != townsfolk",
    "older_than(first_kid, {a})", "born_after(2003-06-30) >= {k}", "born_after(today - {n} years) >= {k}",
    # evaluation errors on some households: these send them one by one in the batch engine
    "age of the(kids) < {a}", "rate > 6 yuan", "grid[flag, Flag] > 4 yuan",
]
_MEMBER_CONDITIONS = [
    "{p}.sex = 女", "{p}.role in {{子女, 妻子}}",
    "age of {p} between {a} and {b}", "{p}.sex = female", "{p}.education >= junior_middle", "birthday({p}, 18) > today",
    "{p}.out_of_policy_birth", "{p}.died_on is missing", "{p}.admitted_on is set", "age of {p} on 2005-06-30 >= {a}",
    "{p}.birth_date >= first_kid.birth_date", "count(kids where birth_date > {p}.birth_date) >= 1",
    "day_of_month({p}.birth_date) <= {a}", "alive({p})", "not died({p})",
    "older_than({p}, {a})", "born_after({p}.birth_date) = 0",
]
# conditions on the status of an obligation `{o}` (of the charter, judged before what reads it)
_STATUS_CONDITIONS = ["breached({o})", "not breached({o})", "not breached({o}, 1 year)", "breached({o}, {n} months)",
                      "not 违约({o}, {n} days)", "fulfilled({o})", "pending({o})", "not 待履行({o})",
                      "not breached({o}, contract_signed_on)", "fulfilled({o}) or not pending({o})"]
_UNIT_CONDITIONS = ["month_of(unit end) in {{6, 12}}", "unit start >= 2005-03-01", "unit end <= ends_on", "birthday(first_kid, 18) >= unit start",
                    "age of first_kid on unit end < {a}", "unit end - 1 month < 2005-06-30"]
_AMOUNTS = [
    "case rural {{true: {m} yuan, false: {m2} yuan}}", "round_to_yuan(subsidy * size)", "round_to_jiao(rate * count(kids))",
    "{m} yuan", "rate", "subsidy", "rate * count(kids)", "if rural then {m} yuan else {m2} yuan", "max(rate, {m} yuan)",
    "{m} yuan * (count(kids) - 1)", "if one_child_cert_on <= today then {m} yuan else {m2} yuan",
    "1 yuan * size", "1 yuan * size", "grid[rural, flag]", "grid[not rural, true] * count(kids)",
    "by_standing[standing, flag]", "case standing {{bereaved: {m} yuan, childless: {m2} yuan, else: 1 yuan}}",
    "{m} yuan * born_after(2001-01-01)", "if older_than(first_kid, {a}) then {m} yuan else {m2} yuan",
]
_MEMBER_AMOUNTS = ["case {p}.sex {{女: {m} yuan, 男: {m2} yuan}}", "case {p}.sex {{female: {m} yuan, male: {m2} yuan}}",
                   "case {p}.admission_tier {{undergrad_first: {m} yuan, else: {m2} yuan}}",
                   "{m} yuan * age of {p}", "by_sex[{p}.sex] + grid[rural, {p}.out_of_policy_birth]",
                   "if older_than({p}, 18) then {m} yuan else {m2} yuan"]
# constructs with no SQL form (a list literal outside `in`, division): the batch engine evaluates every
# household of a charter that has one by the household evaluator; division by zero is an evaluation error
_NO_SQL_AMOUNTS = ["sum([1 yuan, {m} yuan])", "subsidy / count(kids)", "{m} yuan / 3", "rate * (count(present) / count(kids))"]


@attrs.frozen
class Generated:
    """A generated charter: its text, the schedule kind of each benefit, and whether some article has no
    SQL form."""

    text: str
    schedules: tuple[tuple[str, str], ...]
    without_sql: bool

    @property
    def kinds(self) -> dict[str, str]:
        """The schedule kind of each benefit, by id."""
        return dict(self.schedules)


def chance(draw: st.DrawFn, one_in: int) -> bool:
    """True once in `one_in` draws (the rare outcome last, so that the simplest examples are the common ones)."""
    return bool(draw(st.sampled_from([False] * (one_in - 1) + [True])))


def _fill(draw: st.DrawFn, template: str, p: str | None = None) -> str:
    a = draw(st.integers(0, 20))
    return template.format(p=p or "", k=draw(st.integers(0, 3)), n=draw(st.integers(1, 18)), a=a,
                           b=a + draw(st.integers(0, 15)), m=draw(st.integers(1, 300)),
                           m2=draw(st.integers(0, 300)))


@st.composite
def _condition(draw: st.DrawFn, p: str | None, units: bool, statuses: tuple[str, ...] = (), depth: int = 0) -> str:
    pools = [_CONDITIONS] + ([_MEMBER_CONDITIONS] if p else []) + ([_UNIT_CONDITIONS] if units else [])
    if depth < 2 and chance(draw, 4):
        left = draw(_condition(p, units, statuses, depth + 1))
        right = draw(_condition(p, units, statuses, depth + 1))
        return draw(st.sampled_from([f"({left} and {right})", f"({left} or {right})", f"not ({left})"]))
    if statuses and chance(draw, 4):  # the status of an obligation that `statuses` names
        template = draw(st.sampled_from(_STATUS_CONDITIONS))
        return template.format(o=draw(st.sampled_from(statuses)), n=draw(st.integers(1, 18)))
    return _fill(draw, draw(st.sampled_from(draw(st.sampled_from(pools)))), p)


@st.composite
def _benefit(draw: st.DrawFn, number: int, no_sql: bool, stable: bool,
             statuses: tuple[str, ...] = ()) -> tuple[str, str, bool]:
    """A benefit (with no SQL form when `no_sql`; with household days that do not depend on the day they
    are computed on when `stable`; its conditions may read the status of the obligations `statuses`):
    its text, its schedule kind, and `no_sql`."""
    p = "p" if draw(st.booleans()) else None
    lines = [f'benefit b{number} "第{number}条 生成的待遇":']
    if p:
        subject = draw(st.sampled_from(_SUBJECTS))
        lines.append(f"  for each {p} in {subject}")
    kind = draw(st.sampled_from(["once", "monthly", "yearly", "each of"]))
    if stable and kind == "each of" and not p:
        # a household's list of days reads who is in the household, even `members` (born by the day)
        kind = "yearly"
    if kind == "once":
        household = _STABLE_DAYS if stable else _HOUSEHOLD_DAYS
        day = _fill(draw, draw(st.sampled_from(_MEMBER_DAYS if p and draw(st.booleans()) else household)), p)
        lines.append(f"  once on {day}")
        kind = "once per member" if p else "once"
    elif kind == "monthly":
        which = draw(st.sampled_from(["first", "last"]))
        lines.append(f"  every month on {which} day")
        kind = f"monthly {which} day"
    elif kind == "yearly":
        days = sorted(draw(st.sets(st.sampled_from(_YEAR_DAYS), min_size=1, max_size=3)))
        lines.append(f"  every year on {', '.join(days)}")
    else:
        days = f"{p}.pregnancy_checks" if p and (stable or draw(st.booleans())) else \
            draw(st.sampled_from(_HOUSEHOLD_LISTS))
        cap = f" at most {draw(st.integers(1, 3))} per year" if draw(st.booleans()) else ""
        lines.append(f"  on each of {days}{cap}")
        kind = "each of per member" if p else "each of"
    if chance(draw, 5):
        lines.append("  contract signed on contract_signed_on")
    units = not kind.startswith("once")
    for _ in range(draw(st.sampled_from([0, 0, 1, 1, 1, 2]))):
        lines.append(f"  when {draw(_condition(p, units, statuses))}")
    if chance(draw, 4):
        lines.append(f"  unless {draw(_condition(p, units, statuses))}")
    pool = _AMOUNTS + (_MEMBER_AMOUNTS if p else [])
    if no_sql:
        cost = _fill(draw, draw(st.sampled_from(_NO_SQL_AMOUNTS)))
        lines.append(f"  pay {cost}")
    elif chance(draw, 5):
        cost = _fill(draw, draw(st.sampled_from(pool)), p)
        lines.append(f"  grant costing {cost}" if draw(st.booleans()) else "  grant")
    else:
        cost = _fill(draw, draw(st.sampled_from(pool)), p)
        lines.append(f"  pay {cost}")
    if lines[-1].startswith("  grant costing"):
        if not chance(draw, 2):  # else no split: the whole cost on the charter's level, the town
            lines += draw(_split(cost, p, units, statuses))
    elif lines[-1] != "  grant" and chance(draw, 3):
        lines += draw(_split(cost, p, units, statuses))
    return "\n".join(lines), kind, no_sql


_MEMBER_TRIGGERS = ["{p}.birth_date", "{p}.admitted_on", "{p}.contraception_on", "birthday({p}, {k})",
                    "{p}.birth_date + {n} months"]
_MEMBER_FULFILMENTS = ["{p}.admitted_on", "{p}.contraception_on", "earliest({p}.pregnancy_checks)",
                       "birthday({p}, 1)"]
_DAY_LISTS = ["spouses.pregnancy_checks", "members.pregnancy_checks", "kids.birth_date", "ever members.birth_date"]
_DAY_TRIGGERS = ["d", "d + {n} days", "d - 1 month"]
_DAY_FULFILMENTS = ["earliest(spouses.pregnancy_checks where it > d)", "earliest(kids.admitted_on where it >= d)",
                    "method_on", "latest(spouses.pregnancy_checks where it between d and d + {n} months)"]
_HOUSEHOLD_FULFILMENTS = ["method_on", "one_child_cert_on", "preferential_cert_on", "second_birth_waiver_on"]


@st.composite
def _split(draw: st.DrawFn, cost: str, p: str | None, units: bool, statuses: tuple[str, ...]) -> list[str]:
    """A `cost shared:` block of a cost: its shares (adding up to it, or now and then not: an evaluation
    error of some households), then up to two takeovers of a share, whole or in parts."""
    m = draw(st.integers(0, 40))
    form = draw(st.sampled_from(["whole", "parts", "parts", "parts", "mismatch"]))
    if form == "whole":
        shares = [("village", cost)]
    elif form == "parts":
        shares = [("county", f"{m} yuan"), ("household", f"({cost}) - {m} yuan")]
    else:
        shares = [("county", f"{m} yuan"), ("household", "subsidy")]
    lines = ["  cost shared:", *(f"    {payer} {amount}" for payer, amount in shares)]
    for _ in range(draw(st.sampled_from([0, 1, 1, 2]))):
        payer, share = draw(st.sampled_from(shares))
        condition = draw(_condition(p, units, statuses))
        k = draw(st.integers(0, 9))
        takers = draw(st.sampled_from(["town", f"province {k} yuan, town ({share}) - {k} yuan"]))
        lines.append(f"    when {condition}: {payer} taken over by {takers}")
    return lines


@st.composite
def _obligation(draw: st.DrawFn, number: int, benefits: list[str], stable: bool = False,
                statuses: tuple[str, ...] = ()) -> str:
    """An obligation: of the household, or with an instance for each person or day of a list (`for each`);
    its penalty one-off or per delay (capped). With `stable`, of the household, with a trigger and a
    fulfilment that read fields only, so that its status does not depend on the day it is judged as of;
    its conditions may read the status of the obligations `statuses`."""
    lines = [f'obligation o{number} "第{number}条 生成的义务":']
    each = None if stable else draw(st.sampled_from([None, None, "p", "d"]))
    p = "p" if each == "p" else None
    if each == "p":
        lines.append(f"  for each p in {draw(st.sampled_from(_SUBJECTS))}")
    elif each == "d":
        lines.append(f"  for each d in {draw(st.sampled_from(_DAY_LISTS))}")
    if chance(draw, 3):
        lines.append("  contract signed on contract_signed_on")
    if each == "p":
        trigger = _fill(draw, draw(st.sampled_from(_MEMBER_TRIGGERS)), p)
    elif each == "d":
        trigger = _fill(draw, draw(st.sampled_from(_DAY_TRIGGERS)))
    else:
        triggers = ["contract_signed_on", "one_child_cert_on", "ends_on", "2005-02-28", "preferential_cert_on"]
        if not stable:
            triggers[1:1] = ["nth(kids, 2).birth_date"]
            triggers[-1:-1] = ["latest(kids.birth_date)"]
        trigger = draw(st.sampled_from(triggers))
    lines.append(f"  triggered on {trigger}")
    lines.append(f"  within {draw(st.integers(1, 12))} {draw(st.sampled_from(['days', 'months', 'years']))}")
    if chance(draw, 3):
        lines.append(f"  when {draw(_condition(p, False, statuses))}")
    if chance(draw, 5):
        lines.append(f"  unless {draw(_condition(p, False, statuses))}")
    household = [f for f in _HOUSEHOLD_FULFILMENTS if not (stable and f == "method_on")]
    fulfilments = household + (_MEMBER_FULFILMENTS if each == "p" else _DAY_FULFILMENTS if each else [])
    lines.append(f"  fulfilled on {_fill(draw, draw(st.sampled_from(fulfilments)), p)}")
    consequences = []
    if chance(draw, 3):
        rate = draw(st.sampled_from([f"{draw(st.integers(0, 50))} yuan", "rate", "subsidy"]))
        delay = draw(st.sampled_from(["day", "month", f"{draw(st.integers(2, 40))} days",
                                      f"{draw(st.integers(2, 5))} months"]))
        cap = draw(st.sampled_from([f"{draw(st.integers(0, 500))} yuan", "subsidy * 2", "rate * size"]))
        if draw(st.booleans()):
            consequences.append(f"    penalty {rate} per {delay} late, at most {cap}")
        else:
            consequences.append(f"    penalty every {delay} late, {rate}, at most {cap}")
    elif not chance(draw, 4):
        amount = draw(st.sampled_from([f"{draw(st.integers(1, 500))} yuan", "rate", "subsidy"]))
        within = f" within {draw(st.integers(1, 3))} months" if draw(st.booleans()) else ""
        consequences.append(f"    penalty {amount}{within}")
    suspended = draw(st.lists(st.sampled_from(benefits), unique=True, max_size=2)) if benefits else []
    if suspended:
        until = draw(st.sampled_from(["until fulfilled", "for good"]))
        consequences.append(f"    suspend {', '.join(suspended)} {until}")
    if consequences:
        lines += ["  on breach:", *consequences]
    return "\n".join(lines)


@st.composite
def charters(draw: st.DrawFn, sql_less: bool = True, judged_at_end: bool = True) -> Generated:
    """A charter in use: 1 to 5 benefits, up to 2 obligations, perhaps an eligibility `e` and a veto; now and then (unless not
    `sql_less`) one benefit has no SQL form. Without `judged_at_end`, nothing that is computed as of the
    period's last day changes with that day: no veto, obligations whose trigger and fulfilment read fields
    only, and the days of household schedules read fields, not who is in the household."""
    in_force = draw(st.sampled_from(["2000-01-01", "2000-01-01", "2004-07-01", "2005-03-15"]))
    parts = [HEADER.format(in_force=in_force)]
    schedules = []
    ids = []
    without_sql = False
    count = draw(st.integers(1, 5))
    obligations = tuple(f"o{number}" for number in range(count + 1, count + 1 + draw(st.integers(0, 2))))
    # the benefit with no SQL form, if any
    without = draw(st.sampled_from([0] * (8 * count - count) + list(range(1, count + 1)))) if sql_less else 0
    for number in range(1, count + 1):
        text, kind, no_sql = draw(_benefit(number, number == without, not judged_at_end, obligations))
        parts.append(text)
        schedules.append((f"b{number}", kind))
        ids.append(f"b{number}")
        without_sql = without_sql or no_sql
    for i, name in enumerate(obligations):  # each may read the status of those before it
        parts.append(draw(_obligation(int(name[1:]), ids, not judged_at_end, obligations[:i])))
    if chance(draw, 2):
        p = "p" if draw(st.booleans()) else None
        lines = [f'eligibility e "第{len(ids) + 9}条 生成的资格":']
        if p:
            lines.append(f"  for each {p} in {draw(st.sampled_from(_SUBJECTS))}")
        for i in range(draw(st.integers(1, 3))):
            lines.append(f"  require c{i + 1}: {draw(_condition(p, False, obligations))}")
        if chance(draw, 3):
            lines.append(f"  unless {draw(_condition(p, False, obligations))}")
        parts.append("\n".join(lines))
    if judged_at_end and chance(draw, 4):
        day = draw(st.sampled_from(["earliest((kids where out_of_policy_birth).birth_date)", "ends_on"]))
        parts.append(f'veto v "一票否决":\n  from {day}')
    return Generated("\n\n".join(parts) + "\n", tuple(schedules), without_sql)
