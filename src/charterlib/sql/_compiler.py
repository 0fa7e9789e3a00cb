"""Compiles typed IR expressions into DuckDB SQL over the households table `hh`.

The SQL is set-at-a-time: a whole register is judged by one query per article. NULL is the
missing value, and SQL's AND/OR/NOT are already the three-valued logic of the language. User names
only appear as quoted identifiers or string literals; every lambda variable is generated.

Collections of members are *lowered* to aggregates over the persons table `pp` wherever the
collection is `members` narrowed by tests on the person alone (`children`, `spouses where …`):
`count`, `any`, `all`, `the`, `nth`, `min`/`max`/`earliest`/`latest` and `sum` become aggregate
expressions (`Aggregates`) computed for every household by a `GROUP BY` pass (when the day they
are judged on is a constant or a household-level value), or a correlated subquery (when it varies
row by row). Only what cannot be lowered reads the household's members as a list of structs in
birth order (`"#members"`, built only then), with list lambdas (`list_filter`, `list_transform`,
`len`, …).

Where the household evaluator would raise (`the` on a list that does not hold exactly one, a
parameter before its first value, a missing amount), the translation records an *error
condition*; households where one holds are evaluated by the household evaluator instead, so the
two back ends agree exactly. Constructs with no exact SQL form raise `Unsupported`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping

import attrs

from .. import ir
from ..ir.analysis import FieldsRead, definitions_needed, leaving_fields
from ..ir.visit import Visitor, run_of
from ..language.builtins import SCALARS
from . import _status as status
from ._aggregates import Aggregates
from ._lower import Lowering
from ._scope import ROW, Scope
from .text import FIRST_DAY, MEMBERS, REACH, Columns, Unsupported, in_calendar, literal, text

MAX_SQL = 200_000
"""The longest SQL of one expression: a few functions repeat an operand (`age` its day, `case` its subject),
so nesting them multiplies the text; past this, the article is evaluated by the household evaluator."""

_SQL_OPS = {"=": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


class SqlCompiler(Lowering, Visitor[str]):
    """Translates IR expressions of one charter; collects the error conditions it meets."""

    def __init__(self, charter: ir.Charter, aggregates: Aggregates | None = None,
                 person_fields: tuple[str, ...] = ("birth_date",), value_fields: tuple[str, ...] | None = None,
                 statuses: Mapping[str, str] | None = None) -> None:
        self.charter = charter
        self.definitions = {d.name: d for d in charter.definitions}
        self._definition_exprs = {d.name: d.expr for d in charter.definitions}
        self.parameters = {p.name: p for p in charter.parameters}
        self.names = Columns.of(charter)
        self.leaving = tuple(self.names.p(name) for name in leaving_fields(charter))
        self._aliases = itertools.count(1)
        self.errors: list[str] = []
        self.columns: dict[tuple[str, str], str] = {}
        """Definitions (and `members`) already computed as columns: (name, judged day) → column."""
        self.aggregates = aggregates
        self.person_fields = person_fields
        """The person fields a member struct holds (birth date first, so structs sort by birth)."""
        self.value_fields = value_fields or FieldsRead.of(charter).value_struct()
        """The fields of a person that is a value (`the(children)`): those read from one, birth date first."""
        self.uses_lists = False
        """Whether some expression could not be lowered and reads the member lists."""
        self.statuses = statuses or {}
        """The table of each obligation's statuses in the plan, by id (what `breached(o)`… read)."""

    def fresh(self) -> str:
        """A new lambda variable."""
        return f"x{next(self._aliases)}"

    def take_errors(self) -> str:
        """The error conditions met since the last call, as one SQL condition (FALSE when none)."""
        found, self.errors = self.errors, []
        return "(" + " OR ".join(f"({e}) IS TRUE" for e in found) + ")" if found else "FALSE"

    def unhandled(self, node: object, *args: object) -> str:
        """A node with no SQL form."""
        raise Unsupported(type(node).__name__)

    # -------------------------------------------------------------- values
    def value(self, e: ir.Expr, scope: Scope) -> str:
        """SQL computing an expression (a list of persons is a list of structs, a person a struct)."""
        result: str = self.visit(e, scope)
        if len(result) > MAX_SQL:
            raise Unsupported(f"its SQL would be longer than {MAX_SQL:,} characters: SQL has no way to name a "
                              f"value once, and this expression repeats some at every level")
        return result

    def visit_Const(self, e: ir.Const, scope: Scope) -> str:
        if isinstance(e.value, tuple):
            raise Unsupported("a list or duration constant used as a value")
        return literal(e.value, e.type.kind)

    def visit_HouseholdField(self, e: ir.HouseholdField, scope: Scope) -> str:
        return f"h.{self.names.h(e.name)}"

    def visit_PersonField(self, e: ir.PersonField, scope: Scope) -> str:
        if isinstance(e.person, ir.Var) and scope.person(e.person.name) == ROW:
            return f"p.{self.names.p(e.name)}"
        return f"({self.value(e.person, scope)}).{self.names.p(e.name)}"

    def visit_Var(self, e: ir.Var, scope: Scope) -> str:
        person = scope.person(e.name)
        return self.person_struct() if person == ROW else person

    def person_struct(self, fields: tuple[str, ...] | None = None) -> str:
        """A member struct built from a row of the persons table (with `fields`, or every field read)."""
        fields = fields or self.person_fields
        names = [fields[0], "#id", *fields[1:]]
        return "struct_pack(" + ", ".join(f"{self.names.p(n)} := p.{self.names.p(n)}" for n in names) + ")"

    def visit_Members(self, e: ir.Members, scope: Scope) -> str:
        name = "#ever" if e.ever else "#members"
        column = self.columns.get((name, scope.today))
        if column is not None:
            return column
        return self.definition_sql(name, scope)

    def visit_DefRef(self, e: ir.DefRef, scope: Scope) -> str:
        column = self.columns.get((e.name, scope.today))
        if column is not None:
            return column
        definition = self.definitions[e.name]
        return self.value(definition.expr, scope.judged())  # definitions see the judged day only

    def visit_Apply(self, e: ir.Apply, scope: Scope) -> str:
        return self.value(e.body, scope)  # the function's body for these arguments

    def definition_sql(self, name: str, scope: Scope) -> str:
        """The SQL of a definition (or `#members`, or `#ever`: every person born by then) on a day, using
        the columns already computed."""
        if name in ("#members", "#ever"):
            self.uses_lists = True
            x = self.fresh()
            return f"list_filter(h.{MEMBERS}, lambda {x}: {self.present(x, scope.today, ever=name == '#ever')})"
        return self.value(self.definitions[name].expr, scope.judged())


    def needs(self, e: ir.Expr) -> list[str]:
        """The definitions (and `#members`) an expression uses, each after those it uses itself."""
        return definitions_needed(self._definition_exprs, e)

    def visit_ParamRef(self, e: ir.ParamRef, scope: Scope) -> str:
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

    def visit_TableRef(self, e: ir.TableRef, scope: Scope) -> str:
        p = self.parameters[e.name]
        first = p.cells[0].values[0][0] if p.cells else None  # every cell has a value from the table's first day
        if first is not None:
            self.errors.append(f"{scope.today} < {literal(first, 'date')}")
        keys = [self.value(k, scope) for k in e.keys]
        kinds = [d.type.kind for d in p.dimensions]

        def dated(values: ir.Dated) -> str:
            arms = " ".join(f"WHEN {scope.today} >= {literal(start, 'date')} THEN {literal(c.value, p.type.kind)}"
                            for start, c in reversed(values) if start is not None)
            default = next((literal(c.value, p.type.kind) for start, c in values if start is None), "NULL")
            return f"(CASE {arms} ELSE {default} END)" if arms else default

        def level(cells: list[ir.Cell], depth: int) -> str:  # a CASE on one key, the next inside each arm
            if depth == len(keys):
                return dated(cells[0].values)
            arms = []
            for key in dict.fromkeys(cell.keys[depth] for cell in cells):
                inner = level([cell for cell in cells if cell.keys[depth] == key], depth + 1)
                arms.append(f"WHEN {literal(key, kinds[depth])} THEN {inner}")
            return f"(CASE {keys[depth]} {' '.join(arms)} ELSE NULL END)"

        return level(list(p.cells), 0)

    def visit_Context(self, e: ir.Context, scope: Scope) -> str:
        return {"today": scope.today, "unit_start": scope.unit_start, "unit_end": scope.unit_end}[e.which]

    def visit_Status(self, e: ir.Status, scope: Scope) -> str:
        table = self.statuses.get(e.obligation)
        if table is None:
            raise Unsupported("the status of an obligation outside the plan of a period")
        if scope.in_lambda:  # DuckDB allows no subquery in a list lambda
            raise Unsupported("the status of an obligation inside a list function")
        day = self.value(e.on, scope)
        if e.test != "breached":
            return status.fulfilled(table, day) if e.test == "fulfilled" else status.pending(table, day)
        first = day
        if e.window is not None and e.window.type.kind == "duration":
            first = f"coalesce(CAST({self.shift(day, e.window, -1)} + to_days(1) AS DATE), {FIRST_DAY})"
        elif e.window is not None:
            first = self.value(e.window, scope)
        return status.breached(table, first, day)

    def visit_Arith(self, e: ir.Arith, scope: Scope) -> str:
        lk, rk = e.left.type.kind, e.right.type.kind
        if lk == "date" and rk == "duration":
            return self.shift(self.value(e.left, scope), e.right, -1 if e.op == "-" else 1)
        if lk == "duration" and rk == "date":
            return self.shift(self.value(e.right, scope), e.left, 1)
        if e.op == "/" or "duration" in (lk, rk):
            raise Unsupported(f"`{e.op}` on {lk} and {rk}")
        run = run_of(e)  # a run `a + b - c …` is one flat sum (SQL parsers nest parentheses by recursion)
        text = self.value(run[0].left, scope) + "".join(
            f" {step.op} {self.value(step.right, scope)}" for step in run if isinstance(step, ir.Arith))
        if e.type.kind == "money":
            return f"CAST(({text}) AS DECIMAL(38,10))"
        return f"({text})"

    def shift(self, day: str, duration: ir.Expr, sign: int) -> str:
        """A day moved by a constant duration, by the month rule."""
        if not isinstance(duration, ir.Const) or not isinstance(duration.value, tuple):
            raise Unsupported("a duration that is not a constant")
        count, unit = duration.value
        n = int(str(count)) * sign
        if abs(n) > REACH[str(unit)]:  # no day of the calendar moved that far stays in it
            return "CAST(NULL AS DATE)"
        function = {"days": "to_days", "months": "to_months", "years": "to_years"}[str(unit)]
        return in_calendar(f"CAST({day} + {function}({n}) AS DATE)")

    def visit_Negate(self, e: ir.Negate, scope: Scope) -> str:
        if e.type.kind == "duration":
            raise Unsupported("negated duration")
        return f"(-{self.value(e.operand, scope)})"

    def _ordered(self, e: ir.Expr, sql: str) -> str:
        t = e.type
        if t.kind == "enum" and t.enum is not None and t.enum.ordered:
            labels = ", ".join(text(label) for label in t.enum.labels)
            return f"list_position([{labels}], {sql})"
        return sql

    def visit_Compare(self, e: ir.Compare, scope: Scope) -> str:
        left, right = self.value(e.left, scope), self.value(e.right, scope)
        if e.op not in ("=", "!="):
            left, right = self._ordered(e.left, left), self._ordered(e.left, right)
        return f"({left} {_SQL_OPS[e.op]} {right})"

    def visit_And(self, e: ir.And, scope: Scope) -> str:
        return self._run(e, scope, "AND")

    def visit_Or(self, e: ir.Or, scope: Scope) -> str:
        return self._run(e, scope, "OR")

    def _run(self, e: ir.And | ir.Or, scope: Scope, op: str) -> str:
        """A run `a OR b OR c …` as one flat condition (SQL's AND/OR are three-valued already)."""
        operands = [run_of(e)[0].left] + [step.right for step in run_of(e)]
        return "(" + f" {op} ".join(self.value(x, scope) for x in operands) + ")"

    def visit_Not(self, e: ir.Not, scope: Scope) -> str:
        return f"(NOT {self.value(e.operand, scope)})"

    def visit_If(self, e: ir.If, scope: Scope) -> str:
        c = self.value(e.condition, scope)  # written once: missing matches neither arm
        return (f"(CASE {c} WHEN TRUE THEN {self.value(e.then, scope)} "
                f"WHEN FALSE THEN {self.value(e.otherwise, scope)} END)")

    def visit_In(self, e: ir.In, scope: Scope) -> str:
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

    def visit_Between(self, e: ir.Between, scope: Scope) -> str:
        value = self._ordered(e.value, self.value(e.value, scope))
        low = self._ordered(e.value, self.value(e.low, scope))
        high = self._ordered(e.value, self.value(e.high, scope))
        return f"({value} BETWEEN {low} AND {high})"

    def visit_IsSet(self, e: ir.IsSet, scope: Scope) -> str:
        return f"({self.value(e.value, scope)} IS {'' if e.negated else 'NOT '}NULL)"

    def visit_Case(self, e: ir.Case, scope: Scope) -> str:
        subject = self.value(e.subject, scope)
        arms = " ".join(f"WHEN {subject} = {literal(label, 'bool') if isinstance(label, bool) else text(label)} "
                        f"THEN {self.value(v, scope)}" for label, v in e.arms)
        default = self.value(e.default, scope) if e.default is not None else "NULL"
        return f"(CASE WHEN {subject} IS NULL THEN NULL {arms} ELSE {default} END)"

    def visit_ListOf(self, e: ir.ListOf, scope: Scope) -> str:
        raise Unsupported("a list literal outside `in`")

    # -------------------------------------------------------------- functions
    def _lambda(self, fn: ir.Expr, scope: Scope) -> tuple[str, str]:
        """A lambda variable and the SQL of the body with the element bound to it."""
        assert isinstance(fn, ir.Lambda)
        x = self.fresh()
        return x, self.value(fn.body, attrs.evolve(scope.bind(fn.var, x), in_lambda=True))

    def visit_Call(self, e: ir.Call, scope: Scope) -> str:
        lowered = self.lower(e, scope)
        if lowered is not None:
            return lowered
        if e.function in SCALARS:
            return "(" + SCALARS[e.function].sql.format(*(self.value(a, scope) for a in e.args)) + ")"
        method: Callable[[ir.Call, Scope], str] = getattr(self, f"call_{e.function}")
        return method(e, scope)

    # one method per collection builtin of `language.builtins.COLLECTIONS` (over member lists; `_lower`
    # computes those marked `aggregate` over the persons table where it can)
    def call_filter(self, e: ir.Call, scope: Scope) -> str:
        items = self.value(e.args[0], scope)
        x, body = self._lambda(e.args[1], scope)
        return f"list_filter({items}, lambda {x}: ({body}) IS TRUE)"

    def call_map(self, e: ir.Call, scope: Scope) -> str:
        items = self.value(e.args[0], scope)
        x, body = self._lambda(e.args[1], scope)
        mapped = f"list_transform({items}, lambda {x}: {body})"
        return f"flatten({mapped})" if e.args[1].type.kind == "list" else mapped

    def call_count(self, e: ir.Call, scope: Scope) -> str:
        items = self.value(e.args[0], scope)
        if len(e.args) == 1:
            return f"len({items})"
        x, body = self._lambda(e.args[1], scope)
        return f"len(list_filter({items}, lambda {x}: ({body}) IS TRUE))"

    def call_any(self, e: ir.Call, scope: Scope) -> str:
        f = e.function
        items = self.value(e.args[0], scope)
        if len(e.args) == 1:
            x = self.fresh()
            body = x
        else:
            x, body = self._lambda(e.args[1], scope)
        decisive = "TRUE" if f == "any" else "FALSE"
        return (f"(CASE WHEN len(list_filter({items}, lambda {x}: ({body}) IS {decisive})) > 0 THEN {decisive} "
                f"WHEN len(list_filter({items}, lambda {x}: ({body}) IS NULL)) > 0 THEN NULL "
                f"ELSE {'FALSE' if f == 'any' else 'TRUE'} END)")

    call_all = call_any

    def call_min(self, e: ir.Call, scope: Scope) -> str:
        highest = e.function in ("max", "latest")
        if len(e.args) == 1 and e.args[0].type.kind == "list":
            return f"{'list_max' if highest else 'list_min'}({self.value(e.args[0], scope)})"
        parts = [self.value(a, scope) for a in e.args]
        x, y = self.fresh(), self.fresh()  # each value written once (nested, repeated text grows exponentially)
        return (f"list_reduce([{', '.join(parts)}], lambda {x}, {y}: CASE WHEN {x} IS NULL OR {y} IS NULL "
                f"THEN NULL ELSE {'greatest' if highest else 'least'}({x}, {y}) END)")

    call_max = call_earliest = call_latest = call_min

    def call_sum(self, e: ir.Call, scope: Scope) -> str:
        x = self.fresh()
        items = self.value(e.args[0], scope)
        return f"coalesce(list_sum(list_filter({items}, lambda {x}: {x} IS NOT NULL)), 0)"

    def call_nth(self, e: ir.Call, scope: Scope) -> str:
        items = self.value(e.args[0], scope)
        position = self.value(e.args[1], scope)
        return f"(CASE WHEN ({position}) >= 1 THEN ({items})[{position}] END)"

    def call_the(self, e: ir.Call, scope: Scope) -> str:
        items = self.value(e.args[0], scope)
        self.errors.append(f"len({items}) <> 1")
        return f"({items})[1]"

    def call_birthday(self, e: ir.Call, scope: Scope) -> str:
        birth = self._birth(e.args[0], scope)
        n = self.value(e.args[1], scope)
        reach = REACH["years"]
        moved = in_calendar(f"CAST({birth} + to_years({n}) AS DATE)")
        return f"(CASE WHEN {n} BETWEEN {-reach} AND {reach} THEN {moved} END)"

    def call_age(self, e: ir.Call, scope: Scope) -> str:
        birth = self._birth(e.args[0], scope)
        on = self.value(e.args[1], scope)
        years = f"(year({on}) - year({birth}))"
        return (f"(CASE WHEN {years} IS NULL THEN NULL WHEN {years} > 0 THEN {years} - CASE WHEN CAST({birth} + to_years({years}) AS DATE)"
                f" > {on} THEN 1 ELSE 0 END WHEN {on} >= {birth} THEN 0 ELSE -1 END)")

    def call_alive(self, e: ir.Call, scope: Scope) -> str:
        return f"(NOT {self.call_died(e, scope)})"

    def call_died(self, e: ir.Call, scope: Scope) -> str:
        person, on = e.args
        day = self.value(on, scope)
        died = self.names.p("died_on") if any(f.name == "died_on" for f in self.charter.person_fields) else None
        if isinstance(person, ir.Var) and scope.person(person.name) == ROW:
            return f"coalesce(p.{died} <= {day}, FALSE)" if died is not None else "FALSE"
        value = self.value(person, scope)
        test = f"coalesce(({value}).{died} <= {day}, FALSE)" if died is not None else "FALSE"
        return f"(CASE WHEN ({value}) IS NULL THEN NULL ELSE {test} END)"

    def _birth(self, person: ir.Expr, scope: Scope) -> str:
        if isinstance(person, ir.Var) and scope.person(person.name) == ROW:
            return "p.birth_date"
        return f"({self.value(person, scope)}).birth_date"

