"""Traffic lights (red, amber, green LEDs) on three GPIOs: the colour that is lit, or None.

Set with "red", "amber", "green" or None (all off).
"""

from __future__ import annotations

import gpiozero

from devices.parts.base import Part, Sample, Terminal, register

COLOURS = ("red", "amber", "green")


@register
class TrafficLights(Part):
    type = "traffic_lights"
    pins = COLOURS
    on, off = "green", None
    terminals = (
        Terminal("R", "red"),
        Terminal("A", "amber"),
        Terminal("G", "green"),
        Terminal("GND", "GND"),
    )
    picture = "traffic_lights"

    def build(self, factory, simulator):
        p = self.spec.pins
        return gpiozero.TrafficLights(p["red"], p["amber"], p["green"], pin_factory=factory)

    def read(self) -> Sample:
        lit = [c for c in COLOURS if getattr(self.device, c).is_lit]
        return Sample(lit[0] if lit else None)

    def write(self, value) -> None:
        if value is not None and value not in COLOURS:
            raise self.refuse(value)
        self.device.value = tuple(c == value for c in COLOURS)
