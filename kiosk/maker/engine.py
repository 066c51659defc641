"""Runs a creation live on a Kit from the UI loop's thread: device events and clock ticks in,
gpiozero calls out; it never blocks or sleeps, and no rule a youth builds runs unbounded."""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import replace
from typing import Any, NamedTuple

from devices.kit import DeviceEvent, Kit
from kiosk.maker.blocks import ABOVE, BELOW, COUNT_MAX, EVENTS, MELODIES, NOTE_S, OUTPUTS
from kiosk.maker.drive import drive, quiet
from kiosk.maker.rules import Creation, Palette, Rule
from kiosk.maker.status import Line, Status

MAX_STEPS_PER_TICK = 200  # actions done per frame (events and tick together); the rest waits
MIN_EVERY_S = 0.5  # a timer's period, clamped even if a rule were built around the palette
MAX_LINES = 20  # what was shown, kept for a screen that shows the last few lines
FIRST_READINGS_S = 1.0  # at most this long a (re)started creation waits for its sensors' values

log = logging.getLogger("kiosk.maker")


class Step(NamedTuple):
    """One thing a run does: an action, or a melody spelled out into tones and waits."""

    kind: str
    device: str | None
    value: Any


class _Run:
    """A rule in the middle of its actions: where it is, and when it may go on."""

    __slots__ = ("due", "pos", "steps")

    def __init__(self, steps: list[Step], due: float):
        self.steps, self.pos, self.due = steps, 0, due


def steps(rule: Rule) -> list[Step]:
    """The rule's actions as the engine does them: a melody is notes with waits, then silence."""
    out = []
    for action in rule.actions:
        if action.kind == "melody":
            for note in MELODIES[action.value]:
                out += [Step("tone", action.device, note), Step("wait", None, NOTE_S)]
            out.append(Step("switch_off", action.device, None))
        else:
            out.append(Step(action.kind, action.device, action.value))
    return out


