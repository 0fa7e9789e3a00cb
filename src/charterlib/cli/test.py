"""`charter test`: run the example blocks of charters."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..charter import Charter, Library
from ..common.diagnostics import render_all
from ._common import CLEAN, INPUT, Refused, charter_files, err, out, out_json, search_path


def cmd_test(args: argparse.Namespace) -> int:
    """Run the example blocks of charters."""
    library = Library(search_path(args))
    if not args.files and not Path("charters").is_dir():
        raise Refused("no charters/ folder here: name the charter files or folders to test")
    files, empty = charter_files(args, args.files or ["charters"])
    for folder in empty:
        err(f"error: nothing to test in {folder}: it holds no *.charter file")
    passed = failed = 0
    outcomes: list[dict[str, Any]] = []
    for path in files:
        result = library.check_file(path)
        if result.charter is None or not result.ok:
            err(render_all([d for d in result.diagnostics if d.is_error]))
            failed += 1
            continue
        if result.charter.kind != "charter":
            continue
        for outcome in Charter(result.charter).run_examples():
            outcomes.append(outcome.to_json())
            if outcome.passed:
                passed += 1
                if not args.json:
                    out(f"PASS {path}: {outcome.name} {outcome.title or ''}".rstrip())
            else:
                failed += 1
                if not args.json:
                    out(f"FAIL {path}: {outcome.name} {outcome.title or ''} ({outcome.location})")
                    for failure in outcome.failures:
                        out(f"     {failure}")
    if args.json:
        out_json({"passed": passed, "failed": failed, "examples": outcomes})
    else:
        out(f"{passed} passed, {failed} failed")
    if passed + failed == 0 and not empty:
        err("error: nothing was tested: " + ", ".join(str(f) for f in files) + " hold no example blocks")
    return INPUT if failed or empty or passed + failed == 0 else CLEAN
