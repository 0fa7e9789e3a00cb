"""Collections of members lowered to aggregates over the persons table (`count`, `any`, `the`, …)
wherever the collection is `members` narrowed by tests on the person alone."""

from __future__ import annotations

from .. import ir
from ..ir.analysis import local
from ..language.builtins import COLLECTIONS
from ._aggregates import PERSON, Aggregates
from ._scope import ROW, Scope
from .text import HID, literal

_NTH_MAX = 1_000_000
"""DuckDB's `min(value, k)` takes k below this."""

_DAY = "(#DAY#)"
"""A stand-in for the judged day, to learn whether a test depends on it (never valid SQL)."""


class Lowering:
    """The lowering of member collections, mixed into the SQL compiler."""

    definitions: dict[str, ir.Definition]
    errors: list[str]
    aggregates: Aggregates | None
    value_fields: tuple[str, ...]
    leaving: tuple[str, ...]
    """The columns of the days a person died or left, those the charter has."""

    def value(self, e: ir.Expr, scope: Scope) -> str:
        """SQL computing an expression (the compiler's)."""
        raise NotImplementedError

    def fresh(self) -> str:
        """A new lambda variable (the compiler's)."""
        raise NotImplementedError

    def person_struct(self, fields: tuple[str, ...] | None = None) -> str:
        """A member struct of a persons row (the compiler's)."""
        raise NotImplementedError

    def present(self, person: str, day: str, ever: bool = False) -> str:
        """SQL true when a person (`p`, a row, or a struct) is a member on `day`: born by then, and neither
        dead nor gone on or before it (with `ever`, born by then only)."""
        parts = [f"{person}.birth_date <= {day}"]
        if not ever:
            parts += [f"({person}.{c} IS NULL OR {person}.{c} > {day})" for c in self.leaving]
        return " AND ".join(parts)

    def gone(self, person: str) -> str:
        """SQL of the first day a person is no longer a member (NULL when never)."""
        columns = [f"{person}.{c}" for c in self.leaving]
        return columns[0] if len(columns) == 1 else f"least({', '.join(columns)})"

    def member_set(self, e: ir.Expr, ever: bool = False) -> list[ir.Lambda] | None:
        """The tests narrowing `members` (with `ever`, `ever members`) to a collection, or None when it is
        not such a collection."""
        if isinstance(e, ir.Members):
            return [] if e.ever == ever else None
        if isinstance(e, ir.DefRef):
            definition = self.definitions[e.name]
            return self.member_set(definition.expr, ever) if e.type.kind == "list" else None
        if isinstance(e, ir.Apply):
            return self.member_set(e.body, ever)
        if isinstance(e, ir.Call) and e.function == "filter":
            inner = self.member_set(e.args[0], ever)
            test = e.args[1]
            if inner is None or not isinstance(test, ir.Lambda) or not local(test.body, test.var):
                return None
            return [*inner, test]
        return None

    def member_test(self, tests: list[ir.Lambda], day: str, born: bool = True, ever: bool = False) -> str | None:
        """SQL over `pp AS p` (and the household row `h`): the person is a member on `day` (unless not
        `born`; with `ever`, only born by then) and passes every test on that day; None when a test could
        fail (its errors would be lost)."""
        parts = [self.present("p", day, ever)] if born else []
        saved, self.errors = self.errors, []
        try:
            for test in tests:
                parts.append(f"({self.value(test.body, Scope(day).bind(test.var, ROW))}) IS TRUE")
            return None if self.errors else " AND ".join(parts) or "TRUE"
        finally:
            self.errors = saved

    def lower(self, e: ir.Call, scope: Scope) -> str | None:
        """A member aggregate as columns of `hh` or a correlated subquery (None when it cannot be).

        Counts (`count`, `any`, `all`, the check of `the`) are counts of the persons passing a test;
        the other functions are one aggregate each. On several constant days (monthly units), a count
        whose test does not read the day is a count of those born by the first day plus the few born
        between the first and the last, kept as a list of birth dates (when persons can die or leave:
        of those there from the first day to the last, plus the few who come or go between, kept as a
        list of their days of birth and of leaving; and the first member on each day likewise).
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
        if tests is None and self.member_set(collection, ever=True) is not None:
            # `ever members`: the persons born by the day, whether they died or left since, are the
            # members of a charter that reads no day of leaving: lowered as those
            if not self.leaving:
                tests = self.member_set(collection, ever=True)
            else:
                saved, self.leaving = self.leaving, ()
                try:
                    return self.lower(e, scope)
                finally:
                    self.leaving = saved
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
            born = self.present("p", day)
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
                if _DAY not in test and len(days) > 1 and not self.leaving:  # born by the first day, plus the few born later
                    first, last = min(scope.days), max(scope.days)
                    base = sink.column(f"count(*) FILTER (WHERE p.birth_date <= {literal(first, 'date')} AND {test})",
                                       "0", household=household)
                    late = sink.column(f"list(p.birth_date) FILTER (WHERE p.birth_date > {literal(first, 'date')} "
                                       f"AND p.birth_date <= {literal(last, 'date')} AND {test})", "NULL",
                                       household=household)
                    x = self.fresh()
                    counts.append(f"({base} + coalesce(len(list_filter({late}, lambda {x}: {x} <= {scope.today})), 0))")
                elif _DAY not in test and len(days) > 1:
                    # members on every day (born by the first, not gone by the last), plus the few who come
                    # or go between: their days of birth and of leaving, kept as a list
                    since, until = literal(min(scope.days), "date"), literal(max(scope.days), "date")
                    gone = self.gone("p")
                    stays = f"({gone} IS NULL OR {gone} > {until})"
                    base = sink.column(f"count(*) FILTER (WHERE p.birth_date <= {since} AND {stays} AND {test})",
                                       "0", household=household)
                    moving = sink.column(f"list(struct_pack(b := p.birth_date, g := {gone})) FILTER (WHERE "
                                         f"p.birth_date <= {until} AND ({gone} IS NULL OR {gone} > {since}) AND "
                                         f"NOT (p.birth_date <= {since} AND {stays}) AND {test})", "NULL",
                                         household=household)
                    x = self.fresh()
                    counts.append(f"({base} + coalesce(len(list_filter({moving}, lambda {x}: {x}.b <= {scope.today} "
                                  f"AND ({x}.g IS NULL OR {x}.g > {scope.today}))), 0))")
                else:
                    counts.append(self.by_day(scope, [sink.column(
                        f"count(*) FILTER (WHERE {self.present('p', day)} AND {test.replace(_DAY, day)})", "0",
                        household=household) for day in days]))
            other = ""
            if f in ("the", "nth") and _DAY not in general[0][0] and not self.leaving:
                # the persons born by a day come first in birth order: the first (or k-th) of them is
                # the first (or k-th) of all, when there are enough of them by that day
                sink.person = self.person_struct(self.value_fields)
                first_of_all = general[1].replace(f"p.birth_date <= {_DAY} AND ", "")
                other = (f"(CASE WHEN {counts[0]} >= {max(k, 1)} THEN "
                         f"{sink.column(first_of_all, 'NULL', household=household)} END)")
            elif f in ("the", "nth") and k <= 1 and _DAY not in general[0][0] and len(days) > 1:
                # the first member on a day: the first of those who stay to the last day, if born by
                # then, or the first of the few who leave between the first and the last day and are
                # still there, whichever comes first
                sink.person = self.person_struct(self.value_fields)
                test = general[0][0]
                since, until = literal(min(scope.days), "date"), literal(max(scope.days), "date")
                gone = self.gone("p")
                stays = f"({gone} IS NULL OR {gone} > {until})"
                eldest = sink.column(f"min({PERSON}) FILTER (WHERE p.birth_date <= {until} AND {stays} AND {test})",
                                     "NULL", household=household)
                leaving = sink.column(f"list({PERSON}) FILTER (WHERE p.birth_date <= {until} AND {gone} > {since} "
                                      f"AND {gone} <= {until} AND {test})", "NULL", household=household)
                x = self.fresh()
                a = f"(CASE WHEN {eldest}.birth_date <= {scope.today} THEN {eldest} END)"
                b = (f"list_min(list_filter({leaving}, lambda {x}: {self.present(x, scope.today)}))")
                other = (f"(CASE WHEN {counts[0]} >= 1 THEN (CASE WHEN {b} IS NULL THEN {a} WHEN {a} IS NULL "
                         f"THEN {b} WHEN {a} <= {b} THEN {a} ELSE {b} END) END)")
            elif general[1]:
                if PERSON in general[1]:
                    sink.person = self.person_struct(self.value_fields)
                other = self.by_day(scope, [sink.column(general[1].replace(_DAY, day), general[2], household=household)
                                             for day in days])
            return combine(counts, other)
        if sink is not None and scope.static is not None:
            one = shape(scope.static)
            if one is None:
                return None
            where = scope.relevant
            if PERSON in one[1]:
                sink.person = self.person_struct(self.value_fields)
            counts = [sink.column(f"count(*) FILTER (WHERE {self.present('p', scope.static)} AND {test})", "0",
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
        counts = [f"count(*) FILTER (WHERE {self.present('p', scope.today)} AND {test})" for test in one[0]]
        if f == "the":
            self.errors.append(f"{subquery(counts[0])} <> 1")
            return subquery(one[1])
        return subquery(combine(counts, one[1]))

    def by_day(self, scope: Scope, columns: list[str]) -> str:
        assert scope.days is not None
        if len(columns) == 1:
            return columns[0]
        arms = " ".join(f"WHEN {literal(d, 'date')} THEN {c}" for d, c in zip(scope.days, columns))
        return f"(CASE {scope.today} {arms} END)"
