"""Content lint: does every text of a workshop fit the kiosk's 800x480 screen at its own size?

Measured with the kiosk's font in the boxes the screens draw in (kiosk/look.py).
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


HEADING = Place("the title line", look.HEADING, look.HEADING_SIZE, bold=True)
STEP = Place("the step screen", look.STEP_TEXT, look.STEP_TEXT_SIZE)
HINT = Place("the hint box", look.HINT_TEXT, look.HINT_SIZE)
NAMES = {"steps": "step", "choices": "choice"}  # "step 3 choice 2 text (nl)"


def overflow(text: str, place: Place) -> str | None:
    """Why the text does not fit its place at its size (None when it fits)."""
    font = look.font(place.size, place.bold)
    lines = look.wrap(text, font, place.box.w)
    room = place.box.h // font.get_linesize()
    wide = [w for w in text.split() if font.size(w)[0] > place.box.w]
    if wide:
        return f"the word '{wide[0]}' is wider than {place.name} at {place.size} px"
    if len(lines) > room:
        extra = len(lines) - room
        return (
            f"does not fit {place.name}: {len(lines)} lines at {place.size} px where {room} "
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
    """One problem per text (and language) that does not fit the screen, at that text."""
    try:
        doc: Document | None = read(workshop.path)
    except SourceError:
        doc = None  # it loaded a moment ago; point at the file's top if it changed since
    problems = []
    for keypath, text, place in texts(workshop):
        for lang in LANGUAGES:
            value = getattr(text, lang)
            why = overflow(value, place) if value else None
            if why:
                line, column = doc.where((*keypath, lang)) if doc else (1, 1)
                label = " ".join(NAMES.get(k, str(k + 1 if isinstance(k, int) else k))
                                 for k in keypath)  # fmt: skip
                problems.append(
                    Problem(str(workshop.path), line, column, f"{label} ({lang}) {why}")
                )
    return problems
