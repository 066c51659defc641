"""Every workshop of the library can be completed: the real kiosk, the simulated kit, the journal.

For each shipped workshop, two runs from Home to the end of the session: the first variant at
every choice, then every other variant. Each check is met through the simulated sensors; it must
turn green (the player's state and the check box on screen) and the journal must hold the session
with exactly the checks passed on the way. A step or choice that opens maker mode ("Code it
yourself") is opened: the workshop's devices and a starter rule, running, then back to the step.
"""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from devices.checks import Check, CheckMonitor
from kiosk.library import shipped_dir, workshop_files
from kiosk.maker.starter import starter_rule
from kiosk.ui import theme
from kiosk.ui.player import CHECK_BOX
from kiosk.ui.script import Player, Script
from kiosk.workshop import Step, Workshop
from tests.library.stimulus import stimulus

SHIPPED = workshop_files(shipped_dir())
SETTLE_S = 3.0  # real seconds a sensor may take to reach the screen (sampled at 10 Hz)
TURN_MS = 5


class Walker(Player):
    """Walks the kiosk through a workshop the way a youth would, with the simulated kit."""

    def __init__(self, app, folder):
        super().__init__(app, Script("completion"), folder)
        self.met: list[str] = []  # ids of the checks met, in order
        self.made: list[str] = []  # ids of the steps (and choices) that opened maker mode

    @property
    def screen(self):
        return self.app.screen

    def pump(self, seconds: float = 0.0) -> None:
        """Turn the loop twice: taps are handled in the first turn, the kit's events come at once
        (gpiozero's mock pins call back in the thread that drives them)."""
        for _ in range(2):
            self.app.turn(0)

    def until(self, condition, seconds: float = SETTLE_S) -> bool:
        """Turn the loop until `condition()` holds, at most `seconds` of real time."""
        end = time.monotonic() + seconds
        while not condition() and time.monotonic() < end:
            self.app.turn(TURN_MS)
        return bool(condition())

    def shown(self, widget: str) -> bool:
        return any(b.id == widget for b in self.app.buttons())

    def check_pixel(self) -> tuple[int, int, int]:
        self.app.draw()
        return self.app.canvas.colour_at((CHECK_BOX.x + 10, CHECK_BOX.centery))

    def open(self, workshop: Workshop) -> None:
        """From Home, page through the tiles to the workshop's, tap it, then Start."""
        self.app.go("home")
        self.pump()
        tile = f"home.tile.{workshop.id}"
        for _ in range(len(SHIPPED)):
            if self.shown(tile):
                break
            self.do_tap("home.more")
        self.do_tap(tile)
        self.workshop = workshop
        self.prepare(workshop.steps[0].check)
        self.do_tap("intro.start")
        assert self.screen.id == "player"

    def holds(self, check: Check) -> bool | None:
        """Whether the device's reading meets the check's condition now (None: no reading yet)."""
        reading = self.app.kit.reading(check.device)
        if not reading.connected or reading.value is None:
            return None
        device = self.app.kit.spec.devices[check.device]
        monitor = CheckMonitor(replace(check, seconds=0), device.type)
        monitor.update(reading, 0.0)
        return monitor.status.met

    def prepare(self, check: Check | None) -> None:
        """Before a check is armed: its sensor on the other side, so that only `meet` passes it."""
        if check is None:
            return
        kit = self.app.kit
        for value in stimulus(check, kit.spec.devices[check.device], meet=False):
            kit.simulator.set(check.device, value)
        assert self.until(lambda: self.holds(check) is False), f"{check} still holds"
        # Readings queued on the way there (the sensor smooths) would still meet the check.
        self.until(lambda: self.app.kit.events.empty())

    def meet(self, check: Check, check_id: str) -> None:
        """Set the sensor so the check holds, let its seconds pass; it must turn green."""
        player, kit = self.screen, self.app.kit
        assert not player.passed, f"{check_id}: green before anything was done"
        assert self.check_pixel() != theme.OK
        for value in stimulus(check, kit.spec.devices[check.device]):
            kit.simulator.set(check.device, value)
        if check.seconds:
            holding = self.until(lambda: player.monitor.status.reason_key == "check.keep")
            assert holding, f"{check_id}: {check} never started to hold ({player.reason()})"
            self.do_wait(check.seconds / 2)
            assert not player.passed, f"{check_id}: green before {check.seconds:g} s"
            self.do_wait(check.seconds / 2 + 0.2)
        assert self.until(lambda: player.passed), f"{check_id}: {check} not met: {player.reason()}"
        assert self.check_pixel() == theme.OK, f"{check_id}: the check box is not green"
        self.met.append(check_id)

    def make(self, where: str) -> None:
        """Open maker mode from the step: the workshop's devices in one starter rule that runs
        (ready, its program shown), then back to the same step."""
        player, spec = self.screen, self.app.kit.spec
        self.do_tap("player.maker")
        maker = self.screen
        assert maker.id == "maker", f"{where}: maker mode did not open"
        rule = starter_rule(spec, list(self.workshop.devices))
        assert maker.bench.rules == (rule,)
        assert [s.state for s in maker.bench.statuses] == ["ready"], maker.bench.statuses
        assert "from gpiozero import" in maker.bench.code or not rule.devices
        self.do_tap("maker.back")
        assert self.screen is player and player.step.id == where.split(".")[0]
        self.made.append(where)

    def step(self, step: Step, variants: list[int], following: Step | None) -> None:
        """The current step: the given variants one after another (if a choice), then Next."""
        player = self.screen
        assert player.step.id == step.id
        if step.maker:
            self.make(step.id)
        if step.check is not None and not step.variants:
            self.meet(step.check, step.id)
        for n, i in enumerate(variants):
            if n:
                self.do_tap("player.rechoose")
            variant = step.variants[i]
            self.prepare(variant.check)
            self.do_tap(f"player.choice.{variant.id}")
            assert player.variant is variant
            if variant.maker:
                self.make(f"{step.id}.{variant.id}")
            if variant.check is not None:
                self.meet(variant.check, f"{step.id}.{variant.id}")
        if following is not None and not following.variants:
            self.prepare(following.check)
        self.do_tap("player.next")

    def finish(self) -> str:
        """End the session on the end screen; the session id."""
        assert self.screen.id == "end"
        session_id = self.app.session.id
        self.do_tap("end.confirm")
        assert self.screen.id == "home" and self.app.session is None
        return session_id


