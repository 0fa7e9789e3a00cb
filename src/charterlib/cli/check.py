"""`charter check`: check charter files and print every diagnostic."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from ..charter import Library
from ..check import CheckResult
from ..common.diagnostics import Diagnostic, render_all
from ._common import CLEAN, INPUT, charter_files, err, out, out_json, search_path


def _unique(diagnostics: Sequence[Diagnostic], seen: set[tuple[Any, ...]]) -> list[Diagnostic]:
    fresh = []
    for d in diagnostics:
        key = (d.code, d.message, str(d.span) if d.span else "")
        if key not in seen:
            seen.add(key)
            fresh.append(d)
    return fresh


def cmd_check(args: argparse.Namespace) -> int:
    """Check charter files; print every diagnostic; exit 1 when any has an error."""
    library = Library(search_path(args))
    files, empty = charter_files(args, args.files)
    for folder in empty:
        err(f"error: nothing to check in {folder}: it holds no *.charter file")
    results: list[CheckResult] = [library.check_file(f) for f in files]
    ok = all(r.ok for r in results) and not empty
    if args.json:
        payload = {
            "ok": ok,
            "files": [
                {
                    "file": r.path,
                    "ok": r.ok,
                    "charter": r.charter.id if r.charter else None,
                    "diagnostics": [d.to_json() for d in r.diagnostics],
                }
                for r in results
            ],
        }
        out_json(payload, indent=2)
        return CLEAN if ok else INPUT
    seen: set[tuple[Any, ...]] = set()
    shown: list[Diagnostic] = []
    for r in results:
        shown.extend(_unique(r.diagnostics, seen))
    if shown:
        out(render_all(shown))
    clean = sum(1 for r in results if r.ok)
    if not results:
        return INPUT
    if clean == len(results):
        out(f"{clean} file{'s' if clean != 1 else ''} checked: no errors.")
    else:
        out(f"{len(results) - clean} of {len(results)} file{'s' if len(results) != 1 else ''} "
            f"{'have' if len(results) - clean != 1 else 'has'} errors.")
    return CLEAN if ok else INPUT
