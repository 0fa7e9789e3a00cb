"""Stage 3', IR → SQL: expressions compiled to DuckDB SQL over the households (`SqlCompiler`, with
member collections lowered to aggregates), names and values written as SQL (`sql.text`), and a
charter's plan for a period (`sql.plan`)."""

from ._aggregates import Aggregates
from ._compiler import MAX_SQL, SqlCompiler
from ._scope import ROW, Scope
from .plan import MAX_ARTICLES, Plan, Planner
from .text import HID, MEMBERS, PID, Columns, Unsupported, ident, literal, sql_names, text

__all__ = ["HID", "MAX_ARTICLES", "MAX_SQL", "MEMBERS", "PID", "ROW", "Aggregates", "Columns", "Plan", "Planner",
           "Scope", "SqlCompiler", "Unsupported", "ident", "literal", "sql_names", "text"]
