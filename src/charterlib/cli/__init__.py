"""The `charter` command: a thin layer over the library; every output is also available as JSON.

A module per subcommand (`check`, `eval`, `explain`, `eligible`, `test`, `compile`), the parser and `main`
in `parser`, what they share in `_common`, their sentences in `words` (English and Chinese).

Exit statuses (README): 0 clean; 1 input errors (charter diagnostics, records or households with errors,
nothing to do); 2 the command cannot run as asked (a bad flag value, flags that do not go together, a
file that cannot be opened); 3 every household has a result but something needs a look (warnings).
"""

from __future__ import annotations

from .parser import build_parser, main

__all__ = ["build_parser", "main"]
