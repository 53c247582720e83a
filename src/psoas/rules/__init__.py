"""Pure decisions over a profile and the catalogue: no I/O, no clock, no randomness."""

from psoas.rules.planner import build_plan

__all__ = ["build_plan"]
