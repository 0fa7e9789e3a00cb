"""The documentation is true to the code: every ```charter block of docs/*.md is checked with the
real `charter check`, every `<!-- output -->` block equals the real output exactly, and every
transcript (a ```console block) of docs/*.md and README.md is run and shows the real output.

Each document is played from top to bottom in a temporary folder that stands for the repository
root: it holds a copy of `charters/` (with `charters/data/`), and the blocks below write into it.

Annotations (an HTML comment on the line(s) before a block):
  <!-- check: whole NAME -->    the block is the whole file NAME (written, then checked)
  <!-- check: append NAME -->   the block is appended to file NAME (then the whole file is checked)
  <!-- check: mutate NAME -->   the block replaces, in a copy of NAME, the top-level item that starts
                                with the same first line keyword+id; the copy is checked, NAME is kept
  <!-- check: fragment -->      (default for blocks that do not start with a header) the block is
                                wrapped in a village header extending hongshandian and checked
  <!-- check: excerpt NAME -->  the block is an excerpt of the shipped file NAME: each of its
                                paragraphs (parts between blank lines) stands in NAME as written
  <!-- output -->               on the line before a ```text block: it must equal the output of the
                                last check exactly
  <!-- file: NAME -->           before any block: the block is written as file NAME (a register …)
A charter block without an `<!-- output -->` block after it must check clean, and its examples must
pass.

Transcripts. A ```console block is a transcript: each line starting with `$ ` is a command, and the
lines after it, up to the next command, are what it prints (its standard output and error output as
a terminal shows them, in the order they are written). A command is `.venv/bin/charter ARGS`, the
way the README's first command runs the program, and nothing else: no pipes, no redirections, no
bare `charter`. It runs in the document's folder, in-process through the `charter` entry point
(`charterlib.cli.main`). `$ echo $?` after a command shows its exit status: that command is then
run as a real process of the installed `charter` script, and both its output and its status must be
as shown. Only what cannot be stable may differ: the time a batch run took, `(0.10 s)` in the
document, matches any time written the same way. A block that is not ```console may not hold a
line starting with `$ `.

To bring the transcripts and `<!-- output -->` blocks up to date after a deliberate change, run them:
`CHARTERLIB_REDOC=1 .venv/bin/python -m pytest tests/acceptance/test_docs.py`, then read the diff of docs/.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import CHARTERS, ROOT, run_cli

HEADERS = {
    "en": 'charter snippet "片段"\n  level village\n  extends hongshandian\n  in force 2005-01-01\n\n',
    "zh": '章程 snippet "片段"\n  级别 村\n  继承 hongshandian\n  施行于 2005-01-01\n\n',
}
HEADER_WORDS = ("charter ", "章程 ", "vocabulary ", "词汇表 ")
DOCS = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
PROGRAM = ".venv/bin/charter"
TIMING = re.compile(r"\(\d+(?:\.\d+)? s\)")
REDOC = os.environ.get("CHARTERLIB_REDOC") == "1"


@dataclass
class Block:
    """A fenced block of a document: its annotations, info string, body and place."""

    annotations: list[str]
    info: str
    body: str
    line: int  # of the opening fence, 1-based
    end: int  # of the closing fence, 1-based


def blocks(text: str) -> Iterator[Block]:
    """Each fenced block of a document, with the annotations on the lines before it."""
    lines = text.split("\n")
    i = 0
    pending: list[str] = []
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^<!-- (check: .*|output|file: .*) -->$", line.strip())
        if m:
            pending.append(m.group(1))
            i += 1
            continue
        if line.startswith("```"):
            info = line[3:].strip()
            j = i + 1
            while not lines[j].startswith("```"):
                j += 1
            yield Block(pending, info, "\n".join(lines[i + 1 : j]) + "\n", i + 1, j + 1)
            pending = []
            i = j + 1
            continue
        if line.strip():
            pending = []
        i += 1


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


# ------------------------------------------------------------------ transcripts
@dataclass
class Step:
    """One command of a transcript and the output shown for it."""

    command: str
    shown: list[str] = field(default_factory=list)


def steps(body: str) -> list[Step]:
    """The commands of a ```console block, each with the lines shown after it."""
    found: list[Step] = []
    for line in body.rstrip("\n").split("\n"):
        if line.startswith("$ "):
            found.append(Step(line[2:].strip()))
        elif found:
            found[-1].shown.append(line)
        else:
            found.append(Step("", [line]))  # output before any command: reported below
    return found


def charter_argv(command: str) -> list[str] | str:
    """The arguments of a transcript's `charter` command, or why the command is not one."""
    if re.search(r"[|;&<>`]|\$\(", command):
        return "a transcript command is one `charter` command, without pipes or redirections"
    argv = shlex.split(command)
    if not argv or argv[0] != PROGRAM:
        return f"a transcript runs the program as `{PROGRAM}` (as the README's first command does)"
    return argv[1:]


def run_in_process(argv: list[str]) -> tuple[int, str]:
    """Run `charter` in-process; return its exit status and what it printed, both streams in order."""
    from charterlib.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue()


def run_process(argv: list[str], cwd: Path) -> tuple[int, str]:
    """Run the installed `charter` script as a real process, both streams in the order written."""
    script = Path(sys.executable).parent / "charter"
    program = [str(script)] if script.exists() else [
        sys.executable, "-c", "import sys; from charterlib.cli import main; sys.exit(main())"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([*program, *argv], cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=120, check=False)
    return done.returncode, done.stdout.decode("utf-8")


def same(shown: str, real: str) -> bool:
    """Whether the output shown is the real output (a time taken matches any time)."""
    return TIMING.sub("(… s)", shown.rstrip("\n")) == TIMING.sub("(… s)", real.rstrip("\n"))


def play(body: str, cwd: Path) -> tuple[list[str], str]:
    """Run a transcript; return its failures and the transcript as it really runs."""
    failures: list[str] = []
    real_lines: list[str] = []
    found = steps(body)
    for i, step in enumerate(found):
        if not step.command:
            failures.append("output shown before any `$ ` command")
            continue
        if step.command == "echo $?":
            if i == 0 or found[i - 1].command in ("", "echo $?"):
                failures.append("`echo $?` shows the status of a command before it")
            continue  # shown with the command before it
        real_lines.append(f"$ {step.command}")
        argv = charter_argv(step.command)
        if isinstance(argv, str):
            failures.append(f"`{step.command}`: {argv}")
            continue
        status_shown = i + 1 < len(found) and found[i + 1].command == "echo $?"
        code, real = run_process(argv, cwd) if status_shown else run_in_process(argv)
        real_lines.extend(real.rstrip("\n").split("\n") if real.strip() else [])
        if not same("\n".join(step.shown), real):
            failures.append(f"`{step.command}` prints:\n{real}")
        if status_shown:
            status = found[i + 1]
            real_lines.extend([f"$ {status.command}", str(code)])
            if status.shown != [str(code)]:
                failures.append(f"`{step.command}` ends with status {code}, not {' '.join(status.shown)}")
    real_body = "\n".join(real_lines) + "\n"
    if REDOC and not same(body, real_body):
        return failures, real_body
    return failures, body


# ------------------------------------------------------------------ the test
@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_block_of_the_docs_is_true(doc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = doc.read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    shutil.copytree(CHARTERS, tmp_path / "charters")
    failures: list[str] = []
    rewrites: list[tuple[Block, str]] = []  # with CHARTERLIB_REDOC=1: blocks brought up to date
    last: tuple[int, str, int] | None = None

    def clean(result: tuple[int, str, int]) -> None:
        code, out, where = result
        if code != 0 or out.strip() != "1 file checked: no errors.":
            failures.append(f"{doc.name}:{where}: block does not check clean:\n{out}")

    for block in blocks(text):
        body, line, annotations = block.body, block.line, block.annotations
        if block.info != "console" and re.search(r"^\$ ", body, re.MULTILINE):
            failures.append(f"{doc.name}:{line}: a transcript (`$ ` lines) must be a ```console block")
        written = next((a[len("file: "):] for a in annotations if a.startswith("file: ")), None)
        if written is not None:
            (tmp_path / written).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / written).write_text(body, encoding="utf-8")
        if block.info == "console":
            problems, real_body = play(body, tmp_path)
            failures.extend(f"{doc.name}:{line}: {p}" for p in problems)
            if real_body != body:
                rewrites.append((block, real_body))
            continue
        if block.info == "text" and "output" in annotations:
            if last is None:
                failures.append(f"{doc.name}:{line}: output block without a checked block before it")
                continue
            if last[1].rstrip("\n") != body.rstrip("\n"):
                failures.append(f"{doc.name}:{line}: output differs from the real output:\n{last[1]}")
                if REDOC:
                    rewrites.append((block, last[1].rstrip("\n") + "\n"))
            last = None
            continue
        if block.info != "charter":
            continue
        if last is not None:
            clean(last)
            last = None
        mode = next((a[len("check: "):] for a in annotations if a.startswith("check: ")), None)
        if mode is None:
            whole = any(ln.startswith(HEADER_WORDS) for ln in body.splitlines() if ln and not ln.startswith("#"))
            if whole:
                match = re.search(r"^(?:charter|章程|vocabulary|词汇表) (\S+)", body, re.MULTILINE)
                assert match is not None
                mode = f"whole charters/{match.group(1)}.charter"
            else:
                mode = "fragment"
        kind, _, name = mode.partition(" ")
        if kind == "excerpt":
            shipped = (ROOT / name).read_text(encoding="utf-8")
            for part in re.split(r"\n\s*\n", body.strip("\n")):
                if part not in shipped:
                    failures.append(f"{doc.name}:{line}: not in {name} as written:\n{part}")
            continue
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
        if code == 0 and re.search(r"^\s*(example|示例) ", body, re.MULTILINE):
            test_code, test_out, test_err = run_cli("--path", str(CHARTERS), "test", target)
            if test_code != 0:
                failures.append(f"{doc.name}:{line}: its examples fail:\n{test_out}{test_err}")
    if last is not None:
        clean(last)
    if rewrites:
        lines = text.split("\n")
        for block, new in sorted(rewrites, key=lambda r: -r[0].line):
            lines[block.line : block.end - 1] = new.rstrip("\n").split("\n")
        doc.write_text("\n".join(lines), encoding="utf-8")
    assert not failures, "\n\n".join(failures)


def test_a_transcript_runs_what_it_shows(tmp_path: Path) -> None:
    """The transcript player itself: a wrong output, a wrong status and a bare `charter` all fail."""
    shutil.copytree(CHARTERS, tmp_path / "charters")
    good = "$ .venv/bin/charter check charters/zhazi.charter\n1 file checked: no errors.\n"
    assert play(good, tmp_path)[0] == []
    wrong_status = play(good + "$ echo $?\n1\n", tmp_path)[0]  # a real process: its output is right
    assert wrong_status == ["`.venv/bin/charter check charters/zhazi.charter` ends with status 0, not 1"]
    wrong_output = good.replace("no errors", "no mistakes")
    bare = good.replace(".venv/bin/charter", "charter")
    piped = good.replace("zhazi.charter\n", "zhazi.charter | cat\n")
    for body, complaint in [(wrong_output, "prints:\n1 file checked: no errors."),
                            (bare, "runs the program as `.venv/bin/charter`"),
                            (piped, "without pipes")]:
        failures = play(body, tmp_path)[0]
        assert any(complaint in f for f in failures), (body, failures)
    assert same("done (0.04 s).", "done (12.5 s).") and not same("done 0.04 s.", "done 12.5 s.")


def anchors(text: str) -> set[str]:
    """The anchors GitHub gives the headings of a document (duplicates get -1, -2 …)."""
    found: set[str] = set()
    inside = False
    for line in text.split("\n"):
        if line.startswith("```"):
            inside = not inside
        if inside or not line.startswith("#"):
            continue
        heading = line.lstrip("#").strip().lower()
        slug = re.sub(r"[^\w\- ]", "", heading).replace(" ", "-")
        n, candidate = 0, slug
        while candidate in found:
            n += 1
            candidate = f"{slug}-{n}"
        found.add(candidate)
    return found


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_link_of_the_docs_leads_somewhere(doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue  # a web address
        name, _, anchor = target.partition("#")
        linked = (doc.parent / name) if name else doc
        if not linked.exists() or anchor and anchor not in anchors(linked.read_text(encoding="utf-8")):
            broken.append(target)
    assert not broken, broken
