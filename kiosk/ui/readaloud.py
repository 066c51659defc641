"""Read aloud on screen: the app's one voice (kiosk.speech) and the speaker button at the right of
the title line of the intro, the steps and the end screen, and one of a step's hint.

Whether espeak-ng works is asked once per process, on a thread (the frame loop never waits on
it); until it answers, and where it does not work, no speaker button shows and the start-up
check says why. The app stops the voice whenever the screen changes; a second tap stops it too.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

import pygame

from kiosk.speech import Availability, Speech
from kiosk.ui import theme
from kiosk.ui.widgets import Button

_known: dict[str, Availability] = {}  # espeak-ng's answer, per program
_asking = threading.Lock()


class ReadAloud:
    """One voice for the whole app, and what it is reading (a key the screen chose)."""

    def __init__(self, speech: Speech):
        self.speech = speech
        self.status: Availability | None = _known.get(speech.program)  # None: still asking
        self.key: str | None = None
        self.shown = (self.status, False)
        if self.status is None:
            threading.Thread(target=self.check, name="speech-check", daemon=True).start()

    def check(self) -> Availability:
        """Ask espeak-ng (once per process; a second caller waits for the first's answer)."""
        with _asking:
            if self.speech.program not in _known:
                _known[self.speech.program] = self.speech.available()
        self.status = _known[self.speech.program]
        return self.status

    @property
    def ready(self) -> bool:
        return self.status is not None and self.status.ok

    def speaking(self, key: str | None = None) -> bool:
        process = self.speech.process
        alive = process is not None and process.poll() is None
        return alive and (key is None or key == self.key)

    def toggle(self, key: str, text: str, lang: str) -> None:
        """Read the text, or stop if it is the one being read."""
        if self.speaking(key):
            self.stop()
            return
        self.key = key if self.speech.say(text, lang) else None

    def stop(self) -> None:
        self.speech.stop()
        self.key = None

    def changed(self) -> bool:
        """True once after the answer came or the reading ended: the screen must be redrawn."""
        now = (self.status, self.speaking())
        changed, self.shown = now != self.shown, now
        return changed


def spoken(text, lang: str) -> str:
    """The language a workshop text is read in on a screen in `lang`: its own, else Dutch (the
    language `Text.get` falls back to)."""
    return lang if getattr(text, lang, None) else "nl"


def sentences(parts: Iterable[str]) -> str:
    """Parts read as sentences: a pause after each (a list's items, a title)."""
    said = [p.strip() for p in parts if p and p.strip()]
    return " ".join(p if p[-1] in ".!?:" else f"{p}." for p in said)


def speaker(screen, c, key: str, read: Callable[[], tuple[str, str]]) -> list[Button]:
    """The speaker button at the right of the title line (none where speech does not work);
    `read` gives the text and its language when tapped. What is read under another key (the
    step before this one) stops: it is no longer on screen. Keys under this one ("KEY.hint")
    are parts of this screen, and read on."""
    voice = screen.app.voice
    if voice.key is not None and voice.key != key and not voice.key.startswith(f"{key}."):
        voice.stop()
    rect = pygame.Rect(c.width - theme.MARGIN - theme.SPEAKER_W, 8, theme.SPEAKER_W, theme.TARGET)
    found = button(screen, f"{screen.id}.speak", rect, key, read)
    return [found] if found else []


def button(
    screen, id: str, rect, key: str, read: Callable[[], tuple[str, str]], label: str = "ui.speak"
) -> Button | None:
    """A button that reads `read()` under `key`, or stops it while it is being read; None where
    speech does not work."""
    voice = screen.app.voice
    if not voice.ready:
        return None
    on = voice.speaking(key)
    return Button(
        id,
        rect,
        screen.t("ui.speak.stop" if on else label),
        lambda: voice.toggle(key, *read()),
        "selected" if on else "normal",
        size=18,
        icon="stop" if on else "speaker",
    )


def room(app) -> int:
    """How much the title line leaves free at its right for the speaker button."""
    return theme.SPEAKER_ROOM if app.voice.ready else 0
