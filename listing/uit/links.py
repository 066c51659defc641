"""Where a person sees a stop's event: its data at the Entry API (readable without a token,
entry-api/events/create.md) and, on production, its page on UiTinVlaanderen (event-sameAs.json).
"""

from __future__ import annotations

import re
import unicodedata

PRODUCTION_ENTRY_URL = "https://io.uitdatabank.be"
PAGE = "https://www.uitinvlaanderen.be/agenda/e/{slug}/{event_id}"


def event_url(entry_url: str, event_id: str) -> str:
    """The event as UiTdatabank holds it (JSON), on the environment it was made in."""
    return f"{entry_url}/events/{event_id}"


def public_page(entry_url: str, event_id: str, name: str) -> str | None:
    """Its page on UiTinVlaanderen, for an event on production (test events have none)."""
    if entry_url != PRODUCTION_ENTRY_URL:
        return None
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "event"
    return PAGE.format(slug=slug, event_id=event_id)


def event_link(entry_url: str, event_id: str, name: str) -> str:
    """Where a person looks at the event: its public page on production, else its data."""
    return public_page(entry_url, event_id, name) or event_url(entry_url, event_id)
