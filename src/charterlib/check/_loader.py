"""Finds charters by id across a search path and checks them, each once, parents first."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from .._args import folders_arg, path_arg
from .._gc import collector_paused
from .._source import SourceFile, Span
from ..diagnostics import Diagnostic, Note
from ..parse import parse
from . import ir
from ._checker import Checker

_HEADER = re.compile(r"^\s*(?:charter|章程|vocabulary|词汇表)\s+([^\s\"“]+)", re.MULTILINE)


@attrs.frozen
class CheckResult:
    """A checked file: the charter (None on errors) and every diagnostic that concerns it."""

    path: str
    charter: ir.Charter | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        """Whether the charter can be used."""
        return self.charter is not None and not any(d.is_error for d in self.diagnostics)


class Library:
    """Charters found by id in a list of folders; each file is parsed and checked once."""

    def __init__(self, search_path: Iterable[str | Path] = ()) -> None:
        self.search_path = list(folders_arg(search_path))
        self._results: dict[Path, CheckResult] = {}
        self._in_progress: list[tuple[str, Path]] = []

    def check_file(self, path: str | Path) -> CheckResult:
        """Check one file (and, through it, the charters it builds on)."""
        resolved = path_arg(path, "the charter").resolve()
        if resolved in self._results:
            return self._results[resolved]
        try:
            source = SourceFile.read(path)
            source = SourceFile(_display_name(Path(path)), source.text)
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
            result = CheckResult(str(path), None, (Diagnostic(
                "unreadable-file", f"Cannot read `{path}`: {reason}.", None),))
            self._results[resolved] = result
            return result
        return self.check_source(source, resolved)

    def check_source(self, source: SourceFile, key: Path | None = None) -> CheckResult:
        """Check charter text held in memory; `extends` resolves against the search path."""
        with collector_paused():
            return self._check_source(source, key or Path(source.name).resolve())

    def _check_source(self, source: SourceFile, key: Path) -> CheckResult:
        parsed = parse(source)
        if parsed.module is None:
            result = CheckResult(source.name, None, parsed.diagnostics)
            self._results[key] = result
            return result
        folder = key.parent
        related: list[Diagnostic] = []

        def resolve(charter_id: str, kind: str, span: Span) -> ir.Charter | None:
            return self._resolve(charter_id, kind, span, folder, related)

        header_id = _header_id(source.text)
        self._in_progress.append((header_id or "", key))
        try:
            checker = Checker(parsed.module, source.name, resolve, parsed.language)
            try:
                charter = checker.run()
            finally:
                checker.release()
        finally:
            self._in_progress.pop()
        diagnostics = tuple(related) + parsed.diagnostics + tuple(checker.diagnostics)
        if any(d.is_error for d in related):
            charter = None
        result = CheckResult(source.name, charter, diagnostics)
        self._results[key] = result
        return result

    def find(self, charter_id: str, folder: Path | None = None) -> Path | None:
        """The file of a charter id: `<id>.charter` first, else any `*.charter` whose header has it."""
        folders = ([folder] if folder else []) + self.search_path
        for where in folders:
            exact = where / f"{charter_id}.charter"
            if exact.is_file():
                return exact
        for where in folders:
            if not where.is_dir():
                continue
            for candidate in sorted(where.glob("*.charter")):
                try:
                    head = candidate.read_text(encoding="utf-8-sig")[:4000]
                except (OSError, UnicodeDecodeError):
                    continue
                if _header_id(head) == charter_id:
                    return candidate
        return None

    def _resolve(self, charter_id: str, kind: str, span: Span, folder: Path,
                 related: list[Diagnostic]) -> ir.Charter | None:
        path = self.find(charter_id, folder)
        if path is None:
            known = sorted({_header_id(p.read_text(encoding="utf-8-sig")[:4000]) or p.stem
                            for where in [folder, *self.search_path] if where.is_dir()
                            for p in where.glob("*.charter")})
            from ..diagnostics import did_you_mean

            related.append(Diagnostic(
                "unknown-charter",
                f"`{kind} {charter_id}`: no charter with id `{charter_id}` was found next to this file"
                + (" or on the search path." if self.search_path else "."),
                span,
                help=did_you_mean(charter_id, known) or f"put `{charter_id}.charter` in {folder}",
            ))
            return None
        resolved = path.resolve()
        cycle = [cid for cid, p in self._in_progress if p == resolved]
        if cycle:
            chain = [cid for cid, _ in self._in_progress] + [charter_id]
            related.append(Diagnostic(
                "extends-cycle",
                f"Charters build on each other in a circle: {' → '.join(chain)}.",
                span,
                help="a village charter extends its town's; the town's must not extend the village's",
            ))
            return None
        result = self.check_file(path)
        if result.charter is None:
            related.append(Diagnostic(
                "parent-has-errors",
                f"`{kind} {charter_id}`: that charter ({_display_name(path)}) has errors, so this one cannot be checked "
                f"against it.",
                span,
                notes=tuple(Note(d.message, d.span) for d in result.diagnostics if d.is_error)[:3],
            ))
            return None
        return result.charter

    def results(self) -> Sequence[CheckResult]:
        """Every file checked so far."""
        return list(self._results.values())


def _display_name(path: Path) -> str:
    """A path as shown in messages: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _header_id(text: str) -> str | None:
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = _HEADER.match(line)
        return match.group(1) if match else None
    return None
