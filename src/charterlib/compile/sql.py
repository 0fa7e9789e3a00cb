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

import datetime as dt
import itertools
from collections.abc import Callable

import attrs

from .. import ir
from ..ir.analysis import FieldsRead, definitions_needed, local
from ..ir.visit import Visitor, run_of
from ..language.builtins import COLLECTIONS, SCALARS

MAX_SQL = 200_000
"""The longest SQL of one expression: a few functions repeat an operand (`age` its day, `case` its subject),
so nesting them multiplies the text; past this, the article is evaluated by the household evaluator."""


from ._sql_text import (
    _REACH,
    FIRST_DAY,
    HID,
    LAST_DAY,
    MEMBERS,
    PID,
    Columns,
    Unsupported,
    ident,
    in_calendar,
    literal,
    sql_names,
    text,
)

__all__ = ["FIRST_DAY", "HID", "LAST_DAY", "MAX_SQL", "MEMBERS", "PID", "Columns", "Unsupported", "ident",
           "in_calendar", "literal", "sql_names", "text"]


@attrs.frozen
class Scope:
    """Where an expression is computed: the judged day, unit days, and persons bound to aliases.

    `days` lists the constants the judged day can take (a unit day of a periodic schedule, or the
    period's end); `static` is the judged day as SQL over the household row alone. Either lets a
    member aggregate be computed for every household in one pass instead of row by row.
    """

    today: str
    unit_start: str = "NULL"
    unit_end: str = "NULL"
    persons: tuple[tuple[str, str], ...] = ()  # (variable, SQL of the person struct, or ROW)
    days: tuple[dt.date, ...] | None = None
    static: str | None = None
    relevant: str = "TRUE"  # the households where `static` matters (the rest are never judged on it)
    in_lambda: bool = False  # inside a list lambda, where DuckDB allows no subquery

    def bind(self, var: str, person: str) -> Scope:
        """The scope with one more person bound."""
        return attrs.evolve(self, persons=self.persons + ((var, person),))

    def judged(self) -> Scope:
        """The scope a definition sees: the judged day only."""
        return Scope(self.today, days=self.days, static=self.static, relevant=self.relevant,
                     in_lambda=self.in_lambda)

    def person(self, var: str) -> str:
        """The SQL of a bound person."""
        for name, sql in reversed(self.persons):
            if name == var:
                return sql
        raise Unsupported(f"unbound person {var}")  # pragma: no cover


