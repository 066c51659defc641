"""Maker mode figures: a rule's trigger to its action's pin change (button press -> LED pin high),
the CPU a 60 Hz UI loop spends with ten rules loaded, and the kiosk idle on the maker screen
with ten rules running.

Baselines in the same run: a bare gpiozero `button.when_pressed = led.on` on mock pins; the same
UI loop on the same simulated kit without an engine; the kiosk idle on Home (bench_ui's measure).
"""

from __future__ import annotations

import contextlib
import queue
import statistics
import threading
import time

from gpiozero import LED, Button
from gpiozero.pins.mock import MockPWMPin

from devices.kit import Kit
from devices.kitconfig import load_kit
from devices.simpins import SimFactory
from kiosk.maker.engine import Engine
from kiosk.maker.rules import Action, Creation, Rule, Trigger

PRESSES = 400
FRAME_S = 1 / 60
IDLE_S = 5.0
BUTTON, LED_PIN = 17, 27  # the default kit's button and red LED


class _Stamped(MockPWMPin):
    """An output pin that notes when it goes high, and signals each change."""

    def __init__(self, factory, info):
        super().__init__(factory, info)
        self.high_at = 0.0
        self.high, self.low = threading.Event(), threading.Event()

    def _change_state(self, value):
        changed = super()._change_state(value)
        if changed and value:
            self.high_at = time.perf_counter()
            self.high.set()
        elif changed:
            self.low.set()
        return changed


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.99) - 1]


def _factory() -> tuple[SimFactory, _Stamped]:
    factory = SimFactory()
    factory.plan(LED_PIN, _Stamped)
    return factory, factory.pin(f"GPIO{LED_PIN}")


def _bare() -> list[float]:
    factory, led_pin = _factory()
    button, led = Button(BUTTON, pin_factory=factory), LED(LED_PIN, pin_factory=factory)
    button.when_pressed = led.on
    pin = factory.pin(f"GPIO{BUTTON}")
    latencies = []
    for _ in range(PRESSES):
        start = time.perf_counter()
        pin.drive_low()
        latencies.append(led_pin.high_at - start)
        pin.drive_high()
        led.off()
    button.close()
    led.close()
    factory.close()
    return latencies


def _rules(n: int) -> Creation:
    """Press the button: the LED goes on; the other rules keep the engine busy meanwhile."""
    rules = [Rule(Trigger("pressed", "button"), (Action("switch_on", "led"),)),
             Rule(Trigger("released", "button"), (Action("switch_off", "led"),))]  # fmt: skip
    extra = [
        Rule(Trigger("every", None, 1), (Action("toggle", "pwm_led"),)),
        Rule(Trigger("closer", "distance", 20), (Action("colour", "rgb_led", "red"),)),
        Rule(Trigger("farther", "distance", 30), (Action("switch_off", "rgb_led"),)),
        Rule(Trigger("darker", "light", 0.3), (Action("show_text", None, "Donker"),)),
        Rule(Trigger("knob_above", "knob", 0.8), (Action("angle", "servo", 90),)),
        Rule(Trigger("motion", "motion"), (Action("beep", "buzzer", 1),)),
        Rule(Trigger("pressed", "button2"), (Action("count_up"), Action("show_count"))),
        Rule(Trigger("every", None, 2), (Action("step", "traffic_lights"),)),
    ]
    return Creation("Bank", tuple(rules + extra)[:n])


def _engine() -> list[float]:
    spec = load_kit()[0]
    factory, led_pin = _factory()
    latencies: list[float] = []
    with Kit(spec, simulate=True, pin_factory=factory) as kit:
        engine = Engine(kit, _rules(10), now=time.monotonic())
        done = threading.Event()

        def ui_loop():  # the kiosk's main thread, woken by each event: hands it on, then ticks
            while not done.is_set():
                with contextlib.suppress(queue.Empty):
                    engine.device(kit.events.get(timeout=FRAME_S))
                engine.tick(time.monotonic())

        thread = threading.Thread(target=ui_loop, daemon=True)
        thread.start()
        pin = factory.pin(f"GPIO{BUTTON}")
        for _ in range(PRESSES):
            led_pin.high.clear()
            led_pin.low.clear()
            start = time.perf_counter()
            pin.drive_low()
            if led_pin.high.wait(5):
                latencies.append(led_pin.high_at - start)
            pin.drive_high()
            led_pin.low.wait(5)  # the release rule turns the LED off again
        done.set()
        thread.join()
        engine.close()
    factory.close()
    return latencies


def _loop_cpu(rules: int | None) -> float:
    """CPU time over wall time of this process while a 60 Hz loop drains the kit's events and
    ticks an engine with `rules` rules (None: no engine), after a second to settle."""
    spec = load_kit()[0]
    with Kit(spec, simulate=True) as kit:
        engine = Engine(kit, _rules(rules), now=time.monotonic()) if rules else None
        started = time.monotonic()
        cpu = wall = 0.0
        while (now := time.monotonic()) < started + 1 + IDLE_S:
            if cpu == 0.0 and now >= started + 1:
                cpu, wall = time.process_time(), now
            while True:
                try:
                    event = kit.events.get_nowait()
                except queue.Empty:
                    break
                if engine:
                    engine.device(event)
            if engine:
                engine.tick(now)
            time.sleep(FRAME_S)
        share = (time.process_time() - cpu) / (time.monotonic() - wall)
        if engine:
            engine.close()
    return share


def _idle_screens() -> tuple[float, float]:
    """% of a core the whole kiosk takes idle on Home, then on the maker screen with ten rules
    running on the simulated kit (its loop, the kit's threads, the engine), each over IDLE_S."""
    import tempfile
    from pathlib import Path

    from kiosk.ui import display
    from tests.bench.bench_ui import IDLE_S as UI_IDLE_S
    from tests.bench.bench_ui import _app, _close, _idle

    tmp = Path(tempfile.mkdtemp(prefix="bench-maker-"))
    display.start()
    app = _app(tmp)
    home = _idle(app)
    maker = app.go("maker")
    maker.bench.open(_rules(10), saved=False)
    app.turn(0)
    assert len(maker.bench.rules) == 10 and app.screen is maker
    busy = _idle(app)
    assert app.screen is maker, f"left the maker screen within {UI_IDLE_S} s"
    maker.bench.close()
    _close(app)
    return home, busy


def run(report) -> None:
    bare_median, bare_p99 = _percentiles(_bare())
    median, p99 = _percentiles(_engine())
    goal = "well under a 60 Hz frame (16,667 µs); the UI loop adds up to one frame"
    report.row("button press -> LED pin high via a rule, median", median * 1e6, "µs",
               baseline=bare_median * 1e6, goal=goal)  # fmt: skip
    report.row("button press -> LED pin high via a rule, p99", p99 * 1e6, "µs",
               baseline=bare_p99 * 1e6, goal=goal)  # fmt: skip
    idle = _loop_cpu(None)
    busy = _loop_cpu(10)
    report.row("60 Hz loop with ten rules: CPU / wall time", busy * 100, "%",
               baseline=idle * 100, goal="close to the same loop without rules")  # fmt: skip
    home, maker = _idle_screens()
    report.row("idle kiosk on the maker screen, ten rules", maker, "% core", baseline=home,
               goal="close to idle Home (<= 2 % more)")  # fmt: skip
