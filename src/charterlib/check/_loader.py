"""Finds charters by id across a search path and checks them, each once, parents first."""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from .. import ir
from ..common.args import folders_arg, path_arg
from ..common.diagnostics import Diagnostic, Note
from ..common.gc import collector_paused
from ..common.source import SourceFile, Span, read_bounded
from ..common.suggest import did_you_mean
from ..language import keywords
from ..parse import parse
from ._checker import Checker, Lint


@functools.cache
def _header() -> re.Pattern[str]:
    """The first line of a charter or vocabulary, its id captured; the keywords' spellings are the grammar's."""
    table = keywords()
    words = [re.escape(w) for t in ("CHARTER", "VOCABULARY") for w in (*table[t].english, *table[t].chinese)]
    return re.compile(rf"^\s*(?:{'|'.join(words)})\s+([^\s\"“]+)", re.MULTILINE)


_HEAD_BYTES = 4096
"""How much of a file is read to learn the id in its header (comments may come first)."""


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
    """Charters found by id in a list of folders; each file is parsed and checked once (and linted,
    when given a `lint`: the façade's `charterlib.Library` gives `lint.run`)."""

    def __init__(self, search_path: Iterable[str | Path] = (), lint: Lint | None = None) -> None:
        self.search_path = list(folders_arg(search_path))
        self.lint = lint
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
            checker = Checker(parsed.module, source.name, resolve, parsed.language, self.lint)
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
        """The file of a charter id: `<id>.charter` first, else any `*.charter` whose header has it.

        Only the head of each candidate is read, and only of regular files inside the folders
        searched (a link out of them is not followed; see `outside`).
        """
        folders = self._folders(folder)
        for where in folders:
            exact = where / f"{charter_id}.charter"
            if (exact.exists() or exact.is_symlink()) and not exact.is_dir():
                return exact  # whatever it is, it is the file named: `check_file` says if it cannot be read
        for where in folders:
            for candidate, header in self._headers(where, folders):
                if header == charter_id:
                    return candidate
        return None

    def _folders(self, folder: Path | None) -> list[Path]:
        return ([folder] if folder else []) + self.search_path

    def _headers(self, where: Path, folders: list[Path]) -> Iterator[tuple[Path, str | None]]:
        """The `*.charter` files of a folder that can be read, with the id in each one's header."""
        if not where.is_dir():
            return
        for candidate in sorted(where.glob("*.charter")):
            if candidate.is_dir() or outside(candidate, folders):
                continue
            head = _head(candidate)
            if head is not None:
                yield candidate, _header_id(head)

    def _resolve(self, charter_id: str, kind: str, span: Span, folder: Path,
                 related: list[Diagnostic]) -> ir.Charter | None:
        path = self.find(charter_id, folder)
        folders = self._folders(folder)
        if path is None:
            known = sorted({header or candidate.stem for where in folders
                            for candidate, header in self._headers(where, folders)})
            related.append(Diagnostic(
                "unknown-charter",
                f"`{kind} {charter_id}`: no charter with id `{charter_id}` was found next to this file"
                + (" or on the search path" if self.search_path else "")
                + "; what this charter takes from it is not checked until it is found.",
                span,
                help=did_you_mean(charter_id, known) or f"put `{charter_id}.charter` in {folder}"
                + ("" if self.search_path else ", or name its folder with `--path`"),
            ))
            return None
        if outside(path, folders):
            related.append(Diagnostic(
                "unreadable-file",
                f"`{kind} {charter_id}`: `{_link_name(path)}` is a link to `{path.resolve()}`, outside "
                f"the folders where charters are looked up, so it is not read.",
                span,
                help="copy the charter into this folder, or name the folder it is in with `--path`",
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


def _link_name(path: Path) -> str:
    """A link as shown in messages (itself, not what it leads to): relative to the working folder when inside it."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def outside(path: Path, folders: Iterable[Path]) -> bool:
    """Whether a file found in one of `folders` is a link that leads out of all of them."""
    try:
        target = path.resolve()
        return not any(target.is_relative_to(where.resolve()) for where in folders)
    except (OSError, RuntimeError):  # a loop of links
        return True


def _head(path: Path) -> str | None:
    """The start of a regular file as text, or None when it cannot be read or is not UTF-8."""
    try:
        data = read_bounded(path, _HEAD_BYTES, head=True)
        return codecs.getincrementaldecoder("utf-8-sig")().decode(data, final=False)
    except (OSError, UnicodeDecodeError):
        return None


def _header_id(text: str) -> str | None:
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = _header().match(line)
        return match.group(1) if match else None
    return None