_SQL_OPS = {"=": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


ROW = "#row"
"""Binds a person variable to the row of the persons table `pp` (alias `p`) instead of a struct."""

_NTH_MAX = 1_000_000
"""DuckDB's `min(value, k)` takes k below this."""

class Aggregates:
    """The member aggregates a plan needs per household, grouped in passes over `pp AS p`.

    The first pass reads the persons alone (or joined to `hh_base AS h` when a test reads a household
    field); each day that is a household value (`once on preferential_cert_on`) gets a pass of its
    own, joined to the households and restricted to those where that day matters.
    """

    def __init__(self) -> None:
        self.passes: dict[str, dict[str, tuple[str, str]]] = {"": {}}  # where -> aggregate -> (column, empty)
        self.household = False
        self.person: str | None = None  # the SQL of PERSON when an aggregate reads it
        self._count = 0

    def column(self, aggregate: str, empty: str, *, household: bool = False, where: str | None = None) -> str:
        """The column of `hh` holding an aggregate (added on first use); `where` restricts the households
        it is computed for (a pass joined to the households)."""
        if where is None:
            self.household |= household
        columns = self.passes.setdefault(where or "", {})
        found = columns.get(aggregate)
        if found is None:
            self._count += 1
            found = columns[aggregate] = (ident(f"#a{self._count}"), empty)
        return f"h.{found[0]}"

    def named(self, name: str, aggregate: str, empty: str) -> None:
        """Add an aggregate of the first pass under a name of its own (for the runner's checks)."""
        self.passes[""][aggregate] = (ident(name), empty)

    def queries(self, households: str, persons: str) -> list[tuple[str, list[tuple[str, str]]]]:
        """Each pass as a `GROUP BY` query, with its (column, empty value) pairs."""
        found = []
        if self.person is not None:
            persons = f"(SELECT *, {self.person} AS \"#p\" FROM {persons} AS p)"
        # the passes of household-level days join the persons once, for the households where any matters
        passes = {"": self.passes[""]}
        restricted = {k: v for k, v in self.passes.items() if k}
        if restricted:
            passes[" OR ".join(f"({w})" for w in restricted)] = {
                sql: value for columns in restricted.values() for sql, value in columns.items()}
        for where, columns in passes.items():
            if not columns:
                continue
            select = ", ".join(f"{sql} AS {column}" for sql, (column, _) in columns.items())
            if where or self.household:
                query = (f"SELECT h.{HID}, {select} FROM {households} AS h JOIN {persons} AS p "
                         f"ON p.{HID} = h.{HID}" + (f" WHERE {where}" if where else "") + f" GROUP BY h.{HID}")
            else:
                query = f"SELECT p.{HID}, {select} FROM {persons} AS p GROUP BY p.{HID}"
            found.append((query, list(columns.values())))
        return found

    def attach(self, households: str, persons: str) -> str:
        """A query of the households with the aggregate columns (their empty values when no persons)."""
        values, joins = [], []
        for i, (query, columns) in enumerate(self.queries(households, persons)):
            values += [f"a{i}.{column}" if empty == "NULL" else f"coalesce(a{i}.{column}, {empty}) AS {column}"
                       for column, empty in columns]
            joins.append(f" LEFT JOIN ({query}) AS a{i} ON a{i}.{HID} = h.{HID}")
        if not joins:
            return f"SELECT * FROM {households}"
        return f"SELECT h.*, {', '.join(values)} FROM {households} AS h" + "".join(joins)


PERSON = 'p."#p"'
"""A member struct of the persons table, built once per person in an aggregate pass."""

_DAY = "(#DAY#)"
"""A stand-in for the judged day, to learn whether a test depends on it (never valid SQL)."""


class SqlCompiler(Visitor[str]):
    """Translates IR expressions of one charter; collects the error conditions it meets."""

    def __init__(self, charter: ir.Charter, aggregates: Aggregates | None = None,
                 person_fields: tuple[str, ...] = ("birth_date",), value_fields: tuple[str, ...] | None = None) -> None:
        self.charter = charter
        self.definitions = {d.name: d for d in charter.definitions}
        self._definition_exprs = {d.name: d.expr for d in charter.definitions}
        self.parameters = {p.name: p for p in charter.parameters}
        self.names = Columns.of(charter)
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
        column = self.columns.get(("#members", scope.today))
        if column is not None:
            return column
        return self.definition_sql("#members", scope)

    def visit_DefRef(self, e: ir.DefRef, scope: Scope) -> str:
        column = self.columns.get((e.name, scope.today))
        if column is not None:
            return column
        definition = self.definitions[e.name]
        return self.value(definition.expr, scope.judged())  # definitions see the judged day only

    def definition_sql(self, name: str, scope: Scope) -> str:
        """The SQL of a definition (or `#members`) on a day, using the columns already computed."""
        if name == "#members":
            self.uses_lists = True
            x = self.fresh()
            return f"list_filter(h.{MEMBERS}, lambda {x}: {x}.birth_date <= {scope.today})"
        return self.value(self.definitions[name].expr, scope.judged())

    # -------------------------------------------------------------- member aggregates
    def member_set(self, e: ir.Expr) -> list[ir.Lambda] | None:
        """The tests narrowing `members` to a collection, or None when it is not such a collection."""
        if isinstance(e, ir.Members):
            return []
        if isinstance(e, ir.DefRef):
            definition = self.definitions[e.name]
            return self.member_set(definition.expr) if e.type.kind == "list" else None
        if isinstance(e, ir.Call) and e.function == "filter":
            inner = self.member_set(e.args[0])
            test = e.args[1]
            if inner is None or not isinstance(test, ir.Lambda) or not local(test.body, test.var):
                return None
            return [*inner, test]
        return None

    def member_test(self, tests: list[ir.Lambda], day: str, born: bool = True) -> str | None:
        """SQL over `pp AS p` (and the household row `h`): the person is born by `day` (unless not
        `born`) and passes every test on that day; None when a test could fail (its errors would be
        lost)."""
        parts = [f"p.birth_date <= {day}"] if born else []
        saved, self.errors = self.errors, []
        try:
            for test in tests:
                parts.append(f"({self.value(test.body, Scope(day).bind(test.var, ROW))}) IS TRUE")
            return None if self.errors else " AND ".join(parts) or "TRUE"
        finally:
            self.errors = saved

    def _lower(self, e: ir.Call, scope: Scope) -> str | None:
        """A member aggregate as columns of `hh` or a correlated subquery (None when it cannot be).

        Counts (`count`, `any`, `all`, the check of `the`) are counts of the persons passing a test;
        the other functions are one aggregate each. On several constant days (monthly units), a count
        whose test does not read the day is a count of those born by the first day plus the few born
        between the first and the last, kept as a list of birth dates.
        """
        f, args = e.function, e.args
        if not (f in COLLECTIONS and COLLECTIONS[f].aggregate) or not args:
            return None
        body: ir.Lambda | None = None
        collection = args[0]
        if f in ("any", "all", "count") and len(args) == 2:
            if not isinstance(args[1], ir.Lambda) or not local(args[1].body, args[1].var):
                return None
            body = args[1]
        elif f in ("any", "all", "min", "max", "earliest", "latest", "sum") and len(args) == 1:
            if not (isinstance(collection, ir.Call) and collection.function == "map"):
                return None
            mapped = collection.args[1]
            if (not isinstance(mapped, ir.Lambda) or mapped.body.type.kind in ("list", "person")
                    or not local(mapped.body, mapped.var)):
                return None
            body, collection = mapped, collection.args[0]
        elif f == "nth" and not (isinstance(args[1], ir.Const) and isinstance(args[1].value, int)) or f not in ("count", "the", "nth") or (f != "nth" and len(args) != 1):
            return None
        tests = self.member_set(collection)
        if tests is None:
            return None
        k = args[1].value if f == "nth" and isinstance(args[1], ir.Const) else 0
        assert isinstance(k, int)
        if k >= _NTH_MAX:  # DuckDB's `min(x, k)` refuses it: read from the member list instead
            return None
        sink = self.aggregates
        household = any(isinstance(x, ir.HouseholdField) for t in tests for x in t.walk()) or (
            body is not None and any(isinstance(x, ir.HouseholdField) for x in body.walk()))

        def shape(day: str) -> tuple[list[str], str, str] | None:
            """On one day: the tests of the counts, the other aggregate and its value with no persons."""
            inside = self.member_test(tests, day, born=False)
            if inside is None:
                return None
            value = ""
            if body is not None:
                saved, self.errors = self.errors, []
                value = self.value(body.body, Scope(day).bind(body.var, ROW))
                failed, self.errors = bool(self.errors), saved
                if failed:
                    return None
            if f == "count":
                return [inside if body is None else f"{inside} AND ({value}) IS TRUE"], "", ""
            if f in ("any", "all"):
                decisive = "TRUE" if f == "any" else "FALSE"
                found = [f"{inside} AND ({value}) IS {decisive}"]
                if body is None or body.body.type.optional:  # a test that cannot be missing needs no count of missing
                    found.append(f"{inside} AND ({value}) IS NULL")
                return found, "", ""
            born = f"p.birth_date <= {day}"
            if f in ("min", "max", "earliest", "latest"):
                return [], f"{'max' if f in ('max', 'latest') else 'min'}({value}) FILTER (WHERE {born} AND {inside})", "NULL"
            if f == "sum":
                return [], f"sum({value}) FILTER (WHERE {born} AND {inside})", "NULL"
            # a person is a struct of its fields, birth date first: the least is the first born
            person = self.person_struct() if sink is None or day == scope.today else PERSON
            if f == "the":
                return [inside], f"min({person}) FILTER (WHERE {born} AND {inside})", "NULL"
            if k < 1:
                return [], "NULL", "NULL"
            return [inside], f"min({person}, {k}) FILTER (WHERE {born} AND {inside})[{k}]", "NULL"

        def combine(counts: list[str], other: str) -> str:
            if f == "nth":
                return other
            if f == "count":
                return counts[0]
            if f in ("any", "all"):
                decisive = "TRUE" if f == "any" else "FALSE"
                missing = f"WHEN {counts[1]} > 0 THEN NULL " if len(counts) > 1 else ""
                return (f"(CASE WHEN {counts[0]} > 0 THEN {decisive} {missing}"
                        f"ELSE {'FALSE' if f == 'any' else 'TRUE'} END)")
            if f == "sum":
                return f"coalesce({other}, 0)"
            if f == "the":
                self.errors.append(f"{counts[0]} <> 1")
            return other

        if sink is not None and scope.days is not None:
            days = [literal(d, "date") for d in scope.days]
            general = shape(_DAY)
            if general is None:
                return None
            counts: list[str] = []
            for test in general[0]:
                if _DAY not in test and len(days) > 1:  # born by the first day, plus the few born later
                    first, last = min(scope.days), max(scope.days)
                    base = sink.column(f"count(*) FILTER (WHERE p.birth_date <= {literal(first, 'date')} AND {test})",
                                       "0", household=household)
                    late = sink.column(f"list(p.birth_date) FILTER (WHERE p.birth_date > {literal(first, 'date')} "
                                       f"AND p.birth_date <= {literal(last, 'date')} AND {test})", "NULL",
                                       household=household)
                    x = self.fresh()
                    counts.append(f"({base} + coalesce(len(list_filter({late}, lambda {x}: {x} <= {scope.today})), 0))")
                else:
                    counts.append(self._by_day(scope, [sink.column(
                        f"count(*) FILTER (WHERE p.birth_date <= {day} AND {test.replace(_DAY, day)})", "0",
                        household=household) for day in days]))
            other = ""
            if f in ("the", "nth") and _DAY not in general[0][0]:
                # the persons born by a day come first in birth order: the first (or k-th) of them is
                # the first (or k-th) of all, when there are enough of them by that day
                sink.person = self.person_struct(self.value_fields)
                first_of_all = general[1].replace(f"p.birth_date <= {_DAY} AND ", "")
                other = (f"(CASE WHEN {counts[0]} >= {max(k, 1)} THEN "
                         f"{sink.column(first_of_all, 'NULL', household=household)} END)")
            elif general[1]:
                if PERSON in general[1]:
                    sink.person = self.person_struct(self.value_fields)
                other = self._by_day(scope, [sink.column(general[1].replace(_DAY, day), general[2], household=household)
                                             for day in days])
            return combine(counts, other)
        if sink is not None and scope.static is not None:
            one = shape(scope.static)
            if one is None:
                return None
            where = scope.relevant
            if PERSON in one[1]:
                sink.person = self.person_struct(self.value_fields)
            counts = [sink.column(f"count(*) FILTER (WHERE p.birth_date <= {scope.static} AND {test})", "0",
                                  where=where) for test in one[0] if f != "nth"]
            other = sink.column(one[1], one[2], where=where) if one[1] else ""
            return combine(counts, other)
        if scope.in_lambda:
            return None
        one = shape(scope.today)
        if one is None:
            return None

        def subquery(aggregate: str) -> str:
            return f"(SELECT {aggregate} FROM pp AS p WHERE p.{HID} = h.{HID})"

        # one subquery each, the aggregates combined inside it
        counts = [f"count(*) FILTER (WHERE p.birth_date <= {scope.today} AND {test})" for test in one[0]]
        if f == "the":
            self.errors.append(f"{subquery(counts[0])} <> 1")
            return subquery(one[1])
        return subquery(combine(counts, one[1]))

    def _by_day(self, scope: Scope, columns: list[str]) -> str:
        assert scope.days is not None
        if len(columns) == 1:
            return columns[0]
        arms = " ".join(f"WHEN {literal(d, 'date')} THEN {c}" for d, c in zip(scope.days, columns))
        return f"(CASE {scope.today} {arms} END)"

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

    def visit_Context(self, e: ir.Context, scope: Scope) -> str:
        return {"today": scope.today, "unit_start": scope.unit_start, "unit_end": scope.unit_end}[e.which]

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
        if abs(n) > _REACH[str(unit)]:  # no day of the calendar moved that far stays in it
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
        arms = " ".join(f"WHEN {subject} = {text(label)} THEN {self.value(v, scope)}" for label, v in e.arms)
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
        lowered = self._lower(e, scope)
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
        reach = _REACH["years"]
        moved = in_calendar(f"CAST({birth} + to_years({n}) AS DATE)")
        return f"(CASE WHEN {n} BETWEEN {-reach} AND {reach} THEN {moved} END)"

    def call_age(self, e: ir.Call, scope: Scope) -> str:
        birth = self._birth(e.args[0], scope)
        on = self.value(e.args[1], scope)
        years = f"(year({on}) - year({birth}))"
        return (f"(CASE WHEN {years} IS NULL THEN NULL WHEN {years} > 0 THEN {years} - CASE WHEN CAST({birth} + to_years({years}) AS DATE)"
                f" > {on} THEN 1 ELSE 0 END WHEN {on} >= {birth} THEN 0 ELSE -1 END)")

    def _birth(self, person: ir.Expr, scope: Scope) -> str:
        if isinstance(person, ir.Var) and scope.person(person.name) == ROW:
            return "p.birth_date"
        return f"({self.value(person, scope)}).birth_date"
