"""Library fixtures: the real kiosk (simulated Kit over gpiozero mock pins, journal file in
tmp_path) under SDL's dummy driver, driven by the headless script player."""

from __future__ import annotations

import pygame
import pytest
from gpiozero import Device

from devices.kitconfig import load_kit
from kiosk.config import Config
from kiosk.core.station import Station
from kiosk.library import load_library, shipped_dir
from kiosk.ui import pictures
from kiosk.ui.app import App
from kiosk.ui.display import Display


@pytest.fixture(scope="session")
def kit_spec():
    spec, problems = load_kit()
    assert problems == []
    return spec


@pytest.fixture(scope="session")
def library(kit_spec):
    """The shipped workshops, parsed once (each kiosk would parse them again)."""
    return load_library([shipped_dir()], kit_spec)


@pytest.fixture
def make_app(tmp_path, library):
    """A factory: make_app() -> App on the simulated default kit; everything closed after."""
    pygame.init()
    made: list[App] = []

    def make(language: str = "nl") -> App:
        path = tmp_path / "kiosk.yaml"
        path.write_text(f"kiosk_id: test-kiosk\nlanguage: {language}\n")
        config = Config(path=path, kiosk_id="test-kiosk", language=language,
                        data_dir=tmp_path / "data")  # fmt: skip
        station = Station.open(config, simulate=True, library=library)
        app = App(station, Display(fullscreen=False))
        made.append(app)
        return app

    yield make
    for app in made:
        app.station.close()
    pygame.quit()
    Device.pin_factory = None


@pytest.fixture(autouse=True)
def _no_stale_fonts():
    """Cached fonts and pictures die with pygame.quit(): every test starts and ends without."""
    pictures.forget()
    pygame.font.init()
    yield
    pictures.forget()
