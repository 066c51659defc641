"""A PIR motion sensor (HC-SR501) on one GPIO: motion and no motion, by gpiozero's callbacks.

The simulator drives its output pin high while something moves.
"""

from __future__ import annotations

import gpiozero

from devices.parts.base import Part, Sample, Terminal, drive, flag, register


@register
class MotionSensor(Part):
    type = "motion_sensor"
    is_input = True
    edges = (("when_motion", "motion", True), ("when_no_motion", "no_motion", False))
    conditions = ("motion", "no_motion")
    control = bool
    terminals = (Terminal("VCC", "5V"), Terminal("OUT", "pin"), Terminal("GND", "GND"))
    picture = "pir"

    def build(self, factory, simulator):
        # its first read waits one sample
        return gpiozero.MotionSensor(self.spec.pins["pin"], pin_factory=factory)

    def read(self) -> Sample:
        return Sample(self.device.motion_detected)

    def self_test(self, value) -> tuple[bool, str]:
        if value:
            return True, "sees motion (wave to see it change)"
        return True, "ok: no motion"

    @classmethod
    def simulate(cls, simulator, spec, value) -> bool:
        moving = flag(spec.name, value)
        drive(simulator.pin(spec), moving)
        return moving

    @classmethod
    def unplug(cls, simulator, spec) -> bool:
        return cls.simulate(simulator, spec, False)
