"""Content lint: does every text of a workshop fit the kiosk's 800x480 screen at its own size,
and in large text (every size LARGE_TEXT times larger)?

Measured with the kiosk's font in the boxes the screens draw in (kiosk/look.py); a title beside
the read-aloud button, as the intro and the steps show it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pygame

from devices.yamlcheck import LANGUAGES
from devices.yamlsource import Document, Problem, SourceError, read
from kiosk import look
from kiosk.workshop_model import Workshop


@dataclass(frozen=True)
class Place:
    """Where on screen a kind of text goes: its box, its font size, and what to call it."""

    name: str
    box: pygame.Rect
    size: int
    bold: bool = False
    large_box: pygame.Rect | None = None  # where it goes in large text, if that is elsewhere

    def at(self, text_scale: float) -> pygame.Rect:
        return self.large_box if text_scale > 1 and self.large_box else self.box


HEADING = Place(
    "the title line",
    look.title_box(room=look.SPEAKER_ROOM),
    look.HEADING_SIZE,
    bold=True,
    large_box=look.title_box(look.LARGE_TEXT, room=look.SPEAKER_ROOM),
)
STEP = Place("the step screen", look.STEP_TEXT, look.STEP_TEXT_SIZE)
HINT = Place("the hint box", look.HINT_TEXT, look.HINT_SIZE)
NAMES = {"steps": "step", "choices": "choice"}  # "step 3 choice 2 text (nl)"


def overflow(text: str, place: Place, text_scale: float = 1.0) -> str | None:
    """Why the text does not fit its place at its size (None when it fits)."""
    size = look.px(place.size * text_scale)
    where = place.name + (" in large text" if text_scale > 1 else "")
    font, box = look.font(size, place.bold), place.at(text_scale)
    lines = look.wrap(text, font, box.w)
    room = box.h // font.get_linesize()
    wide = [w for w in text.split() if font.size(w)[0] > box.w]
    if wide:
        return f"the word '{wide[0]}' is wider than {where} at {size} px"
    if len(lines) > room:
        extra = len(lines) - room
        return (
            f"does not fit {where}: {len(lines)} lines at {size} px where {room} "
            f"fit ({extra} line{'s' if extra > 1 else ''} too many); shorten it"
        )
    return None


def texts(workshop: Workshop) -> Iterator[tuple[tuple, object, Place]]:
    """(key path, Text, place) of every text the kiosk shows of this workshop."""
    yield ("title",), workshop.title, HEADING
    for i, step in enumerate(workshop.steps):
        where = ("steps", i)
        yield (*where, "title"), step.title, HEADING
        if step.text.nl:
            yield (*where, "text"), step.text, STEP
        if step.hint:
            yield (*where, "hint"), step.hint, HINT
        for j, variant in enumerate(step.variants):
            yield (*where, "choices", j, "text"), variant.text, STEP
            if variant.hint:
                yield (*where, "choices", j, "hint"), variant.hint, HINT


def lint_workshop(workshop: Workshop) -> list[Problem]:
    """One problem per text (and language) that does not fit the screen, at that text: at its
    own size, else in large text."""
    try:
        doc: Document | None = read(workshop.path)
    except SourceError:
        doc = None  # it loaded a moment ago; point at the file's top if it changed since
    problems = []
    for keypath, text, place in texts(workshop):
        for lang in LANGUAGES:
            value = getattr(text, lang)
            why = value and (overflow(value, place) or overflow(value, place, look.LARGE_TEXT))
            if why:
                line, column = doc.where((*keypath, lang)) if doc else (1, 1)
                label = " ".join(NAMES.get(k, str(k + 1 if isinstance(k, int) else k))
                                 for k in keypath)  # fmt: skip
                problems.append(
                    Problem(str(workshop.path), line, column, f"{label} ({lang}) {why}")
                )
    return problems
