"""Conditions on the status of an obligation with an instance for each event (issue 10 §5, both bullets
together): `breached(o)` is true on a day when some instance is in breach then, `pending(o)` when some
instance is pending, `fulfilled(o)` when every instance that concerns the household by then is fulfilled
(and one at least). The same in every engine."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from conftest import CHARTERS
from entry_points import every_engine

import charterlib

TEXT = '''charter instances "逐一登记与诚信奖励"
  level town
  uses family_planning
  in force 2005-01-01

person fields:
  registered_on: optional date "出生登记日"

define children "子女" = members where role = child

obligation register_births "第一条 每个子女出生后三十日内登记":
  for each c in children
  triggered on c.birth_date
  within 30 days
  fulfilled on c.registered_on
  on breach:
    penalty 50 yuan

benefit honest "第二条 无违约户每月奖励":
  every month on last day
  when count(children) >= 1 and not breached(register_births)
  pay 10 yuan

benefit all_registered "第三条 子女均已登记，年终奖励":
  every year on 12-31
  when fulfilled(register_births)
  pay 100 yuan

benefit waiting "第四条 尚在登记期限内，每月提醒补贴":
  every month on last day
  when pending(register_births)
  pay 1 yuan
'''


def _child(pid: str, born: str, registered: str | None = None) -> dict[str, Any]:
    more = {"registered_on": registered} if registered else {}
    return {"id": pid, "role": "child", "sex": "female", "birth_date": born, **more}


REGISTER: list[dict[str, Any]] = [
    # A: two children, both registered in time (2005-03-10 born, 03-20 registered; 2005-08-01 born,
    # 08-15 registered): never in breach, so 第二条 pays March to December, 10 months × 10 = 100; every
    # instance fulfilled on 12-31: 第三条 100; pending on 03-31 (03-20 registered: no), 08-31 (no):
    # the last day of a month never finds an instance pending, so 第四条 nothing. Total 200.
    {"id": "A", "village": "x", "members": [_child("A-1", "2005-03-10", "2005-03-20"),
                                             _child("A-2", "2005-08-01", "2005-08-15")]},
    # B: the first child registered in time (2005-01-05 born, 01-10), the second born 2005-06-20 and
    # registered late on 2005-09-01: deadline 07-20, in breach from 07-21 until 08-31 (cured 09-01).
    # 第二条: Jan to Jun paid (6), Jul and Aug in breach (no), Sep to Dec paid (4): 10 × 10 = 100.
    # 第三条 on 12-31: the second instance is breached (cured late), not fulfilled: nothing.
    # 第四条: pending on 06-30 (born 06-20, deadline 07-20): 1. Penalty 50. Total 101.
    {"id": "B", "village": "x", "members": [_child("B-1", "2005-01-05", "2005-01-10"),
                                             _child("B-2", "2005-06-20", "2005-09-01")]},
    # C: one child born 2005-12-15, not registered by 12-31 (deadline 2006-01-14): pending on 12-31.
    # 第二条: December only (a child from 12-15), not in breach: 10. 第三条: not fulfilled. 第四条: 1.
    {"id": "C", "village": "x", "members": [_child("C-1", "2005-12-15")]},
    # D: no children: 第二条 needs a child; no instance: not fulfilled, not pending. Nothing.
    {"id": "D", "village": "x", "members": [{"id": "D-w", "role": "wife", "sex": "female",
                                             "birth_date": "1980-01-01"}]},
]


def test_status_conditions_read_every_instance_in_every_engine(tmp_path: Path) -> None:
    compiled = charterlib.loads(TEXT, "instances.charter", [CHARTERS])
    reference = charterlib.loads(TEXT, "instances.charter", [CHARTERS], backend="reference")
    outcomes = every_engine(compiled, reference, REGISTER, "2005", tmp_path)
    assert outcomes["A"]["cash"] == {"honest": "100.00", "all_registered": "100.00"}
    assert outcomes["B"]["cash"] == {"honest": "100.00", "waiting": "1.00"}
    assert outcomes["B"]["penalties"] == {"register_births": "50.00"}
    assert outcomes["C"]["cash"] == {"honest": "10.00", "waiting": "1.00"}
    assert outcomes["D"]["cash"] == {}
    result = compiled.evaluate(REGISTER[1], "2005")
    assert result.total_cash == Decimal("101.00")


def test_the_explanation_names_each_instance_it_read() -> None:
    compiled = charterlib.loads(TEXT, "instances.charter", [CHARTERS])
    text = compiled.explain(REGISTER[1], "2005").to_text("en")
    assert ("      → breached(register_births) = true: B-1 fulfilled on 2005-01-10; B-2 in breach since "
            "2005-07-21, not cured by 2005-08-31") in text
    zh = compiled.explain(REGISTER[1], "2005").to_text("zh")
    assert "      → 违约(register_births) = 假: B-1 于 2005-01-10 履行；B-2 自 2005-07-21 起违约，于 2005-09-01 纠正" in zh
