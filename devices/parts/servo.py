"""A hobby servo on one PWM GPIO (5 V supply): its position from -1 (one end) to 1 (the other).

The pulse widths of its two ends are options; 1 ms and 2 ms suit most servos.
"""

from __future__ import annotations

import gpiozero

from devices.parts.base import Option, Part, Terminal, register


@register
class Servo(Part):
    type = "servo"
    options = (Option("min_pulse_ms", "number", 0.3, 3), Option("max_pulse_ms", "number", 0.5, 3))
    ordered = (("min_pulse_ms", "max_pulse_ms"),)
    on, off = 1.0, 0.0
    terminals = (Terminal("S", "pin"), Terminal("+", "5V"), Terminal("−", "GND"))
    picture = "servo"

    def build(self, factory, simulator):
        o = self.spec.options
        return gpiozero.Servo(
            self.spec.pins["pin"],
            min_pulse_width=o.get("min_pulse_ms", 1.0) / 1000,
            max_pulse_width=o.get("max_pulse_ms", 2.0) / 1000,
            pin_factory=factory,
        )

    def write(self, value) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.refuse(value)
        self.device.value = self.in_range(value, -1.0, 1.0)
