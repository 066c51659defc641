"""A light sensor: an LDR charging a 1 µF capacitor on one GPIO; light from 0 (dark) to 1.

gpiozero times the charge (brighter charges faster); a capacitor that never charges means the
wires are loose. The simulator sets the charge time the LDR's resistance would give.
"""

from __future__ import annotations

import gpiozero

from devices.parts.base import (
    SENSOR_QUEUE_LEN,
    Option,
    Part,
    Sample,
    Terminal,
    Unanswered,
    register,
    unit_value,
)
from devices.simpins import ChargingPin

LIGHT_THRESHOLD = 0.3  # below this (0 dark .. 1 bright) it counts as dark
CHARGE_LIMIT_S = 0.01  # gpiozero's default: an LDR + 1 µF capacitor in daylight
DARKEST = 0.05  # the lowest level an LDR reads: a little light always gets through
NO_CHARGE = "the capacitor never charges: check the wires (or it is pitch dark)"


class LDR(Unanswered, gpiozero.LightSensor):
    """gpiozero's LightSensor that also knows whether its capacitor charged at all lately."""

    def _read(self):
        value = super()._read()
        self._count(value > 0.0)
        return value


@register
class LightSensor(Part):
    type = "light_sensor"
    options = (
        Option("threshold", "number", 0.01, 0.99),
        Option("charge_time_limit_s", "number", 0.001, 1),
    )
    is_input = True
    sampled = True
    meaningful = 0.05
    conditions = ("dark", "light", "value_above", "value_below")
    default_threshold = LIGHT_THRESHOLD
    control = (0.0, 1.0, "")
    start = 0.7
    terminals = (Terminal("LDR", "3V3"), Terminal("LDR C+", "pin"), Terminal("C−", "GND"))
    picture = "ldr"

    def build(self, factory, simulator):
        o = self.spec.options
        return LDR(
            self.spec.pins["pin"],
            threshold=o.get("threshold", LIGHT_THRESHOLD),
            charge_time_limit=o.get("charge_time_limit_s", CHARGE_LIMIT_S),
            queue_len=SENSOR_QUEUE_LEN,  # one read per 0.1 s: gpiozero drains the capacitor
            partial=True,
            pin_factory=factory,
        )

    def read(self) -> Sample:
        return self.device.sample(lambda: round(self.device.value, 3), NO_CHARGE)

    @classmethod
    def reading_range(cls, spec) -> tuple[float, float]:
        return 0.0, 1.0

    @classmethod
    def plan(cls, simulator, spec) -> None:
        simulator.factory.plan(spec.pins["pin"], ChargingPin, charge_time=None)

    @classmethod
    def simulate(cls, simulator, spec, value) -> float:
        """gpiozero reads 1 - charge time / limit, so the level is what it reads; a dark LDR
        still charges within the limit (reads 0.05), so darkness is not "unplugged"."""
        level = unit_value(spec.name, value)
        limit = spec.options.get("charge_time_limit_s", CHARGE_LIMIT_S)
        simulator.pin(spec).charge_time = limit * (1.0 - max(level, DARKEST))
        return level

    @classmethod
    def unplug(cls, simulator, spec) -> None:
        simulator.pin(spec).charge_time = None
