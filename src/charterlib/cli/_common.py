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

from ..charter import Charter, load
from ..common.diagnostics import display_width, render_all
from ..common.errors import CharterDiagnosticsError
from ..common.suggest import closest
from ..common.text import printable, printable_lines
from ..registers import register_of
from .words import WORDS

CLEAN, INPUT, USAGE, LOOK = 0, 1, 2, 3
"""Exit statuses: clean; input errors (or nothing to do); the command cannot run as asked; results that
need a look (warnings, amounts unknown)."""


class Refused(Exception):
    """The command cannot run as asked (exit 2): a flag value, a combination, a file that cannot be opened."""


def language(args: argparse.Namespace) -> str:
    """The language of the command (`--lang`, English by default)."""
    return getattr(args, "lang", "en") or "en"


def say(args: argparse.Namespace, key: str, **values: Any) -> str:
    """A sentence in the language of the command."""
    return WORDS[language(args)][key].format(**values)


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
    return register_of(register, persons).kind == "tables"


def register_records(args: argparse.Namespace, charter: Any, register: str | tuple[str, str]) -> Any:
    """The raw records of a register for the household evaluator: a JSON array or JSON Lines, or tables
    read as records (which needs DuckDB, from the `batch` extra)."""
    found = register_of(register)
    if found.kind == "tables":
        try:
            import duckdb  # noqa: F401
        except ImportError:
            raise Refused(say(args, "needs_batch", what="reading a table register")) from None
    return found.records(charter.ir)


def table_files(args: argparse.Namespace, register: str, persons: str | None) -> tuple[str, str]:
    """The households and persons tables of a table register, each known to be readable."""
    found = register_of(register, persons)
    if found.fault == "alone":
        readable_file(args, register)
    if found.tables is None:
        raise Refused(found.complaint("the households table and --persons FILE"))
    for path in found.tables:
        readable_file(args, path)
    return found.tables


def unknown_household(args: argparse.Namespace, household: str, register: str, ids: Sequence[str]) -> str:
    """The sentence for a household id not in a register, with the closest id."""
    best = closest(household, ids)
    hint = say(args, "did_you_mean", x=best) if best else ""
    return say(args, "no_household", h=household, p=register, hint=hint)


def charter_files(args: argparse.Namespace, paths: Sequence[str]) -> tuple[list[Path], list[str]]:
    """The charter files named (a folder stands for its *.charter files), and the folders holding none."""
    files: list[Path] = []
    empty: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(f for f in path.glob("*.charter") if f.is_file())
            files.extend(found)
            if not found:
                empty.append(p)
        else:
            files.append(readable_file(args, p))
    return files, empty
