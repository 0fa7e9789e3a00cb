"""Parse + check + compile time of a generated charter with N articles (default 1,000).

Run on demand (not a test):  python bench/large_charter.py [--articles N] [--runs R]

The charter extends charters/hongshandian.charter and cycles through five kinds of article (a
monthly benefit, a one-time benefit per daughter, a yearly in-kind grant, an obligation with a
penalty and a suspension, an eligibility), each with its own definitions and parameters, so the
checker and both compilers see realistic variety. Reports the median of R runs of each stage.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from charterlib.check import Library
from charterlib.common.source import SourceFile
from charterlib.compile import CompiledBackend
from charterlib.evaluate import Engine
from charterlib.parse import parse
from charterlib.runtime import Period

ROOT = Path(__file__).resolve().parent.parent


def charter_text(n: int) -> str:
    lines = ['charter big "生成的大型章程"', "  level village", "  extends hongshandian", "  in force 2005-01-01", ""]
    for i in range(n):
        kind = i % 5
        lines.append(f"parameter rate_{i} = {10 + i % 7} yuan from 2005-01-01, {12 + i % 7} yuan from 2008-01-01")
        lines.append(f"define girls_{i} = count(children where sex = female and age of it >= {i % 12})")
        if kind == 0:
            lines += [f'benefit monthly_{i} "第{i}条 月补助":', "  every month on last day",
                      f"  when rural and girls_{i} >= 1 and one_child_cert_on <= today", f"  pay rate_{i}"]
        elif kind == 1:
            lines += [f'benefit award_{i} "第{i}条 奖励":', "  for each daughter in daughters",
                      "  once on daughter.admitted_on", "  when preferential_cert_on <= today",
                      "  pay case daughter.admission_tier {undergrad_first: 500 yuan, else: 100 yuan}"]
        elif kind == 2:
            lines += [f'benefit waiver_{i} "第{i}条 减免":', "  for each daughter in daughters",
                      "  every year on 03-01, 09-01", f"  when two_daughter_household and age of daughter between 6 and {15 + i % 3}",
                      "  grant"]
        elif kind == 3:
            lines += [f'obligation duty_{i} "第{i}条 义务":', "  contract signed on contract_signed_on",
                      "  triggered on nth(children, 2).birth_date", f"  within {3 + i % 6} months",
                      "  unless all(spouses, ethnicity = minority)",
                      "  fulfilled on earliest((spouses where contraception in {sterilization, iud}).contraception_on)",
                      "  on breach:", f"    penalty {100 + i} yuan", f"    suspend monthly_{i - 3} until fulfilled"]
        else:
            lines += [f'eligibility officer_{i} "第{i}条 资格":', "  for each candidate in members",
                      "  require sex = female", f"  require age: age of candidate <= {40 + i % 10}",
                      "  require education >= junior_middle"]
        lines.append("")
    return "\n".join(lines)


def median_ms(fn, runs: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, value = [], None
    for _ in range(runs):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    text = charter_text(args.articles)
    source = SourceFile(str(ROOT / "charters" / "big.charter"), text)
    parse(SourceFile("warm.charter", 'charter w "w"\n  in force 2005-01-01\n'))  # build the parser once
    parse_ms, parsed = median_ms(lambda: parse(source), args.runs)
    assert parsed.ok, parsed.diagnostics[:3]  # type: ignore[attr-defined]

    def check() -> object:
        result = Library([ROOT / "charters"]).check_source(source, ROOT / "charters" / "big.charter")
        assert result.ok, [d.render() for d in result.diagnostics[:3]]
        return result.charter

    check_ms, charter = median_ms(check, args.runs)  # includes parsing, and checking hongshandian
    compile_ms, _ = median_ms(lambda: Engine(charter, CompiledBackend(charter)), args.runs)  # type: ignore[arg-type]
    try:
        from charterlib.sql import Planner

        sql_ms, _ = median_ms(lambda: Planner(charter).plan(Period.parse("2005")), args.runs)  # type: ignore[arg-type]
    except ImportError:
        sql_ms = float("nan")
    lines = text.count("\n") + 1
    print(f"{args.articles} articles, {lines} lines; median of {args.runs} runs")
    print(f"  parse                      {parse_ms:8.1f} ms")
    print(f"  parse + check              {check_ms:8.1f} ms")
    print(f"  compile (Python source)    {compile_ms:8.1f} ms")
    print(f"  parse + check + compile    {check_ms + compile_ms:8.1f} ms")
    print(f"  SQL plan for 2005          {sql_ms:8.1f} ms")


if __name__ == "__main__":
    main()
