"""Headless scripts: a YAML list of inputs played into the running app, with named screenshots.

sizes: [800x480, 1920x1080]   # optional: every screenshot drawn at each size (default: the window)
steps:                         # (or the file is just the list of steps)
  - tap: home.tile.reactiespel # a widget by its id, as a real touch at its centre; a notice
                               # over it must be tapped away first (`tap: notice`)
  - key: F2                    # a key by pygame's name
  - set: {button: true}        # simulated sensors (the kit's Simulator.set)
  - wait: 2.5                  # seconds of app time: the clock jumps, the loop turns
  - screenshot: home           # DIR/home.png (or home-800x480.png, ... with sizes), at real size
  - assert: {screen: home}     # or {shown: WIDGET_ID}
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pygame

from devices.yamlcheck import Checker
from devices.yamlsource import Problem, SourceError, read
from kiosk.ui.display import parse_size

ACTIONS = ("tap", "key", "set", "wait", "screenshot", "assert", "size")
PUMP_TURNS = 3  # loop turns after each input
PUMP_MS = 10
SETTLE_S = 5.0  # after `set`, at most this long (real time) for the kit to read the new value


@dataclass
class Script:
    path: str
    sizes: list[tuple[int, int]] = field(default_factory=list)
    steps: list[tuple[tuple[int, int], str, Any]] = field(default_factory=list)  # (line, col)


class ScriptError(Exception):
    pass


def load_script(path: str | Path) -> tuple[Script | None, list[Problem]]:
    try:
        doc = read(path)
    except SourceError as err:
        return None, err.problems
    check = Checker(doc)
    script = Script(str(path))
    data, base = doc.data, ()
    if isinstance(data, dict):
        top = check.mapping((), data, required=["steps"], optional=["sizes"], what="script")
        if top is None:
            return None, check.problems
        for i, size in enumerate(top.get("sizes") or []):
            try:
                script.sizes.append(parse_size(str(size)))
            except ValueError as err:
                check.fail(("sizes", i), str(err))
        data, base = top["steps"], ("steps",)
    if check.sequence(base, data, min_items=1) is None:
        return None, check.problems
    for i, step in enumerate(data):
        where = (*base, i)
        if check.mapping(where, step, optional=ACTIONS, what="step") is None:
            continue
        if len(step) != 1:
            check.fail(where, f"a step is one of: {', '.join(ACTIONS)}")
            continue
        action, arg = next(iter(step.items()))
        if action == "wait":
            arg = check.number((*where, action), arg, low=0, high=3600)
        elif action == "set":
            arg = check.mapping((*where, action), arg, optional=None, what="set")
        elif action == "assert":
            arg = check.mapping((*where, action), arg, optional=["screen", "shown"], what="assert")
        elif action == "size":
            try:
                arg = parse_size(str(arg))
            except ValueError as err:
                check.fail((*where, action), str(err))
        else:
            arg = check.text((*where, action), arg, max_len=200)
        script.steps.append((doc.where((*where, action)), action, arg))
    return (None if check.problems else script), check.problems


class Player:
    def __init__(self, app, script: Script, folder: Path):
        self.app, self.script, self.folder = app, script, folder
        self.saved: list[Path] = []

    def play(self) -> None:
        for (line, column), action, arg in self.script.steps:
            try:
                getattr(self, f"do_{action}")(arg)
            except ScriptError as err:
                raise ScriptError(f"{self.script.path}:{line}:{column}: {err}") from None
            if not self.app.running:
                break

    def pump(self, seconds: float = 0.0) -> None:
        """Turn the loop a few times (for `seconds` of real time at least)."""
        end = time.monotonic() + seconds
        turns = 0
        while turns < PUMP_TURNS or time.monotonic() < end:
            self.app.turn(PUMP_MS if turns else 0)
            turns += 1

    def do_tap(self, widget: str) -> None:
        if self.app.dirty:
            self.app.draw()  # the widgets of the screen as it is now
        button = next((b for b in self.app.buttons() if b.id == widget), None)
        if button is None or not button.enabled:
            ids = ", ".join(b.id for b in self.app.buttons() if b.enabled)
            why = "is disabled" if button else "is not on screen"
            raise ScriptError(f"widget '{widget}' {why} ({self.app.screen.id}: {ids})")
        if (
            widget != "notice"
            and self.app.notice_text
            and self.app.notice_box.collidepoint(button.rect.center)
        ):
            raise ScriptError(f"widget '{widget}' is under the notice: tap 'notice' first")
        self.touch(button.rect.center)

    def touch(self, pos: tuple[int, int]) -> None:
        """A finger on the window at a logical position, whatever is drawn there."""
        w, h = self.app.display.window.get_size()
        x, y = self.app.display.to_window(pos)
        finger = {"touch_id": 1, "finger_id": 0, "pressure": 1.0, "dx": 0.0, "dy": 0.0}
        pygame.event.post(pygame.event.Event(pygame.FINGERDOWN, x=x / w, y=y / h, **finger))
        self.pump()

    def do_key(self, name: str) -> None:
        try:
            code = pygame.key.key_code(name)
        except ValueError:
            raise ScriptError(f"unknown key '{name}'") from None
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0)
        )
        self.pump()

    def do_set(self, values: dict) -> None:
        kit = self.app.kit
        if kit is None or kit.simulator is None:
            raise ScriptError("'set' needs the simulated kit (--simulate)")
        for name, value in values.items():
            try:
                kit.simulator.set(name, value)
            except (KeyError, ValueError, TypeError) as err:
                raise ScriptError(f"cannot set '{name}' to {value!r}: {err}") from None
        self.pump()
        end = time.monotonic() + SETTLE_S  # sensors are sampled and smoothed in their own time
        while time.monotonic() < end and not all(self.settled(n, v) for n, v in values.items()):
            self.pump()

    def settled(self, name: str, value) -> bool:
        reading = self.app.kit.reading(name)
        if value is None or isinstance(value, bool) or reading.value is None:
            return reading.value == value or (value is None and not reading.connected)
        return abs(float(reading.value) - float(value)) <= max(2.0, abs(float(value)) * 0.05)

    def do_wait(self, seconds: float) -> None:
        self.app.clock.advance(seconds)
        self.pump()

    def do_size(self, size: tuple[int, int]) -> None:
        self.app.display.resize(size)
        self.app.dirty = True
        self.pump()

    def do_screenshot(self, name: str) -> None:
        """The screen drawn afresh at each size (not a scaled copy), then again for the window."""
        self.app.draw()
        sizes = self.script.sizes or [self.app.display.window.get_size()]
        for size in sizes:
            suffix = f"-{size[0]}x{size[1]}" if len(sizes) > 1 else ""
            path = self.folder / f"{name}{suffix}.png"
            image, _ = self.app.snapshot(size)
            pygame.image.save(image, str(path))
            self.saved.append(path)
        self.app.draw()

    def do_assert(self, wanted: dict) -> None:
        screen = wanted.get("screen")
        if screen is not None and self.app.screen.id != screen:
            raise ScriptError(f"expected screen '{screen}', it is '{self.app.screen.id}'")
        shown = wanted.get("shown")
        if shown is not None and shown not in {b.id for b in self.app.buttons()}:
            raise ScriptError(f"expected widget '{shown}' on screen '{self.app.screen.id}'")
