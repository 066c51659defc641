"""A passive buzzer on one PWM GPIO that plays a tone: a frequency in Hz, or None for silence.

It plays `octaves` around A4 (440 Hz): one octave is 220 to 880 Hz.
"""

from __future__ import annotations

import gpiozero
from gpiozero.tones import Tone

from devices.parts.base import Option, Part, Sample, Terminal, register


@register
class TonalBuzzer(Part):
    type = "tonal_buzzer"
    options = (Option("octaves", "int", 1, 3),)
    unit = "Hz"
    on, off = 440.0, None
    terminals = (Terminal("+", "pin"), Terminal("−", "GND"))
    picture = "buzzer"

    def build(self, factory, simulator):
        octaves = self.spec.options.get("octaves", 1)
        return gpiozero.TonalBuzzer(self.spec.pins["pin"], octaves=octaves, pin_factory=factory)

    def read(self) -> Sample:
        playing = self.device.value is not None
        return Sample(round(self.device.tone.frequency, 1) if playing else None)

    def write(self, value) -> None:
        if value is None:
            self.device.stop()
            return
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.refuse(value)
        low, high = self.device.min_tone.frequency, self.device.max_tone.frequency
        self.device.play(Tone(frequency=self.in_range(value, low, high)))
