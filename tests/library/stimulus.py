"""What a simulated sensor must read so that a workshop's check is met, derived from the Check.

Values are what `Simulator.set` takes: a flag, a light level, centimetres, 0..1, degrees.
"""

from __future__ import annotations

from devices.checks import Check
from devices.kitconfig import DeviceSpec
from devices.parts.distance_sensor import MAX_CM
from devices.parts.light_sensor import LIGHT_THRESHOLD

MARGIN = {"light_sensor": 0.2, "mcp3008": 0.1, "cpu_temperature": 5.0, "distance_sensor": 0.1}


# The condition whose stimulus leaves a check unmet (a button up, the other side of a threshold).
UNMET = {
    "pressed": "no_press", "held": "no_press", "released": "no_press", "motion": "no_motion",
    "no_motion": "motion", "dark": "light", "light": "dark", "distance_below": "distance_above",
    "distance_above": "distance_below", "value_above": "value_below", "value_below": "value_above",
}  # fmt: skip


def stimulus(check: Check, device: DeviceSpec, meet: bool = True) -> list[object]:
    """The inputs to apply, in order, for the check's condition to hold (then wait its seconds),
    or with meet=False, for it not to hold."""
    kind, limit = check.condition if meet else UNMET[check.condition], check.threshold
    if kind == "no_press":
        return [False]
    if kind in ("pressed", "held", "motion"):
        return [True]
    if kind == "no_motion":
        return [False]
    if kind == "released":
        return [True, False]
    if kind == "dark":
        return [max(0.0, LIGHT_THRESHOLD - MARGIN["light_sensor"])]
    if kind == "light":
        return [min(1.0, LIGHT_THRESHOLD + MARGIN["light_sensor"])]
    max_cm = float(device.options.get("max_cm", MAX_CM))
    if kind == "distance_below":
        return [round(limit * 0.6, 1)]
    if kind == "distance_above":
        return [round(min(limit * 1.4, limit + (max_cm - limit) / 2), 1)]
    if kind in ("value_above", "value_below"):
        margin = MARGIN[device.type] * (1 if kind == "value_above" else -1)
        if device.type == "cpu_temperature":
            return [limit + margin]
        value = min(1.0, max(0.0, limit + margin))
        return [round(value * max_cm, 1) if device.type == "distance_sensor" else value]
    raise AssertionError(f"no stimulus known for condition '{kind}': add it here")
