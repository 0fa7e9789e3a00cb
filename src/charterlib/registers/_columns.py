"""A table's columns judged against the fields of its records, once per column (not once per row)."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .. import ir
from ..common.errors import RecordError
from ..common.suggest import closest, phrase
from ..records import RecordIssue, near_miss
from ._tables import TableFile


@attrs.frozen
class ColumnIssues:
    """What the columns of a table say, once per column: warnings (a column the charter does not
    know) and errors (a required field's column missing, a column misspelling a field the charter
    reads), each error making every household with a row in the table an error."""

    warnings: tuple[RecordIssue, ...]
    errors: tuple[RecordIssue, ...]
    covered: frozenset[str]
    """Fields whose absence the errors report already (so that rows do not report it again)."""

    def counted(self, households: int) -> tuple[RecordIssue, ...]:
        """The errors, each saying how many households it fails; warnings when it fails none (a table with
        no rows: nothing is lost, but the table needs a look)."""
        if not households:
            return tuple(attrs.evolve(e, message=f"{e.message} (no household has a row in the table)",
                                      severity="warning") for e in self.errors)
        many = "s" if households != 1 else ""
        return tuple(attrs.evolve(e, message=f"{e.message} ({households} household{many})") for e in self.errors)


def column_issues(table: TableFile, fields: Sequence[ir.Field], read: frozenset[str]) -> ColumnIssues:
    """Judge a table's columns against the fields of its records (raises RecordError when the column
    naming each row's household is missing)."""
    where = table.where
    for required in ("id",) + (("household_id",) if where == "persons" else ()):
        if required not in table.columns:
            raise RecordError(f"{table.path}: the {where} table has no `{required}` column")
    known = [f.name for f in fields]
    builtin = {"id", table.key}
    at = table.name
    warnings = [RecordIssue("*", name, f"the {where} table has a second column named `{name}`, ignored",
                            "warning", at) for name in table.doubled]
    errors: list[RecordIssue] = []
    covered: set[str] = set()
    for column in table.columns:
        if column in known or column in builtin:
            continue
        hint = closest(column, known)
        if hint is not None and hint not in table.columns and hint not in covered and (
                hint in read or any(f.name == hint and f.required for f in fields)):
            errors.append(RecordIssue("*", column, f"column {near_miss(column, hint)}; every household with a "
                                      f"row in the {where} table has this error", "error", at))
            covered.add(hint)
            continue
        warnings.append(RecordIssue("*", column, f"the {where} table has a column that is not a field of the "
                                    f"charter, ignored" + phrase(hint, form="aside"),
                                    "warning", at))
    for f in fields:
        if f.required and f.name not in table.columns and f.name not in covered:
            errors.append(RecordIssue("*", f.name, f"the {where} table has no `{f.name}` column, a field every "
                                      f"record must have; every household with a row in the table has this error",
                                      "error", at))
            covered.add(f.name)
    return ColumnIssues(tuple(warnings), tuple(errors), frozenset(covered))
