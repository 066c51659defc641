"""A dimmable LED on one PWM-driven GPIO: its brightness from 0 (off) to 1 (full).

Same wiring as a plain LED; gpiozero dims it by pulse width.
"""

from __future__ import annotations

import gpiozero

from devices.parts.base import Part, Terminal, register


@register
class PWMLED(Part):
    type = "pwm_led"
    on, off = 1.0, 0.0
    terminals = (Terminal("+", "pin", "330Ω"), Terminal("−", "GND"))
    picture = "led"

    def build(self, factory, simulator):
        return gpiozero.PWMLED(self.spec.pins["pin"], pin_factory=factory)

    def write(self, value) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.refuse(value)
        self.device.value = self.in_range(value, 0.0, 1.0)
