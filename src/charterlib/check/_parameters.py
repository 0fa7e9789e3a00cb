"""A charter's parameters: constant values, each from a day, of one type (an override keeps it)."""

from __future__ import annotations

import datetime as dt

from .. import ir
from ..ir.analysis import constant_value
from ..language.types import ERROR, Type
from ..parse import nodes as n
from ._expressions import Scope, describe
from ._tables import Tables


class Parameters(Tables):
    """The checks of parameters, a part of the `Checker`."""

    def _check_parameters(self) -> None:
        """The parameters in force: the inherited ones not repealed, then the own (overrides keep the type)."""
        self.parameters = {k: v for k, v in self.inherited_parameters.items() if k not in self.repealed}
        for name, param in self.own_parameters.items():
            checked = self._parameter(param)
            if checked is not None:
                previous = self.inherited_parameters.get(name)
                if previous is not None and previous.dimensions != checked.dimensions:
                    self.error("override-type", f"Parameter `{name}` was {_shape(previous)} in "
                               f"`{previous.origin}`; its override must keep that, but is {_shape(checked)}.",
                               param.span)
                elif previous is not None and not previous.type.same_base(checked.type):
                    self.error("override-type", f"Parameter `{name}` was {describe(previous.type)} in "
                               f"`{previous.origin}`; its override must keep that type, but is "
                               f"{describe(checked.type)}.", param.span)
                self.parameters[name] = checked

    def _parameter_type(self, name: str) -> Type | None:
        """The type of a parameter (checking an own one on its first use), or None for no parameter."""
        param = self.parameters.get(name)
        if param is not None:
            return param.type
        if name in self.own_parameters:
            checked = self._parameter(self.own_parameters[name])
            return checked.type if checked else ERROR
        return None

    def _parameter(self, node: n.Parameter) -> ir.Parameter | None:
        """A parameter's values, each a constant of one type, from the earliest day to the latest."""
        if node.dimensions:
            return self._table(node)
        values: list[tuple[dt.date | None, ir.Const]] = []
        t: Type | None = None
        previous: dt.date | None = None
        for value in node.values:
            expr = self.expressions.check(value.value, Scope(), t)
            const = constant_value(expr)
            if const is None:
                if expr.type.kind != "error":
                    self.error("parameter-not-constant", f"A value of parameter `{node.name}` must be a "
                               f"constant, like `200 yuan`.", value.value.span)
                continue
            if t is None:
                t = const.type
            elif not const.type.same_base(t):
                self.error("type-mismatch", f"Every value of parameter `{node.name}` must be "
                           f"{describe(t)}, but this one is {describe(const.type)}.", value.value.span)
            if value.start is not None and previous is not None and value.start <= previous:
                self.error("parameter-order", f"The values of parameter `{node.name}` must be listed "
                           f"from the earliest day to the latest.", value.span)
            if value.start is None and len(node.values) > 1:
                self.error("parameter-missing-day", f"Parameter `{node.name}` has several values, so each "
                           f"needs `from DAY`.", value.span)
            previous = value.start or previous
            values.append((value.start, const))
        if t is None:
            return None
        return ir.Parameter(node.name, t, tuple(values), node.title, self.charter_id, span=node.span)


def _shape(param: ir.Parameter) -> str:
    """What a parameter is, as words: one value, or a table and its dimensions."""
    if not param.table:
        return "one value"
    return "a table keyed by " + " and ".join(f"`{d.name}`" for d in param.dimensions)
