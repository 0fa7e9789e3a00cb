"""The IR as the one contract: every walker of expressions is a visitor that knows every node class,
every collection builtin of the registry has its method in every stage, and the printed IR of a
charter is the same whichever keywords it was written in."""

from __future__ import annotations

import inspect

import pytest
from conftest import CHARTERS

import charterlib
from charterlib import ir
from charterlib.check._expressions import (
    ExpressionChecker,  # the checker's own visitor, tested here
)
from charterlib.common.visit import Visitor
from charterlib.compile import CompiledBackend
from charterlib.compile._interpret import Interpreter
from charterlib.ir.printer import _Printer, charter_text
from charterlib.language.builtins import BUILTINS, COLLECTIONS, SCALARS, STATUSES
from charterlib.language.types import INT, PERSONS
from charterlib.parse import nodes as syntax
from charterlib.sql import SqlCompiler

NODES = {cls.__name__ for cls in vars(ir).values()
         if inspect.isclass(cls) and issubclass(cls, ir.Expr) and cls is not ir.Expr}

# the back ends meet a lambda only as an argument of a collection builtin, which handles it itself
VISITORS = {
    "generated Python": (CompiledBackend, NODES),
    "reference interpreter": (Interpreter, NODES - {"Lambda"}),
    "SQL": (SqlCompiler, NODES - {"Lambda"}),
    "printer": (_Printer, NODES),
}


def test_the_node_classes_are_found() -> None:
    assert {"Const", "Call", "Case", "Lambda", "ParamRef", "TableRef", "Status", "Apply"} <= NODES and len(NODES) == 25


@pytest.mark.parametrize("name", VISITORS)
def test_every_walker_of_expressions_handles_every_node_class(name: str) -> None:
    visitor, needed = VISITORS[name]
    assert issubclass(visitor, Visitor)
    assert needed <= visitor.handled(), sorted(needed - visitor.handled())
    assert visitor.handled() <= NODES, sorted(visitor.handled() - NODES)


def test_the_expression_checker_handles_every_syntax_node_of_an_expression() -> None:
    expressions = {cls.__name__ for cls in vars(syntax).values()
                   if inspect.isclass(cls) and issubclass(cls, syntax.Expr) and cls is not syntax.Expr}
    assert expressions and expressions <= ExpressionChecker.handled(), sorted(expressions - ExpressionChecker.handled())


def test_a_node_a_visitor_does_not_know_is_a_sentence() -> None:
    class Partial(Visitor[str]):
        def visit_Const(self, e: ir.Const) -> str:
            return "const"

    assert Partial().visit(ir.Const(INT, 1)) == "const"
    with pytest.raises(TypeError, match="Partial has no visit_Members"):
        Partial().visit(ir.Members(PERSONS))


@pytest.mark.parametrize("stage, visitor, names", [
    ("checker", ExpressionChecker, {n for n, c in COLLECTIONS.items() if c.chinese is not None}),
    ("generated Python", CompiledBackend, set(COLLECTIONS)),
    ("reference interpreter", Interpreter, set(COLLECTIONS)),
    ("SQL", SqlCompiler, set(COLLECTIONS)),
])
def test_every_collection_builtin_has_one_method_in_every_stage(stage: str, visitor: type, names: set[str]) -> None:
    methods = {m.removeprefix("call_") for m in dir(visitor) if m.startswith("call_")}
    assert methods == names, (stage, sorted(methods ^ names))


def test_the_registry_names_every_builtin_once_in_each_language() -> None:
    assert set(BUILTINS) == set(COLLECTIONS) | set(SCALARS) and not set(COLLECTIONS) & set(SCALARS)
    assert not set(STATUSES) & set(BUILTINS)  # the tests of an obligation's status are no calls (ir.Status)
    chinese = [b.chinese for b in (*BUILTINS.values(), *STATUSES.values()) if b.chinese is not None]
    assert len(chinese) == len(set(chinese)) and all(not c.isascii() for c in chinese)
    keywords = {s for k in charterlib.language.keywords().values() for s in k.english + k.chinese}
    assert not (set(BUILTINS) | set(STATUSES) | set(chinese)) & keywords


@pytest.mark.parametrize("name", ["zhazi", "yatian"])
def test_the_printed_ir_does_not_depend_on_the_keywords_a_charter_is_written_in(name: str) -> None:
    english = charterlib.load(CHARTERS / f"{name}.charter").ir
    chinese = charterlib.load(CHARTERS / f"{name}.zh.charter").ir
    assert charter_text(english) == charter_text(chinese)
    assert charter_text(english, "zh") == charter_text(chinese, "zh") != charter_text(english)


def test_every_article_declares_the_expressions_it_holds() -> None:
    charter = charterlib.load(CHARTERS / "zhazi.charter").ir
    obligation = charter.article("contraception_after_second_birth")
    assert isinstance(obligation, ir.Obligation)
    held = list(obligation.expressions())
    assert held[-3:] == [obligation.within, obligation.fulfilled, obligation.penalty]
    for article in charter.articles:
        fields = [getattr(article, f) for f in ("amount", "contract", "trigger", "within", "fulfilled", "penalty",
                                                "penalty_within", "day") if getattr(article, f, None) is not None]
        assert all(any(e is f for e in article.expressions()) for f in fields if isinstance(f, ir.Expr)), article.id


def test_the_sql_plan_judges_the_gates_of_a_benefit_by_name_in_order() -> None:
    from charterlib.sql.plan import GATES

    assert [name for name, _ in GATES] == [gate.name for gate in ir.BENEFIT_GATES]


def test_every_article_kind_with_units_has_a_plan_of_its_own() -> None:
    from charterlib.sql.plan import ARTICLES

    assert set(ARTICLES) == {ir.Veto, ir.Obligation, ir.Benefit}  # eligibilities are judged on demand
