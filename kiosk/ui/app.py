"""The kiosk application: the frame loop that turns input and device events into screens.

One loop on the main thread: wait for input (never busy), drain the kit's queue, let the
current screen react, redraw only when something changed, and flip in one place (Display).
"""

from __future__ import annotations

import logging
import queue
import time
from collections.abc import Callable

import pygame

from kiosk.core.station import Station
from kiosk.i18n import Catalogue
from kiosk.sdnotify import Notifier
from kiosk.speech import Speech
from kiosk.ui import icons, theme
from kiosk.ui.canvas import Canvas
from kiosk.ui.display import Display
from kiosk.ui.readaloud import ReadAloud
from kiosk.ui.screen import Screen
from kiosk.ui.screens import SCREENS
from kiosk.ui.session import Session
from kiosk.ui.simpanel import SimPanel
from kiosk.ui.widgets import Button, labelled

log = logging.getLogger(__name__)

ANIMATION_FPS = 30
IDLE_WAIT_MS = 40  # the longest an idle loop sleeps before it looks at touches and time
IDLE_S = 180  # no touch for this long: attract mode
NOTICE_S = 6
NOTICE_H = 76  # the notice's band across the top, over the heading (logical px)
FAILED = object()  # what `App.guard` returns when screen code raised


class Clock:
    """Monotonic seconds; scripts advance it so that timed behaviour is deterministic."""

    def __init__(self):
        self.offset = 0.0

    def now(self) -> float:
        return time.monotonic() + self.offset

    def since(self, monotonic: float) -> float:
        """A time.monotonic() stamp (a device event's) on this clock."""
        return monotonic + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds


