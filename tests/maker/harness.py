"""Runs a generated program as a Pi would, on the simulated kit's mock pins: plays an input script
through the Simulator and records every output pin's changes; the engine's runs use the same parts.

Child: `python -I tests/maker/harness.py JOB.json` (JOB: kit, program, devices, script, seconds,
out). The program runs with runpy in a thread; `python -I` keeps the environment out, so it
finds gpiozero (and our `devices`, for the simulator) only as installed in the venv.
"""

from __future__ import annotations

import json
import os
import runpy
import signal
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from time import monotonic, sleep
from typing import Any

import gpiozero
from gpiozero import Device
from gpiozero.pins.mock import MockPWMPin

from devices.kitconfig import KitSpec, load_kit
from devices.parts import part
from devices.pinmap import SPI0
from devices.simpins import SimFactory
from devices.simulator import Simulator

START_TIMEOUT_S = 20.0
SETTLE_S = 1.0  # a program reads its sensors once before this (a sonar fills its queue)


class RecordingPin(MockPWMPin):
    """A mock output pin that notes every change of its state or PWM frequency, with the time."""

    def __init__(self, factory, info, trace: list | None = None):
        self.trace = trace if trace is not None else []
        super().__init__(factory, info)

    def _change_state(self, value):
        changed = super()._change_state(value)
        if changed:
            self.trace.append((monotonic(), self.info.name, self._state, self._frequency))
        return changed

    def _set_frequency(self, value):
        before = self._frequency
        super()._set_frequency(value)
        if value != before:
            self.trace.append((monotonic(), self.info.name, self._state, self._frequency))


def output_state(device_type: str, pins: list[tuple[float, float | None]]) -> Any:
    """What an output shows, from its pins' (state, frequency): comparable between two runs."""
    states = [round(float(state), 3) for state, _ in pins]
    if device_type == "tonal_buzzer":
        state, frequency = pins[0]
        return round(frequency, 1) if state and frequency else None
    return states[0] if len(states) == 1 else tuple(states)


@dataclass
class Recorder:
    """Plans a RecordingPin for every output pin of the kit (before any device is built)."""

    spec: KitSpec
    factory: SimFactory
    trace: list = field(default_factory=list)

    def __post_init__(self):
        for dev in self.spec.devices.values():
            if not part(dev.type).is_input:
                for bcm in dev.pins.values():
                    self.factory.plan(bcm, RecordingPin, trace=self.trace)

    def states(self, devices: list[str], t0: float) -> dict[str, list[tuple[float, Any]]]:
        """Each output device's states: [(seconds since t0, state), ...], the first what it shows
        SETTLE_S after t0 (once the program has built and read its devices), then each change."""
        pins: dict[str, tuple[float, float | None]] = {}
        result: dict[str, list[tuple[float, Any]]] = {}
        outputs = {
            name: [f"GPIO{bcm}" for bcm in self.spec.devices[name].pins.values()]
            for name in devices
            if not part(self.spec.devices[name].type).is_input
        }
        for name, names in outputs.items():
            result[name] = [(SETTLE_S, self._state(name, names, pins))]
        for at, pin, state, frequency in list(self.trace):
            pins[pin] = (state, frequency)
            for name, names in outputs.items():
                if pin in names:
                    new, seen = self._state(name, names, pins), result[name]
                    if at - t0 <= SETTLE_S:
                        seen[-1] = (SETTLE_S, new)
                    elif new != seen[-1][1]:
                        seen.append((round(at - t0, 3), new))
        return result

    def _state(self, name: str, names: list[str], pins: dict) -> Any:
        device_type = self.spec.devices[name].type
        return output_state(device_type, [pins.get(n, (0.0, None)) for n in names])


def play(script: list, simulator: Simulator, t0: float, errors: list[str]) -> None:
    """Set each input of `script` ([seconds, device, value], in order) at its time after t0."""
    for at, device, value in script:
        delay = t0 + at - monotonic()
        if delay > 0:
            sleep(delay)
        try:
            simulator.set(device, value)
        except Exception:  # a gpiozero callback of the program failed in this thread
            errors.append(traceback.format_exc())


class _Printed:
    """The program's stdout: every printed line, with its time."""

    def __init__(self, lines: list):
        self.lines, self._part = lines, ""

    def write(self, text: str) -> int:
        self._part += text
        while "\n" in self._part:
            line, self._part = self._part.split("\n", 1)
            self.lines.append((monotonic(), line))
        return len(text)

    def flush(self) -> None:
        pass


def _expected_pins(spec: KitSpec, devices: list[str]) -> set[str]:
    pins = set()
    for name in devices:
        dev = spec.devices[name]
        pins |= {f"GPIO{bcm}" for bcm in dev.pins.values()}
        if dev.type == "mcp3008":
            pins |= {f"GPIO{SPI0[r]}" for r in ("clock", "mosi", "miso")}
    return pins


def _built(factory: SimFactory, pins: set[str]) -> bool:
    reserved = {info.name for info, owners in factory._reservations.items() if owners}
    return bool(pins) and pins <= reserved


def main(job_path: str) -> None:
    with open(job_path) as f:
        job = json.load(f)
    spec, problems = load_kit(job["kit"])
    assert spec is not None and not problems, problems
    factory = SimFactory()
    recorder = Recorder(spec, factory)
    Device.pin_factory = factory
    simulator = Simulator(spec, factory)
    cpu = [n for n, d in spec.devices.items() if d.type == "cpu_temperature"]
    if cpu:  # the simulated room's thermometer, where a Pi has /sys/class/thermal
        real = gpiozero.CPUTemperature

        class RoomTemperature(real):
            def __init__(self, sensor_file=None, **kw):
                super().__init__(sensor_file=simulator.sensor_file(cpu[0]), **kw)

        gpiozero.CPUTemperature = RoomTemperature
    started = threading.Event()

    def first(call):  # the program's first sleep, clock or pause: its setup is done
        def wrapped(*args):
            started.set()
            return call(*args)

        return wrapped

    time.sleep, time.monotonic = first(sleep), first(monotonic)
    signal.pause = first(threading.Event().wait)
    lines: list = []
    errors: list[str] = []
    sys.stdout = _Printed(lines)

    def run() -> None:
        try:
            runpy.run_path(job["program"], run_name="__main__")
        except BaseException:
            errors.append(traceback.format_exc())
            started.set()

    threading.excepthook = lambda args: errors.append(
        "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback))
    )
    threading.Thread(target=run, daemon=True).start()
    expected = _expected_pins(spec, job["devices"])
    deadline = monotonic() + START_TIMEOUT_S
    while not (started.is_set() or _built(factory, expected)) and monotonic() < deadline:
        sleep(0.001)
    t0 = monotonic()
    play(job["script"], simulator, t0, errors)
    sleep(max(t0 + job["seconds"] - monotonic(), 0))
    result = {
        "outputs": recorder.states(job["devices"], t0),
        "lines": [[round(at - t0, 3), text] for at, text in lines],
        "errors": errors,
    }
    with open(job["out"], "w") as f:
        json.dump(result, f)
    os._exit(0)  # the program never ends by itself (pause() or its loop)


if __name__ == "__main__":
    main(sys.argv[1])
