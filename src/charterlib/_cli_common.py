"""What the subcommands of `charter` share: exit statuses, output, sentences in English and Chinese,
checks of the files named on the command line, loading a charter."""

from __future__ import annotations

import argparse
import json
import os
import re
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .charter import Charter, load
from .common.diagnostics import display_width, render_all
from .common.errors import CharterDiagnosticsError
from .common.suggest import closest
from .common.text import printable, printable_lines
from .records import read_records, read_tables

CLEAN, INPUT, USAGE, LOOK = 0, 1, 2, 3
"""Exit statuses: clean; input errors (or nothing to do); the command cannot run as asked; results that
need a look (warnings, amounts unknown)."""


class Refused(Exception):
    """The command cannot run as asked (exit 2): a flag value, a combination, a file that cannot be opened."""


WORDS: dict[str, dict[str, str]] = {
    "en": {
        "error": "error: {m}",
        "warning": "warning: {m}",
        "no_file": "{p}: no such file",
        "no_folder": "{p}: no such folder",
        "is_folder": "{p} is a folder, not a file",
        "not_folder": "{p} is not a folder",
        "not_regular": "{p} is not a regular file (a device, a pipe or a socket)",
        "unreadable": "{p}: cannot be read (no permission)",
        "only_batch": "{f} applies to the batch engine only (--engine batch, or --out)",
        "only_sql": "{f} applies to the SQL plan only (with --sql)",
        "persons_json": "--persons goes with a households table (.csv or .parquet), not with {p}",
        "needs_batch": "{what} needs the `batch` extra: pip install 'charterlib[batch]'",
        "same_file": "--out and --errors name the same file {p}",
        "overwrite": "{f} {p} is the register itself: give another file",
        "no_progress": "--progress needs tqdm, from the `batch` extra: pip install 'charterlib[batch]'",
        "empty": "nothing was evaluated: the register {p} holds no households.",
        "nothing_judged": "nothing was judged: the register {p} holds no households.",
        "summary": "{n} household{s} read: {e} evaluated, {b} with errors; total cash {t}, penalties {pen}.",
        "warnings": "{w} warning{s}: see above; every household has a result, but the register needs a look.",
        "warnings_too": "{w} warning{s}: see above; the register needs a look as well.",
        "amount_unknown": "units due but of unknown amount, for values missing from the register: {u} in {h} "
                          "household{hs} ({a}); not in the totals (see amount_unknown in the results).",
        "unknown_column": "amount unknown",
        "article_total": "  {a}: {v}",
        "penalties_of": "  {a} (penalties): {v}",
        "one_by_one": "{n} households were evaluated one by one by the household evaluator (an article "
                      "would have failed on them in SQL).",
        "unvectorized": "article {a} cannot run set-at-a-time ({r}): every household is evaluated one by one.",
        "unvectorized_all": "the charter cannot run set-at-a-time ({r}): every household is evaluated one by one.",
        "title": "charter {c} {t} — period {p} — {n} household{s}",
        "household": "household", "total_cash": "total cash", "in_kind": "in kind", "penalties": "penalties",
        "total": "total",
        "pending": "pending, due {d}", "fulfilled": "fulfilled {d}", "breached": "breached since {d}",
        "cured": ", cured {d}", "not_applicable": "not applicable",
        "person": "person", "eligible": "eligible", "failed": "failed", "yes": "yes", "no": "no",
        "on": "{a} on {d}:",
        "no_household": "no household {h} in {p}{hint}",
        "did_you_mean": " (did you mean {x}?)",
    },
    "zh": {
        "error": "错误：{m}",
        "warning": "警告：{m}",
        "no_file": "{p}：文件不存在",
        "no_folder": "{p}：文件夹不存在",
        "is_folder": "{p} 是文件夹，不是文件",
        "not_folder": "{p} 不是文件夹",
        "not_regular": "{p} 不是普通文件（是设备、管道或套接字）",
        "unreadable": "{p}：无权读取",
        "only_batch": "{f} 只用于整批计算引擎（--engine batch 或 --out）",
        "only_sql": "{f} 只用于 SQL 计划（与 --sql 一起使用）",
        "persons_json": "--persons 要与户表（.csv 或 .parquet）一起使用，不能与 {p} 一起使用",
        "needs_batch": "{what}需要安装 `batch` 扩展：pip install 'charterlib[batch]'",
        "same_file": "--out 和 --errors 指向同一个文件 {p}",
        "overwrite": "{f} {p} 就是户籍册本身：请另给一个文件",
        "no_progress": "--progress 需要 tqdm（`batch` 扩展）：pip install 'charterlib[batch]'",
        "empty": "没有计算任何户：户籍册 {p} 中没有户。",
        "nothing_judged": "没有判定任何人：户籍册 {p} 中没有户。",
        "summary": "读取 {n} 户：计算 {e} 户，{b} 户有错误；现金合计 {t} 元，违约金 {pen} 元。",
        "warnings": "{w} 条警告：见上文；每户都有结果，但户籍册需要核查。",
        "warnings_too": "{w} 条警告：见上文；户籍册还需要核查。",
        "amount_unknown": "{h} 户共 {u} 期应发，但户籍册缺少数据，金额无法计算（见结果中的 amount_unknown）：{a}；"
                          "未计入合计。",
        "unknown_column": "金额不明",
        "article_total": "  {a}：{v} 元",
        "penalties_of": "  {a}（违约金）：{v} 元",
        "one_by_one": "{n} 户由逐户引擎计算（某条款在 SQL 中无法计算这些户）。",
        "unvectorized": "条款 {a} 无法整批计算（{r}）：每户都逐户计算。",
        "unvectorized_all": "本章程无法整批计算（{r}）：每户都逐户计算。",
        "title": "章程 {c}《{t}》— 期间 {p} — {n} 户",
        "household": "户", "total_cash": "现金合计", "in_kind": "实物", "penalties": "违约金", "total": "合计",
        "pending": "待履行，期限 {d}", "fulfilled": "于 {d} 履行", "breached": "自 {d} 起违约",
        "cured": "，于 {d} 纠正", "not_applicable": "不适用",
        "person": "人", "eligible": "是否符合", "failed": "未满足的条件", "yes": "是", "no": "否",
        "on": "{a}，于 {d}：",
        "no_household": "{p} 中没有户 {h}{hint}",
        "did_you_mean": "（是不是 {x}？）",
    },
}