class App:
    """The frame loop and what every screen shares: the station (kit, journal, library, tour,
    sync), the language, the text size, the voice, the clock, today's stop and the open session.

    Screens reach each other by name (`go("intro", workshop=w)`), through kiosk/ui/screens.py.
    `speech` is the one voice the app reads aloud with (the run command's; a new one if none).
    """

    def __init__(
        self,
        station: Station,
        display: Display,
        *,
        fullscreen: bool = False,
        speech: Speech | None = None,
    ):
        self.station = station
        self.display = display
        self.fullscreen = fullscreen
        self.text = Catalogue(station.config.language)
        self.large_text = station.config.large_text
        self.voice = ReadAloud(speech or Speech())  # asks espeak-ng on a thread of its own
        self.canvas: Canvas | None = None  # the last frame shown, with what it drew (marks)
        self.clock = Clock()
        self.notifier = Notifier.from_env()
        self.session: Session | None = None
        self.stop = None  # today's stop (kiosk.stop.Stop), picked on Home
        self.panel = SimPanel(self) if station.kit and station.kit.simulator else None
        self.notice_text: str | None = None
        self.notice_until = 0.0
        self.last_input = self.clock.now()
        self.running = True
        self.dirty = True
        self.screen: Screen = Screen(self)

    # -- what screens use --------------------------------------------------------------------

    @property
    def kit(self):
        return self.station.kit

    @property
    def journal(self):
        return self.station.journal

    @property
    def simulate(self) -> bool:
        return self.station.simulate

    def go(self, name: str, **arguments) -> Screen:
        """Open a new screen by its id (kiosk/ui/screens.py), with what it needs to know."""
        screen = SCREENS[name](self, **arguments)
        self.show(screen)
        return screen

    def show(self, screen: Screen, *, enter: bool = True) -> None:
        """Make a screen current (leave the old one, enter the new one), never raising; a
        screen going back passes the one it came from.

        enter=False resumes a screen exactly as it was (attract mode giving it back)."""
        self.voice.stop()  # what was read aloud belonged to the screen that goes
        self.guard(self.screen.leave)
        self.screen = screen
        self.dirty = True
        if enter:
            self.guard(screen.enter)

    def home(self, notice: str | None = None) -> None:
        self.go("home")
        if notice:
            self.notice(notice)

    def notice(self, text: str) -> None:
        """A message across the top for a few seconds (already translated); a tap closes it."""
        self.notice_text = text
        self.notice_until = self.clock.now() + NOTICE_S
        self.dirty = True

    def close_notice(self) -> None:
        self.notice_text = None
        self.dirty = True

    @property
    def notice_box(self) -> pygame.Rect:
        """Where a notice lies on the window: across the top, the full width."""
        return pygame.Rect(0, 0, self.display.logical_size[0], NOTICE_H)

    def set_language(self, lang: str) -> None:
        self.voice.stop()
        self.text = Catalogue(lang)
        self.dirty = True

    def toggle_text_size(self) -> None:
        """Large text on or off (Home's "A+"); every screen lays itself out again."""
        self.large_text = not self.large_text
        self.dirty = True

    def with_pin(self, then: Callable[[], None]) -> None:
        """Ask the facilitator PIN, then run `then`; Back returns to the current screen."""
        self.go("pin", back=self.screen, then=then)

    def quit(self) -> None:
        self.running = False

    # -- the loop ----------------------------------------------------------------------------

    def run(self) -> int:
        self.notifier.ready()
        while self.running:
            self.turn()
        self.notifier.stopping()
        return 0

    def turn(self, wait_ms: int | None = None) -> None:
        """One turn of the loop: wait (bounded), handle everything pending, draw if needed."""
        if wait_ms is None:
            wait_ms = 1000 // ANIMATION_FPS if self.animating else IDLE_WAIT_MS
        early = self.wait(wait_ms)
        for event in pygame.event.get():
            self.handle(event)
        self.drain_kit(early)
        now = self.clock.now()
        if self.guard(lambda: self.screen.tick(now)) is True or self.voice.changed():
            self.dirty = True
        if self.notice_text and now >= self.notice_until:
            self.close_notice()
        if self.screen.idle_ok and now - self.last_input > IDLE_S and self.session is None:
            self.go("attract", left=self.screen)
        if self.dirty:
            self.draw()
        self.notifier.tick()

    @property
    def animating(self) -> bool:
        return self.screen.animating

    def wait(self, wait_ms: int) -> list:
        """Sleep until a device event arrives or the time is up; a touch waits at most wait_ms.

        Blocking on the kit's queue wakes at once for the hardware and costs no CPU, where
        SDL's own event wait polls every millisecond on drivers without a native wait."""
        if wait_ms <= 0:
            return []
        if self.kit is None:
            pygame.time.wait(wait_ms)
            return []
        try:
            return [self.kit.events.get(timeout=wait_ms / 1000)]
        except queue.Empty:
            return []

    def drain_kit(self, early: list) -> None:
        """Device events (queued by gpiozero's threads) handled here, on the main thread."""
        if self.kit is None:
            return
        events = self.kit.events
        pending = list(early)
        while not events.empty():
            pending.append(events.get_nowait())
        for event in pending:
            if self.guard(lambda e=event: self.screen.device(e)) is True:
                self.dirty = True

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.NOEVENT:
            return
        if event.type == pygame.QUIT:
            if not self.fullscreen:  # in kiosk mode only the facilitator screen leaves
                self.running = False
            return
        if event.type in (pygame.WINDOWEXPOSED, pygame.VIDEOEXPOSE, pygame.WINDOWSIZECHANGED):
            self.dirty = True
            return
        pos = None
        if event.type == pygame.FINGERDOWN:
            pos = self.display.finger_to_logical(event.x, event.y)
        elif event.type == pygame.MOUSEBUTTONDOWN:
            if getattr(event, "touch", False) or event.button != 1:
                return  # SDL's synthetic copy of a touch (the FINGERDOWN counted it), or a wheel
            pos = self.display.to_logical(event.pos)
        elif event.type == pygame.KEYDOWN:
            self.last_input = self.clock.now()
            self.guard(lambda: self.key(event.key, event.mod))
            self.dirty = True
            return
        elif event.type == pygame.TEXTINPUT:
            self.last_input = self.clock.now()
            self.guard(lambda: self.screen.typed(event.text))
            self.dirty = True
            return
        else:
            return
        self.last_input = self.clock.now()
        if pos is not None:
            self.guard(lambda: self.tap(pos))
            self.dirty = True

    def tap(self, pos: tuple[int, int]) -> None:
        if self.notice_text and self.notice_box.collidepoint(pos):
            self.close_notice()
            return
        if self.panel and self.panel.visible and self.panel.tap(pos):
            return
        self.screen.tap(pos)

    def key(self, key: int, mod: int = 0) -> None:
        if key == pygame.K_F2 and self.panel:
            self.panel.visible = not self.panel.visible
            return
        if key == pygame.K_q and mod & pygame.KMOD_CTRL and not self.fullscreen:
            self.running = False
            return
        if self.panel and self.panel.visible and self.panel.key(key):
            return
        self.screen.key(key)

    def buttons(self):
        """Every touch target on screen now (the notice's and the panel's first), for scripts
        and tests."""
        notice = [self.notice_button()] if self.notice_text else []
        panel = self.panel.buttons if self.panel and self.panel.visible else []
        return [*notice, *panel, *self.screen.buttons]

    def notice_button(self) -> Button:
        """The notice is one touch target: a tap closes it, and never reaches the buttons of the
        heading it covers."""
        return Button("notice", self.notice_box, self.notice_text or "", self.close_notice)

    def new_canvas(self, surface: pygame.Surface) -> Canvas:
        scale = theme.LARGE_TEXT if self.large_text else 1.0
        return Canvas(surface, text_scale=scale, words=self.text)

    def frame(self, c: Canvas) -> None:
        """Everything on screen now, drawn on a canvas: the screen, the panel, the notice."""
        if self.guard(lambda: self.screen.render(c)) is FAILED:
            c.marks.clear()
            self.guard(lambda: self.screen.render(c))  # now Home, after the fault
        if self.panel and self.panel.visible:
            with c.overlay("panel"):
                self.panel.render(c)
        if self.notice_text:
            box = pygame.Rect(0, 0, c.width, NOTICE_H)  # c is the window or a snapshot
            with c.overlay("notice"), c.widget("notice", box):
                c.rect(theme.WARN_LIGHT, box)
                c.line(theme.WARN, (0, NOTICE_H - 1), (c.width, NOTICE_H - 1), 3)
                close = pygame.Rect(c.width - 52, (NOTICE_H - 28) // 2, 28, 28)
                text = pygame.Rect(64, 5, c.width - 128, NOTICE_H - 10)
                labelled(c, "info", self.notice_text, text, 20, theme.INK)
                icons.draw(c, "cross", close, theme.INK)

    def draw(self) -> None:
        canvas = self.new_canvas(self.display.window)
        self.frame(canvas)
        self.canvas = canvas
        self.display.present()
        self.dirty = False

    def snapshot(self, size: tuple[int, int]) -> tuple[pygame.Surface, Canvas]:
        """The current screen drawn at another real size (screenshots, the layout test); the
        screen lays its buttons out for that size, so the next frame lays them out again."""
        surface = pygame.Surface(size)
        canvas = self.new_canvas(surface)
        self.frame(canvas)
        self.dirty = True
        return surface, canvas

    def guard(self, call: Callable[[], object]) -> object:
        """Run screen code; an exception is logged and leads back Home with a notice (FAILED)."""
        try:
            return call()
        except Exception:
            log.exception("fault in screen %s", self.screen.id)
            self.recover()
            return FAILED

    def recover(self) -> None:
        self.voice.stop()
        self.notice(self.text.t("ui.notice.fault"))
        try:
            self.screen = SCREENS["home"](self)
            self.screen.enter()
        except Exception:  # Home itself is broken: keep a blank screen with the notice
            log.exception("Home failed too")
            self.screen = Screen(self)
        self.dirty = True
