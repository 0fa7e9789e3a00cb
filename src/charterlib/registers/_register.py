"""What a register given by name is, decided once for the batch engine, the command and the library:
a file of household records, or a households and a persons table (named both, or found in a folder)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Literal

import attrs

from .. import ir
from ..common.errors import RecordError
from ._formats import FORMATS, either
from ._json import Positioned, read_records
from ._table_records import read_tables

Fault = Literal["", "folder", "alone", "persons"]


@attrs.frozen
class Register:
    """A register, its format decided: `json` (a JSON document or JSON Lines, told apart by what the
    file holds as it is read) or `tables` (a households and a persons table, of the formats of
    `FORMATS`); `fault` says why the tables of a table register are not known."""

    kind: Literal["json", "tables"]
    paths: tuple[str, ...]
    """The file of records; the households and the persons table (what was named, when at fault)."""
    fault: Fault = ""
    """`folder`: a folder that holds no pair of tables; `alone`: one table named without the other;
    `persons`: a persons table named beside something that is not a households table."""

    @property
    def tables(self) -> tuple[str, str] | None:
        """The households and the persons table, when the register is tables and they are known."""
        if self.kind != "tables" or self.fault:
            return None
        households, persons = self.paths
        return households, persons

    def complaint(self, pair: str = "households and persons") -> str:
        """Why the tables are not known, as a sentence (`pair`: how the caller has both named)."""
        given = self.paths[0]
        if self.fault == "folder":
            pairs = [f"households{suffix} and persons{suffix}" for suffix in FORMATS]
            more = f" (or {', or '.join(pairs[1:])})" if len(pairs) > 1 else ""
            return f"{given}: a register folder holds {pairs[0]}{more}"
        if self.fault == "alone":
            return f"{given}: a table register needs both tables: give the folder, or {pair}"
        return f"a persons table goes with a households table ({either(FORMATS)}), not with {given}"

    def records(self, charter: ir.Charter) -> Iterator[Positioned | RecordError]:
        """The raw records of the register, for `records.Validator` (tables are read by DuckDB)."""
        tables = self.tables
        if tables is not None:
            return read_tables(*tables, charter)
        if self.kind == "json":
            return read_records(self.paths[0])
        raise RecordError(self.complaint())


def register_of(register: str | Path | Sequence[str | Path], persons: str | Path | None = None) -> Register:
    """The register of a name (a file of records, a folder of tables, one table) or of a (households,
    persons) pair; `persons` names the persons table beside a households table. Only the folder is
    looked into: whether the files can be read is for the reader to say."""
    if isinstance(register, (list, tuple)):
        households, persons_table = register
        return Register("tables", (str(households), str(persons_table)))
    given = str(register)
    path = Path(given)
    if persons is not None:
        table = not path.is_dir() and path.suffix.lower() in FORMATS
        return Register("tables", (given, str(persons)), "" if table else "persons")
    if path.is_dir():
        for suffix in FORMATS:
            households_table, persons_table = path / f"households{suffix}", path / f"persons{suffix}"
            if households_table.exists() and persons_table.exists():
                return Register("tables", (str(households_table), str(persons_table)))
        return Register("tables", (given,), "folder")
    if path.suffix.lower() in FORMATS:
        return Register("tables", (given,), "alone")
    return Register("json", (given,))
