"""An active buzzer on one GPIO: it beeps at its own pitch while on.

Set with true or false, like an LED.
"""

from __future__ import annotations

import gpiozero

from devices.parts.base import Switched, Terminal, register


@register
class Buzzer(Switched):
    type = "buzzer"
    terminals = (Terminal("+", "pin"), Terminal("−", "GND"))
    picture = "buzzer"

    def build(self, factory, simulator):
        return gpiozero.Buzzer(self.spec.pins["pin"], pin_factory=factory)
