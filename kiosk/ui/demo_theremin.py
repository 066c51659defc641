"""Live demo: the theremin. The hand's distance to the sensor sets the pitch (closer is higher).

Pitches snap to semitones, so a steady hand gives a steady note and the tone is rebuilt rarely.
"""

from __future__ import annotations

import math

import pygame

from kiosk.ui import theme
from kiosk.ui.screen import Screen
from kiosk.ui.tone import Tone
from kiosk.ui.widgets import Button, bar, heading, labelled

NEAR_CM, FAR_CM = 5.0, 60.0
HIGH_HZ, LOW_HZ = 1046.5, 220.0  # C6 .. A3
POLL_S = 0.05
NOTE_W = 314


def pitch(distance_cm: float | None) -> float | None:
    """Distance -> frequency on a semitone; None (silence) out of range or without echo."""
    if distance_cm is None or distance_cm > FAR_CM:
        return None
    share = (max(distance_cm, NEAR_CM) - NEAR_CM) / (FAR_CM - NEAR_CM)
    semitones = round(12 * math.log2(HIGH_HZ / LOW_HZ) * (1 - share))
    return round(LOW_HZ * 2 ** (semitones / 12), 1)


class ThereminScreen(Screen):
    id = "theremin"
    animating = True

    def __init__(self, app, device: str, back: Screen):
        super().__init__(app)
        self.device_name, self.back_to = device, back
        self.tone: Tone | None = None
        self.muted = False
        self.distance: float | None = None
        self.connected = True
        self.polled = 0.0
        self.phase = 0.0

    def enter(self) -> None:
        self.tone = Tone()

    def leave(self) -> None:
        if self.tone:
            self.tone.close()

    def tick(self, now: float) -> bool:
        if self.app.kit is None or now - self.polled < POLL_S:
            return False
        self.polled = now
        reading = self.app.kit.reading(self.device_name)
        self.connected = reading.connected
        value = reading.value if reading.connected else None
        self.distance = None if value is None else float(value)
        if self.tone:
            self.tone.play(None if self.muted else pitch(self.distance))
        self.phase = (self.phase + 0.4) % (2 * math.pi)
        return True

    def build(self, c) -> list[Button]:
        mute = "ui.theremin.unmute" if self.muted else "ui.theremin.mute"
        return bar(
            c,
            [
                ("theremin.back", self.t("ui.back"), self.back, ""),
                ("theremin.mute", self.t(mute), self.toggle_mute, ""),
            ],
        )

    def draw(self, c) -> None:
        heading(c, self.t("ui.demo.theremin"), self.t("ui.theremin.detail"))
        hz = pitch(self.distance)
        if not self.connected:
            big = self.t("ui.device.missing")
        elif self.distance is None:
            big = self.t("ui.theremin.no_hand")
        else:
            big = f"{self.distance:.0f} cm"
        note_x = c.width - 16 - NOTE_W
        c.text(big, pygame.Rect(16, 84, note_x - 30, 100), 56, theme.ACCENT, bold=True)
        note = f"{hz:.0f} Hz" if hz else self.t("ui.theremin.silent")
        c.text(note, pygame.Rect(note_x, 84, NOTE_W, 84), 44, theme.INK, bold=True)
        if self.tone is not None and not self.tone.available:  # a fault: a mark and words
            labelled(
                c,
                "warning",
                self.t("ui.theremin.no_sound"),
                pygame.Rect(note_x, 168, NOTE_W, 28),
                14,
                theme.BAD,
                bold=False,
            )
        wave = pygame.Rect(16, 200, c.width - 32, c.height - theme.BAR_H - 14 - 200)
        c.rect(theme.NIGHT, wave, radius=12)
        if hz:
            cycles = hz / 110
            points = [
                (
                    wave.x + x,
                    wave.centery
                    + math.sin(self.phase + x / wave.w * cycles * 2 * math.pi) * (wave.h / 2 - 16),
                )
                for x in range(0, wave.w, 2)
            ]
            c.lines(theme.NIGHT_INK, points, 3)

    def toggle_mute(self) -> None:
        self.muted = not self.muted

    def shortcuts(self) -> dict[int, str]:
        return {pygame.K_m: "theremin.mute"}

    def back(self) -> None:
        self.app.show(self.back_to)
