"""Stage 5, explain: results back to readable reasons (text in English or Chinese, and JSON)."""

from __future__ import annotations

from ._explanation import Explanation, unknown_article

__all__ = ["Explanation", "unknown_article"]
