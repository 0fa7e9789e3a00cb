"""What an evaluation gives, whichever engine computed it: the values (`Result`, `Unit`, `Verdict`…), the
one definition of their format (`schema`: the households.md line and the row of a results table) and the
files they are written to (`files`)."""

from __future__ import annotations

from . import files, schema
from ._costs import Costs, add_costs, costs_by_payer, costs_of
from ._values import (
           CellRead,
           Check,
           Grant,
           Late,
           ObligationStatus,
           Result,
           Unit,
           UnknownAmount,
           Verdict,
           money_text,
)

__all__ = ["CellRead", "Check", "Costs", "Grant", "Late", "ObligationStatus", "Result", "Unit", "UnknownAmount",
           "Verdict", "add_costs", "costs_by_payer", "costs_of", "files", "money_text", "schema"]
