"""The reference evaluator of expressions: walks the typed IR directly, simple and obviously right."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ..check import ir
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


def _order(t: Any) -> tuple[str, ...] | None:
    return t.enum.labels if t.kind == "enum" and t.enum is not None and t.enum.ordered else None


def evaluate(e: ir.Expr, env: Env) -> Any:
    """The value of an expression in an environment."""
    return _DISPATCH[type(e)](e, env)


def _const(e: ir.Const, env: Env) -> Any:
    return e.value


def _household_field(e: ir.HouseholdField, env: Env) -> Any:
    return env.c.h.fields.get(e.name)


def _person_field(e: ir.PersonField, env: Env) -> Any:
    return rt.field(evaluate(e.person, env), e.name)


def _var(e: ir.Var, env: Env) -> Any:
    return env.vars[e.name]


def _members(e: ir.Members, env: Env) -> Any:
    return rt.members(env.c, env.today)


def _defref(e: ir.DefRef, env: Env) -> Any:
    key = (e.name, env.today)
    value = env.c.memo.get(key, rt.MISS)
    if value is rt.MISS:
        definition = env.program.definitions[e.name]
        value = evaluate(definition.expr, Env(env.c, env.today, env.unit_start, env.unit_end, {},
                                              env.program))
        env.c.memo[key] = value
    return value


def _context(e: ir.Context, env: Env) -> Any:
    return {"today": env.today, "unit_start": env.unit_start, "unit_end": env.unit_end}[e.which]


def _arith(e: ir.Arith, env: Env) -> Any:
    return rt.arith(env.c, e.op, evaluate(e.left, env), evaluate(e.right, env))


def _negate(e: ir.Negate, env: Env) -> Any:
    return rt.negate(evaluate(e.operand, env))


def _compare(e: ir.Compare, env: Env) -> Any:
    return rt.compare(e.op, evaluate(e.left, env), evaluate(e.right, env), _order(e.left.type))


def _and(e: ir.And, env: Env) -> Any:
    left = evaluate(e.left, env)
    if left is False:
        return False
    return rt.and3(left, evaluate(e.right, env))


def _or(e: ir.Or, env: Env) -> Any:
    left = evaluate(e.left, env)
    if left is True:
        return True
    return rt.or3(left, evaluate(e.right, env))


def _not(e: ir.Not, env: Env) -> Any:
    return rt.not3(evaluate(e.operand, env))


def _if(e: ir.If, env: Env) -> Any:
    condition = evaluate(e.condition, env)
    if condition is None:
        return None
    return evaluate(e.then if condition else e.otherwise, env)


def _in(e: ir.In, env: Env) -> Any:
    return rt.member_of(evaluate(e.value, env), evaluate(e.collection, env))


def _between(e: ir.Between, env: Env) -> Any:
    return rt.between(evaluate(e.value, env), evaluate(e.low, env), evaluate(e.high, env),
                      _order(e.value.type))


def _is_set(e: ir.IsSet, env: Env) -> Any:
    present = evaluate(e.value, env) is not None
    return not present if e.negated else present


def _list(e: ir.ListOf, env: Env) -> Any:
    return tuple(evaluate(item, env) for item in e.items)


def _case(e: ir.Case, env: Env) -> Any:
    subject = evaluate(e.subject, env)
    if subject is None:
        return None
    for label, value in e.arms:
        if label == subject:
            return evaluate(value, env)
    assert e.default is not None, "the checker makes every case exhaustive"
    return evaluate(e.default, env)


def _apply(fn: ir.Expr, env: Env, element: Any) -> Any:
    assert isinstance(fn, ir.Lambda)
    return evaluate(fn.body, env.bind(fn.var, element))


def _call(e: ir.Call, env: Env) -> Any:
    f, args = e.function, e.args
    if f in SCALARS:
        return getattr(rt, f)(*(evaluate(a, env) for a in args))
    if f == "filter":
        items = evaluate(args[0], env)
        return tuple(p for p in items if _apply(args[1], env, p) is True)
    if f == "map":
        values = tuple(_apply(args[1], env, p) for p in evaluate(args[0], env))
        return rt.flatten(values) if e.type.kind == "list" and args[1].type.kind == "list" else values
    if f == "count":
        items = evaluate(args[0], env)
        if len(args) == 1:
            return len(items)
        return sum(1 for p in items if _apply(args[1], env, p) is True)
    if f in ("any", "all"):
        items = evaluate(args[0], env)
        truths = (_apply(args[1], env, p) for p in items) if len(args) == 2 else iter(items)
        return rt.any3(truths) if f == "any" else rt.all3(truths)
    if f == "sum":
        return rt.total(evaluate(args[0], env))
    if f in ("min", "max", "earliest", "latest"):
        highest = f in ("max", "latest")
        if len(args) == 1 and args[0].type.kind == "list":
            return rt.extreme(evaluate(args[0], env), highest)
        return rt.extreme_of([evaluate(a, env) for a in args], highest)
    if f == "the":
        return rt.the(env.c, evaluate(args[0], env))
    if f == "nth":
        return rt.nth(evaluate(args[0], env), evaluate(args[1], env))
    if f == "birthday":
        return rt.birthday(env.c, evaluate(args[0], env), evaluate(args[1], env))
    if f == "age":
        return rt.age(env.c, evaluate(args[0], env), evaluate(args[1], env))
    raise AssertionError(f"unknown function {f}")  # pragma: no cover


def _param(e: ir.ParamRef, env: Env) -> Any:
    return rt.param(env.c, e.name, env.program.parameters[e.name], env.today)


_DISPATCH: dict[type, Callable[[Any, Env], Any]] = {
    ir.Const: _const,
    ir.HouseholdField: _household_field,
    ir.PersonField: _person_field,
    ir.Var: _var,
    ir.Members: _members,
    ir.DefRef: _defref,
    ir.Context: _context,
    ir.Arith: _arith,
    ir.Negate: _negate,
    ir.Compare: _compare,
    ir.And: _and,
    ir.Or: _or,
    ir.Not: _not,
    ir.If: _if,
    ir.In: _in,
    ir.Between: _between,
    ir.IsSet: _is_set,
    ir.ListOf: _list,
    ir.Case: _case,
    ir.Call: _call,
    ir.ParamRef: _param,
}


class Reference:
    """The reference back end: each expression becomes a function that interprets its IR."""

    name = "reference"

    def __init__(self, charter: ir.Charter) -> None:
        self.definitions = {d.name: d for d in charter.definitions}
        self.parameters = {p.name: tuple((start, c.value) for start, c in p.values) for p in charter.parameters}

    def function(self, expr: ir.Expr, subject: str | None) -> Fn:
        """A function of (ctx, today, unit start, unit end, subject person) giving the value."""
        def run(c: rt.Ctx, today: dt.date, unit_start: dt.date, unit_end: dt.date, person: Person | None) -> Any:
            variables = {subject: person} if subject is not None else {}
            return evaluate(expr, Env(c, today, unit_start, unit_end, variables, self))

        return run
