"""UI fixtures: the real app (real simulated Kit over gpiozero mock pins, real journal file) on
SDL's dummy video driver, driven by the same player the headless scripts use."""

from __future__ import annotations

import time

import pygame
import pytest
from gpiozero import Device

from devices.kitconfig import load_kit
from kiosk.config import Config
from kiosk.core.station import Station
from kiosk.library import load_library, shipped_dir
from kiosk.sync import SyncWorker
from kiosk.ui import pictures
from kiosk.ui.app import App
from kiosk.ui.display import Display
from kiosk.ui.script import Player, Script


@pytest.fixture(scope="session")
def library():
    """The shipped workshops, parsed once for the whole UI suite."""
    spec, _ = load_kit()
    return load_library([shipped_dir()], spec)


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "kiosk.yaml"
    path.write_text("kiosk_id: test-kiosk\n")
    return Config(path=path, kiosk_id="test-kiosk", data_dir=tmp_path / "data")


class Driver(Player):
    """Taps, keys, sensors and time for a test, plus what the screen shows."""

    def __init__(self, app: App, folder):
        super().__init__(app, Script("test"), folder)

    @property
    def screen(self):
        return self.app.screen

    def pixel(self, pos) -> tuple[int, int, int]:
        """The colour at a logical position, as drawn on the window at its real size."""
        self.app.draw()
        return self.app.canvas.colour_at(pos)

    def region(self, rect) -> bytes:
        """The real pixels of a logical area of the window."""
        self.app.draw()
        canvas = self.app.canvas
        return pygame.image.tobytes(canvas.surface.subsurface(canvas.real(rect)), "RGB")

    def count(self, rect, colour) -> int:
        """How many real pixels of a logical area of the last frame have the colour."""
        canvas = self.app.canvas
        area = canvas.surface.subsurface(canvas.real(rect))
        return sum(
            tuple(area.get_at((x, y)))[:3] == tuple(colour)
            for x in range(area.get_width())
            for y in range(area.get_height())
        )

    def until(self, condition, timeout: float = 10.0) -> bool:
        """Turn the loop in real time until the condition holds (the kit's threads take theirs)."""
        end = time.monotonic() + timeout
        while not condition() and time.monotonic() < end:
            self.app.clock.advance(0.5)  # the screens poll on the app clock
            self.pump(0.05)
        return condition()

    def button(self, widget: str):
        return next(b for b in self.app.buttons() if b.id == widget)

    def goto_workshop(self, wid: str) -> None:
        self.app.go("intro", workshop=self.app.station.library.workshops[wid])
        self.pump()


def make_app(config, library, *, simulate=True, fullscreen=False, size=None, speech=None):
    # as `stem-kiosk run` does: the command hands the sync worker (and the voice) to the kiosk
    station = Station.open(config, simulate=simulate, library=library, sync=SyncWorker)
    display = Display(fullscreen=False, size=size)
    return App(station, display, fullscreen=fullscreen, speech=speech)


@pytest.fixture
def make_driver(config, library, tmp_path):
    """A factory: make_driver(simulate=..., fullscreen=..., size=..., speech=...) -> Driver,
    closed after."""
    pygame.init()
    made: list[App] = []

    def make(**options) -> Driver:
        app = make_app(options.pop("config", config), options.pop("library", library), **options)
        made.append(app)

        app.go("home")
        driver = Driver(app, tmp_path)
        driver.pump()
        return driver

    yield make
    for app in made:
        app.voice.stop()
        app.station.close()
    pygame.quit()
    pictures.forget()  # fonts die with pygame.quit()
    Device.pin_factory = None


@pytest.fixture
def kiosk(make_driver) -> Driver:
    return make_driver()
