"""The pipeline is the architecture: imports follow the stages, never into a later stage, never into
another package's private module, and no two packages import each other.

Every import counts, at the top of a module, inside a function or under TYPE_CHECKING; and none of the
package's own modules is imported inside a function to dodge a cycle (only the packages needing the
`batch` extra may be imported late). A new package or top-level module must be given its place in
LAYERS (the README's "Architecture" says where)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import attrs
import pytest
from conftest import ROOT

LAYERS: tuple[tuple[str, frozenset[str]], ...] = tuple((name, frozenset(groups)) for name, groups in (
    ("common", {"common"}),
    ("language", {"language"}),       # the language: keywords (from the grammar), types, builtins
    ("parse", {"parse"}),             # 1 text → syntax
    ("ir", {"ir"}),                   # the IR: nodes, visit, analysis, printer (the contract of every stage)
    ("check", {"check"}),             # 2 syntax → typed IR
    ("lint", {"lint"}),               # 2b typed IR → warnings (the caller of check gives it lint.run)
    ("records", {"records"}),         # records validated against a charter's fields
    ("registers", {"registers"}),     # registers read (JSON, tables) as raw records, in the words of records
    ("runtime", {"runtime"}),         # what evaluated charters call: calendar, functions
    ("results", {"results"}),         # what an evaluation gives, its format defined once, the files
    ("compile", {"compile"}),         # 3 IR → functions (generated Python, reference interpreter)
    ("sql", {"sql"}),                 # 3' IR → SQL: expressions, and a charter's plan for a period
    ("engines", {"engines"}),         # 4' the SQL engines a plan runs on (DuckDB), behind one protocol
    ("evaluate", {"evaluate"}),       # 4 household × period → results
    ("explain", {"explain"}),         # 5 results → reasons
    ("examples", {"examples"}),       # a charter's own tests
    ("batch", {"batch"}),             # 4' a register set-at-a-time
    ("library", {"charter", ""}),     # the façade (`charterlib`, `charterlib.Charter`)
    ("command", {"cli", "__main__"}),
))
"""The stages, lowest first; a module may import its own layer's modules and those of lower layers."""


@attrs.frozen
class Import:
    module: str   # the importing module, dotted below the package ("batch._run")
    target: str   # the imported module ("evaluate._engine")
    line: int


def group(module: str) -> str:
    """The package (or top-level module) a module belongs to: `batch._run` → `batch`, `charter` → `charter`."""
    return module.split(".")[0] if module else ""


def imports(package: Path) -> list[Import]:
    """Every import of the package's own modules, by every module of the package."""
    modules: dict[str, Path] = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    found = []
    for name, path in modules.items():
        here = name.split(".") if name else []
        if path.name != "__init__.py":
            here = here[:-1]  # a module's relative imports start from its package
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here[: len(here) - (node.level - 1)] + (node.module.split(".") if node.module else [])
                elif node.module and (node.module + ".").startswith(package.name + "."):
                    base = node.module.split(".")[1:]
                else:
                    continue
                for alias in node.names:
                    full = ".".join([*base, alias.name])
                    targets.append(full if full in modules else ".".join(base))
            elif isinstance(node, ast.Import):
                targets = [".".join(a.name.split(".")[1:]) for a in node.names if a.name.split(".")[0] == package.name]
            found += [Import(name, t, node.lineno) for t in targets]
    return found


def violations(package: Path, layers: tuple[tuple[str, frozenset[str]], ...] = LAYERS) -> list[str]:
    """Each import that breaks the rules, as a sentence."""
    rank = {g: i for i, (_, groups) in enumerate(layers) for g in groups}
    found = []
    edges: dict[str, set[str]] = defaultdict(set)
    for imp in imports(package):
        source, target = group(imp.module), group(imp.target)
        where = f"{package.name}/{imp.module.replace('.', '/') or '__init__'}.py:{imp.line}"
        if source not in rank:
            found.append(f"{where}: `{source}` has no place in LAYERS")
            continue
        if target not in rank:
            found.append(f"{where}: imports `{imp.target}`, whose `{target}` has no place in LAYERS")
            continue
        if source == target:
            continue
        edges[source].add(target)
        if rank[target] > rank[source]:
            found.append(f"{where}: {source} imports {imp.target}, of a later stage")
        private = [p for p in imp.target.split(".")[1:] if p.startswith("_") and p != "__init__"]
        if private:
            found.append(f"{where}: {source} imports {imp.target}, a private module of {target}")
    for a in sorted(edges):  # two packages that import each other (through any others)
        seen, todo = set(), list(edges[a])
        while todo:
            b = todo.pop()
            if b == a:
                found.append(f"{package.name}: `{a}` imports itself through {sorted(edges[a])}")
                break
            if b not in seen:
                seen.add(b)
                todo += edges.get(b, ())
    return found


