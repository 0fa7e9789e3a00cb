"""A register given to the batch engine: the argument checked, its format as `registers.register_of` decides."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..common.args import path_arg
from ..common.errors import ArgumentError
from ..engines import Failures
from ..registers import register_of
from ._errors import BatchError


def tables_of(register: str | Path | Sequence[str | Path]) -> tuple[str, str] | None:
    """The households and persons tables of a table register, None for a JSON register (`register_of`)."""
    found = register_of(register)
    if found.fault:
        raise BatchError(found.complaint())
    return found.tables


@contextmanager
def reading(failures: Failures) -> Iterator[None]:
    """Report a register the engine cannot read as a BatchError (running out of memory passes through)."""
    try:
        yield
    except failures.memory:
        raise
    except (ValueError, failures.error) as exc:
        raise BatchError(f"cannot read the register: {exc}") from None


def register_arg(register: Any) -> str | Path | tuple[str, str]:
    """A register given as one path, or as a (households, persons) pair of paths."""
    if isinstance(register, (list, tuple)):
        if len(register) != 2:
            raise ArgumentError(f"a register of tables is a (households, persons) pair of files, not "
                                f"{len(register)} files.")
        return (str(path_arg(register[0], "the households table")), str(path_arg(register[1], "the persons table")))
    return path_arg(register, "the register")