class Engine:
    """One creation running on one kit. The UI loop calls `device(event)` for each kit event
    and `tick(now)` every frame (time.monotonic()); edits restart the creation."""

    def __init__(self, kit: Kit, creation: Creation, *, now: float):
        self.kit = kit
        self._palette = Palette(kit.spec)
        self._now = now
        self._closed = False
        self._disconnected: dict[str, str] = {}  # sensor -> why it gives no readings
        self._latest: dict[str, float] = {}  # sensor -> its last reading
        self._budget = MAX_STEPS_PER_TICK
        self._load(creation)

    # -- what the screen reads -----------------------------------------------------------

    @property
    def creation(self) -> Creation:
        return self._creation

    @property
    def statuses(self) -> list[Status]:
        """One per rule, in order."""
        return [self._status(i) for i in range(len(self._creation.rules))]

    @property
    def owners(self) -> dict[str, int]:
        """Output device -> the index of the rule that drove it last (it wins until another)."""
        return dict(self._owners)

    @property
    def lines(self) -> list[Line]:
        """What the rules showed, oldest first (at most MAX_LINES)."""
        return list(self._lines)

    @property
    def display(self) -> Line | None:
        """The last thing shown, or None."""
        return self._lines[-1] if self._lines else None

    # -- what the screen calls -----------------------------------------------------------

    def load(self, creation: Creation) -> None:
        """Run another creation (or the same, edited): outputs back to rest, counter 0."""
        if not self._closed:
            self._rest()
            self._load(creation)

    def add_rule(self, rule: Rule) -> None:
        self.load(replace(self._creation, rules=(*self._creation.rules, rule)))

    def remove_rule(self, index: int) -> None:
        rules = list(self._creation.rules)
        del rules[index]
        self.load(replace(self._creation, rules=tuple(rules)))

    def replace_rule(self, index: int, rule: Rule) -> None:
        rules = list(self._creation.rules)
        rules[index] = rule
        self.load(replace(self._creation, rules=tuple(rules)))

    def device(self, event: DeviceEvent) -> None:
        """A kit event: may start rules at once, within the frame's budget (renewed by tick)."""
        if self._closed:
            return
        name, kind = event.device, event.kind
        if kind == "disconnected":
            self._disconnected[name] = str(event.value)
        elif kind == "connected":
            self._disconnected.pop(name, None)
        elif kind == "reading":
            value = event.value
            if isinstance(value, int | float) and not isinstance(value, bool):
                self._latest[name] = float(value)
                if self._fresh_until is None:
                    self._thresholds(name, event.at)
                else:
                    self._start(event.at)
        elif kind in EVENTS:
            for i in self._on_event.get((name, kind), ()):
                self._fire(i, event.at)

    def tick(self, now: float) -> None:
        """A frame: go on with rules whose wait is over, run timers that are due."""
        if self._closed:
            return
        self._now = max(self._now, now)
        now = self._now
        self._budget = MAX_STEPS_PER_TICK
        if self._fresh_until is not None:
            self._start(now, waited=now >= self._fresh_until)
        for i in [i for i, run in self._runs.items() if run.due <= now]:
            self._advance(i, now)
        for i, due in self._timers.items():
            if due > now:
                continue
            if self._budget <= 0:
                break  # still due: the next frame runs it
            period = self._period(i)
            self._timers[i] = due + period if due + period > now else now + period
            self._fire(i, due)

    def close(self) -> None:
        """Stop every rule and bring the outputs back to rest. Safe to call twice."""
        if not self._closed:
            self._rest()
            self._closed = True

    # -- inside --------------------------------------------------------------------------

    def _load(self, creation: Creation) -> None:
        self._creation = creation
        rules = creation.rules
        self._misfits = {i: m for i, r in enumerate(rules) if (m := self._palette.misfit(r))}
        self._steps = [steps(r) for r in rules]
        self._on_event: dict[tuple[str, str], list[int]] = {}
        self._timers: dict[int, float] = {}
        for i, rule in enumerate(rules):
            trigger = rule.trigger
            if i in self._misfits:
                continue
            if trigger.kind in EVENTS:
                self._on_event.setdefault((trigger.device, trigger.kind), []).append(i)
            elif trigger.kind == "every":
                self._timers[i] = self._now + self._period(i)
            elif trigger.device not in self._latest:  # a sensor: its reading so far, if any
                self._sensor_now(trigger.device)
        self._runs: dict[int, _Run] = {}
        self._was: dict[int, bool] = {}  # threshold rule -> did its comparison hold last time
        self._failed: dict[int, Status] = {}
        self._owners: dict[str, int] = {}
        self._lines: deque[Line] = deque(maxlen=MAX_LINES)
        self._serial = 0
        self.count = 0
        self._fresh_until: float | None = self._now + FIRST_READINGS_S

    def _start(self, now: float, *, waited: bool = False) -> None:
        """A (re)started creation looks at all its sensors at once, rule by rule, as the program's
        first pass of its loop does (never in the order readings came in): once every sensor of
        a threshold rule has a first reading or a reason it has none, or FIRST_READINGS_S on."""
        known = all(
            r.trigger.device in self._latest or r.trigger.device in self._disconnected
            for i, r in enumerate(self._creation.rules)
            if i not in self._misfits and (r.trigger.kind in BELOW or r.trigger.kind in ABOVE)
        )
        if known or waited:
            self._fresh_until = None
            self._thresholds(None, now)

    def _sensor_now(self, name: str) -> None:
        reading = self.kit.reading(name)  # never blocks: the kit samples in the back
        if not reading.connected:
            self._disconnected[name] = reading.reason or "not connected"
        elif isinstance(reading.value, int | float) and not isinstance(reading.value, bool):
            self._latest[name] = float(reading.value)

    def _period(self, i: int) -> float:
        return max(float(self._creation.rules[i].trigger.value), MIN_EVERY_S)

    def _status(self, i: int) -> Status:
        misfit = self._misfits.get(i)
        if misfit is not None:
            return Status("off", misfit.key, misfit.device, misfit.message)
        trigger = self._creation.rules[i].trigger
        if trigger.device in self._disconnected:
            reason = self._disconnected[trigger.device]
            return Status("off", "not_connected", trigger.device, reason)
        if i in self._failed:
            return self._failed[i]
        return Status("busy") if i in self._runs else Status("ready")

    def _thresholds(self, name: str | None, at: float) -> None:
        """The threshold rules of sensor `name` (None: of every sensor with a value), in order."""
        for i, rule in enumerate(self._creation.rules):
            trigger = rule.trigger
            if name not in (None, trigger.device) or i in self._misfits:
                continue
            if trigger.device not in self._latest:
                continue
            value = self._latest[trigger.device]
            if trigger.kind in BELOW:
                holds = value < trigger.value
            elif trigger.kind in ABOVE:
                holds = value > trigger.value
            else:
                continue
            if holds and not self._was.get(i, False):
                self._fire(i, at)
            self._was[i] = holds

    def _fire(self, i: int, at: float) -> None:
        """Start rule i, unless it cannot run, is still busy, or its count is not reached."""
        rule = self._creation.rules[i]
        if i in self._misfits or i in self._runs or rule.trigger.device in self._disconnected:
            return
        if rule.count_at_least is not None and self.count < rule.count_at_least:
            return
        self._runs[i] = _Run(self._steps[i], at)
        self._advance(i, max(at, self._now))

    def _advance(self, i: int, now: float) -> None:
        """Do rule i's steps until a wait that is not over, the end, or the frame's budget."""
        run = self._runs[i]
        while run.pos < len(run.steps):
            step = run.steps[run.pos]
            if step.kind == "wait":
                run.pos += 1
                run.due += step.value
                if run.due > now:
                    return
                continue
            if self._budget <= 0:
                run.due = min(run.due, now)
                return  # the next frame goes on from here
            self._budget -= 1
            run.pos += 1
            try:
                self._do(i, step)
            except Exception as err:  # a device that fails stops its rule, never the others
                log.info("maker rule %d: %s: %s", i + 1, step.kind, err)
                self._failed[i] = Status("off", "failed", step.device, f"{step.kind}: {err}")
                del self._runs[i]
                return
        self._failed.pop(i, None)
        del self._runs[i]

    def _do(self, i: int, step: Step) -> None:
        kind, name, value = step
        if kind == "count_up":
            self.count = min(self.count + 1, COUNT_MAX)
        elif kind == "count_reset":
            self.count = 0
        elif kind in ("show_text", "show_count"):
            self._serial += 1
            text = value if kind == "show_text" else str(self.count)
            self._lines.append(Line(self._serial, text, i))
        else:
            drive(kind, self.kit.spec.devices[name].type, self.kit.device(name), value)
            self._owners[name] = i

    def _rest(self) -> None:
        """Every output the creation drives back to rest; its pending waits dropped."""
        self._runs.clear()
        outputs = {
            action.device: self.kit.spec.devices[action.device].type
            for i, rule in enumerate(self._creation.rules)
            if i not in self._misfits
            for action in rule.actions
            if action.block.group == OUTPUTS
        }
        for name, device_type in outputs.items():
            try:
                quiet(device_type, self.kit.device(name))
            except Exception as err:
                log.info("maker: cannot bring '%s' to rest: %s", name, err)
