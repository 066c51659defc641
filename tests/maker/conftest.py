"""Fixtures for maker mode: the device kit's own (a fresh mock pin factory per test, the default
kit, a simulated Kit), an engine on that kit with a clock the test moves by hand, and the events
a test hands it."""

from __future__ import annotations

import pytest

from devices.kit import DeviceEvent
from kiosk.maker.engine import Engine
from kiosk.maker.rules import Creation, Rule
from tests.devices.conftest import factory, kit, spec  # noqa: F401  (shared fixtures)


@pytest.fixture
def run(kit):  # noqa: F811
    """run(creation) -> an Engine at time 0 on the simulated kit; closed after the test."""
    engines = []

    def start(rules, now=0.0):
        engine = Engine(kit, rules, now=now)
        engines.append(engine)
        return engine

    yield start
    for engine in engines:
        engine.close()


def press(at: float, device: str = "button") -> DeviceEvent:
    return DeviceEvent(device, "pressed", True, at)


def release(at: float, device: str = "button") -> DeviceEvent:
    return DeviceEvent(device, "released", False, at)


def reading(device: str, value, at: float) -> DeviceEvent:
    return DeviceEvent(device, "reading", value, at)


def lit(on_kit, name: str = "led") -> bool:
    return on_kit.reading(name).value


def creation(*rules: Rule) -> Creation:
    return Creation("Proef", rules)
