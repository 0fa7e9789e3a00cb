"""The registry of built-in functions: every builtin of the language, each entry the whole of it for
every stage that does not need code of its own.

There are two kinds. A *scalar* builtin (`Scalar`) has a value that depends on its arguments only; its
entry gives the English and Chinese names, the argument and result types, the SQL form and what it does,
and the function the evaluators call has the entry's name in `runtime/functions.py`. The checker, the
generated Python, the reference interpreter, the SQL back end and the printer read the entry, so a new
scalar builtin is an entry here and a function there. A missing argument gives a missing result in every
engine (SQL functions propagate NULL, and so must the runtime function).

A *collection* builtin (`Collection`: `count`, `any`, `the`…, and the forms the syntax writes without a
call, `age of`, `where`, `.field`) works on lists of persons or values; its entry gives its names, how many
arguments it takes and whether SQL computes it as an aggregate over the persons table. Its typing, its
Python, its interpretation and its SQL are one method per stage, named after the entry
(`tests/language/test_builtins.py` checks that every stage has one for every entry, and no more).

A *status test* (`Status`: `breached`, `fulfilled`, `pending`) asks for the status of an obligation of the
household on the judged day; its first argument is the id of an obligation article, not an expression, so
it has a node of its own in the IR (`ir.Status`) rather than being a call."""

from __future__ import annotations

import attrs

from .types import DATE, INT, MONEY, Type


@attrs.frozen
class Scalar:
    """A built-in function of fixed arity whose value depends on its arguments only."""

    name: str
    chinese: str
    params: tuple[Type, ...]
    result: Type
    sql: str
    """The SQL form: `{0}`, `{1}`… stand for the arguments' SQL, each used once."""
    doc: str

    @property
    def arity(self) -> tuple[int, int]:
        """The fewest and the most arguments it takes."""
        return len(self.params), len(self.params)


@attrs.frozen
class Collection:
    """A built-in function over a list (of persons, or of values)."""

    name: str
    chinese: str | None
    """The Chinese name, or None for a form the syntax writes without a call (`age of`, `where`)."""
    arity: tuple[int, int]
    usage: str
    """What it takes, as a diagnostic says it: `count` takes ⟨usage⟩."""
    doc: str
    aggregate: bool = False
    """Whether the SQL back end computes it as an aggregate of the household's members where it can."""


@attrs.frozen
class Status:
    """A test of the status of an obligation on the judged day (`breached(o)`), written as a call whose
    first argument names the obligation."""

    name: str
    chinese: str
    arity: tuple[int, int]
    usage: str
    doc: str


SCALARS: dict[str, Scalar] = {s.name: s for s in (
    Scalar("day_of_month", "几号", (DATE,), INT, "day({0})", "the day of the month of a date (1 to 31)"),
    Scalar("month_of", "月份", (DATE,), INT, "month({0})", "the month of a date (1 to 12)"),
    Scalar("year_of", "年份", (DATE,), INT, "year({0})", "the year of a date (1 to 9999)"),
    Scalar("round_to_yuan", "四舍五入到元", (MONEY,), MONEY, "round({0}, 0)",
           "an amount rounded to the yuan, halves away from zero (2.50 → 3, -2.50 → -3)"),
    Scalar("round_to_jiao", "四舍五入到角", (MONEY,), MONEY, "round({0}, 1)",
           "an amount rounded to the jiao (0.1 yuan), halves away from zero (2.45 → 2.5)"),
)}
"""Every scalar builtin, by its English name."""

_VALUES = "a list, or two or more values"

COLLECTIONS: dict[str, Collection] = {c.name: c for c in (
    Collection("count", "计数", (1, 2), "a list and, optionally, a condition on its elements",
               "how many elements (that meet the condition)", aggregate=True),
    Collection("sum", "求和", (1, 1), "one list of numbers or money", "the sum of the values present",
               aggregate=True),
    Collection("min", "最小", (1, 99), _VALUES, "the least value", aggregate=True),
    Collection("max", "最大", (1, 99), _VALUES, "the greatest value", aggregate=True),
    Collection("any", "任一", (1, 2), "a list of persons and a condition, or a list of conditions",
               "whether some element meets the condition (three-valued)", aggregate=True),
    Collection("all", "全部", (1, 2), "a list of persons and a condition, or a list of conditions",
               "whether every element meets the condition (three-valued)", aggregate=True),
    Collection("earliest", "最早", (1, 99), _VALUES, "the earliest date", aggregate=True),
    Collection("latest", "最晚", (1, 99), _VALUES, "the latest date", aggregate=True),
    Collection("the", "唯一", (1, 1), "one list (which must hold exactly one element)",
               "the one element of a list that must hold exactly one", aggregate=True),
    Collection("nth", "第几个", (2, 2), "a list and a position (1 for the first, in birth order)",
               "the element at a position, missing when there is none", aggregate=True),
    Collection("birthday", "生日", (2, 2), "a person and which birthday (14 for the 14th)",
               "the day of a person's n-th birthday (the month rule for 29 February)"),
    Collection("alive", "在世", (1, 1), "a person",
               "whether a person is alive on the judged day (has no `died_on`, or one after that day)"),
    Collection("died", "已故", (1, 1), "a person", "whether a person died on or before the judged day (`died_on`)"),
    Collection("age", None, (2, 2), "a person and a day", "a person's age in whole years on a day (`age of`)"),
    Collection("filter", None, (2, 2), "a list and a condition", "the elements that meet a condition (`where`)"),
    Collection("map", None, (2, 2), "a list and a value of each element",
               "the value of each element (`children.birth_date`)"),
)}
"""Every collection builtin, by its English name."""

STATUSES: dict[str, Status] = {s.name: s for s in (
    Status("breached", "违约", (1, 2), "the id of an obligation and, optionally, a span (`12 months`) or a day",
           "whether the obligation is in breach on the judged day (breached and not yet cured); with a span, "
           "on some day of the span of that length ending on the judged day; with a day, on some day from it"),
    Status("fulfilled", "已履行", (1, 1), "the id of an obligation",
           "whether the obligation is fulfilled (on time) by the judged day"),
    Status("pending", "待履行", (1, 1), "the id of an obligation",
           "whether the obligation is triggered and neither fulfilled nor in breach on the judged day"),
)}
"""Every test of an obligation's status, by its English name (the `test` of `ir.Status`)."""

BUILTINS: dict[str, Scalar | Collection] = {**COLLECTIONS, **SCALARS}
"""Every builtin, by its English name (the `function` of `ir.Call`)."""

FUNCTIONS: dict[str, str] = {
    spelling: b.name for b in (*BUILTINS.values(), *STATUSES.values()) for spelling in (b.name, b.chinese)
    if spelling is not None and (b.chinese is not None or isinstance(b, Scalar))
}
"""The name a charter calls a builtin by (English or Chinese) → its English name; only builtins written as a
call (not `age of`, `where`, `.field`)."""


def chinese(name: str) -> str:
    """The Chinese name of a builtin (its English one when it has none)."""
    entry = BUILTINS.get(name) or STATUSES.get(name)
    return entry.chinese if entry is not None and entry.chinese is not None else name