def say(args: argparse.Namespace, key: str, **values: Any) -> str:
    """A sentence in the language of the command (`--lang`, English by default)."""
    return WORDS[getattr(args, "lang", "en") or "en"][key].format(**values)


def out(text: str) -> None:
    """Print to standard output, control characters from data escaped."""
    sys.stdout.write(printable_lines(text) + ("\n" if not text.endswith("\n") else ""))


def err(text: str) -> None:
    """Print to standard error, control characters from data escaped."""
    sys.stderr.write(printable_lines(text) + ("\n" if not text.endswith("\n") else ""))


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def out_json(data: Any, indent: int = 1, to_stderr: bool = False) -> None:
    """Print data as JSON; characters a terminal would act on are written as `\\u` escapes (json.dumps
    escapes the C0 controls already), which leaves the same JSON."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    text = _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
    (sys.stderr if to_stderr else sys.stdout).write(text + "\n")


def table(rows: list[list[str]], right: set[int]) -> str:
    """Rows as columns aligned for a terminal (cells of data escaped first)."""
    rows = [[printable(c) for c in row] for row in rows]
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - display_width(cell))
            cells.append(pad + cell if i in right else cell + pad)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def readable_file(args: argparse.Namespace, value: str) -> Path:
    """A file named on the command line, once it is known to be a regular file that can be read."""
    path = Path(value)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise Refused(say(args, "no_file", p=value)) from None
    except OSError as exc:
        raise Refused(f"{value}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise Refused(say(args, "is_folder", p=value))
    if not stat.S_ISREG(mode):
        raise Refused(say(args, "not_regular", p=value))
    if not os.access(path, os.R_OK):
        raise Refused(say(args, "unreadable", p=value))
    return path


def readable_folder(args: argparse.Namespace, value: str) -> Path:
    """A folder named on the command line, once it is known to exist."""
    path = Path(value)
    if not path.exists():
        raise Refused(say(args, "no_folder", p=value))
    if not path.is_dir():
        raise Refused(say(args, "not_folder", p=value))
    return path


def search_path(args: argparse.Namespace) -> list[str]:
    """The folders of `--path`, given before or after the subcommand, each checked to exist."""
    folders = [*getattr(args, "path", []), *(getattr(args, "sub_path", None) or [])]
    for folder in folders:
        readable_folder(args, folder)
    return folders


def load_charter(args: argparse.Namespace) -> Charter | None:
    """The charter of the command (`args.charter`), or None once its diagnostics are printed."""
    folders = search_path(args)
    readable_file(args, args.charter)
    try:
        return load(args.charter, folders, backend=getattr(args, "backend", "compiled"))
    except CharterDiagnosticsError as exc:
        err(render_all(exc.diagnostics))
        return None


def is_table_register(register: str, persons: str | None) -> bool:
    """Whether a register is given as tables (a folder, a .csv or .parquet file, or with --persons)."""
    return persons is not None or Path(register).is_dir() or Path(register).suffix.lower() in (".parquet", ".csv")


def register_records(args: argparse.Namespace, charter: Any, register: str | tuple[str, str]) -> Any:
    """The raw records of a register for the household evaluator: a JSON array or JSON Lines, or tables
    read as records (which needs DuckDB, from the `batch` extra)."""
    if isinstance(register, str):
        return read_records(register)
    try:
        import duckdb  # noqa: F401
    except ImportError:
        raise Refused(say(args, "needs_batch", what="reading a table register")) from None
    return read_tables(register[0], register[1], charter.ir)


def table_files(args: argparse.Namespace, register: str, persons: str | None) -> tuple[str, str]:
    """The households and persons tables of a table register, each known to be readable."""
    if persons is not None:
        readable_file(args, register)
        readable_file(args, persons)
        return register, persons
    folder = Path(register)
    if folder.is_dir():
        for suffix in (".parquet", ".csv"):
            h, p = folder / f"households{suffix}", folder / f"persons{suffix}"
            if h.exists() and p.exists():
                readable_file(args, str(h))
                readable_file(args, str(p))
                return str(h), str(p)
        raise Refused(f"{register}: a register folder holds households.parquet and persons.parquet "
                      f"(or households.csv and persons.csv)")
    readable_file(args, register)
    raise Refused(f"{register}: a table register needs both tables: give the folder, or the households table "
                  f"and --persons FILE")


def unknown_household(args: argparse.Namespace, household: str, register: str, ids: Sequence[str]) -> str:
    """The sentence for a household id not in a register, with the closest id."""
    best = closest(household, ids)
    hint = say(args, "did_you_mean", x=best) if best else ""
    return say(args, "no_household", h=household, p=register, hint=hint)
