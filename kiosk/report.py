"""Participation totals per stop, workshop and age band, as text and as a pygame bar chart PNG.

Counts only (no names); cancelled sessions are left out. The Pi needs no plotting library.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.i18n import Catalogue
from kiosk.journal import BANDS

CHART_WIDTH = 900
BAR_HEIGHT = 26
LABEL_WIDTH = 330
MARGIN = 24


@dataclass
class Totals:
    sessions: int = 0
    participants: int = 0
    returning: int = 0
    by_stop: Counter = field(default_factory=Counter)
    by_workshop: Counter = field(default_factory=Counter)
    by_band: Counter = field(default_factory=Counter)


def totals(snapshots: list[dict[str, Any]], lang: str = "nl") -> Totals:
    """Add up the snapshots that are not cancelled; every band appears, even at 0."""
    result = Totals(by_band=Counter(dict.fromkeys(BANDS, 0)))
    for s in snapshots:
        if s["status"] == "cancelled":
            continue
        att = s["attendance"]
        result.sessions += 1
        result.participants += att["total"]
        result.returning += att.get("returning", 0)
        stop = s["stop"]
        result.by_stop[f"{stop['name']} ({stop['municipality']})"] += att["total"]
        title = s["workshop"]["title"]
        result.by_workshop[title.get(lang) or title["nl"]] += att["total"]
        result.by_band.update(att["age_bands"])
    return result


def sections(t: Totals, cat: Catalogue) -> list[tuple[str, list[tuple[str, int]]]]:
    """The report's parts in order: (heading, [(label, count), ...])."""
    return [
        (cat.t("journal.report.by_band"), [(_band(band, cat), t.by_band[band]) for band in BANDS]),
        (cat.t("journal.report.by_stop"), sorted(t.by_stop.items(), key=lambda kv: -kv[1])),
        (cat.t("journal.report.by_workshop"), sorted(t.by_workshop.items(), key=lambda kv: -kv[1])),
    ]


def _band(band: str, cat: Catalogue) -> str:
    return cat.t("journal.band.unknown") if band == "unknown" else band


def summary(t: Totals, cat: Catalogue) -> str:
    """ "1 sessie, 3 deelnemers, 0 kwamen terug": each count in its own plural form."""
    return cat.t(
        "journal.report.summary",
        sessions=cat.tn("journal.report.sessions", t.sessions),
        participants=cat.tn("journal.report.participants", t.participants),
        returning=cat.tn("journal.report.returning", t.returning),
    )


def text_report(t: Totals, cat: Catalogue) -> str:
    lines = [summary(t, cat)]
    for heading, rows in sections(t, cat):
        lines += ["", heading]
        lines += [f"  {label:<40} {count:>6}" for label, count in rows]
    return "\n".join(lines)


def draw_chart(t: Totals, cat: Catalogue, path: str | os.PathLike) -> None:
    """A PNG with one horizontal bar chart per section, drawn in the kiosk's font and colours."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from kiosk import look

    pygame.font.init()
    parts = sections(t, cat)
    rows = sum(len(r) or 1 for _, r in parts)
    height = MARGIN * 2 + 50 + len(parts) * 50 + rows * (BAR_HEIGHT + 6)
    surface = pygame.Surface((CHART_WIDTH, height))
    surface.fill(look.BACKGROUND)
    title = cat.t("journal.report.title")
    surface.blit(look.font(24, bold=True).render(title, True, look.INK), (MARGIN, MARGIN))
    surface.blit(look.font(15).render(summary(t, cat), True, look.MUTED), (MARGIN, MARGIN + 32))
    y = MARGIN + 70
    label_font, value_font = look.font(15), look.font(15, bold=True)
    bar_room = CHART_WIDTH - LABEL_WIDTH - 2 * MARGIN - 60
    for heading, items in parts:
        surface.blit(look.font(18, bold=True).render(heading, True, look.INK), (MARGIN, y))
        y += 34
        top = max((count for _, count in items), default=0) or 1
        for label, count in items or [(cat.t("journal.report.none"), 0)]:
            text = _fit(label_font, label, LABEL_WIDTH - 10)
            surface.blit(label_font.render(text, True, look.INK), (MARGIN, y + 4))
            width = round(bar_room * count / top)
            bar = pygame.Rect(MARGIN + LABEL_WIDTH, y, max(width, 2), BAR_HEIGHT)
            pygame.draw.rect(surface, look.ACCENT, bar)
            value = value_font.render(str(count), True, look.INK)
            surface.blit(value, (bar.right + 8, y + 4))
            y += BAR_HEIGHT + 6
        y += 16
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surface, str(path))


def _fit(font, text: str, width: int) -> str:
    """The text, shortened with an ellipsis until it fits the width."""
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text + "…"
