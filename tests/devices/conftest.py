"""Fixtures for the device kit: a fresh mock pin factory per test, checked for leaked pins."""

from __future__ import annotations

import queue
import time

import pytest
from gpiozero import Device

from devices.kit import Kit
from devices.kitconfig import load_kit
from devices.simpins import SimFactory


@pytest.fixture
def factory():
    """gpiozero's MockFactory (PWM pins) as the default factory; reset after the test."""
    previous = Device.pin_factory
    f = SimFactory()
    Device.pin_factory = f
    yield f
    leaked = {info.name: owners for info, owners in f._reservations.items() if owners}
    f.reset()
    f.close()
    Device.pin_factory = previous
    assert not leaked, f"pins still reserved after the test: {leaked}"


@pytest.fixture
def spec():
    spec, problems = load_kit()
    assert problems == []
    return spec


@pytest.fixture
def kit(spec, factory):
    with Kit(spec, simulate=True, pin_factory=factory) as kit:
        yield kit


def wait_for(predicate, timeout: float = 10.0):
    """Poll until predicate() is truthy (a deadline against hanging, not a timing assert)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    return predicate()


def next_event(kit: Kit, device: str, kind: str, timeout: float = 10.0):
    """The next event of `device` and `kind` from the kit's queue (others are dropped)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            event = kit.events.get(timeout=0.05)
        except queue.Empty:
            continue
        if event.device == device and event.kind == kind:
            return event
    raise AssertionError(f"no '{kind}' event from '{device}'")
