"""The kit's self-test: does every input read plausibly, does every sensor answer?

Used by `stem-kiosk devices check` (and any screen that wants the same answer).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from devices import parts
from devices.kit import WAITING, Kit

SETTLE_S = 3.0  # long enough for a sonar to miss its echoes three times, or answer


@dataclass(frozen=True)
class Result:
    device: str
    ok: bool
    text: str  # one short English line for the facilitator


def selftest(kit: Kit, *, settle_s: float = SETTLE_S) -> list[Result]:
    """One result per device, in kit order; waits until every sensor has an answer."""
    deadline = time.monotonic() + settle_s
    sampled = [n for n, d in kit.spec.devices.items() if d.type in parts.SAMPLED]
    while time.monotonic() < deadline and not all(_settled(kit, n) for n in sampled):
        time.sleep(0.05)
    return [_result(kit, name) for name in kit.spec.devices]


def _settled(kit: Kit, name: str) -> bool:
    reading = kit.reading(name)
    return reading.value is not None or reading.reason not in (None, WAITING)


def _result(kit: Kit, name: str) -> Result:
    spec = kit.spec.devices[name]
    reading = kit.reading(name)
    if not reading.connected:
        return Result(name, False, f"not connected: {reading.reason}")
    if not spec.is_input:
        return _output(kit, name)
    if spec.type == "button" and reading.value:
        return Result(name, False, "reads pressed: if nobody presses it, check the wiring")
    if spec.type == "motion_sensor" and reading.value:
        return Result(name, True, "sees motion (wave to see it change)")
    if reading.value is None:
        return Result(name, False, "no reading")
    value = reading.value
    if spec.type == "button":
        value = "released"
    elif spec.type == "motion_sensor":
        value = "no motion"
    return Result(name, True, f"ok: {value}{' ' + reading.unit if reading.unit else ''}")


def _output(kit: Kit, name: str) -> Result:
    """Drive the output once, briefly, so a person standing by sees or hears it work."""
    spec = kit.spec.devices[name]
    on, off = {
        "led": (True, False),
        "buzzer": (True, False),
        "pwm_led": (1.0, 0.0),
        "rgb_led": ((1.0, 1.0, 1.0), (0.0, 0.0, 0.0)),
        "tonal_buzzer": (440.0, None),
        "servo": (0.5, 0.0),
        "traffic_lights": ("amber", None),
    }[spec.type]
    try:
        kit.set_output(name, on)
        time.sleep(0.2)
        kit.set_output(name, off)
    except Exception as err:  # a broken output must not stop the check of the others
        return Result(name, False, f"could not be driven: {err}")
    return Result(name, True, "ok: switched on and off (did you see or hear it?)")
