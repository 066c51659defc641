"""An MCP3008 analog-to-digital converter on the SPI bus, one channel: 0 to 1 of 3.3 V.

With a potentiometer on the channel it is a knob. The simulator answers on the mock SPI bus.
"""

from __future__ import annotations

import gpiozero

from devices import pinmap
from devices.parts.base import Option, Part, Terminal, register, unit_value
from devices.simpins import MCP3008Chip

VREF = 3.3  # the chip's reference: the Pi's 3.3 V rail


@register
class MCP3008(Part):
    type = "mcp3008"
    pins = ()
    options = (Option("channel", "int", 0, 7), Option("chip", "int", 0, 1))  # chip: CE0, CE1
    bus = "spi"
    is_input = True
    sampled = True
    meaningful = 0.01
    conditions = ("value_above", "value_below")
    playable = True
    control = (0.0, 1.0, "")
    start = 0.5
    terminals = (  # the chip's digital side, top to bottom as drawn (notch down)
        Terminal("DGND", "GND"),
        Terminal("CS", "spi:select"),
        Terminal("DIN", "spi:mosi"),
        Terminal("DOUT", "spi:miso"),
        Terminal("CLK", "spi:clock"),
        Terminal("AGND", "GND"),
        Terminal("VREF VDD", "3V3"),
        Terminal("pot +", "3V3"),
        Terminal("pot −", "GND"),
    )
    picture = "adc"

    def build(self, factory, simulator):
        o = self.spec.options
        return gpiozero.MCP3008(o.get("channel", 0), device=o.get("chip", 0), pin_factory=factory)

    @classmethod
    def reading_range(cls, spec) -> tuple[float, float]:
        return 0.0, 1.0

    @classmethod
    def plan(cls, simulator, spec) -> None:
        chip = spec.options.get("chip", 0)
        if chip not in simulator.chips:
            select = pinmap.SPI0["select"][chip]
            simulator.chips[chip] = MCP3008Chip(simulator.factory, select, VREF)

    @classmethod
    def simulate(cls, simulator, spec, value) -> float:
        """0 to 1 of the reference voltage on the channel (a potentiometer's position)."""
        chip = simulator.chips[spec.options.get("chip", 0)]
        chip.volts[spec.options.get("channel", 0)] = unit_value(spec.name, value) * VREF
        return float(value)

    @classmethod
    def unplug(cls, simulator, spec) -> float:
        return cls.simulate(simulator, spec, 0.0)
