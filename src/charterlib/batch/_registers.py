"""What a register given to the batch engine is: a JSON file, or households and persons tables."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..common.args import path_arg
from ..common.errors import ArgumentError
from ..engines import Failures
from ._errors import BatchError


def tables_of(register: str | Path | Sequence[str | Path]) -> tuple[str, str] | None:
    if isinstance(register, (list, tuple)):
        households, persons = register
        return str(households), str(persons)
    path = Path(str(register))
    if path.is_dir():
        for suffix in (".parquet", ".csv"):
            h, p = path / f"households{suffix}", path / f"persons{suffix}"
            if h.exists() and p.exists():
                return str(h), str(p)
        raise BatchError(f"{path}: a register folder holds households.parquet and persons.parquet "
                         f"(or households.csv and persons.csv)")
    if path.suffix.lower() in (".parquet", ".csv"):
        raise BatchError(f"{path}: a table register needs both tables: give the folder, or households and persons")
    return None


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
