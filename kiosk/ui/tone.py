"""Generated tones through pygame's mixer: a sine wave of whole periods, looped; no sound files.

Without a sound device the Tone is silent (and says so), never a fault.
"""

from __future__ import annotations

import logging
import math
from array import array

import pygame

log = logging.getLogger(__name__)
RATE = 22050
LOOP_S = 0.2
VOLUME = 0.4


def sine(frequency: float, rate: int = RATE) -> array:
    """Signed 16-bit samples of a whole number of periods (so the loop has no click)."""
    periods = max(1, round(frequency * LOOP_S))
    length = max(2, round(periods * rate / frequency))
    amplitude = int(32767 * VOLUME)
    step = 2 * math.pi * periods / length
    return array("h", (int(amplitude * math.sin(i * step)) for i in range(length)))


class Tone:
    def __init__(self):
        self.available = False
        self.frequency: float | None = None
        self.channel = None
        self._open()

    def _open(self) -> None:
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=RATE, size=-16, channels=1)
            self.rate, _, self.channels = pygame.mixer.get_init()
            self.available = True
        except pygame.error as err:
            self.available = False
            log.warning("no sound: %s", err)

    def play(self, frequency: float | None) -> None:
        """Play a tone (Hz), or silence with None; the same pitch again changes nothing."""
        if frequency == self.frequency:
            return
        self.frequency = frequency
        if not self.available:
            return
        if self.channel is not None:
            self.channel.stop()
            self.channel = None
        if frequency is None:
            return
        if not pygame.mixer.get_init():  # closed while its screen was away: open it again
            self._open()
            if not self.available:
                return
        samples = sine(frequency, self.rate)
        if self.channels == 2:
            samples = array("h", (s for v in samples for s in (v, v)))
        self.channel = pygame.mixer.Sound(buffer=samples.tobytes()).play(loops=-1)

    def stop(self) -> None:
        self.play(None)

    def close(self) -> None:
        """Silence, and give the sound device back (its thread would mix silence all day)."""
        self.stop()
        if pygame.mixer.get_init():
            pygame.mixer.quit()
