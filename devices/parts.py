"""How each kit device type becomes a gpiozero object, and how it is read and driven.

Pure translation: no threads or queues here; `Kit` owns the objects this module builds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gpiozero
from gpiozero.tones import Tone

from devices.checks import LIGHT_THRESHOLD
from devices.kitconfig import DeviceSpec

LIGHT_CHARGE_LIMIT_S = 0.01  # gpiozero's default: an LDR + 1 µF capacitor in daylight
MAX_CM = 200.0  # the HC-SR04 measures up to about 4 m; 2 m is plenty in a classroom
MISSES_FOR_UNPLUGGED = 3  # consecutive failed reads before a sensor counts as not connected
CPU_SENSOR = "/sys/class/thermal/thermal_zone0/temp"
# gpiozero's reading threads, paced for a person watching (a change shows within ~0.2 s) rather
# than gpiozero's defaults (a sonar pings 16 times a second into a median of 9, so a hand is
# seen after 5 pings, 0.33 s). A median of 3 still drops a single stray echo or charge.
SENSOR_QUEUE_LEN = 3
PING_WAIT_S = 0.1  # between pings: HC-SR04 wants >= 60 ms; 2 of 3 pings in is ~0.2 s

# Device types whose callbacks give events; the rest of the inputs are sampled.
EDGES: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "button": (
        ("when_pressed", "pressed", True),
        ("when_released", "released", False),
        ("when_held", "held", True),
    ),
    "motion_sensor": (("when_motion", "motion", True), ("when_no_motion", "no_motion", False)),
}
SAMPLED = frozenset({"light_sensor", "distance_sensor", "mcp3008", "cpu_temperature"})
UNITS = {"distance_sensor": "cm", "cpu_temperature": "°C", "tonal_buzzer": "Hz"}


class _Misses:
    """Counts consecutive reads without an answer from the sensor (run in gpiozero's thread)."""

    misses = 0
    reads = 0

    def _count(self, answered: bool) -> None:
        self.misses = 0 if answered else self.misses + 1
        self.reads += 1


class Sonar(_Misses, gpiozero.DistanceSensor):
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


class LDR(_Misses, gpiozero.LightSensor):
    """gpiozero's LightSensor that also knows whether its capacitor charged at all lately."""

    def _read(self):
        value = super()._read()
        self._count(value > 0.0)
        return value


class Thermometer(gpiozero.CPUTemperature):
    """gpiozero's CPUTemperature that starts even while its sensor file is missing."""

    @property
    def is_active(self):
        try:
            return super().is_active
        except (OSError, ValueError):
            return False


@dataclass(frozen=True)
class Sample:
    """One read of a device: its value, and why not when it has none."""

    value: Any
    connected: bool = True
    reason: str | None = None


NO_ECHO = "no echo: check the trigger and echo wires, 5V and GND"
NO_CHARGE = "the capacitor never charges: check the wires (or it is pitch dark)"
NO_SENSOR_FILE = "no temperature sensor file"


def build(spec: DeviceSpec, factory, *, sensor_file: str = CPU_SENSOR):
    """The gpiozero object for one device of the kit, on the given pin factory."""
    o, p = spec.options, spec.pins
    kw = {"pin_factory": factory}
    match spec.type:
        case "button":
            return gpiozero.Button(
                p["pin"], pull_up=o.get("pull_up", True), hold_time=o.get("hold_s", 1.0), **kw
            )
        case "led":
            return gpiozero.LED(p["pin"], **kw)
        case "pwm_led":
            return gpiozero.PWMLED(p["pin"], **kw)
        case "rgb_led":
            return gpiozero.RGBLED(p["red"], p["green"], p["blue"], **kw)
        case "buzzer":
            return gpiozero.Buzzer(p["pin"], **kw)
        case "tonal_buzzer":
            return gpiozero.TonalBuzzer(p["pin"], octaves=o.get("octaves", 1), **kw)
        case "traffic_lights":
            return gpiozero.TrafficLights(p["red"], p["amber"], p["green"], **kw)
        case "motion_sensor":
            return gpiozero.MotionSensor(p["pin"], **kw)  # its first read waits one sample
        case "light_sensor":
            return LDR(
                p["pin"],
                threshold=o.get("threshold", LIGHT_THRESHOLD),
                charge_time_limit=o.get("charge_time_limit_s", LIGHT_CHARGE_LIMIT_S),
                queue_len=SENSOR_QUEUE_LEN,  # one read per 0.1 s: gpiozero drains the capacitor
                partial=True,
                **kw,
            )
        case "distance_sensor":
            return Sonar(
                p["echo"],
                p["trigger"],
                max_distance=max_cm(spec) / 100,
                queue_len=SENSOR_QUEUE_LEN,
                partial=True,
                **kw,
            )
        case "servo":
            return gpiozero.Servo(
                p["pin"],
                min_pulse_width=o.get("min_pulse_ms", 1.0) / 1000,
                max_pulse_width=o.get("max_pulse_ms", 2.0) / 1000,
                **kw,
            )
        case "mcp3008":
            return gpiozero.MCP3008(o.get("channel", 0), device=o.get("chip", 0), **kw)
        case "cpu_temperature":
            return Thermometer(
                sensor_file,
                min_temp=o.get("min_c", 0.0),
                max_temp=o.get("max_c", 100.0),
                threshold=o.get("max_c", 100.0),
                **kw,
            )
    raise ValueError(f"unknown device type {spec.type}")


def max_cm(spec: DeviceSpec) -> float:
    return spec.options.get("max_cm", MAX_CM)


def read(spec: DeviceSpec, device) -> Sample:
    """The device's current value (never blocks on a sensor that stopped answering)."""
    match spec.type:
        case "button":
            return Sample(device.is_pressed)
        case "motion_sensor":
            return Sample(device.motion_detected)
        case "light_sensor" | "distance_sensor" if device.reads == 0:
            return Sample(None)  # gpiozero's thread has not read it yet
        case "light_sensor":
            if device.misses >= MISSES_FOR_UNPLUGGED:
                return Sample(None, False, NO_CHARGE)
            return Sample(round(device.value, 3))
        case "distance_sensor":
            if device.misses >= MISSES_FOR_UNPLUGGED:
                return Sample(None, False, NO_ECHO)
            return Sample(round(device.distance * 100, 1))
        case "mcp3008":
            return Sample(round(device.value, 3))
        case "cpu_temperature":
            try:
                return Sample(round(device.temperature, 1))
            except (OSError, ValueError):
                return Sample(None, False, NO_SENSOR_FILE)
        case "tonal_buzzer":
            return Sample(None if device.value is None else round(device.tone.frequency, 1))
        case "traffic_lights":
            lit = [c for c in ("red", "amber", "green") if getattr(device, c).is_lit]
            return Sample(lit[0] if lit else None)
        case "rgb_led":
            return Sample(tuple(round(c, 3) for c in device.value))
        case "led" | "buzzer":
            return Sample(bool(device.value))
    return Sample(round(float(device.value), 3))  # pwm_led, servo


def write(spec: DeviceSpec, device, value: Any) -> None:
    """Drive an output; ValueError (one clear line) for a value this type cannot take."""
    match spec.type, value:
        case (("led" | "buzzer"), bool()):
            device.value = value
        case (("pwm_led" | "servo"), (int() | float())) if not isinstance(value, bool):
            low = -1.0 if spec.type == "servo" else 0.0
            _in_range(spec, value, low, 1.0)
            device.value = float(value)
        case "rgb_led", (tuple() | list()) if len(value) == 3:
            for c in value:
                _in_range(spec, c, 0.0, 1.0)
            device.value = tuple(float(c) for c in value)
        case "tonal_buzzer", None:
            device.stop()
        case "tonal_buzzer", (int() | float()) if not isinstance(value, bool):
            low, high = device.min_tone.frequency, device.max_tone.frequency
            _in_range(spec, value, low, high)
            device.play(Tone(frequency=float(value)))
        case "traffic_lights", (None | "red" | "amber" | "green"):
            device.value = tuple(c == value for c in ("red", "amber", "green"))
        case _:
            raise ValueError(f"'{spec.name}' ({spec.type}) cannot be set to {value!r}")


def _in_range(spec: DeviceSpec, value: Any, low: float, high: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ValueError(f"'{spec.name}' ({spec.type}) takes {low:g} to {high:g}, not {value!r}")
