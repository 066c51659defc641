"""Hardware checks: the conditions a workshop step can ask of a device ("pressed", "dark", ...).

This module owns the vocabulary; each device type says which conditions it meets
(devices/parts/). The evaluator against live readings lives here too.
"""

from __future__ import annotations

from dataclasses import dataclass

from devices.parts import PARTS, part


@dataclass(frozen=True)
class Condition:
    """A condition a check may name: which device types it applies to and what it needs."""

    types: frozenset[str]
    threshold: str | None = None  # unit of the required threshold ("cm", "value"), else None
    needs_seconds: bool = False


@dataclass(frozen=True)
class Check:
    """A hardware condition that proves a step works, e.g. distance below 20 cm for 1 s."""

    device: str
    condition: str
    threshold: float | None = None
    seconds: float = 0.0


def _condition(name: str, threshold: str | None = None, needs_seconds: bool = False):
    types = frozenset(kind for kind, p in PARTS.items() if name in p.conditions)
    return Condition(types, threshold, needs_seconds)


CONDITIONS: dict[str, Condition] = {
    "pressed": _condition("pressed"),
    "released": _condition("released"),
    "held": _condition("held", needs_seconds=True),
    "motion": _condition("motion"),
    "no_motion": _condition("no_motion"),
    "dark": _condition("dark"),
    "light": _condition("light"),
    "distance_below": _condition("distance_below", threshold="cm"),
    "distance_above": _condition("distance_above", threshold="cm"),
    "value_above": _condition("value_above", threshold="value"),
    "value_below": _condition("value_below", threshold="value"),
}

# Condition -> (what must hold of the device's state, a number to compare with or None).
_TRUTH = {
    "pressed": lambda state, _: state is True,
    "released": lambda state, _: state is False,
    "held": lambda state, _: state is True,
    "motion": lambda state, _: state is True,
    "no_motion": lambda state, _: state is False,
    "dark": lambda value, limit: value < limit,
    "light": lambda value, limit: value >= limit,
    "distance_below": lambda value, limit: value < limit,
    "distance_above": lambda value, limit: value > limit,
    "value_above": lambda value, limit: value > limit,
    "value_below": lambda value, limit: value < limit,
}
_STATE_KINDS = {"pressed": True, "released": False, "motion": True, "no_motion": False}


@dataclass(frozen=True)
class CheckStatus:
    """Met or not yet, and why: `reason_key` is a catalogue key ("check.*") for `values`."""

    met: bool
    reason_key: str
    values: dict


class CheckMonitor:
    """Evaluates one Check against a device's live events and readings; once met, stays met.

    Feed it every DeviceEvent (`feed`) and, each frame, the device's Reading (`update`); a
    condition "for N s" is met once it has held without a break for N seconds.
    """

    def __init__(self, check: Check, device_type: str):
        condition = CONDITIONS.get(check.condition)
        if condition is None or device_type not in condition.types:
            raise ValueError(f"'{check.condition}' cannot be checked on a {device_type}")
        self.check = check
        self.device_type = device_type
        self.limit = check.threshold
        if self.limit is None:  # dark and light: the light sensor's own line
            self.limit = part(device_type).default_threshold
        self.reset()

    def reset(self) -> None:
        self._state: bool | float | None = None
        self._connected = True
        self._released = False  # "released" asks for a release seen, not a button left alone
        self._since: float | None = None
        self._now: float | None = None
        self._met = False

    def feed(self, event) -> None:
        """Take one DeviceEvent (events of other devices are ignored)."""
        if event.device != self.check.device or self._met:
            return
        if event.kind in _STATE_KINDS:
            self._state = _STATE_KINDS[event.kind]
            self._released |= event.kind == "released"
        elif event.kind == "reading":
            self._state = event.value
        elif event.kind in ("connected", "disconnected"):
            self._connected = event.kind == "connected"
        self._evaluate(event.at)

    def update(self, reading, now: float) -> None:
        """Take the device's current Reading at monotonic time `now`."""
        if reading.device != self.check.device or self._met:
            return
        self._connected = reading.connected
        if reading.connected and reading.value is not None:
            self._state = reading.value
        self._evaluate(now)

    def _evaluate(self, now: float) -> None:
        self._now = now
        true = self._holds()
        if not true:
            self._since = None
        elif self._since is None:
            self._since = now
        if true and now - self._since >= self.check.seconds:
            self._met = True

    def _holds(self) -> bool:
        if not self._connected or self._state is None:
            return False
        if self.check.condition == "released" and not self._released:
            return False
        return bool(_TRUTH[self.check.condition](self._state, self.limit))

    @property
    def status(self) -> CheckStatus:
        if self._met:
            return CheckStatus(True, "check.met", {})
        if not self._connected:
            return CheckStatus(False, "check.not_connected", {"device": self.check.device})
        if self._state is None and self.limit is not None:
            return CheckStatus(False, "check.waiting", {"device": self.check.device})
        if self._since is not None:
            left = self.check.seconds - (self._now - self._since)
            return CheckStatus(False, "check.keep", {"seconds": _number(max(left, 0.1))})
        now = self._state if isinstance(self._state, float | int) else None
        values = {
            "seconds": _number(self.check.seconds),
            "threshold": _number(self.limit),
            "now": _number(now),
        }
        return CheckStatus(False, f"check.{self.check.condition}", values)


def _number(x: float | None) -> float | int | str:
    """A number as a 14-year-old reads it: 20, 2.5, never 2.4999999."""
    if x is None or isinstance(x, bool):
        return "?"
    x = round(float(x), 1)
    return int(x) if x.is_integer() else x
