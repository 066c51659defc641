"""The kit's self-test: does every input read plausibly, does every sensor answer?

Used by `stem-kiosk devices check` (and any screen that wants the same answer).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

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
    sampled = [n for n in kit.spec.devices if kit.part(n).sampled]
    while time.monotonic() < deadline and not all(_settled(kit, n) for n in sampled):
        time.sleep(0.05)
    return [_result(kit, name) for name in kit.spec.devices]


def _settled(kit: Kit, name: str) -> bool:
    reading = kit.reading(name)
    return reading.value is not None or reading.reason not in (None, WAITING)


def _result(kit: Kit, name: str) -> Result:
    device = kit.part(name)
    reading = kit.reading(name)
    if not reading.connected:
        return Result(name, False, f"not connected: {reading.reason}")
    if not device.is_input:
        return _output(kit, name)
    if reading.value is None:
        return Result(name, False, "no reading")
    return Result(name, *device.self_test(reading.value))


def _output(kit: Kit, name: str) -> Result:
    """Drive the output once, briefly, so a person standing by sees or hears it work."""
    device = kit.part(name)
    try:
        kit.set_output(name, device.on)
        time.sleep(0.2)
        kit.set_output(name, device.off)
    except Exception as err:  # a broken output must not stop the check of the others
        return Result(name, False, f"could not be driven: {err}")
    return Result(name, True, "ok: switched on and off (did you see or hear it?)")
