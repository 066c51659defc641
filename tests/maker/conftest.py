"""Fixtures for maker mode: the device kit's own (a fresh mock pin factory per test, the default
kit, a simulated Kit), and an engine on that kit with a clock the test moves by hand."""

from __future__ import annotations

import pytest

from kiosk.maker.engine import Engine
from tests.devices.conftest import factory, kit, spec  # noqa: F401  (shared fixtures)


@pytest.fixture
def run(kit):  # noqa: F811
    """run(creation) -> an Engine at time 0 on the simulated kit; closed after the test."""
    engines = []

    def start(creation, now=0.0):
        engine = Engine(kit, creation, now=now)
        engines.append(engine)
        return engine

    yield start
    for engine in engines:
        engine.close()
