"""An LED with its 330 Ω resistor on one GPIO: on or off.

Set with true or false; its reading is whether it is lit.
"""

from __future__ import annotations

import gpiozero

from devices.parts.base import Switched, Terminal, register


@register
class LED(Switched):
    type = "led"
    terminals = (Terminal("+", "pin", "330Ω"), Terminal("−", "GND"))
    picture = "led"

    def build(self, factory, simulator):
        return gpiozero.LED(self.spec.pins["pin"], pin_factory=factory)
