"""A charter's tables: parameters keyed by labels or truth values (`per situation, area`), with a cell for
every combination of the keys from the table's first day, each cell's values from given days."""

from __future__ import annotations

import datetime as dt
import itertools

import attrs

from .. import ir
from ..common.diagnostics import Note
from ..common.source import Span
from ..common.suggest import did_you_mean
from ..ir.analysis import constant_value
from ..language.types import Type
from ..parse import nodes as n
from ._expressions import Scope, describe
from ._names import Names

Keys = tuple[str | bool, ...]


def keys_text(keys: Keys) -> str:
    """The keys of a cell as a charter writes them (`death, rural`; truth values as keywords)."""
    return ", ".join(("⟦true⟧" if k else "⟦false⟧") if isinstance(k, bool) else k for k in keys)


class Tables(Names):
    """The checks of tables, a part of the `Checker` (through `Parameters`)."""

    def _definition_type(self, name: str, use: Span) -> Type | None:  # pragma: no cover - see Definitions
        """The type of a definition (the checker's `Definitions` gives it)."""
        raise NotImplementedError

    def _table_of(self, name: str) -> ir.Parameter | None:
        """The table of a name in force here (checking an own one on its first use), or None."""
        if name in self.own_parameters and self.own_parameters[name].dimensions:
            return self._table(self.own_parameters[name])
        param = self.parameters.get(name) or self.inherited_parameters.get(name)
        if name in self.own_parameters or name in self.repealed or param is None or not param.table:
            return None
        return param

    def _table(self, node: n.Parameter) -> ir.Parameter | None:
        """A table: its dimensions, and its cells' values, each a constant of one type, by day."""
        if node.name in self.checked_tables:
            return self.checked_tables[node.name]
        self.checked_tables[node.name] = None  # (a table used while it is checked is not one yet)
        table = self._check_table(node)
        self.checked_tables[node.name] = table
        return table

    def _check_table(self, node: n.Parameter) -> ir.Parameter | None:
        dimensions = [self._dimension(node, d) for d in node.dimensions]
        dated = [b for b in node.blocks if b.start is not None]
        for block in node.blocks:
            if block.start is None and (dated or len(node.blocks) > 1):
                self.error("parameter-missing-day", f"Table `{node.name}` has values from several days, so each "
                           f"cell is written under a `⟦from⟧ DAY:`.", block.head)
        t: Type | None = None
        cells: dict[Keys, list[tuple[dt.date | None, ir.Const]]] = {}
        previous: dt.date | None = None
        for index, block in enumerate(node.blocks):
            if block.start is not None and previous is not None and block.start <= previous:
                self.error("parameter-order", f"The days of table `{node.name}` must be listed from the earliest "
                           f"to the latest.", block.head)
            previous = block.start or previous
            given: dict[Keys, Span] = {}
            unread = False  # a cell whose keys are wrong: the cell it was meant to be is not missing
            for cell in block.cells:
                expr = self.expressions.check(cell.value, Scope(), t)
                const = constant_value(expr)
                if const is None:
                    if expr.type.kind != "error":
                        self.error("parameter-not-constant", f"A value of table `{node.name}` must be a "
                                   f"constant, like `200 yuan`.", cell.value.span)
                elif t is None:
                    t = const.type
                elif not const.type.same_base(t):
                    self.error("type-mismatch", f"Every value of table `{node.name}` must be {describe(t)}, "
                               f"but this one is {describe(const.type)}.", cell.value.span)
                    const = None
                keys = self._cell_keys(node, dimensions, cell)
                if keys is None:
                    unread = True
                    continue
                if keys in given:
                    self.error("duplicate-cell", f"Table `{node.name}` gives the cell `{keys_text(keys)}` twice "
                               f"from the same day.", cell.span, label="given again",
                               notes=(Note("given first here", given[keys]),))
                    continue
                given[keys] = cell.span
                if const is not None:
                    cells.setdefault(keys, []).append((block.start, const))
            if index == 0 and not unread and all(d is not None for d in dimensions):
                self._missing_cells(node, block, [d for d in dimensions if d is not None], given)
        if t is None or any(d is None for d in dimensions):
            return None
        dims = tuple(d for d in dimensions if d is not None)
        ordered = tuple(ir.Cell(keys, tuple(cells[keys])) for keys in itertools.product(*(d.keys for d in dims))
                        if keys in cells)
        return ir.Parameter(node.name, t, (), node.title, self.charter_id, dims, ordered, span=node.span)

    def _dimension(self, node: n.Parameter, dimension: n.Dimension) -> ir.Dimension | None:
        """A dimension of a table: a field or definition whose values are labels or truth values."""
        name = dimension.name
        field = self.household_fields.get(name) or self.person_fields.get(name)
        t = field.type if field is not None else self._definition_type(name, dimension.span)
        if t is None:
            known = set(self.household_fields) | set(self.person_fields) | set(self.definitions)
            known |= set(self.own_definitions)
            self.error("unknown-name", f"`{name}` is not a field or definition of charter `{self.charter_id}`, "
                       f"so it cannot be a dimension of table `{node.name}`.", dimension.span,
                       label="unknown name", help=did_you_mean(name, known))
            return None
        if t.kind == "error":
            return None
        base = attrs.evolve(t, optional=False)
        if not ((base.kind == "enum" and base.enum is not None) or base.kind == "bool"):
            self.error("type-mismatch", f"A table is keyed by labels of an enumeration or by truth values, but "
                       f"`{name}` is {describe(t)}.", dimension.span, label=f"this is {describe(t)}")
            return None
        return ir.Dimension(name, base)

    def _cell_keys(self, node: n.Parameter, dimensions: list[ir.Dimension | None],
                   cell: n.TableCell) -> Keys | None:
        """The keys of a cell, each a label of its dimension or a truth value; None (reported) otherwise."""
        if len(cell.keys) != len(dimensions):
            names = " and ".join(f"`{d.name}`" for d in node.dimensions)
            self.error("table-key-count", f"Table `{node.name}` is keyed by {names}, so each cell has "
                       f"{len(dimensions)} key{'s' if len(dimensions) != 1 else ''}, but this one has "
                       f"{len(cell.keys)}.", cell.span)
            return None
        keys: list[str | bool] = []
        ok = True
        for key, dimension in zip(cell.keys, dimensions, strict=True):
            if dimension is None:
                ok = False
                continue
            value = key.value
            if dimension.type.kind == "bool":
                if not isinstance(value, bool):
                    self.error("unknown-table-key", f"`{value}` is not a key of `{dimension.name}`, which is "
                               f"true or false: write ⟦true⟧ or ⟦false⟧.", key.span, label="unknown key")
                    ok = False
                    continue
            else:
                assert dimension.type.enum is not None
                labels = dimension.type.enum.labels
                if isinstance(value, bool) or value not in labels:
                    shown = ("⟦true⟧" if value else "⟦false⟧") if isinstance(value, bool) else value
                    self.error("unknown-table-key", f"`{shown}` is not a label of `{dimension.name}`, whose "
                               f"labels are {', '.join(labels)}.", key.span, label="unknown key",
                               help=did_you_mean(value, labels) if isinstance(value, str) else "")
                    ok = False
                    continue
            keys.append(value)
        return tuple(keys) if ok else None

    def _missing_cells(self, node: n.Parameter, block: n.TableBlock, dimensions: list[ir.Dimension],
                       given: dict[Keys, Span]) -> None:
        """Every combination of the keys must have a cell from the table's first day."""
        since = f" from {block.start}" if block.start is not None else ""
        names = " and ".join(f"`{d.name}`" for d in dimensions)
        for keys in itertools.product(*(d.keys for d in dimensions)):
            if keys not in given:
                self.error("missing-cell", f"Table `{node.name}` has no cell `{keys_text(keys)}`{since}: every "
                           f"combination of the keys of {names} needs one.", block.head,
                           label=f"no cell `{keys_text(keys)}`",
                           help=f"add a line `{keys_text(keys)} = …`")
