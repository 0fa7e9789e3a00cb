"""Compiles typed IR expressions into DuckDB SQL over two tables: households `hh` and persons `pp`.

The SQL is set-at-a-time: a whole register is judged by one query per article. NULL is the
missing value, and SQL's AND/OR/NOT are already the three-valued logic of the language.
Collections of persons become correlated subqueries over `pp` (members born on or before the
judged day, in birth order `ord`). User names only appear as quoted identifiers or string
literals; every alias is generated.

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
from ..check.types import PERSON

HID = '"#hid"'
"""The household id column (`hh` and `pp`); `#` keeps it apart from any field a charter declares."""
PID = '"#id"'
"""The person id column of `pp`."""
ORD = '"#ord"'
"""The birth-order position of a person in the household (`pp`)."""


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
class Rel:
    """A set of persons: an alias over `pp` and the conditions that select its rows."""

    alias: str
    where: tuple[str, ...]

    def sql(self, select: str, extra: str = "", order: bool = False) -> str:
        """A subquery selecting from this set."""
        conditions = " AND ".join(self.where) or "TRUE"
        tail = f" ORDER BY {self.alias}.{ORD}" if order else ""
        return f"(SELECT {select} FROM pp AS {self.alias}{extra} WHERE {conditions}{tail}"


@attrs.frozen
class Values:
    """A list of values: a person column (maybe a list column, then unnested) over a set."""

    rel: Rel
    column: str
    is_list: bool

    def sql(self, aggregate: str) -> str:
        """An aggregate over the values."""
        if self.is_list:
            value = f"{self.rel.alias}_x.x"
            extra = f", unnest({self.rel.alias}.{ident(self.column)}) AS {self.rel.alias}_x(x)"
        else:
            value = f"{self.rel.alias}.{ident(self.column)}"
            extra = ""
        return self.rel.sql(aggregate.format(value), extra) + ")"


@attrs.frozen
class PersonRef:
    """One person of a set: the n-th in birth order, or the only one."""

    rel: Rel
    offset: int | None  # None: `the`

    def column(self, name: str) -> str:
        """A column of that person (NULL when there is none)."""
        col = f"{self.rel.alias}.{ident(name)}"
        if self.offset is None:
            return self.rel.sql(f"first({col})") + ")"
        return self.rel.sql(col, order=True) + f" LIMIT 1 OFFSET {self.offset})"


@attrs.frozen
class Scope:
    """Where an expression is computed: the judged day, unit days, and persons bound to aliases."""

    today: str
    unit_start: str = "NULL"
    unit_end: str = "NULL"
    persons: tuple[tuple[str, str], ...] = ()  # (variable, alias)

    def bind(self, var: str, alias: str) -> Scope:
        """The scope with one more person bound."""
        return attrs.evolve(self, persons=self.persons + ((var, alias),))

    def alias(self, var: str) -> str:
        """The alias a bound person is read from."""
        for name, alias in reversed(self.persons):
            if name == var:
                return alias
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

    def fresh(self) -> str:
        """A new alias."""
        return f"p{next(self._aliases)}"

    def take_errors(self) -> str:
        """The error conditions met since the last call, as one SQL condition (FALSE when none)."""
        found, self.errors = self.errors, []
        return "(" + " OR ".join(f"({e}) IS TRUE" for e in found) + ")" if found else "FALSE"

    # -------------------------------------------------------------- values
    def value(self, e: ir.Expr, scope: Scope) -> str:
        """SQL computing a scalar expression."""
        result = self._any(e, scope)
        if isinstance(result, (Rel, Values, PersonRef)):
            raise Unsupported("a list or person used as a value")
        return result

    def rel(self, e: ir.Expr, scope: Scope) -> Rel:
        """SQL set of persons for a list-of-persons expression."""
        result = self._any(e, scope)
        if not isinstance(result, Rel):
            raise Unsupported("not a set of persons")
        return result

    def _any(self, e: ir.Expr, scope: Scope) -> str | Rel | Values | PersonRef:
        method = getattr(self, "_" + type(e).__name__, None)
        if method is None:
            raise Unsupported(type(e).__name__)
        result: str | Rel | Values | PersonRef = method(e, scope)
        return result

    def _Const(self, e: ir.Const, scope: Scope) -> str:
        if isinstance(e.value, tuple):
            raise Unsupported("a list or duration constant used as a value")
        return literal(e.value, e.type.kind)

    def _HouseholdField(self, e: ir.HouseholdField, scope: Scope) -> str:
        return f"h.{ident(e.name)}"

    def _PersonField(self, e: ir.PersonField, scope: Scope) -> str:
        person = e.person
        if isinstance(person, ir.Var):
            return f"{scope.alias(person.name)}.{ident(e.name)}"
        ref = self._any(person, scope)
        if isinstance(ref, PersonRef):
            return ref.column(e.name)
        raise Unsupported("field of a computed person")

    def _Var(self, e: ir.Var, scope: Scope) -> str:
        raise Unsupported("a person used as a value")

    def _Members(self, e: ir.Members, scope: Scope) -> Rel:
        alias = self.fresh()
        return Rel(alias, (f"{alias}.{HID} = h.{HID}", f"{alias}.birth_date <= {scope.today}"))

    def _DefRef(self, e: ir.DefRef, scope: Scope) -> str | Rel | Values | PersonRef:
        definition = self.definitions[e.name]
        inner = Scope(scope.today)  # definitions see the judged day only
        return self._any(definition.expr, inner)

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
        values = self._any(collection, scope)
        if not isinstance(values, Values) or values.is_list:
            raise Unsupported("`in` a computed list")
        column = f"{values.rel.alias}.{ident(values.column)}"
        inner = values.rel.sql(column) + f" AND {column} IS NOT NULL)"
        return f"(CASE WHEN {value} IS NULL THEN NULL ELSE coalesce({value} IN {inner}, FALSE) END)"

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
    def _predicate(self, fn: ir.Expr, rel: Rel, scope: Scope) -> str:
        assert isinstance(fn, ir.Lambda)
        return self.value(fn.body, scope.bind(fn.var, rel.alias))

    def _Call(self, e: ir.Call, scope: Scope) -> str | Rel | Values | PersonRef:
        f, args = e.function, e.args
        if f == "filter":
            rel = self.rel(args[0], scope)
            return Rel(rel.alias, rel.where + (f"({self._predicate(args[1], rel, scope)}) IS TRUE",))
        if f == "map":
            rel = self.rel(args[0], scope)
            fn = args[1]
            assert isinstance(fn, ir.Lambda)
            body = fn.body
            if not (isinstance(body, ir.PersonField) and isinstance(body.person, ir.Var)):
                raise Unsupported("a projection other than a field")
            return Values(rel, body.name, body.type.kind == "list")
        if f == "count":
            if args[0].type.element != PERSON:
                raise Unsupported("count of a list of values")
            people = self.rel(args[0], scope)
            if len(args) == 1:
                return people.sql("count(*)") + ")"
            return people.sql(f"count_if(({self._predicate(args[1], people, scope)}) IS TRUE)") + ")"
        if f in ("any", "all"):
            if len(args) == 1:
                raise Unsupported(f"{f} of a list of conditions")
            rel = self.rel(args[0], scope)
            p = self._predicate(args[1], rel, scope)
            if f == "any":
                verdict = (f"CASE WHEN count_if(({p}) IS TRUE) > 0 THEN TRUE "
                           f"WHEN count_if(({p}) IS NULL) > 0 THEN NULL ELSE FALSE END")
            else:
                verdict = (f"CASE WHEN count_if(({p}) IS FALSE) > 0 THEN FALSE "
                           f"WHEN count_if(({p}) IS NULL) > 0 THEN NULL ELSE TRUE END")
            return rel.sql(verdict) + ")"
        if f in ("min", "max", "earliest", "latest"):
            highest = f in ("max", "latest")
            if len(args) == 1 and args[0].type.kind == "list":
                values = self._any(args[0], scope)
                if not isinstance(values, Values):
                    raise Unsupported("an extreme of a computed list")
                return values.sql("max({0})" if highest else "min({0})")
            parts = [self.value(a, scope) for a in args]
            nulls = " OR ".join(f"({p}) IS NULL" for p in parts)
            return f"(CASE WHEN {nulls} THEN NULL ELSE {'greatest' if highest else 'least'}({', '.join(parts)}) END)"
        if f == "sum":
            values = self._any(args[0], scope)
            if not isinstance(values, Values) or values.is_list:
                raise Unsupported("sum of a computed list")
            return values.sql("coalesce(sum({0}), 0)")
        if f == "nth":
            rel = self.rel(args[0], scope)
            position = args[1]
            if not isinstance(position, ir.Const) or not isinstance(position.value, int):
                raise Unsupported("nth with a computed position")
            if position.value < 1:
                return PersonRef(Rel(rel.alias, rel.where + ("FALSE",)), 0)
            return PersonRef(rel, position.value - 1)
        if f == "the":
            rel = self.rel(args[0], scope)
            self.errors.append(rel.sql("count(*)") + ") <> 1")
            return PersonRef(rel, None)
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
        if isinstance(person, ir.Var):
            return f"{scope.alias(person.name)}.birth_date"
        ref = self._any(person, scope)
        if isinstance(ref, PersonRef):
            return ref.column("birth_date")
        raise Unsupported("birth date of a computed person")
