"""What generated Python may be and may reach: a check of its syntax tree, and the namespace it runs in.

Escaping (every user name mangled, every user text a `repr` literal) is the first defence; this is the
second, as a sandbox is in Jinja. Before the code runs, every name it uses is checked: a variable must
be one the generator makes (`c`, `today`, `d3`, `v12`…), an attribute one of the few it reads
(`fields`, `memo`…) or a runtime function, and no other name may hold a dunder (`__import__`…).
The code then runs with only the builtins it needs (none to import or to build a class), and `rt` is a
namespace that holds only the runtime functions it calls (not a module, whose globals hold every
builtin).
"""

from __future__ import annotations

import re
import types
from collections.abc import Mapping
from typing import Any

import attrs

from .errors import CharterError


class SandboxError(CharterError):
    """Generated code broke the sandbox's rules (a defect of charterlib, never of the charter)."""


@attrs.frozen
class Rules:
    """What one generator's code may name: its parameters, locals and constants (a pattern), the
    attributes it reads of its values, and the runtime functions it calls."""

    names: re.Pattern[str]
    attributes: frozenset[str]
    runtime: frozenset[str]


def checked(source: str, rules: Rules, where: str) -> types.CodeType:
    """The code object of generated source, once every name it uses keeps to the rules (else SandboxError).

    The names are read from the compiled code objects (global and attribute names, arguments, locals),
    which is as strict as walking the syntax tree and many times faster."""
    code = compile(source, where, "exec")
    pending = [code]
    while pending:
        unit = pending.pop()
        for name in (*unit.co_names, *unit.co_varnames, *unit.co_cellvars, *unit.co_freevars):
            if not _allowed(name, rules):
                line = next((n for _, _, n in unit.co_lines() if n is not None), unit.co_firstlineno)
                raise SandboxError(f"the code generated for {where} breaks the sandbox (the name {name!r}, "
                                   f"near line {line}): this is a defect of charterlib, please report it")
        pending += [c for c in unit.co_consts if isinstance(c, types.CodeType)]
    return code


def _allowed(name: str, rules: Rules) -> bool:
    if name in rules.attributes or name in rules.runtime:
        return True
    if "__" in name:
        return False
    if name[:1] == "." and name[1:].isdigit():  # the iterator argument of a comprehension
        return True
    return bool(rules.names.fullmatch(name))


def namespace(rules: Rules, functions: Mapping[str, Any], builtins: Mapping[str, Any],
              **values: Any) -> dict[str, Any]:
    """The globals of generated code: `rt` holding only the runtime functions of the rules, the given
    values, and no builtin but those given."""
    runtime = types.SimpleNamespace(**{name: functions[name] for name in sorted(rules.runtime)})
    return {"rt": runtime, "__builtins__": dict(builtins), **values}