def test_imports_follow_the_pipeline() -> None:
    assert violations(ROOT / "src" / "charterlib") == []


def test_every_module_has_a_place() -> None:
    package = ROOT / "src" / "charterlib"
    placed = {g for _, groups in LAYERS for g in groups}
    modules = {group(".".join(p.relative_to(package).with_suffix("").parts).removesuffix("__init__").rstrip("."))
               for p in package.rglob("*.py")}
    assert modules <= placed, modules - placed


@pytest.mark.parametrize("files, expected", [
    ({"evaluate/__init__.py": "from ..batch import run\n", "batch/__init__.py": ""},
     "evaluate imports batch, of a later stage"),
    ({"batch/__init__.py": "def f():\n    from ..evaluate._engine import Engine\n", "evaluate/__init__.py": "",
      "evaluate/_engine.py": ""},
     "batch imports evaluate._engine, a private module of evaluate"),
    ({"check/__init__.py": "from charterlib.parse import x\n", "parse/__init__.py": "from ..check import y\n"},
     "parse imports check, of a later stage"),
    ({"newstage/__init__.py": "from ..common import e\n", "common/__init__.py": ""},
     "`newstage` has no place in LAYERS"),
])
def test_a_deliberate_violation_is_found(tmp_path: Path, files: dict[str, str], expected: str) -> None:
    package = tmp_path / "charterlib"
    for name, text in {"__init__.py": "", **files}.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    assert any(expected in v for v in violations(package)), violations(package)


def test_two_packages_of_one_layer_that_import_each_other_are_a_cycle(tmp_path: Path) -> None:
    package = tmp_path / "charterlib"
    for name, text in {"__init__.py": "", "errors.py": "from .diagnostics import d\n",
                       "diagnostics.py": "from .errors import e\n"}.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    layers = (("common", frozenset({"errors", "diagnostics"})),)
    assert "charterlib: `diagnostics` imports itself through ['errors']" in violations(package, layers)


def test_every_package_is_in_the_wheel() -> None:
    # the packages are listed by name in pyproject.toml: a new one left out installs without it
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    package = ROOT / "src" / "charterlib"
    found = {".".join(("charterlib", *p.parent.relative_to(package).parts)) for p in package.rglob("__init__.py")}
    assert found <= listed, found - listed



EXTRAS = frozenset({"batch", "engines"})
"""The packages that need the optional `batch` extra (duckdb, pyarrow): the command may import them inside
a function, where the extra may be missing (and says so)."""


def hidden_imports(package: Path) -> list[str]:
    """Each import of the package's own modules made inside a function, but of the packages of EXTRAS."""
    found = []
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package).with_suffix("").parts)
        here = parts[:-1]  # the package a module's relative imports start from
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and node.level:
                    target = here[: len(here) - (node.level - 1)] + (node.module.split(".") if node.module else [])
                    targets = [target] if target else [[a.name] for a in node.names]
                elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == package.name:
                    targets = [node.module.split(".")[1:] or [a.name for a in node.names][:1]]  # type: ignore[union-attr]
                elif isinstance(node, ast.Import):
                    targets = [a.name.split(".")[1:] for a in node.names if a.name.split(".")[0] == package.name]
                else:
                    continue
                if any(not target or target[0] not in EXTRAS for target in targets):
                    found.append(f"{path.relative_to(package.parent)}:{node.lineno}: an import inside `{function.name}`")
    return found


def test_no_import_is_hidden_in_a_function() -> None:
    assert hidden_imports(ROOT / "src" / "charterlib") == []


def test_a_hidden_import_is_found(tmp_path: Path) -> None:
    package = tmp_path / "charterlib"
    (package / "cli").mkdir(parents=True)
    (package / "cli" / "a.py").write_text(
        "def f():\n    from ..check import x\n    from ..batch import run\n    import charterlib.parse\n"
        "    from charterlib.engines import engine\n    import json\n", encoding="utf-8")
    assert hidden_imports(package) == ["charterlib/cli/a.py:2: an import inside `f`",
                                       "charterlib/cli/a.py:4: an import inside `f`"]
