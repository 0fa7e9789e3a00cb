"""The batch engine's error."""

from __future__ import annotations

from ..common.errors import CharterError


class BatchError(CharterError):
    """A register could not be read as a whole (a missing table, an unknown file kind)."""
