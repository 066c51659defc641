"""The Pi's own CPU thermometer, read from the kernel's file (no wires): degrees Celsius.

A missing sensor file reads as not connected; the simulator writes a file of its own.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import gpiozero

from devices.parts.base import Option, Part, Sample, register

CPU_SENSOR = "/sys/class/thermal/thermal_zone0/temp"
NO_SENSOR_FILE = "no temperature sensor file"


class Thermometer(gpiozero.CPUTemperature):
    """gpiozero's CPUTemperature that starts even while its sensor file is missing."""

    @property
    def is_active(self):
        try:
            return super().is_active
        except (OSError, ValueError):
            return False


@register
class CPUTemperature(Part):
    type = "cpu_temperature"
    pins = ()
    options = (Option("min_c", "number", -40, 120), Option("max_c", "number", -40, 120))
    ordered = (("min_c", "max_c"),)
    is_input = True
    unit = "°C"
    sampled = True
    meaningful = 0.5
    read_every = 5  # a CPU warms in seconds: every 5th round (0.5 s) is enough
    conditions = ("value_above", "value_below")
    control = (20.0, 90.0, "°C")
    start = 45.0
    picture = "cpu"

    def build(self, factory, simulator):
        o = self.spec.options
        sensor_file = simulator.sensor_file(self.spec.name) if simulator else CPU_SENSOR
        return Thermometer(
            sensor_file,
            min_temp=o.get("min_c", 0.0),
            max_temp=o.get("max_c", 100.0),
            threshold=o.get("max_c", 100.0),
            pin_factory=factory,
        )

    def read(self) -> Sample:
        try:
            return Sample(round(self.device.temperature, 1))
        except (OSError, ValueError):
            return Sample(None, False, NO_SENSOR_FILE)

    @classmethod
    def reading_range(cls, spec) -> tuple[float, float]:
        return -40.0, 125.0

    @classmethod
    def simulate(cls, simulator, spec, value) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"'{spec.name}': a temperature is a number, not {value!r}")
        path = simulator.sensor_file(spec.name)
        with tempfile.NamedTemporaryFile("w", dir=os.path.dirname(path), delete=False) as f:
            f.write(f"{round(value * 1000)}\n")  # the kernel's millidegrees
        os.replace(f.name, path)  # atomic: a read never sees half a number
        return float(value)

    @classmethod
    def unplug(cls, simulator, spec) -> None:
        Path(simulator.sensor_file(spec.name)).unlink(missing_ok=True)
