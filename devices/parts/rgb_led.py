"""An RGB LED (common cathode) on three GPIOs: a colour as (red, green, blue), each 0 to 1.

Each colour leg has its own 330 Ω resistor; the longest leg goes to ground.
"""

from __future__ import annotations

import gpiozero

from devices.parts.base import Part, Sample, Terminal, register


@register
class RGBLED(Part):
    type = "rgb_led"
    pins = ("red", "green", "blue")
    on, off = (1.0, 1.0, 1.0), (0.0, 0.0, 0.0)
    terminals = (
        Terminal("R", "red", "330Ω"),
        Terminal("−", "GND"),
        Terminal("G", "green", "330Ω"),
        Terminal("B", "blue", "330Ω"),
    )
    picture = "rgb_led"

    def build(self, factory, simulator):
        p = self.spec.pins
        return gpiozero.RGBLED(p["red"], p["green"], p["blue"], pin_factory=factory)

    def read(self) -> Sample:
        return Sample(tuple(round(c, 3) for c in self.device.value))

    def write(self, value) -> None:
        if not isinstance(value, tuple | list) or len(value) != 3:
            raise self.refuse(value)
        self.device.value = tuple(self.in_range(c, 0.0, 1.0) for c in value)
