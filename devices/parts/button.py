"""A push button on one GPIO (to ground, with the Pi's pull-up): pressed, released, held.

gpiozero's callbacks give its events; the simulator drives its pin low for a press.
"""

from __future__ import annotations

import gpiozero

from devices.parts.base import Option, Part, Sample, Terminal, drive, flag, register


@register
class Button(Part):
    type = "button"
    options = (Option("pull_up", "bool"), Option("hold_s", "number", 0.1, 10))
    is_input = True
    edges = (
        ("when_pressed", "pressed", True),
        ("when_released", "released", False),
        ("when_held", "held", True),
    )
    conditions = ("pressed", "released", "held")
    control = bool
    terminals = (Terminal("1", "pin"), Terminal("2", "GND"))
    picture = "button"

    def build(self, factory, simulator):
        o = self.spec.options
        return gpiozero.Button(
            self.spec.pins["pin"],
            pull_up=o.get("pull_up", True),
            hold_time=o.get("hold_s", 1.0),
            pin_factory=factory,
        )

    def read(self) -> Sample:
        return Sample(self.device.is_pressed)

    def self_test(self, value) -> tuple[bool, str]:
        if value:
            return False, "reads pressed: if nobody presses it, check the wiring"
        return True, "ok: released"

    @classmethod
    def simulate(cls, simulator, spec, value) -> bool:
        down = flag(spec.name, value)
        drive(simulator.pin(spec), down != spec.options.get("pull_up", True))  # to GND if pulled up
        return down

    @classmethod
    def unplug(cls, simulator, spec) -> bool:
        return cls.simulate(simulator, spec, False)