def planned(step: Step, run: str) -> list[int]:
    """The variants a run takes at a step: the first, or all the others."""
    if not step.variants:
        return []
    return [0] if run == "first" else list(range(1, len(step.variants)))


@pytest.mark.parametrize("run", ["first", "others"])
@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_step_of_every_workshop_can_be_completed(path, run, make_app, tmp_path):
    app = make_app()
    assert app.kit is not None and app.kit.simulator is not None
    workshop = app.station.library.workshops.get(path.stem)
    assert workshop is not None, f"{path.name} did not load: {app.station.library.problems}"
    walker = Walker(app, tmp_path)
    walker.open(workshop)
    expected = []
    steps = workshop.steps
    for step, following in zip(steps, [*steps[1:], None], strict=True):
        variants = planned(step, run)
        if step.check is not None and not step.variants:
            expected.append(step.id)
        expected += [f"{step.id}.{step.variants[i].id}" for i in variants
                     if step.variants[i].check is not None]  # fmt: skip
        walker.step(step, variants, following)
    assert walker.met == expected
    makers = [s.id for s in steps if s.maker]
    makers += [f"{s.id}.{s.variants[i].id}" for s in steps for i in planned(s, run)
               if s.variants[i].maker]  # fmt: skip
    assert sorted(walker.made) == sorted(makers)
    session_id = walker.finish()
    snapshot = app.journal.snapshot(session_id)
    assert snapshot["status"] == "closed"
    assert snapshot["workshop"]["id"] == workshop.id
    assert snapshot["progress"] == {"steps": len(workshop.steps), "checks_passed": len(expected)}
    if run == "first":
        assert len(expected) == workshop.checks
    else:  # every workshop's 14+ choice is among the others, and opens maker mode
        assert any("14+" in v.title.nl and v.maker for s in steps for v in s.variants)
