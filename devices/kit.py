"""The kit: every gpiozero device of a KitSpec, built once, read, driven and closed together.

gpiozero callbacks and one sampler thread only put `DeviceEvent`s on `Kit.events`.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from dataclasses import dataclass
from functools import partial
from typing import Any

from gpiozero import Device
from gpiozero.pins.mock import MockFactory

from devices import faults
from devices.faults import KitError
from devices.kitconfig import KitSpec
from devices.parts import Part, Sample, part
from devices.simpins import SimFactory
from devices.simulator import Simulator

__all__ = ["DeviceEvent", "Kit", "KitError", "Reading"]

WAITING = "waiting for the first reading"
MAX_EVENTS = 10_000  # a queue nobody drains (a CLI) stays small
SAMPLE_PERIOD_S = 0.1  # the sampler's rate: 10 Hz is live enough for a hand over a sensor


@dataclass(frozen=True)
class DeviceEvent:
    """Something a device did.

    kind: pressed, released, held, motion, no_motion, reading, connected, disconnected.
    """

    device: str
    kind: str
    value: Any
    at: float  # time.monotonic()


@dataclass(frozen=True)
class Reading:
    """A device's current value and unit, or why it has none (`connected` False, `reason`)."""

    device: str
    value: float | bool | str | tuple | None
    unit: str
    connected: bool
    reason: str | None = None


