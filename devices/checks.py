"""Hardware checks: the conditions a workshop step can ask of a device ("pressed", "dark", ...).

This module owns the vocabulary; the evaluator against live readings lives here too.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Condition:
    """A condition a check may name: which device types it applies to and what it needs."""

    types: frozenset[str]
    threshold: str | None = None  # unit of the required threshold ("cm", "value"), else None
    needs_seconds: bool = False


_ANALOG = frozenset({"mcp3008", "cpu_temperature", "light_sensor", "distance_sensor"})


@dataclass(frozen=True)
class Check:
    """A hardware condition that proves a step works, e.g. distance below 20 cm for 1 s."""

    device: str
    condition: str
    threshold: float | None = None
    seconds: float = 0.0


CONDITIONS: dict[str, Condition] = {
    "pressed": Condition(frozenset({"button"})),
    "released": Condition(frozenset({"button"})),
    "held": Condition(frozenset({"button"}), needs_seconds=True),
    "motion": Condition(frozenset({"motion_sensor"})),
    "no_motion": Condition(frozenset({"motion_sensor"})),
    "dark": Condition(frozenset({"light_sensor"})),
    "light": Condition(frozenset({"light_sensor"})),
    "distance_below": Condition(frozenset({"distance_sensor"}), threshold="cm"),
    "distance_above": Condition(frozenset({"distance_sensor"}), threshold="cm"),
    "value_above": Condition(_ANALOG, threshold="value"),
    "value_below": Condition(_ANALOG, threshold="value"),
}
