"""Stage 5, explain: results back to readable reasons (text in English or Chinese, and JSON)."""

from __future__ import annotations

from ._explanation import Explanation, unknown_article
from ._printer import expr_text

__all__ = ["Explanation", "expr_text", "unknown_article"]
