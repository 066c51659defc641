"""An LED with its 330 Ω resistor on one GPIO: on or off.

Set with true or false; its reading is whether it is lit.
"""

from __future__ import annotations

import gpiozero

from devices.parts.base import Part, Sample, Terminal, register


@register
class LED(Part):
    type = "led"
    on, off = True, False
    terminals = (Terminal("+", "pin", "330Ω"), Terminal("−", "GND"))
    picture = "led"

    def build(self, factory, simulator):
        return gpiozero.LED(self.spec.pins["pin"], pin_factory=factory)

    def read(self) -> Sample:
        return Sample(bool(self.device.value))

    def write(self, value) -> None:
        if not isinstance(value, bool):
            raise self.refuse(value)
        self.device.value = value
