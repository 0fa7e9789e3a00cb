"""Compiles typed IR expressions into DuckDB SQL over the households table `hh`.

The SQL is set-at-a-time: a whole register is judged by one query per article. NULL is the
missing value, and SQL's AND/OR/NOT are already the three-valued logic of the language. Each
household row holds its members as a list of structs in birth order (`"#members"`); collections
of persons become list expressions with lambdas (`list_filter`, `list_transform`, `len`, …), so a
household is judged without any join. User names only appear as quoted identifiers or string
literals; every lambda variable is generated.

Where the household evaluator would raise (`the` on a list that does not hold exactly one, a
parameter before its first value, a missing amount), the translation records an *error
condition*; households where one holds are evaluated by the household evaluator instead, so the
two back ends agree exactly. Constructs with no exact SQL form raise `Unsupported`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

import attrs

from ..check import ir

HID = '"#hid"'
"""The household id column of `hh`; `#` keeps it apart from any field a charter declares."""
PID = '"#id"'
"""The person id field of a member struct."""
MEMBERS = '"#members"'
"""The members of a household: a list of structs (`#id` and the person fields) in birth order."""


class Unsupported(Exception):
    """An expression this back end cannot compute exactly in SQL."""


def ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def text(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def literal(value: Any, kind: str) -> str:
    """A SQL literal for a constant of the language."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    if kind == "money":
        return f"CAST('{Decimal(value):.2f}' AS DECIMAL(18,2))"
    if isinstance(value, Decimal):
        return f"CAST('{value}' AS DECIMAL(38,10))"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return text(value)
    raise Unsupported(f"constant {value!r}")


@attrs.frozen
class Scope:
    """Where an expression is computed: the judged day, unit days, and persons bound to aliases."""

    today: str
    unit_start: str = "NULL"
    unit_end: str = "NULL"
    persons: tuple[tuple[str, str], ...] = ()  # (variable, SQL of the person struct)

    def bind(self, var: str, person: str) -> Scope:
        """The scope with one more person bound."""
        return attrs.evolve(self, persons=self.persons + ((var, person),))

    def person(self, var: str) -> str:
        """The SQL of a bound person."""
        for name, sql in reversed(self.persons):
            if name == var:
                return sql
        raise Unsupported(f"unbound person {var}")  # pragma: no cover


