"""`charter eval`: every household of a register for a period, by either engine, shown the same way
whatever the register's format and the engine: the command (`command`), what an engine did (`outcome`)
and how it is shown (`report`)."""

from __future__ import annotations

from .command import cmd_eval

__all__ = ["cmd_eval"]
