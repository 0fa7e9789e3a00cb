"""The member aggregates of a plan, computed per household by `GROUP BY` passes over the persons."""

from __future__ import annotations

from .text import HID, ident

PERSON = 'p."#p"'
"""A member struct of the persons table, built once per person in an aggregate pass."""


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

