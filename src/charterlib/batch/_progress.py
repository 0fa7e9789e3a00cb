"""The progress bar of long runs (tqdm, from the `batch` extra), or none."""

from __future__ import annotations

import sys
from typing import Any


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def bar(progress: bool, total: int | None) -> Any:
    if not progress:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit=" households", file=sys.stderr, dynamic_ncols=True)
