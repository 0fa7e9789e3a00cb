"""Prints typed expressions back as charter text, with English or Chinese keywords."""

from __future__ import annotations

from decimal import Decimal

from ..check import ir
from ..language import keywords
from ..language.builtins import chinese

_PRECEDENCE = {ir.Or: 1, ir.And: 2, ir.Not: 3, ir.Compare: 4, ir.In: 4, ir.Between: 4, ir.IsSet: 4,
               ir.Arith: 5}


def _kw(terminal: str, language: str) -> str:
    return keywords()[terminal].spelling(language)


def _function(name: str, language: str) -> str:
    if language == "zh":
        return chinese(name)
    return name


def expr_text(e: ir.Expr, language: str = "en") -> str:
    """An expression as charter text."""
    return _Printer(language).text(e)


class _Printer:
    def __init__(self, language: str) -> None:
        self.language = language

    def kw(self, terminal: str) -> str:
        return _kw(terminal, self.language)

    def text(self, e: ir.Expr, outer: int = 0) -> str:
        inner = _PRECEDENCE.get(type(e), 9)
        body = self._text(e)
        return f"({body})" if inner < outer else body

    def _text(self, e: ir.Expr) -> str:
        if isinstance(e, ir.Const):
            return self.const(e)
        if isinstance(e, (ir.HouseholdField, ir.DefRef, ir.ParamRef)):
            return e.name
        if isinstance(e, ir.PersonField):
            if isinstance(e.person, ir.Var) and e.person.name == "it":
                return e.name
            return f"{self.text(e.person, 9)}.{e.name}"
        if isinstance(e, ir.Var):
            return self.kw("IT") if e.name == "it" else e.name
        if isinstance(e, ir.Members):
            return "members"
        if isinstance(e, ir.Context):
            return self.kw({"today": "TODAY", "unit_start": "UNIT_START", "unit_end": "UNIT_END"}[e.which])
        if isinstance(e, ir.Arith):
            return f"{self.text(e.left, 5)} {e.op} {self.text(e.right, 6)}"
        if isinstance(e, ir.Negate):
            return f"-{self.text(e.operand, 9)}"
        if isinstance(e, ir.Compare):
            return f"{self.text(e.left, 5)} {e.op} {self.text(e.right, 5)}"
        if isinstance(e, ir.And):
            return f"{self.text(e.left, 2)} {self.kw('AND')} {self.text(e.right, 3)}"
        if isinstance(e, ir.Or):
            return f"{self.text(e.left, 1)} {self.kw('OR')} {self.text(e.right, 2)}"
        if isinstance(e, ir.Not):
            return f"{self.kw('NOT')} {self.text(e.operand, 3)}"
        if isinstance(e, ir.If):
            return (f"{self.kw('IF')} {self.text(e.condition)} {self.kw('THEN')} {self.text(e.then)} "
                    f"{self.kw('ELSE')} {self.text(e.otherwise)}")
        if isinstance(e, ir.In):
            collection = e.collection
            if isinstance(collection, ir.ListOf):
                items = ", ".join(self.text(i) for i in collection.items)
                return f"{self.text(e.value, 5)} {self.kw('IN')} {{{items}}}"
            return f"{self.text(e.value, 5)} {self.kw('IN')} {self.text(collection, 5)}"
        if isinstance(e, ir.Between):
            return (f"{self.text(e.value, 5)} {self.kw('BETWEEN')} {self.text(e.low, 5)} "
                    f"{self.kw('AND') if self.language == 'en' else self.kw('TO')} {self.text(e.high, 5)}")
        if isinstance(e, ir.IsSet):
            return f"{self.text(e.value, 5)} {self.kw('IS_MISSING' if e.negated else 'IS_SET')}"
        if isinstance(e, ir.ListOf):
            return "[" + ", ".join(self.text(i) for i in e.items) + "]"
        if isinstance(e, ir.Case):
            arms = [f"{label}: {self.text(value)}" for label, value in e.arms]
            if e.default is not None:
                arms.append(f"{self.kw('ELSE')}: {self.text(e.default)}")
            return f"{self.kw('CASE')} {self.text(e.subject, 9)} {{{', '.join(arms)}}}"
        if isinstance(e, ir.Lambda):
            return self.text(e.body)
        if isinstance(e, ir.Call):
            return self.call(e)
        return type(e).__name__  # pragma: no cover

    def call(self, e: ir.Call) -> str:
        f, args = e.function, e.args
        if f == "filter":
            return f"{self.text(args[0], 9)} {self.kw('WHERE')} {self.text(args[1])}"
        if f == "map":
            body = args[1]
            assert isinstance(body, ir.Lambda) and isinstance(body.body, ir.PersonField)
            return f"{self.text(args[0], 9)}.{body.body.name}"
        if f == "age":
            on = args[1]
            person = self.text(args[0], 9)
            if isinstance(on, ir.Context) and on.which == "today":
                return f"{self.kw('AGE_OF')} {person}"
            return f"{self.kw('AGE_OF')} {person} {self.kw('ON')} {self.text(on, 5)}"
        return f"{_function(f, self.language)}({', '.join(self.text(a) for a in args)})"

    def const(self, e: ir.Const) -> str:
        value = e.value
        if e.type.kind == "money" and isinstance(value, Decimal):
            return f"{value} {self.kw('YUAN')}"
        if e.type.kind == "duration" and isinstance(value, tuple):
            count, unit = value
            return f"{count} {self.kw(str(unit).upper())}"
        if isinstance(value, bool):
            return self.kw("TRUE" if value else "FALSE")
        if isinstance(value, str) and e.type.kind == "text":
            return f'"{value}"'
        if hasattr(value, "isoformat"):
            return value.isoformat()  # type: ignore[union-attr]
        return str(value)
