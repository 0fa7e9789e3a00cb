"""What a rule of lint is: a function from a checked charter to the warnings it gives."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs

from .. import ir
from ..common.diagnostics import Diagnostic


@attrs.frozen
class Rule:
    """One rule: the codes of the warnings it gives, and the function that finds them in a charter."""

    codes: tuple[str, ...]
    warnings: Callable[[ir.Charter], Iterable[Diagnostic]]
    header: bool = False
    """Whether it judges the header alone (id, level, adoption, in force): then it is run where the
    header is checked, so its warnings stand among the header's diagnostics and are given even when
    the rest of the charter has errors; any other rule is run on the whole charter, once checked."""
