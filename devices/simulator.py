"""The simulated kit: sets the physics behind gpiozero's mock pins (press, light, distance, ...).

The real gpiozero devices read those pins as they would read a Pi's; each device type says how
it is simulated (devices/parts/). `set(name, value)` serves scripts and the on-screen panel.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from devices.kitconfig import KitSpec
from devices.parts import part
from devices.simpins import SimFactory


class Simulator:
    """Drives the mock pins of one simulated kit. Built before the kit's devices, to plan pins."""

    def __init__(self, spec: KitSpec, factory: SimFactory):
        self.spec = spec
        self.factory = factory
        self._dir = tempfile.TemporaryDirectory(prefix="stem-kiosk-sim-")
        self.chips: dict[int, Any] = {}  # simulated SPI chips by chip select, shared by devices
        self.values: dict[str, Any] = {}  # what each input was last set to (None: unplugged)
        for dev in spec.devices.values():
            part(dev.type).plan(self, dev)
        for name, dev in spec.devices.items():
            kind = part(dev.type)
            if kind.start is not None:
                self.set(name, kind.start)
            elif kind.control is bool:
                self.values[name] = False  # released, no motion: the pins' rest state

    def close(self) -> None:
        for chip in self.chips.values():
            chip.close()
        self.chips.clear()
        self._dir.cleanup()

    def sensor_file(self, name: str) -> str:
        """The file the simulated CPU temperature of `name` is written to."""
        return str(Path(self._dir.name) / f"{name}.temp")

    def pin(self, dev, role: str = "pin"):
        """The mock pin behind one of a device's pin roles."""
        return self.factory.pin(f"GPIO{dev.pins[role]}")

    # -- setting inputs -----------------------------------------------------------------

    def set(self, name: str, value: Any) -> None:
        """Set any input from a script or the on-screen panel, by the device's type."""
        dev = self._spec(name)
        self.values[name] = part(dev.type).simulate(self, dev, value)

    def unplug(self, name: str) -> None:
        """The sensor's wires come loose: no echo, no charge, no sensor file, 0 V, released."""
        dev = self._spec(name)
        self.values[name] = part(dev.type).unplug(self, dev)

    # The same by what they do, each for its own type of device.

    def press(self, name: str) -> None:
        self._set_as(name, "button", True)

    def release(self, name: str) -> None:
        self._set_as(name, "button", False)

    def set_motion(self, name: str, moving: bool) -> None:
        self._set_as(name, "motion_sensor", bool(moving))

    def set_light(self, name: str, level: float) -> None:
        """0 (dark) to 1 (bright): the LDR's resistance sets the capacitor's charge time."""
        self._set_as(name, "light_sensor", level)

    def set_distance(self, name: str, cm: float | None) -> None:
        """An object at `cm` centimetres echoes the ping; None: no echo comes back."""
        self._set_as(name, "distance_sensor", cm)

    def set_value(self, name: str, value: float) -> None:
        """0 to 1 of the reference voltage on the ADC channel (a potentiometer's position)."""
        self._set_as(name, "mcp3008", value)

    def set_temperature(self, name: str, celsius: float) -> None:
        self._set_as(name, "cpu_temperature", celsius)

    # -- helpers ------------------------------------------------------------------------

    def _spec(self, name: str):
        dev = self.spec.devices.get(name)
        if dev is None:
            raise KeyError(f"no device '{name}' in the kit")
        return dev

    def _set_as(self, name: str, kind: str, value: Any) -> None:
        dev = self._spec(name)
        if dev.type != kind:
            raise ValueError(f"'{name}' is a {dev.type}, not a {kind}")
        self.set(name, value)
