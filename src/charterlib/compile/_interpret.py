"""The reference evaluator of expressions: walks the typed IR directly, simple and obviously right."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from .. import ir
from ..ir.visit import Visitor
from ..language.builtins import SCALARS
from ..records import Person
from ..runtime import functions as rt
from ..runtime.functions import Fn


class Env:
    """Where an expression is evaluated: household context, judged day, unit days, bound persons."""

    __slots__ = ("c", "program", "today", "unit_end", "unit_start", "vars")

    def __init__(self, c: rt.Ctx, today: dt.date, unit_start: dt.date, unit_end: dt.date,
                 variables: dict[str, Any], program: Reference) -> None:
        self.c = c
        self.today = today
        self.unit_start = unit_start
        self.unit_end = unit_end
        self.vars = variables
        self.program = program

    def bind(self, name: str, value: Any) -> Env:
        """The same place with one more variable bound."""
        return Env(self.c, self.today, self.unit_start, self.unit_end, {**self.vars, name: value},
                   self.program)


class Interpreter(Visitor[Any]):
    """The value of an expression in an environment, by walking its IR (`visit(expr, env)`)."""

    def visit_Const(self, e: ir.Const, env: Env) -> Any:
        return e.value

    def visit_HouseholdField(self, e: ir.HouseholdField, env: Env) -> Any:
        return env.c.h.fields.get(e.name)

    def visit_PersonField(self, e: ir.PersonField, env: Env) -> Any:
        return rt.field(self.visit(e.person, env), e.name)

    def visit_Var(self, e: ir.Var, env: Env) -> Any:
        return env.vars[e.name]

    def visit_Members(self, e: ir.Members, env: Env) -> Any:
        return rt.ever_members(env.c, env.today) if e.ever else rt.members(env.c, env.today)

    def visit_DefRef(self, e: ir.DefRef, env: Env) -> Any:
        key = (e.name, env.today)
        value = env.c.memo.get(key, rt.MISS)
        if value is rt.MISS:
            definition = env.program.definitions[e.name]
            value = self.visit(definition.expr, Env(env.c, env.today, env.unit_start, env.unit_end, {}, env.program))
            env.c.memo[key] = value
        return value

    def visit_Apply(self, e: ir.Apply, env: Env) -> Any:
        return self.visit(e.body, env)  # the function's body for these arguments

    def visit_ParamRef(self, e: ir.ParamRef, env: Env) -> Any:
        return rt.param(env.c, e.name, env.program.parameters[e.name], env.today)

    def visit_TableRef(self, e: ir.TableRef, env: Env) -> Any:
        keys = tuple(self.visit(k, env) for k in e.keys)
        return rt.table(env.c, e.name, env.program.tables[e.name], keys, env.today)

    def visit_Context(self, e: ir.Context, env: Env) -> Any:
        return {"today": env.today, "unit_start": env.unit_start, "unit_end": env.unit_end}[e.which]

    def visit_Arith(self, e: ir.Arith, env: Env) -> Any:
        return rt.arith(env.c, e.op, self.visit(e.left, env), self.visit(e.right, env))

    def visit_Negate(self, e: ir.Negate, env: Env) -> Any:
        return rt.negate(self.visit(e.operand, env))

    def visit_Compare(self, e: ir.Compare, env: Env) -> Any:
        return rt.compare(e.op, self.visit(e.left, env), self.visit(e.right, env), e.left.type.order)

    def visit_And(self, e: ir.And, env: Env) -> Any:
        left = self.visit(e.left, env)
        if left is False:
            return False
        return rt.and3(left, self.visit(e.right, env))

    def visit_Or(self, e: ir.Or, env: Env) -> Any:
        left = self.visit(e.left, env)
        if left is True:
            return True
        return rt.or3(left, self.visit(e.right, env))

    def visit_Not(self, e: ir.Not, env: Env) -> Any:
        return rt.not3(self.visit(e.operand, env))

    def visit_If(self, e: ir.If, env: Env) -> Any:
        condition = self.visit(e.condition, env)
        if condition is None:
            return None
        return self.visit(e.then if condition else e.otherwise, env)

    def visit_In(self, e: ir.In, env: Env) -> Any:
        return rt.member_of(self.visit(e.value, env), self.visit(e.collection, env))

    def visit_Between(self, e: ir.Between, env: Env) -> Any:
        return rt.between(self.visit(e.value, env), self.visit(e.low, env), self.visit(e.high, env),
                          e.value.type.order)

    def visit_IsSet(self, e: ir.IsSet, env: Env) -> Any:
        present = self.visit(e.value, env) is not None
        return not present if e.negated else present

    def visit_ListOf(self, e: ir.ListOf, env: Env) -> Any:
        return tuple(self.visit(item, env) for item in e.items)

    def visit_Case(self, e: ir.Case, env: Env) -> Any:
        subject = self.visit(e.subject, env)
        if subject is None:
            return None
        for label, value in e.arms:
            if label == subject:
                return self.visit(value, env)
        assert e.default is not None, "the checker makes every case exhaustive"
        return self.visit(e.default, env)

    def visit_Status(self, e: ir.Status, env: Env) -> Any:
        day = self.visit(e.on, env)
        if e.test == "fulfilled":
            return rt.status_fulfilled(env.c, e.obligation, day)
        if e.test == "pending":
            return rt.status_pending(env.c, e.obligation, day)
        first = day if e.window is None else self.visit(e.window, env)
        if e.window is not None and e.window.type.kind == "duration":
            first = rt.span_start(day, first)
        return rt.status_breached(env.c, e.obligation, first, day)

    def visit_Call(self, e: ir.Call, env: Env) -> Any:
        if e.function in SCALARS:
            return getattr(rt, e.function)(*(self.visit(a, env) for a in e.args))
        method: Callable[[ir.Call, Env], Any] = getattr(self, f"call_{e.function}")
        return method(e, env)

    def _apply(self, fn: ir.Expr, env: Env, element: Any) -> Any:
        assert isinstance(fn, ir.Lambda)
        return self.visit(fn.body, env.bind(fn.var, element))

    # one method per collection builtin of `language.builtins.COLLECTIONS`
    def call_filter(self, e: ir.Call, env: Env) -> Any:
        items = self.visit(e.args[0], env)
        return tuple(p for p in items if self._apply(e.args[1], env, p) is True)

    def call_map(self, e: ir.Call, env: Env) -> Any:
        values = tuple(self._apply(e.args[1], env, p) for p in self.visit(e.args[0], env))
        return rt.flatten(values) if e.type.kind == "list" and e.args[1].type.kind == "list" else values

    def call_count(self, e: ir.Call, env: Env) -> Any:
        items = self.visit(e.args[0], env)
        if len(e.args) == 1:
            return len(items)
        return sum(1 for p in items if self._apply(e.args[1], env, p) is True)

    def call_any(self, e: ir.Call, env: Env) -> Any:
        items = self.visit(e.args[0], env)
        truths = (self._apply(e.args[1], env, p) for p in items) if len(e.args) == 2 else iter(items)
        return rt.any3(truths) if e.function == "any" else rt.all3(truths)

    call_all = call_any

    def call_sum(self, e: ir.Call, env: Env) -> Any:
        return rt.total(self.visit(e.args[0], env))

    def call_min(self, e: ir.Call, env: Env) -> Any:
        highest = e.function in ("max", "latest")
        if len(e.args) == 1 and e.args[0].type.kind == "list":
            return rt.extreme(self.visit(e.args[0], env), highest)
        return rt.extreme_of([self.visit(a, env) for a in e.args], highest)

    call_max = call_earliest = call_latest = call_min

    def call_the(self, e: ir.Call, env: Env) -> Any:
        return rt.the(env.c, self.visit(e.args[0], env))

    def call_nth(self, e: ir.Call, env: Env) -> Any:
        return rt.nth(self.visit(e.args[0], env), self.visit(e.args[1], env))

    def call_birthday(self, e: ir.Call, env: Env) -> Any:
        return rt.birthday(env.c, self.visit(e.args[0], env), self.visit(e.args[1], env))

    def call_alive(self, e: ir.Call, env: Env) -> Any:
        return rt.not3(rt.died(self.visit(e.args[0], env), self.visit(e.args[1], env)))

    def call_died(self, e: ir.Call, env: Env) -> Any:
        return rt.died(self.visit(e.args[0], env), self.visit(e.args[1], env))

    def call_age(self, e: ir.Call, env: Env) -> Any:
        return rt.age(env.c, self.visit(e.args[0], env), self.visit(e.args[1], env))


_INTERPRETER = Interpreter()
evaluate: Callable[[ir.Expr, Env], Any] = _INTERPRETER.visit
"""The value of an expression in an environment."""


class Reference:
    """The reference back end: each expression becomes a function that interprets its IR."""

    name = "reference"

    def __init__(self, charter: ir.Charter) -> None:
        self.definitions = {d.name: d for d in charter.definitions}
        self.parameters = {p.name: tuple((start, c.value) for start, c in p.values) for p in charter.parameters}
        self.tables = {p.name: {cell.keys: tuple((start, c.value) for start, c in cell.values) for cell in p.cells}
                       for p in charter.parameters if p.table}

    def function(self, expr: ir.Expr, subject: str | None) -> Fn:
        """A function of (ctx, today, unit start, unit end, subject person) giving the value."""
        def run(c: rt.Ctx, today: dt.date, unit_start: dt.date, unit_end: dt.date, person: Person | None) -> Any:
            variables = {subject: person} if subject is not None else {}
            return evaluate(expr, Env(c, today, unit_start, unit_end, variables, self))

        return run
