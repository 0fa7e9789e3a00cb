"""The files results are written to (JSON Lines, CSV, Parquet), the same bytes from every engine.

Rows are those of `results.schema`, so that a file written here equals, byte for byte, the file DuckDB's
COPY writes for the same results. JSON Lines and CSV need only the standard library; Parquet needs
pyarrow (the `batch` extra).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..common.errors import OutputError
from .schema import EMPTY, LINE, OUTPUT_COLUMNS, Row, json_text

if TYPE_CHECKING:  # pragma: no cover
    from ..records import RecordIssue

KINDS = ("jsonl", "json", "csv", "parquet")
"""The kinds of results file, by suffix (`.json` is written as JSON Lines too)."""


def output_kind(path: str | Path) -> str:
    """The kind of results file a path names (its suffix), or OutputError for an unknown one."""
    kind = Path(path).suffix.lower().lstrip(".")
    if kind not in KINDS:
        raise OutputError(f"{path}: results are written as .jsonl, .csv or .parquet")
    return kind


def check_writable(path: str | Path, what: str = "the results") -> Path:
    """The path of a file to be written, once its folder is known to exist: said before the work, not after."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{path}: cannot write {what} there: it is a folder")
    if not target.parent.is_dir():
        raise OutputError(f"{path}: cannot write {what} there: {target.parent} is not a folder")
    return target


def _csv_field(value: str) -> str:
    """A CSV field quoted where DuckDB quotes it: empty, or holding a separator, quote, line break or `#`."""
    if value == "" or any(c in value for c in ',"\n\r#'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _json_line(row: Row, columns: tuple[str, ...]) -> str:
    values = dict(zip(columns, row, strict=True))
    parts = [f'"{key}":' + (json_text(values[key]) if how == "text" else values[key])
             for key, how in LINE if key in values and values[key] != EMPTY.get(how)]
    return "{" + ",".join(parts) + "}\n"


class ResultWriter:
    """Writes result rows to a .jsonl, .csv or .parquet file, batch after batch; with no path, writes nothing.

    JSON Lines hold the keys of households.md in its order (no `penalties_total`); CSV has a header and
    every column; Parquet every column as text. The columns are OUTPUT_COLUMNS, unless told
    (`results.schema.output_columns`).
    """

    def __init__(self, path: str | Path | None, columns: tuple[str, ...] = OUTPUT_COLUMNS) -> None:
        self.columns = columns
        self.path = check_writable(path) if path is not None else None
        self.kind = output_kind(path) if path is not None else ""
        self._file: IO[str] | None = None
        self._parquet: Any = None
        self._started = False  # something is in the file already
        if self.kind == "parquet":
            _pyarrow()  # said before the work, not after

    @property
    def started(self) -> bool:
        """Whether something is in the file already."""
        return self._started

    def write_rows(self, rows: Iterable[Mapping[str, str]]) -> int:
        """Write rows given as mappings of the columns; returns how many were written."""
        if self.path is None:
            return 0
        if self.kind == "parquet":
            listed = list(rows)
            if listed:
                pa, _ = _pyarrow()
                self.write_arrow(pa.Table.from_pylist(listed, schema=_schema(self.columns)))
            return len(listed)
        return self._write_text(tuple(row[c] for c in self.columns) for row in rows)

    def write_arrow(self, table: Any) -> None:
        """Write an Arrow table or record batch holding the columns (as text)."""
        if self.path is None or table.num_rows == 0:
            return
        if self.kind != "parquet":
            columns = [table.column(c).to_pylist() for c in self.columns]
            self._write_text(zip(*columns))
            return
        pa, _ = _pyarrow()
        if self._parquet is None:
            self._open_parquet()
        if isinstance(table, pa.RecordBatch):
            table = pa.Table.from_batches([table])
        try:
            self._parquet.write_table(table.select(list(self.columns)).cast(_schema(self.columns)))
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot write the results: {exc}") from None

    def _open_parquet(self) -> None:
        _, pq = _pyarrow()
        try:
            self._parquet = pq.ParquetWriter(self.path, _schema(self.columns))
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot write the results: {exc}") from None
        self._started = True

    def _write_text(self, rows: Iterable[Row]) -> int:
        assert self.path is not None
        count = 0
        try:
            if self._file is None:
                self._file = open(self.path, "a" if self._started else "w", encoding="utf-8", newline="")  # noqa: SIM115
                if self.kind == "csv" and not self._started:
                    self._file.write(",".join(self.columns) + "\n")
                self._started = True
            write = self._file.write
            if self.kind == "csv":
                for row in rows:
                    write(",".join(_csv_field(v) for v in row) + "\n")
                    count += 1
            else:
                columns = self.columns
                for row in rows:
                    write(_json_line(row, columns))
                    count += 1
        except (OSError, UnicodeEncodeError) as exc:
            raise OutputError(f"{self.path}: cannot write the results: {exc}") from None
        return count

    def hand_over(self) -> Path:
        """Close this writer's own handle and say where another writer (DuckDB's COPY) is to write next:
        the file itself while it is empty, else a part file that `take_back` appends to it."""
        assert self.path is not None
        if self._file is not None:
            self._file.close()
            self._file = None
        return self.path if not self._started else self.path.with_name(self.path.name + ".part")

    def take_back(self, written: Path) -> None:
        """Go on after what another writer wrote where `hand_over` said (appending a part file)."""
        assert self.path is not None
        if written != self.path:
            try:
                with open(written, "rb") as part, open(self.path, "ab") as whole:
                    while block := part.read(1 << 20):
                        whole.write(block)
            except OSError as exc:
                raise OutputError(f"{self.path}: cannot write the results: {exc}") from None
            finally:
                written.unlink(missing_ok=True)
        self._started = True

    @staticmethod
    def check_parquet() -> None:
        """Raise OutputError, with a sentence, when Parquet cannot be written (pyarrow is missing)."""
        _pyarrow()

    def close(self) -> None:
        """Finish the file (a Parquet file is valid only once closed). A run without results leaves a file
        without rows (a CSV header, an empty Parquet table), never the file of an earlier run."""
        if self.path is not None and not self._started:
            if self.kind == "parquet":
                self._open_parquet()
            else:
                self._write_text(())
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        if self._file is not None:
            self._file.close()
            self._file = None


def write_issues(path: str | Path, issues: Iterable[RecordIssue]) -> None:
    """Write record and evaluation issues as JSON Lines, one issue a line."""
    target = check_writable(path, "the errors")
    try:
        with open(target, "w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(issue.to_json(), ensure_ascii=False) + "\n" for issue in issues)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the errors: {exc}") from None


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise OutputError("writing .parquet needs pyarrow, from the `batch` extra: "
                          "pip install 'charterlib[batch]'") from None
    return pa, pq


def _schema(columns: tuple[str, ...]) -> Any:
    pa, _ = _pyarrow()
    return pa.schema([(c, pa.string()) for c in columns])


__all__ = ["KINDS", "ResultWriter", "check_writable", "output_kind", "write_issues"]
