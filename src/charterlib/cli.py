"""The `charter` command: a thin layer over the library; every output is also available as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .check import CheckResult, Library
from .diagnostics import Diagnostic, render_all


def _out(text: str) -> None:
    sys.stdout.write(text + ("\n" if not text.endswith("\n") else ""))


def _err(text: str) -> None:
    sys.stderr.write(text + ("\n" if not text.endswith("\n") else ""))


def _unique(diagnostics: Sequence[Diagnostic], seen: set[tuple[Any, ...]]) -> list[Diagnostic]:
    fresh = []
    for d in diagnostics:
        key = (d.code, d.message, str(d.span) if d.span else "")
        if key not in seen:
            seen.add(key)
            fresh.append(d)
    return fresh


def _expand(paths: Sequence[str]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        path = Path(p)
        files.extend(sorted(path.glob("*.charter")) if path.is_dir() else [path])
    return files


def cmd_check(args: argparse.Namespace) -> int:
    """Check charter files; print every diagnostic; exit 1 when any has an error."""
    library = Library(args.path)
    results: list[CheckResult] = [library.check_file(f) for f in _expand(args.files)]
    ok = all(r.ok for r in results)
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
        _out(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0 if ok else 1
    seen: set[tuple[Any, ...]] = set()
    shown: list[Diagnostic] = []
    for r in results:
        shown.extend(_unique(r.diagnostics, seen))
    if shown:
        _out(render_all(shown))
    clean = sum(1 for r in results if r.ok)
    if ok:
        _out(f"{clean} file{'s' if clean != 1 else ''} checked: no errors.")
    else:
        _out(f"{len(results) - clean} of {len(results)} file{'s' if len(results) != 1 else ''} "
             f"{'have' if len(results) - clean != 1 else 'has'} errors.")
    return 0 if ok else 1


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the `charter` command."""
    parser = argparse.ArgumentParser(
        prog="charter",
        description="Check village charters and evaluate households against them.",
    )
    parser.add_argument("--path", action="append", default=[], metavar="DIR",
                        help="another folder to look in for charters named by `extends` / `uses`")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = sub.add_parser("check", help="check charter files and report every mistake")
    check.add_argument("files", nargs="+", metavar="FILE", help="charter files or folders")
    check.add_argument("--json", action="store_true", help="print the diagnostics as JSON")
    check.set_defaults(run=cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `charter` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args))
    except KeyboardInterrupt:  # pragma: no cover
        _err("interrupted")
        return 130
    except BrokenPipeError:  # pragma: no cover
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
