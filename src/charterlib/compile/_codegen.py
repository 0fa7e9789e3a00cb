"""Compiles the typed IR into Python source that only calls the small runtime (`runtime.functions`).

User names never become Python names: definitions are `d0, d1, …`, parameters `P0, …`,
constants `K[0], …`, bound persons `v0, …`, temporaries `t0, …`, household fields read once
`h0, …`, definitions held in a unit loop `u0, …`; field names and labels appear
only as string literals written with `repr`. The generated source is kept, so `source()` shows
exactly what runs (like Jinja's `compile(…, raw=True)`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .. import ir
from ..common import sandbox
from ..ir.analysis import definition_reads, pure
from ..ir.visit import Visitor, run_of
from ..language.builtins import SCALARS
from ..runtime import functions as rt
from ..runtime.functions import Fn

_PY_COMPARE = {"=": "==", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}

RULES = sandbox.Rules(
    names=re.compile(r"c|today|us|ue|s|m|k|r|paid|days|rt|K|MISS|len|tuple|[dvtPuhr]\d+"),
    attributes=frozenset({"fields", "memo", "get", "last_birth", "h", "append"}),
    runtime=frozenset({"members", "ever_members", "died", "and3", "or3", "not3", "any3", "all3", "compare", "arith", "negate", "member_of",
                       "between", "extreme", "extreme_of", "total", "the", "nth", "age", "birthday", "field",
                       "flatten", "param", "table", "money", "select", "count_if", "any_if", "all_if", "project", "if3",
                       "status_breached", "status_fulfilled", "status_pending", "span_start", *SCALARS}),
)
"""What the generated evaluator may name (see `_sandbox`)."""


class Slot:
    """A compiled function that exists once the module is built (`CompiledBackend.finish`)."""

    __slots__ = ("fn", "name")

    def __init__(self, name: str) -> None:
        self.name = name
        self.fn: Fn | None = None

    def __call__(self, *args: Any) -> Any:  # pragma: no cover - replaced before any evaluation
        assert self.fn is not None, "compiled function used before the module was built"
        return self.fn(*args)


class CompiledBackend(Visitor[str]):
    """Generates one Python module for a charter; every IR expression becomes a function."""

    name = "compiled"

    def __init__(self, charter: ir.Charter) -> None:
        self.charter = charter
        self.definitions = {d.name: d for d in charter.definitions}
        self._definition_exprs = {d.name: d.expr for d in charter.definitions}
        self.parameters = {p.name: p for p in charter.parameters}
        self.constants: list[Any] = []
        self._constant_index: dict[tuple[type, Any], int] = {}
        self.def_names: dict[str, str] = {}
        self.param_names: dict[str, str] = {}
        self.chunks: list[str] = []
        self.slots: list[Slot] = []
        self._by_body: dict[str, Slot] = {}
        self._temps = 0
        self._vars = 0
        self.namespace: dict[str, Any] | None = None
        self._fields: dict[str, str] | None = None  # household fields read into locals, by name
        self._held: dict[str, str] | None = None  # definitions kept in locals of a unit loop, by name

    # -------------------------------------------------------------- public
    def function(self, expr: ir.Expr, subject: str | None) -> Fn:
        """A (deferred) function of (ctx, today, unit start, unit end, subject) for an expression."""
        slot = Slot(f"r{len(self.slots)}")
        scope = {subject: "s"} if subject is not None else {}
        body = self.expr(expr, scope)
        same = self._by_body.get(body)
        if same is not None:  # the same code as an earlier expression's: one function for both
            return same
        self._by_body[body] = slot
        label = f"  # {str(expr.span)!r}" if expr.span is not None else ""
        self.chunks.append(f"def {slot.name}(c, today, us, ue, s):{label}\n    return {body}\n")
        self.slots.append(slot)
        return slot

    def resolve(self, fn: Fn) -> Fn:
        """The real function behind a slot (after `finish`)."""
        if isinstance(fn, Slot):
            assert fn.fn is not None
            return fn.fn
        return fn

    def finish(self) -> None:
        """Compile the generated module and bind every slot to its function."""
        # the generated code needs no builtin but `len` and `tuple`, and of the runtime only its functions
        namespace = sandbox.namespace(RULES, vars(rt), {"len": len, "tuple": tuple}, K=self.constants, MISS=rt.MISS)
        for name, p in self.parameters.items():
            if name in self.param_names:
                namespace[self.param_names[name]] = (
                    {cell.keys: tuple((start, c.value) for start, c in cell.values) for cell in p.cells}
                    if p.table else tuple((start, c.value) for start, c in p.values))
        code = sandbox.checked(self.source(), RULES, f"<charter {self.charter.id!r}>")
        exec(code, namespace)  # noqa: S102 - our own generated source, checked by the sandbox
        for slot in self.slots:
            slot.fn = namespace[slot.name]
        self.namespace = namespace

    def source(self) -> str:
        """The generated Python source."""
        header = (f"# generated by charterlib from charter {self.charter.id!r}; "
                  f"calls only the runtime `rt`\n")
        return header + "\n".join(self.chunks)

    # -------------------------------------------------------------- helpers
    def _temp(self) -> str:
        self._temps += 1
        return f"t{self._temps}"

    def _var(self) -> str:
        self._vars += 1
        return f"v{self._vars}"

    def const(self, value: Any) -> str:
        """Python text for a constant."""
        if value is None or isinstance(value, bool) or (isinstance(value, int) and not isinstance(value, bool)):
            return repr(value)
        if isinstance(value, str):
            return repr(value)
        key = (type(value), value if not isinstance(value, (list, dict)) else repr(value))
        index = self._constant_index.get(key)
        if index is None:
            index = len(self.constants)
            self.constants.append(value)
            self._constant_index[key] = index
        return f"K[{index}]"

    def definition(self, name: str) -> str:
        """The Python name of a definition's function, generating it on first use."""
        existing = self.def_names.get(name)
        if existing is not None:
            return existing
        py = f"d{len(self.def_names)}"
        self.def_names[name] = py
        fields, self._fields = self._fields, None  # a definition reads fields itself
        held, self._held = self._held, None
        try:
            body = self.expr(self.definitions[name].expr, {})
        finally:
            self._fields, self._held = fields, held
        reads = self._reads(name)
        if "today" in reads:  # one value per judged day
            key = f"({py!r}, today)"
        elif "members" in reads:  # one value per set of members born by then
            key = f"{py!r} if today >= c.last_birth else ({py!r}, rt.members(c, today))"
        else:  # one value for the household
            key = repr(py)
        self.chunks.insert(0, (
            f"def {py}(c, today):  # definition {name!r}\n"
            f"    m = c.memo\n"
            f"    k = {key}\n"
            f"    r = m.get(k, MISS)\n"
            f"    if r is MISS:\n"
            f"        r = m[k] = {body}\n"
            f"    return r\n"
        ))
        return py

    def _reads(self, name: str) -> set[str]:
        """What a definition depends on besides the household's fields: `today`, `members`."""
        return definition_reads(self._definition_exprs, name)

    def conjunction(self, exprs: list[ir.Expr], subject: str | None) -> Fn:
        """A function true when every expression is true, judged in order until one is not."""
        slot = Slot(f"r{len(self.slots)}")
        scope = {subject: "s"} if subject is not None else {}
        body = " and ".join(f"({self.expr(e, scope)}) is True" for e in exprs)
        self.chunks.append(f"def {slot.name}(c, today, us, ue, s):  # all of {len(exprs)} conditions\n"
                           f"    return {body}\n")
        self.slots.append(slot)
        return slot

    def unit_filter(self, exprs: list[ir.Expr]) -> Any:
        """A function of (ctx, units) giving the days of the units for which every expression is true,
        judged in order until one is not (units without a `for each` person)."""
        slot = Slot(f"r{len(self.slots)}")
        self._fields = {}  # household fields are read once, before the loop
        try:
            test = " and ".join(f"({self.expr(e, {})}) is True" for e in exprs) or "True"
            # once every member is born, a definition that reads only the household and its members
            # has one value (one memo key): the loop keeps it in a local after its first call
            self._held = {}
            try:
                held = " and ".join(f"({self.expr(e, {})}) is True" for e in exprs) or "True"
            finally:
                locals_, self._held = self._held, None
        finally:
            fields, self._fields = self._fields, None
        reads = "".join(f"    {var} = c.h.fields[{name!r}]\n" for name, var in fields.items())
        missing = _missing_field(exprs[0]) if exprs else None
        if missing is not None:  # the first condition is unknown for every unit: none is paid
            reads += f"    if {fields[missing]} is None:\n        return paid\n"
        loop = (f"    for today, us, ue in days:\n"
                f"        if {test}:\n"
                f"            paid.append(today)\n")
        if locals_:  # the units are in order: when the first is judged after the last birth, all are
            unset = "".join(f"        {var} = MISS\n" for var in locals_.values())
            loop = (f"    if days and days[0][0] >= c.last_birth:\n{unset}"
                    f"        for today, us, ue in days:\n"
                    f"            if {held}:\n"
                    f"                paid.append(today)\n"
                    f"        return paid\n") + loop
        self.chunks.append(f"def {slot.name}(c, days):  # the units for which all of {len(exprs)} conditions hold\n"
                           f"    s = None\n"
                           f"    paid = []\n{reads}"
                           f"{loop}"
                           f"    return paid\n")
        self.slots.append(slot)
        return slot

    def parameter(self, name: str) -> str:
        """The Python name of a parameter's values (a table's: its cells' values by keys)."""
        if name not in self.param_names:
            self.param_names[name] = f"P{len(self.param_names)}"
        return self.param_names[name]

    # -------------------------------------------------------------- expressions
    def expr(self, e: ir.Expr, scope: dict[str, str]) -> str:
        """Python expression text computing an IR expression."""
        return self.visit(e, scope)

    def visit_Const(self, e: ir.Const, scope: dict[str, str]) -> str:
        return self.const(e.value)

    def visit_HouseholdField(self, e: ir.HouseholdField, scope: dict[str, str]) -> str:
        if self._fields is not None:
            if e.name not in self._fields:
                self._fields[e.name] = f"h{len(self._fields)}"
            return self._fields[e.name]
        return f"c.h.fields[{e.name!r}]"

    def visit_PersonField(self, e: ir.PersonField, scope: dict[str, str]) -> str:
        person = self.expr(e.person, scope)
        if not e.person.type.optional:
            return f"{person}.fields[{e.name!r}]"
        return f"rt.field({person}, {e.name!r})"

    def visit_Var(self, e: ir.Var, scope: dict[str, str]) -> str:
        return scope[e.name]

    def visit_Members(self, e: ir.Members, scope: dict[str, str]) -> str:
        return "rt.ever_members(c, today)" if e.ever else "rt.members(c, today)"

    def visit_DefRef(self, e: ir.DefRef, scope: dict[str, str]) -> str:
        call = f"{self.definition(e.name)}(c, today)"
        if self._held is None or scope or "today" in self._reads(e.name):
            return call
        var = self._held.get(e.name)
        if var is None:
            var = self._held[e.name] = f"u{len(self._held)}"
        return f"({var} if {var} is not MISS else ({var} := {call}))"

    def visit_Apply(self, e: ir.Apply, scope: dict[str, str]) -> str:
        return self.expr(e.body, scope)  # the function's body for these arguments, computed in place

    def visit_ParamRef(self, e: ir.ParamRef, scope: dict[str, str]) -> str:
        return f"rt.param(c, {e.name!r}, {self.parameter(e.name)}, today)"

    def visit_TableRef(self, e: ir.TableRef, scope: dict[str, str]) -> str:
        keys = "".join(f"{self.expr(k, scope)}, " for k in e.keys)
        return f"rt.table(c, {e.name!r}, {self.parameter(e.name)}, ({keys}), today)"

    def visit_Context(self, e: ir.Context, scope: dict[str, str]) -> str:
        return {"today": "today", "unit_start": "us", "unit_end": "ue"}[e.which]

    def visit_Arith(self, e: ir.Arith, scope: dict[str, str]) -> str:
        run = run_of(e)
        if len(run) > 1:  # a run `a + b - c …` is one flat expression, however long
            return self._arith_run(run, scope)
        left, right = self.expr(e.left, scope), self.expr(e.right, scope)
        if _simple(e):
            return f"({left} {e.op} {right})"
        return f"rt.arith(c, {e.op!r}, {left}, {right})"

    def _arith_run(self, run: list[ir.And | ir.Or | ir.Arith], scope: dict[str, str]) -> str:
        steps = [step for step in run if isinstance(step, ir.Arith)]
        first = self.expr(run[0].left, scope)
        if all(_simple(step) for step in steps):
            return "(" + first + "".join(f" {step.op} {self.expr(step.right, scope)}" for step in steps) + ")"
        t = self._temp()
        parts = [f"{t} := {first}"]
        for step in steps:
            right = self.expr(step.right, scope)
            parts.append(f"{t} := ({t} {step.op} {right})" if _simple(step)
                         else f"{t} := rt.arith(c, {step.op!r}, {t}, {right})")
        return f"({', '.join(parts)})[-1]"

    def visit_Negate(self, e: ir.Negate, scope: dict[str, str]) -> str:
        return f"rt.negate({self.expr(e.operand, scope)})"

    def visit_Compare(self, e: ir.Compare, scope: dict[str, str]) -> str:
        left, right = self.expr(e.left, scope), self.expr(e.right, scope)
        order = e.left.type.order
        if order is None and not e.left.type.optional and not e.right.type.optional:
            return f"({left} {_PY_COMPARE[e.op]} {right})"
        if order is None:  # both sides evaluated, as `rt.compare` would; unknown when one is missing
            op = _PY_COMPARE[e.op]
            if pure(e.right) and not e.right.type.optional:
                t1 = self._temp()
                return f"(None if ({t1} := {left}) is None else {t1} {op} {right})"
            if pure(e.left) and not e.left.type.optional:
                t2 = self._temp()
                return f"(None if ({t2} := {right}) is None else {left} {op} {t2})"
            t1, t2 = self._temp(), self._temp()
            return f"(None if (({t1} := {left}) is None) | (({t2} := {right}) is None) else {t1} {op} {t2})"
        return f"rt.compare({e.op!r}, {left}, {right}, {self.const(order) if order else 'None'})"

    def visit_And(self, e: ir.And, scope: dict[str, str]) -> str:
        run = run_of(e)
        if len(run) > 1:
            return self._logic_run(run, scope, "and")
        left, right = self.expr(e.left, scope), self.expr(e.right, scope)
        if not e.left.type.optional and not e.right.type.optional:
            return f"({left} and {right})"
        t = self._temp()
        return f"(False if ({t} := {left}) is False else rt.and3({t}, {right}))"

    def visit_Or(self, e: ir.Or, scope: dict[str, str]) -> str:
        run = run_of(e)
        if len(run) > 1:
            return self._logic_run(run, scope, "or")
        left, right = self.expr(e.left, scope), self.expr(e.right, scope)
        if not e.left.type.optional and not e.right.type.optional:
            return f"({left} or {right})"
        t = self._temp()
        return f"(True if ({t} := {left}) is True else rt.or3({t}, {right}))"

    def _logic_run(self, run: list[ir.And | ir.Or | ir.Arith], scope: dict[str, str], op: str) -> str:
        """A run `a or b or c …` as one flat expression: judged left to right until one decides it."""
        operands = [run[0].left] + [step.right for step in run]
        texts = [self.expr(x, scope) for x in operands]
        if not any(x.type.optional for x in operands):
            return "(" + f" {op} ".join(texts) + ")"
        decisive = "True" if op == "or" else "False"
        temps = [self._temp() for _ in texts]
        decided = " or ".join(f"({t} := {x}) is {decisive}" for t, x in zip(temps, texts))
        unknown = " or ".join(f"{t} is None" for t in temps)
        return f"({decisive} if ({decided}) else (None if ({unknown}) else {'False' if op == 'or' else 'True'}))"

    def visit_Not(self, e: ir.Not, scope: dict[str, str]) -> str:
        operand = self.expr(e.operand, scope)
        return f"(not {operand})" if not e.operand.type.optional else f"rt.not3({operand})"

    def visit_If(self, e: ir.If, scope: dict[str, str]) -> str:
        condition = self.expr(e.condition, scope)
        then, otherwise = self.expr(e.then, scope), self.expr(e.otherwise, scope)
        if not e.condition.type.optional:
            return f"({then} if {condition} else {otherwise})"
        t = self._temp()
        return f"(None if ({t} := {condition}) is None else ({then} if {t} else {otherwise}))"

    def visit_In(self, e: ir.In, scope: dict[str, str]) -> str:
        value = self.expr(e.value, scope)
        collection = e.collection
        if isinstance(collection, ir.ListOf) and all(isinstance(i, ir.Const) for i in collection.items):
            members = self.const(frozenset(i.value for i in collection.items))  # type: ignore[attr-defined]
        else:
            members = self.expr(collection, scope)
        if not e.value.type.optional:
            return f"({value} in {members})"
        return f"rt.member_of({value}, {members})"

    def visit_Between(self, e: ir.Between, scope: dict[str, str]) -> str:
        value, low, high = (self.expr(x, scope) for x in (e.value, e.low, e.high))
        order = e.value.type.order
        if order is None and not any(x.type.optional for x in (e.value, e.low, e.high)):
            return f"({low} <= {value} <= {high})"
        return f"rt.between({value}, {low}, {high}, {self.const(order) if order else 'None'})"

    def visit_IsSet(self, e: ir.IsSet, scope: dict[str, str]) -> str:
        return f"({self.expr(e.value, scope)} is {'' if e.negated else 'not '}None)"

    def visit_ListOf(self, e: ir.ListOf, scope: dict[str, str]) -> str:
        items = [self.expr(i, scope) for i in e.items]
        return "(" + "".join(f"{i}, " for i in items) + ")"

    def visit_Case(self, e: ir.Case, scope: dict[str, str]) -> str:
        subject = self.expr(e.subject, scope)
        t = self._temp()
        text = self.expr(e.default, scope) if e.default is not None else "None"
        for label, value in reversed(e.arms):
            text = f"({self.expr(value, scope)} if {t} == {label!r} else {text})"
        return f"(None if ({t} := {subject}) is None else {text})"

    def _lambda(self, fn: ir.Expr, scope: dict[str, str]) -> str:
        assert isinstance(fn, ir.Lambda)
        var = self._var()
        body = self.expr(fn.body, {**scope, fn.var: var})
        return f"(lambda {var}: {body})"

    def visit_Call(self, e: ir.Call, scope: dict[str, str]) -> str:
        if e.function in SCALARS:
            return f"rt.{e.function}({', '.join(self.expr(x, scope) for x in e.args)})"
        method: Callable[[ir.Call, dict[str, str]], str] = getattr(self, f"call_{e.function}")
        return method(e, scope)

    def _args(self, e: ir.Call, scope: dict[str, str]) -> list[str]:
        return [self.expr(x, scope) if not isinstance(x, ir.Lambda) else self._lambda(x, scope) for x in e.args]

    # one method per collection builtin of `language.builtins.COLLECTIONS`
    def call_filter(self, e: ir.Call, scope: dict[str, str]) -> str:
        items, fn = self.expr(e.args[0], scope), e.args[1]
        if ":=" in items:  # a comprehension's iterable may not assign: a call per element
            return f"rt.select({items}, {self._lambda(fn, scope)})"
        assert isinstance(fn, ir.Lambda)
        var = self._var()
        body = self.expr(fn.body, {**scope, fn.var: var})
        return f"tuple([{var} for {var} in {items} if ({body}) is True])"  # as rt.select

    def call_map(self, e: ir.Call, scope: dict[str, str]) -> str:
        a = self._args(e, scope)
        mapped = f"rt.project({a[0]}, {a[1]})"
        return f"rt.flatten({mapped})" if e.args[1].type.kind == "list" else mapped

    def call_count(self, e: ir.Call, scope: dict[str, str]) -> str:
        a = self._args(e, scope)
        return f"len({a[0]})" if len(a) == 1 else f"rt.count_if({a[0]}, {a[1]})"

    def call_any(self, e: ir.Call, scope: dict[str, str]) -> str:
        a = self._args(e, scope)
        return f"rt.{e.function}3({a[0]})" if len(a) == 1 else f"rt.{e.function}_if({a[0]}, {a[1]})"

    call_all = call_any

    def call_sum(self, e: ir.Call, scope: dict[str, str]) -> str:
        return f"rt.total({self._args(e, scope)[0]})"

    def call_min(self, e: ir.Call, scope: dict[str, str]) -> str:
        a = self._args(e, scope)
        highest = e.function in ("max", "latest")
        if len(e.args) == 1 and e.args[0].type.kind == "list":
            return f"rt.extreme({a[0]}, {highest})"
        return f"rt.extreme_of(({', '.join(a)},), {highest})"

    call_max = call_earliest = call_latest = call_min

    def call_the(self, e: ir.Call, scope: dict[str, str]) -> str:
        return f"rt.the(c, {self._args(e, scope)[0]})"

    def call_nth(self, e: ir.Call, scope: dict[str, str]) -> str:
        a = self._args(e, scope)
        return f"rt.nth({a[0]}, {a[1]})"

    def call_birthday(self, e: ir.Call, scope: dict[str, str]) -> str:
        a = self._args(e, scope)
        return f"rt.birthday(c, {a[0]}, {a[1]})"

    def call_alive(self, e: ir.Call, scope: dict[str, str]) -> str:
        a = self._args(e, scope)
        return f"rt.not3(rt.died({a[0]}, {a[1]}))"

    def call_died(self, e: ir.Call, scope: dict[str, str]) -> str:
        a = self._args(e, scope)
        return f"rt.died({a[0]}, {a[1]})"

    def call_age(self, e: ir.Call, scope: dict[str, str]) -> str:
        a = self._args(e, scope)
        return f"rt.age(c, {a[0]}, {a[1]})"

    def visit_Status(self, e: ir.Status, scope: dict[str, str]) -> str:
        day, obligation = self.expr(e.on, scope), repr(e.obligation)
        if e.test != "breached":
            return f"rt.status_{e.test}(c, {obligation}, {day})"
        first = day
        if e.window is not None:
            window = self.expr(e.window, scope)
            first = f"rt.span_start({day}, {window})" if e.window.type.kind == "duration" else window
        return f"rt.status_breached(c, {obligation}, {first}, {day})"

    def visit_Lambda(self, e: ir.Lambda, scope: dict[str, str]) -> str:  # pragma: no cover
        raise AssertionError("lambdas only appear as arguments of list functions")


def _simple(e: ir.Arith) -> bool:
    """Whether `+` or `-` on two numbers or amounts of one kind that cannot be missing is Python's own."""
    simple = {"int", "decimal", "money"}
    return (e.op in "+-" and e.left.type.kind in simple and e.right.type.kind in simple
            and not e.left.type.optional and not e.right.type.optional
            and e.left.type.kind == e.right.type.kind)


def _missing_field(e: ir.Expr) -> str | None:
    """The optional household field whose absence makes a condition unknown, when the condition is
    a plain comparison of that field with a value computed at no cost (so nothing else is judged)."""
    if not isinstance(e, ir.Compare) or e.left.type.order is not None:
        return None
    for field, other in ((e.left, e.right), (e.right, e.left)):
        if isinstance(field, ir.HouseholdField) and field.type.optional and pure(other) \
                and not other.type.optional:
            return field.name
    return None
