"""The simulated kit: sets the physics behind gpiozero's mock pins (press, light, distance, ...).

The real gpiozero devices read those pins as they would read a Pi's; `set(name, value)` serves
scripts and the on-screen panel.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from devices import parts, pinmap
from devices.kitconfig import KitSpec
from devices.simpins import ChargingPin as _ChargingPin
from devices.simpins import MCP3008Chip, SimFactory, StampedPin, TriggerPin

VREF = 3.3  # the MCP3008's reference: the Pi's 3.3 V rail
DARKEST = 0.05  # the lowest light level an LDR reads: a little light always gets through
# What each simulated input takes, for an on-screen panel: a flag, or (low, high, unit).
CONTROLS: dict[str, Any] = {
    "button": bool,
    "motion_sensor": bool,
    "light_sensor": (0.0, 1.0, ""),
    "distance_sensor": (2.0, 400.0, "cm"),
    "mcp3008": (0.0, 1.0, ""),
    "cpu_temperature": (20.0, 90.0, "°C"),
}
START = {  # what the simulated room looks like when the kiosk starts
    "light_sensor": 0.7,
    "distance_sensor": 100.0,
    "mcp3008": 0.5,
    "cpu_temperature": 45.0,
}


class Simulator:
    """Drives the mock pins of one simulated kit. Built before the kit's devices, to plan pins."""

    def __init__(self, spec: KitSpec, factory: SimFactory):
        self.spec = spec
        self.factory = factory
        self._dir = tempfile.TemporaryDirectory(prefix="stem-kiosk-sim-")
        self._chips: dict[int, MCP3008Chip] = {}
        self.values: dict[str, Any] = {}  # what each input was last set to (None: unplugged)
        for dev in spec.devices.values():
            if dev.type == "light_sensor":
                factory.plan(dev.pins["pin"], _ChargingPin, charge_time=None)
            elif dev.type == "distance_sensor":
                echo = factory.pin(f"GPIO{dev.pins['echo']}", pin_class=StampedPin)
                factory.plan(dev.pins["trigger"], TriggerPin, echo_pin=echo, distance_m=None)
            elif dev.type == "mcp3008":
                chip = dev.options.get("chip", 0)
                if chip not in self._chips:
                    select = pinmap.SPI0["select"][chip]
                    self._chips[chip] = MCP3008Chip(factory, select, VREF)
        for name, dev in spec.devices.items():
            if dev.type in START:
                self.set(name, START[dev.type])
            elif CONTROLS.get(dev.type) is bool:
                self.values[name] = False  # released, no motion: the pins' rest state

    def close(self) -> None:
        for chip in self._chips.values():
            chip.close()
        self._chips.clear()
        self._dir.cleanup()

    def sensor_file(self, name: str) -> str:
        """The file the simulated CPU temperature of `name` is written to."""
        return str(Path(self._dir.name) / f"{name}.temp")

    # -- the physics of each input ------------------------------------------------------

    def press(self, name: str) -> None:
        self._button(name, True)

    def release(self, name: str) -> None:
        self._button(name, False)

    def set_motion(self, name: str, moving: bool) -> None:
        pin = self._pin(name, "motion_sensor")
        if moving:
            pin.drive_high()
        else:
            pin.drive_low()
        self.values[name] = bool(moving)

    def set_light(self, name: str, level: float) -> None:
        """0 (dark) to 1 (bright): the LDR's resistance sets the capacitor's charge time."""
        level = _unit(name, level)
        dev = self._spec(name, "light_sensor")
        limit = dev.options.get("charge_time_limit_s", parts.LIGHT_CHARGE_LIMIT_S)
        # gpiozero reads 1 - charge time / limit, so the level is what it reads; a dark LDR
        # still charges within the limit (reads 0.05), so darkness is not "unplugged".
        self._pin(name, "light_sensor").charge_time = limit * (1.0 - max(level, DARKEST))
        self.values[name] = level

    def set_distance(self, name: str, cm: float | None) -> None:
        """An object at `cm` centimetres echoes the ping; None: no echo comes back."""
        if cm is not None and (isinstance(cm, bool) or not 0 <= cm <= 400):
            raise ValueError(f"'{name}': a distance is 0 to 400 cm, not {cm!r}")
        trigger = self._pin(name, "distance_sensor", role="trigger")
        trigger.distance_m = None if cm is None else cm / 100
        self.values[name] = cm

    def set_value(self, name: str, value: float) -> None:
        """0 to 1 of the reference voltage on the ADC channel (a potentiometer's position)."""
        dev = self._spec(name, "mcp3008")
        chip = self._chips[dev.options.get("chip", 0)]
        chip.volts[dev.options.get("channel", 0)] = _unit(name, value) * VREF
        self.values[name] = float(value)

    def set_temperature(self, name: str, celsius: float) -> None:
        self._spec(name, "cpu_temperature")
        if isinstance(celsius, bool) or not isinstance(celsius, int | float):
            raise ValueError(f"'{name}': a temperature is a number, not {celsius!r}")
        path = self.sensor_file(name)
        with tempfile.NamedTemporaryFile("w", dir=self._dir.name, delete=False) as f:
            f.write(f"{round(celsius * 1000)}\n")  # the kernel's millidegrees
        os.replace(f.name, path)  # atomic: a read never sees half a number
        self.values[name] = float(celsius)

    def unplug(self, name: str) -> None:
        """The sensor's wires come loose: no echo, no charge, no sensor file, 0 V, released."""
        kind = self._spec(name).type
        if kind == "distance_sensor":
            self.set_distance(name, None)
        elif kind == "light_sensor":
            self._pin(name, kind).charge_time = None
            self.values[name] = None
        elif kind == "cpu_temperature":
            Path(self.sensor_file(name)).unlink(missing_ok=True)
            self.values[name] = None
        elif kind in ("button", "motion_sensor", "mcp3008"):
            self.set(name, 0.0 if kind == "mcp3008" else False)
        else:
            raise ValueError(f"'{name}' is an output ({kind}): nothing to unplug")

    def set(self, name: str, value: Any) -> None:
        """Set any input from a script or the on-screen panel, by the device's type."""
        kind = self._spec(name).type
        if kind == "button":
            self._button(name, _flag(name, value))
        elif kind == "motion_sensor":
            self.set_motion(name, _flag(name, value))
        elif kind == "light_sensor":
            self.set_light(name, value)
        elif kind == "distance_sensor":
            self.set_distance(name, value)
        elif kind == "mcp3008":
            self.set_value(name, value)
        elif kind == "cpu_temperature":
            self.set_temperature(name, value)
        else:
            raise ValueError(f"'{name}' is an output ({kind}): drive it with Kit.set_output")

    # -- helpers ------------------------------------------------------------------------

    def _spec(self, name: str, kind: str | None = None):
        dev = self.spec.devices.get(name)
        if dev is None:
            raise KeyError(f"no device '{name}' in the kit")
        if kind is not None and dev.type != kind:
            raise ValueError(f"'{name}' is a {dev.type}, not a {kind}")
        return dev

    def _pin(self, name: str, kind: str, role: str = "pin"):
        return self.factory.pin(f"GPIO{self._spec(name, kind).pins[role]}")

    def _button(self, name: str, down: bool) -> None:
        pin = self._pin(name, "button")
        pull_up = self._spec(name).options.get("pull_up", True)
        if down == pull_up:
            pin.drive_low()
        else:
            pin.drive_high()
        self.values[name] = down


def _unit(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ValueError(f"'{name}' takes 0 to 1, not {value!r}")
    return float(value)


def _flag(name: str, value: Any) -> bool:
    if isinstance(value, bool) or value in (0, 1):
        return bool(value)
    raise ValueError(f"'{name}' takes true or false, not {value!r}")
