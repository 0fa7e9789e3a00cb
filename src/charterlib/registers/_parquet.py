"""Reads Parquet tables: each column as its own type, rows counted from 1."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..common.errors import RecordError
from ._reader import Scan, sql_text


class ParquetReader:
    """Reads Parquet tables through DuckDB (the header through pyarrow)."""

    unit = "row"

    def header(self, path: str) -> list[str]:
        return _header(path)

    def scan(self, con: Any, path: str, view: str, header: Sequence[str], key: str) -> Scan:
        source = f"read_parquet({sql_text(path)}, file_row_number = true)"
        described = con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
        columns = tuple(str(row[0]) for row in described)[:len(header)]
        types = tuple(str(row[1]) for row in described)[:len(header)]
        return Scan(source, columns, types, "file_row_number + 1")


def _header(path: str) -> list[str]:
    import pyarrow.parquet as pq

    try:
        return list(pq.read_schema(path).names)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises many kinds for a file that is not Parquet
        raise RecordError(f"cannot read the table {path}: {exc}") from None
