"""Pausing Python's cyclic garbage collector while a charter is parsed and checked.

Parsing and checking allocate hundreds of thousands of small objects (tokens, syntax nodes,
spans, typed expressions) that stay alive until the stage ends and form almost no reference
cycles. The collector cannot know that: it runs every few hundred allocations, and each full
collection walks every object the process holds. For a 1,000-article charter that was half of
the check time (`docs/performance.md`). Reference counting still frees everything as usual; the
collector resumes, and finds whatever few cycles were left, when the outermost stage ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector inside the block, if it was running (nested blocks are free)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
