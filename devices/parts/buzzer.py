"""An active buzzer on one GPIO: it beeps at its own pitch while on.

Set with true or false, like an LED.
"""

from __future__ import annotations

import gpiozero

from devices.parts.base import Part, Sample, Terminal, register


@register
class Buzzer(Part):
    type = "buzzer"
    on, off = True, False
    terminals = (Terminal("+", "pin"), Terminal("−", "GND"))
    picture = "buzzer"

    def build(self, factory, simulator):
        return gpiozero.Buzzer(self.spec.pins["pin"], pin_factory=factory)

    def read(self) -> Sample:
        return Sample(bool(self.device.value))

    def write(self, value) -> None:
        if not isinstance(value, bool):
            raise self.refuse(value)
        self.device.value = value
