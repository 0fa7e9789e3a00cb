"""The documentation is true to the code: every ```charter block of docs/*.md is checked with the
real `charter check`, and every `<!-- output -->` block equals the real output exactly.

Annotations (an HTML comment on the line(s) before a block):
  <!-- check: whole NAME -->    the block is the whole file NAME (written, then checked)
  <!-- check: append NAME -->   the block is appended to file NAME (then the whole file is checked)
  <!-- check: mutate NAME -->   the block replaces, in a copy of NAME, the top-level item that starts
                                with the same first line keyword+id; the copy is checked, NAME is kept
  <!-- check: fragment -->      (default for blocks that do not start with a header) the block is
                                wrapped in a village header extending hongshandian and checked
  <!-- output -->               on the line before a ```text block: it must equal the output of the
                                last check exactly
A block without an `<!-- output -->` block after it must check clean, and its examples must pass.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import CHARTERS, ROOT, run_cli

HEADERS = {
    "en": 'charter snippet "片段"\n  level village\n  extends hongshandian\n  in force 2005-01-01\n\n',
    "zh": '章程 snippet "片段"\n  级别 村\n  继承 hongshandian\n  施行于 2005-01-01\n\n',
}
HEADER_WORDS = ("charter ", "章程 ", "vocabulary ", "词汇表 ")
DOCS = sorted((ROOT / "docs").glob("*.md"))


def blocks(text: str) -> Iterator[tuple[list[str], str, str, int]]:
    """(annotation, info, body, line) for each fenced block."""
    lines = text.split("\n")
    i = 0
    pending: list[str] = []
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^<!-- (check: .*|output) -->$", line.strip())
        if m:
            pending.append(m.group(1))
            i += 1
            continue
        if line.startswith("```"):
            info = line[3:].strip()
            j = i + 1
            while not lines[j].startswith("```"):
                j += 1
            yield pending, info, "\n".join(lines[i + 1 : j]) + "\n", i + 1
            pending = []
            i = j + 1
            continue
        i += 1


def language(body: str) -> str:
    for line in body.splitlines():
        s = line.strip()
        if s and not s.startswith("#"):
            return "en" if s[0].isascii() else "zh"
    return "en"


def language(body: str) -> str:
    for line in body.splitlines():
        s = line.strip()
        if s and not s.startswith("#"):
            return "en" if s[0].isascii() else "zh"
    return "en"


def check(name: str) -> tuple[int, str]:
    code, out, err = run_cli("--path", str(CHARTERS), "check", name)
    return code, out + err


def first_line_key(body: str) -> str:
    for line in body.splitlines():
        if line.strip() and not line.startswith("#"):
            return line.split('"')[0].strip()
    return ""


def mutate(original: str, block: str) -> str:
    key = first_line_key(block)
    lines = original.split("\n")
    start = next(i for i, l in enumerate(lines) if l.split('"')[0].strip() == key)
    end = start + 1
    while end < len(lines) and (lines[end].startswith(" ") or lines[end] == "" and end + 1 < len(lines) and lines[end + 1].startswith(" ")):
        end += 1
    new = block.rstrip("\n").split("\n")
    return "\n".join(lines[:start] + new + lines[end:])


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_charter_block_of_the_docs_is_true(doc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = doc.read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "charters").mkdir()
    for shipped in CHARTERS.glob("*.charter"):
        shutil.copy(shipped, tmp_path / "charters" / shipped.name)
    failures: list[str] = []
    last: tuple[int, str, int] | None = None

    def clean(result: tuple[int, str, int]) -> None:
        code, out, where = result
        if code != 0 or out.strip() != "1 file checked: no errors.":
            failures.append(f"{doc.name}:{where}: block does not check clean:\n{out}")

    for annotations, info, body, line in blocks(text):
        if info == "text" and "output" in annotations:
            if last is None:
                failures.append(f"{doc.name}:{line}: output block without a checked block before it")
                continue
            if last[1].rstrip("\n") != body.rstrip("\n"):
                failures.append(f"{doc.name}:{line}: output differs from the real output:\n{last[1]}")
            last = None
            continue
        if info != "charter":
            continue
        if last is not None:
            clean(last)
            last = None
        mode = next((a[len("check: "):] for a in annotations if a.startswith("check: ")), None)
        if mode is None:
            whole = any(ln.startswith(HEADER_WORDS) for ln in body.splitlines() if ln and not ln.startswith("#"))
            if whole:
                match = re.search(r"^(?:charter|章程|vocabulary|词汇表) (\S+)", body, re.M)
                assert match is not None
                mode = f"whole charters/{match.group(1)}.charter"
            else:
                mode = "fragment"
        kind, _, name = mode.partition(" ")
        if kind == "mutate":
            path = tmp_path / name
            keep = path.read_text(encoding="utf-8")
            path.write_text(mutate(keep, body), encoding="utf-8")
            code, out = check(name)
            path.write_text(keep, encoding="utf-8")
            last = (code, out, line)
            continue
        if kind == "whole":
            (tmp_path / name).write_text(body, encoding="utf-8")
            target = name
        elif kind == "append":
            path = tmp_path / name
            path.write_text(path.read_text(encoding="utf-8") + "\n" + body, encoding="utf-8")
            target = name
        else:
            (tmp_path / "charters" / "snippet.charter").write_text(HEADERS[language(body)] + body, encoding="utf-8")
            target = "charters/snippet.charter"
        code, out = check(target)
        last = (code, out, line)
        if code == 0 and re.search(r"^\s*(example|示例) ", body, re.M):
            test_code, test_out, test_err = run_cli("--path", str(CHARTERS), "test", target)
            if test_code != 0:
                failures.append(f"{doc.name}:{line}: its examples fail:\n{test_out}{test_err}")
    if last is not None:
        clean(last)
    assert not failures, "\n\n".join(failures)
