"""An ultrasonic distance sensor (HC-SR04): a trigger GPIO, an echo GPIO behind a voltage divider.

gpiozero times the echo; pings without an echo mean the wires are loose (or nothing in range).
The simulator answers each ping with the echo an object at that distance gives.
"""

from __future__ import annotations

import gpiozero

from devices.parts.base import (
    SENSOR_QUEUE_LEN,
    Option,
    Part,
    Sample,
    Terminal,
    Unanswered,
    register,
)
from devices.simpins import StampedPin, TriggerPin

MAX_CM = 200.0  # the HC-SR04 measures up to about 4 m; 2 m is plenty in a classroom
PING_WAIT_S = 0.1  # between pings: HC-SR04 wants >= 60 ms; 2 of 3 pings in is ~0.2 s
NO_ECHO = "no echo: check the trigger and echo wires, 5V and GND"


class Sonar(Unanswered, gpiozero.DistanceSensor):
    """gpiozero's DistanceSensor that also knows whether its last pings got an echo, and pings
    every PING_WAIT_S (gpiozero fixes 60 ms; its thread reads the wait before each ping)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._queue.sample_wait = PING_WAIT_S

    def _read(self):
        value = super()._read()
        self._count(value is not None)
        return value

    def close(self):
        # gpiozero closes the trigger before it stops the thread that pings through it
        if getattr(self, "_queue", None) is not None:
            self._queue.stop()
        super().close()


@register
class DistanceSensor(Part):
    type = "distance_sensor"
    pins = ("trigger", "echo")
    options = (Option("max_cm", "number", 2, 400),)
    is_input = True
    unit = "cm"
    sampled = True
    meaningful = 1.0
    conditions = ("distance_below", "distance_above")
    playable = True
    control = (2.0, 400.0, "cm")
    start = 100.0
    terminals = (
        Terminal("VCC", "5V"),
        Terminal("Trig", "trigger"),
        Terminal("Echo", "echo", divider=True),
        Terminal("GND", "GND"),
    )
    picture = "sonar"

    def build(self, factory, simulator):
        p = self.spec.pins
        return Sonar(
            p["echo"],
            p["trigger"],
            max_distance=self.reading_range(self.spec)[1] / 100,
            queue_len=SENSOR_QUEUE_LEN,
            partial=True,
            pin_factory=factory,
        )

    def read(self) -> Sample:
        return self.device.sample(lambda: round(self.device.distance * 100, 1), NO_ECHO)

    @classmethod
    def reading_range(cls, spec) -> tuple[float, float]:
        return 0.0, float(spec.options.get("max_cm", MAX_CM))

    @classmethod
    def plan(cls, simulator, spec) -> None:
        echo = simulator.factory.pin(f"GPIO{spec.pins['echo']}", pin_class=StampedPin)
        simulator.factory.plan(spec.pins["trigger"], TriggerPin, echo_pin=echo, distance_m=None)

    @classmethod
    def simulate(cls, simulator, spec, value) -> float | None:
        """An object at `value` centimetres echoes the ping; None: no echo comes back."""
        if value is not None and (isinstance(value, bool) or not 0 <= value <= 400):
            raise ValueError(f"'{spec.name}': a distance is 0 to 400 cm, not {value!r}")
        trigger = simulator.pin(spec, "trigger")
        trigger.distance_m = None if value is None else value / 100
        return value

    @classmethod
    def unplug(cls, simulator, spec) -> None:
        return cls.simulate(simulator, spec, None)
