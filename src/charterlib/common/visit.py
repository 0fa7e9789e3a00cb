"""One way to walk a tree: a visitor dispatches on the class of a node to its method `visit_<Class>`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

R = TypeVar("R")


class Visitor(Generic[R]):
    """Calls `visit_<Class>(node, *args)` for a node of class `Class` (the IR's expressions; in the
    checker, syntax nodes); a class without a method goes to `unhandled`.

    Every back end that walks expressions (the generated Python, the reference interpreter, the SQL,
    the printer) and the expression checker are visitors; `handled` lists what a visitor knows, so a
    test can hold each to every node class."""

    _methods: ClassVar[dict[type, Callable[..., Any]]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._methods = {}  # filled on first use of each node class

    def visit(self, node: Any, *args: Any) -> R:
        """The result of this visitor's method for the node's class."""
        try:
            method = self._methods[type(node)]
        except KeyError:
            method = self._methods[type(node)] = self._method(type(node))
        result: R = method(self, node, *args)
        return result

    @classmethod
    def _method(cls, node_class: type) -> Callable[..., Any]:
        found = getattr(cls, f"visit_{node_class.__name__}", None)
        if found is not None:
            return found  # type: ignore[no-any-return]
        return cls.unhandled

    def unhandled(self, node: Any, *args: Any) -> R:
        """What a node of a class this visitor has no method for gives: an error by default."""
        raise TypeError(f"{type(self).__name__} has no visit_{type(node).__name__}")

    @classmethod
    def handled(cls) -> frozenset[str]:
        """The names of the node classes this visitor has a method for."""
        return frozenset(name.removeprefix("visit_") for name in dir(cls) if name.startswith("visit_"))