_SQL_OPS = {"=": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


class SqlCompiler:
    """Translates IR expressions of one charter; collects the error conditions it meets."""

    def __init__(self, charter: ir.Charter) -> None:
        self.charter = charter
        self.definitions = {d.name: d for d in charter.definitions}
        self.parameters = {p.name: p for p in charter.parameters}
        self._aliases = itertools.count(1)
        self.errors: list[str] = []
        self.columns: dict[tuple[str, str], str] = {}
        """Definitions (and `members`) already computed as columns: (name, judged day) → column."""

    def fresh(self) -> str:
        """A new lambda variable."""
        return f"x{next(self._aliases)}"

    def take_errors(self) -> str:
        """The error conditions met since the last call, as one SQL condition (FALSE when none)."""
        found, self.errors = self.errors, []
        return "(" + " OR ".join(f"({e}) IS TRUE" for e in found) + ")" if found else "FALSE"

    # -------------------------------------------------------------- values
    def value(self, e: ir.Expr, scope: Scope) -> str:
        """SQL computing an expression (a list of persons is a list of structs, a person a struct)."""
        method = getattr(self, "_" + type(e).__name__, None)
        if method is None:
            raise Unsupported(type(e).__name__)
        result: str = method(e, scope)
        return result

    def _Const(self, e: ir.Const, scope: Scope) -> str:
        if isinstance(e.value, tuple):
            raise Unsupported("a list or duration constant used as a value")
        return literal(e.value, e.type.kind)

    def _HouseholdField(self, e: ir.HouseholdField, scope: Scope) -> str:
        return f"h.{ident(e.name)}"

    def _PersonField(self, e: ir.PersonField, scope: Scope) -> str:
        return f"({self.value(e.person, scope)}).{ident(e.name)}"

    def _Var(self, e: ir.Var, scope: Scope) -> str:
        return scope.person(e.name)

    def _Members(self, e: ir.Members, scope: Scope) -> str:
        column = self.columns.get(("#members", scope.today))
        if column is not None:
            return column
        x = self.fresh()
        return f"list_filter(h.{MEMBERS}, lambda {x}: {x}.birth_date <= {scope.today})"

    def _DefRef(self, e: ir.DefRef, scope: Scope) -> str:
        column = self.columns.get((e.name, scope.today))
        if column is not None:
            return column
        definition = self.definitions[e.name]
        return self.value(definition.expr, Scope(scope.today))  # definitions see the judged day only

    def definition_sql(self, name: str, today: str) -> str:
        """The SQL of a definition (or `#members`) on a day, using the columns already computed."""
        if name == "#members":
            x = self.fresh()
            return f"list_filter(h.{MEMBERS}, lambda {x}: {x}.birth_date <= {today})"
        return self.value(self.definitions[name].expr, Scope(today))

    def needs(self, e: ir.Expr) -> list[str]:
        """The definitions (and `#members`) an expression uses, each after those it uses itself."""
        order: list[str] = []

        def visit(expr: ir.Expr) -> None:
            for sub in expr.walk():
                name = sub.name if isinstance(sub, ir.DefRef) else "#members" if isinstance(sub, ir.Members) else None
                if name is None or name in order:
                    continue
                if name != "#members":
                    visit(self.definitions[name].expr)
                if name not in order:
                    order.append(name)

        visit(e)
        return order

    def _ParamRef(self, e: ir.ParamRef, scope: Scope) -> str:
        p = self.parameters[e.name]
        first = p.values[0][0]
        if first is not None:
            self.errors.append(f"{scope.today} < {literal(first, 'date')}")
        arms = " ".join(
            f"WHEN {scope.today} >= {literal(start, 'date')} THEN {literal(c.value, p.type.kind)}"
            for start, c in reversed(p.values) if start is not None
        )
        default = next((literal(c.value, p.type.kind) for start, c in p.values if start is None), "NULL")
        return f"(CASE {arms} ELSE {default} END)" if arms else default

    def _Context(self, e: ir.Context, scope: Scope) -> str:
        return {"today": scope.today, "unit_start": scope.unit_start, "unit_end": scope.unit_end}[e.which]

    def _Arith(self, e: ir.Arith, scope: Scope) -> str:
        lk, rk = e.left.type.kind, e.right.type.kind
        if lk == "date" and rk == "duration":
            return self.shift(self.value(e.left, scope), e.right, -1 if e.op == "-" else 1)
        if lk == "duration" and rk == "date":
            return self.shift(self.value(e.right, scope), e.left, 1)
        if e.op == "/" or "duration" in (lk, rk):
            raise Unsupported(f"`{e.op}` on {lk} and {rk}")
        left, right = self.value(e.left, scope), self.value(e.right, scope)
        if e.type.kind == "money":
            return f"CAST(({left} {e.op} {right}) AS DECIMAL(38,10))"
        return f"({left} {e.op} {right})"

    def shift(self, day: str, duration: ir.Expr, sign: int) -> str:
        """A day moved by a constant duration, by the month rule."""
        if not isinstance(duration, ir.Const) or not isinstance(duration.value, tuple):
            raise Unsupported("a duration that is not a constant")
        count, unit = duration.value
        function = {"days": "to_days", "months": "to_months", "years": "to_years"}[str(unit)]
        return f"CAST({day} + {function}({int(str(count)) * sign}) AS DATE)"

    def _Negate(self, e: ir.Negate, scope: Scope) -> str:
        if e.type.kind == "duration":
            raise Unsupported("negated duration")
        return f"(-{self.value(e.operand, scope)})"

    def _ordered(self, e: ir.Expr, sql: str) -> str:
        t = e.type
        if t.kind == "enum" and t.enum is not None and t.enum.ordered:
            labels = ", ".join(text(label) for label in t.enum.labels)
            return f"list_position([{labels}], {sql})"
        return sql

    def _Compare(self, e: ir.Compare, scope: Scope) -> str:
        left, right = self.value(e.left, scope), self.value(e.right, scope)
        if e.op not in ("=", "!="):
            left, right = self._ordered(e.left, left), self._ordered(e.left, right)
        return f"({left} {_SQL_OPS[e.op]} {right})"

    def _And(self, e: ir.And, scope: Scope) -> str:
        return f"({self.value(e.left, scope)} AND {self.value(e.right, scope)})"

    def _Or(self, e: ir.Or, scope: Scope) -> str:
        return f"({self.value(e.left, scope)} OR {self.value(e.right, scope)})"

    def _Not(self, e: ir.Not, scope: Scope) -> str:
        return f"(NOT {self.value(e.operand, scope)})"

    def _If(self, e: ir.If, scope: Scope) -> str:
        c = self.value(e.condition, scope)
        return (f"(CASE WHEN ({c}) IS NULL THEN NULL WHEN {c} THEN {self.value(e.then, scope)} "
                f"ELSE {self.value(e.otherwise, scope)} END)")

    def _In(self, e: ir.In, scope: Scope) -> str:
        value = self.value(e.value, scope)
        collection = e.collection
        if isinstance(collection, ir.ListOf):
            items = ", ".join(self.value(i, scope) for i in collection.items)
            if not items:
                return f"(CASE WHEN {value} IS NULL THEN NULL ELSE FALSE END)"
            return f"({value} IN ({items}))"
        values = self.value(collection, scope)
        x = self.fresh()
        present = f"list_filter({values}, lambda {x}: {x} IS NOT NULL)"
        return f"(CASE WHEN {value} IS NULL THEN NULL ELSE list_contains({present}, {value}) END)"

    def _Between(self, e: ir.Between, scope: Scope) -> str:
        value = self._ordered(e.value, self.value(e.value, scope))
        low = self._ordered(e.value, self.value(e.low, scope))
        high = self._ordered(e.value, self.value(e.high, scope))
        return f"({value} BETWEEN {low} AND {high})"

    def _IsSet(self, e: ir.IsSet, scope: Scope) -> str:
        return f"({self.value(e.value, scope)} IS {'' if e.negated else 'NOT '}NULL)"

    def _Case(self, e: ir.Case, scope: Scope) -> str:
        subject = self.value(e.subject, scope)
        arms = " ".join(f"WHEN {subject} = {text(label)} THEN {self.value(v, scope)}" for label, v in e.arms)
        default = self.value(e.default, scope) if e.default is not None else "NULL"
        return f"(CASE WHEN {subject} IS NULL THEN NULL {arms} ELSE {default} END)"

    def _ListOf(self, e: ir.ListOf, scope: Scope) -> str:
        raise Unsupported("a list literal outside `in`")

    # -------------------------------------------------------------- functions
    def _lambda(self, fn: ir.Expr, scope: Scope) -> tuple[str, str]:
        """A lambda variable and the SQL of the body with the element bound to it."""
        assert isinstance(fn, ir.Lambda)
        x = self.fresh()
        return x, self.value(fn.body, scope.bind(fn.var, x))

    def _Call(self, e: ir.Call, scope: Scope) -> str:
        f, args = e.function, e.args
        if f == "filter":
            items = self.value(args[0], scope)
            x, body = self._lambda(args[1], scope)
            return f"list_filter({items}, lambda {x}: ({body}) IS TRUE)"
        if f == "map":
            items = self.value(args[0], scope)
            x, body = self._lambda(args[1], scope)
            mapped = f"list_transform({items}, lambda {x}: {body})"
            return f"flatten({mapped})" if args[1].type.kind == "list" else mapped
        if f == "count":
            items = self.value(args[0], scope)
            if len(args) == 1:
                return f"len({items})"
            x, body = self._lambda(args[1], scope)
            return f"len(list_filter({items}, lambda {x}: ({body}) IS TRUE))"
        if f in ("any", "all"):
            items = self.value(args[0], scope)
            if len(args) == 1:
                x = self.fresh()
                body = x
            else:
                x, body = self._lambda(args[1], scope)
            decisive = "TRUE" if f == "any" else "FALSE"
            return (f"(CASE WHEN len(list_filter({items}, lambda {x}: ({body}) IS {decisive})) > 0 THEN {decisive} "
                    f"WHEN len(list_filter({items}, lambda {x}: ({body}) IS NULL)) > 0 THEN NULL "
                    f"ELSE {'FALSE' if f == 'any' else 'TRUE'} END)")
        if f in ("min", "max", "earliest", "latest"):
            highest = f in ("max", "latest")
            if len(args) == 1 and args[0].type.kind == "list":
                return f"{'list_max' if highest else 'list_min'}({self.value(args[0], scope)})"
            parts = [self.value(a, scope) for a in args]
            nulls = " OR ".join(f"({p}) IS NULL" for p in parts)
            return f"(CASE WHEN {nulls} THEN NULL ELSE {'greatest' if highest else 'least'}({', '.join(parts)}) END)"
        if f == "sum":
            x = self.fresh()
            items = self.value(args[0], scope)
            return f"coalesce(list_sum(list_filter({items}, lambda {x}: {x} IS NOT NULL)), 0)"
        if f == "nth":
            items = self.value(args[0], scope)
            position = self.value(args[1], scope)
            return f"(CASE WHEN ({position}) >= 1 THEN ({items})[{position}] END)"
        if f == "the":
            items = self.value(args[0], scope)
            self.errors.append(f"len({items}) <> 1")
            return f"({items})[1]"
        if f == "birthday":
            birth = self._birth(args[0], scope)
            n = self.value(args[1], scope)
            return f"CAST({birth} + to_years({n}) AS DATE)"
        if f == "age":
            birth = self._birth(args[0], scope)
            on = self.value(args[1], scope)
            years = f"(year({on}) - year({birth}))"
            return (f"(CASE WHEN {years} > 0 THEN {years} - CASE WHEN CAST({birth} + to_years({years}) AS DATE)"
                    f" > {on} THEN 1 ELSE 0 END WHEN {on} >= {birth} THEN 0 ELSE -1 END)")
        raise Unsupported(f"function {f}")

    def _birth(self, person: ir.Expr, scope: Scope) -> str:
        return f"({self.value(person, scope)}).birth_date"
