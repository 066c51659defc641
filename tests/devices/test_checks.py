"""Every check condition, met through the simulator's physics and gpiozero's own devices."""

from __future__ import annotations

import contextlib
import queue
import time

import pytest

from devices.checks import CONDITIONS, Check, CheckMonitor
from devices.parts.light_sensor import LIGHT_THRESHOLD
from kiosk.i18n import Catalogue, languages
from tests.devices.conftest import wait_for


def pump(kit, monitor, until, timeout: float = 10.0):
    """Feed the kit's events and readings to the monitor until `until(status)` or time is up."""
    deadline = time.monotonic() + timeout
    device = monitor.check.device
    while time.monotonic() < deadline:
        with contextlib.suppress(queue.Empty):
            monitor.feed(kit.events.get(timeout=0.02))
        monitor.update(kit.reading(device), time.monotonic())
        if until(monitor.status):
            break
    return monitor.status


def met(status):
    return status.met


def monitor_for(kit, device, condition, threshold=None, seconds=0.0):
    kind = kit.spec.devices[device].type
    return CheckMonitor(Check(device, condition, threshold, seconds), kind)


@pytest.mark.parametrize(
    ("device", "condition", "threshold", "act"),
    [
        ("button", "pressed", None, lambda s: s.press("button")),
        ("motion", "motion", None, lambda s: s.set_motion("motion", True)),
        ("light", "dark", None, lambda s: s.set_light("light", 0.0)),
        ("light", "light", None, lambda s: s.set_light("light", 1.0)),
        ("distance", "distance_below", 20, lambda s: s.set_distance("distance", 10)),
        ("distance", "distance_above", 150, lambda s: s.set_distance("distance", 180)),
        ("knob", "value_above", 0.8, lambda s: s.set_value("knob", 0.9)),
        ("knob", "value_below", 0.2, lambda s: s.set_value("knob", 0.1)),
        ("cpu", "value_above", 70, lambda s: s.set_temperature("cpu", 75)),
        ("light", "value_below", 0.5, lambda s: s.set_light("light", 0.1)),
    ],
)
def test_condition_is_not_met_until_the_physics_make_it_so(kit, device, condition, threshold, act):
    if device == "light":  # start far on the other side of the threshold
        dark = condition == "light"
        kit.simulator.set_light("light", 0.0 if dark else 1.0)
        if dark:
            assert wait_for(lambda: (kit.reading("light").value or 1) < LIGHT_THRESHOLD)
        else:
            assert wait_for(lambda: (kit.reading("light").value or 0) > 0.6)
    monitor = monitor_for(kit, device, condition, threshold)
    status = pump(kit, monitor, lambda s: s.reason_key != "check.waiting")
    assert not status.met
    assert status.reason_key == f"check.{condition}"
    act(kit.simulator)
    assert pump(kit, monitor, met).met
    assert monitor.status.reason_key == "check.met"


def test_released_needs_a_release_not_a_button_left_alone(kit):
    monitor = monitor_for(kit, "button", "released")
    assert not pump(kit, monitor, met, timeout=0.3).met
    assert monitor.status.reason_key == "check.released"
    kit.simulator.press("button")
    assert not pump(kit, monitor, met, timeout=0.3).met
    kit.simulator.release("button")
    assert pump(kit, monitor, met).met


def test_held_counts_seconds_of_unbroken_pressing(kit):
    monitor = monitor_for(kit, "button", "held", seconds=2)
    kit.simulator.press("button")
    status = pump(kit, monitor, lambda s: s.reason_key == "check.keep")
    assert status.reason_key == "check.keep"
    pressed_at = monitor._since
    monitor.update(kit.reading("button"), pressed_at + 1.5)
    assert monitor.status == monitor.status.__class__(False, "check.keep", {"seconds": 0.5})
    kit.simulator.release("button")
    pump(kit, monitor, lambda s: s.reason_key == "check.held")
    kit.simulator.press("button")  # starts again from zero
    pump(kit, monitor, lambda s: s.reason_key == "check.keep")
    again = monitor._since
    assert again > pressed_at
    monitor.update(kit.reading("button"), again + 2.0)
    assert monitor.status.met


def test_no_motion_for_some_seconds(kit):
    monitor = monitor_for(kit, "motion", "no_motion", seconds=3)
    kit.simulator.set_motion("motion", True)
    status = pump(kit, monitor, lambda s: s.reason_key == "check.no_motion")
    assert status.reason_key == "check.no_motion"
    kit.simulator.set_motion("motion", False)
    pump(kit, monitor, lambda s: s.reason_key == "check.keep")
    monitor.update(kit.reading("motion"), monitor._since + 3)
    assert monitor.status.met


def test_distance_below_for_one_second_and_its_reason_values(kit):
    monitor = monitor_for(kit, "distance", "distance_below", 20, seconds=1)
    status = pump(kit, monitor, lambda s: s.values.get("now") not in (None, "?"))
    assert status.reason_key == "check.distance_below"
    assert status.values["threshold"] == 20 and 90 < status.values["now"] < 110
    kit.simulator.set_distance("distance", 8)
    pump(kit, monitor, lambda s: s.reason_key == "check.keep")
    monitor.update(kit.reading("distance"), monitor._since + 1)
    assert monitor.status.met


def test_unplugged_sensor_says_not_connected_and_is_never_met(kit):
    monitor = monitor_for(kit, "distance", "distance_above", 5)
    kit.simulator.unplug("distance")
    status = pump(kit, monitor, lambda s: s.reason_key == "check.not_connected")
    assert status == status.__class__(False, "check.not_connected", {"device": "distance"})


def test_a_condition_on_the_wrong_device_type_is_refused():
    with pytest.raises(ValueError, match="'dark' cannot be checked on a button"):
        CheckMonitor(Check("button", "dark"), "button")


def test_events_of_other_devices_are_ignored(kit):
    monitor = monitor_for(kit, "button", "pressed")
    kit.simulator.press("button2")
    assert not pump(kit, monitor, met, timeout=0.5).met


def test_every_reason_key_reads_in_every_language():
    keys = {f"check.{c}" for c in CONDITIONS} | {
        "check.met", "check.keep", "check.not_connected", "check.waiting"
    }  # fmt: skip
    values = {"seconds": 2, "threshold": 20, "now": 35.5, "device": "distance"}
    for lang in languages():
        for key in keys:
            text = Catalogue(lang).t(key, **values)
            assert text and "{" not in text