class Kit:
    """Owns the GPIO: builds every device of `spec` once; `close()` (idempotent) frees them all.

    simulate=True runs on gpiozero's MockFactory with a `Simulator` driving the pins;
    otherwise `pin_factory`, else gpiozero's current one, else the one GPIOZERO_PIN_FACTORY
    names (lgpio by default) — never a silent fallback to mock pins.
    """

    def __init__(self, spec: KitSpec, *, simulate: bool = False, pin_factory=None):
        self.spec = spec
        self.events: queue.Queue[DeviceEvent] = queue.Queue(MAX_EVENTS)
        self.simulator: Simulator | None = None
        self._parts: dict[str, Part] = {}
        self._samples: dict[str, Sample] = {}
        self._warnings: dict[str, str] = {}  # the last gpiozero warning of each device
        self._lock = threading.Lock()
        self._closed = False
        self._stop = threading.Event()
        self._sampler: threading.Thread | None = None
        self._factory, self._owns_factory = self._open_factory(simulate, pin_factory)
        self.factory_name = _describe(self._factory, simulate)
        self._set_default = Device.pin_factory is None
        if self._set_default:  # gpiozero's SPI bus asks the default factory; make it this one
            Device.pin_factory = self._factory
        faults.capture_warnings()
        try:
            if simulate:
                self.simulator = Simulator(spec, self._factory)
            for name in spec.devices:
                self._build(name)
        except BaseException:
            self.close()
            raise
        if any(p.sampled for p in self._parts.values()):
            self._sampler = threading.Thread(target=self._sample, name="kit-sampler", daemon=True)
            self._sampler.start()

    @staticmethod
    def _open_factory(simulate: bool, pin_factory) -> tuple[Any, bool]:
        if pin_factory is not None:
            if simulate and not isinstance(pin_factory, SimFactory):
                raise KitError("a simulated kit needs a devices.simpins.SimFactory")
            return pin_factory, False
        if simulate:
            return SimFactory(), True
        if Device.pin_factory is not None:
            return Device.pin_factory, False
        return faults.load_factory(), True

    def _build(self, name: str) -> None:
        spec = self.spec.devices[name]
        sink = partial(self._warned, name)
        try:
            with faults.building(sink):
                built = part(spec.type)(spec, self._factory, self.simulator)
        except Exception as err:
            raise faults.explain(err, name, spec.pins) from err
        self._parts[name] = built
        gpio_thread = getattr(built.device, "_queue", None)  # gpiozero's polling thread, if any
        if isinstance(gpio_thread, threading.Thread):
            faults.watch_thread(gpio_thread, sink)
        for attribute, kind, value in built.edges:
            setattr(built.device, attribute, partial(self._edge, name, kind, value))
        if built.edges:
            self._samples[name] = built.read()

    # -- events ----------------------------------------------------------------------------

    def _edge(self, name: str, kind: str, value: bool) -> None:
        """A gpiozero callback (its own thread): remember the state, enqueue the event."""
        if kind != "held":
            with self._lock:
                self._samples[name] = Sample(value)
        self._put(DeviceEvent(name, kind, value, time.monotonic()))

    def _warned(self, name: str, message: str) -> None:
        """A gpiozero warning from a device's thread: kept as the device's state, logged."""
        faults.log.info("%s: %s", name, message)
        with self._lock:
            self._warnings[name] = message

    def _put(self, event: DeviceEvent) -> None:
        """Enqueue without ever blocking gpiozero; if nobody drains, the oldest events go."""
        while True:
            try:
                self.events.put_nowait(event)
                return
            except queue.Full:
                with contextlib.suppress(queue.Empty):
                    self.events.get_nowait()

    def _sample(self) -> None:
        """One thread reads every sensor without callbacks; enqueues only meaningful changes."""
        sensors = {n: p for n, p in self._parts.items() if p.sampled}
        sent: dict[str, Sample] = {}  # what the queue last heard of each sensor
        rounds = 0
        while not self._stop.wait(SAMPLE_PERIOD_S):
            rounds += 1
            for name, sensor in sensors.items():
                if self._stop.is_set():
                    return
                if rounds % sensor.read_every and name in sent:
                    continue
                try:
                    new = sensor.read()
                except Exception as err:  # a sensor that fails must not stop the others
                    new = Sample(None, False, f"read failed: {err}")
                if new.connected and new.value is None:
                    continue  # no answer yet since the kit started
                with self._lock:
                    if new.connected:
                        self._warnings.pop(name, None)
                    elif name in self._warnings:  # gpiozero's own words join the reason
                        reason = f"{new.reason} (gpiozero: {self._warnings[name]})"
                        new = Sample(None, False, reason)
                    self._samples[name] = new
                changes = _changes(sensor.meaningful, sent.get(name), new)
                if changes:
                    sent[name] = new
                for kind, value in changes:
                    self._put(DeviceEvent(name, kind, value, time.monotonic()))

    # -- reading and driving ---------------------------------------------------------------

    def reading(self, name: str) -> Reading:
        """The current reading of one device; never blocks (sensors are sampled in the back)."""
        device = self._part(name)
        if device.is_input:
            with self._lock:
                sample = self._samples.get(name)
            if sample is None:
                sample = Sample(None, True, WAITING)
        else:
            sample = device.read()
        return Reading(name, sample.value, device.unit, sample.connected, sample.reason)

    def readings(self) -> dict[str, Reading]:
        return {name: self.reading(name) for name in self._parts}

    def set_output(self, name: str, value: Any) -> None:
        """Drive an output: led/buzzer bool, pwm_led 0..1, rgb_led (r, g, b), tonal_buzzer Hz
        or None, servo -1..1, traffic_lights "red"|"amber"|"green"|None."""
        self._part(name).write(value)

    def device(self, name: str):
        """The gpiozero object behind a device (for code that needs its full API)."""
        return self._part(name).device

    def part(self, name: str) -> Part:
        """The device as its type sees it (devices/parts/): read, written, self-tested."""
        return self._part(name)

    def _part(self, name: str) -> Part:
        if name not in self._parts:
            raise KeyError(f"no device '{name}' in the kit")
        return self._parts[name]

    # -- lifetime --------------------------------------------------------------------------

    def close(self) -> None:
        """Stop the sampler, close every device, release the factory. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self._stop.set()
        if self._sampler is not None and self._sampler is not threading.current_thread():
            self._sampler.join()
        for built in reversed(list(self._parts.values())):
            gpio_thread = getattr(built.device, "_queue", None)
            built.close()  # stops gpiozero's thread first: its last warnings still land here
            if isinstance(gpio_thread, threading.Thread):
                faults.forget_thread(gpio_thread)
        self._parts.clear()
        if self.simulator is not None:
            self.simulator.close()
        if self._set_default and Device.pin_factory is self._factory:
            Device.pin_factory = None
        if self._owns_factory:
            self._factory.close()

    def __enter__(self) -> Kit:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _changes(meaningful: float, old: Sample | None, new: Sample) -> list[tuple[str, Any]]:
    """The events that tell the queue about `new`, given what it last heard (`old`)."""
    if old is None or old.connected != new.connected:
        events = [("connected", True)] if new.connected else [("disconnected", new.reason)]
        return [*events, ("reading", new.value)] if new.connected else events
    if not new.connected or old.value == new.value:
        return []
    if old.value is None or new.value is None or abs(new.value - old.value) >= meaningful:
        return [("reading", new.value)]
    return []


def _describe(factory, simulate: bool) -> str:
    name = type(factory).__name__
    if simulate:
        return "MockFactory (simulated)"
    if isinstance(factory, MockFactory):
        return "MockFactory (mock pins: nothing is connected)"
    return name
