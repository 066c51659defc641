"""What the public may see of a session's attendance: one rule for the agenda page, its JSON-LD
and /v1/activities, so no public view singles out one or two youths at a place and minute.

An age band's count is shown only from PUBLIC_DETAIL_MIN on; the smaller bands together are
"other ages"; with no band that large, only the total is shown.
"""

from __future__ import annotations

from listing.settings import PUBLIC_DETAIL_MIN

OTHER = "other"  # the key of the folded bands


def public_bands(bands: dict[str, int]) -> dict[str, int] | None:
    """The bands of at least PUBLIC_DETAIL_MIN in their order, then OTHER (the rest, if any);
    None when no band is that large (the total alone is public)."""
    shown = {band: n for band, n in bands.items() if n >= PUBLIC_DETAIL_MIN}
    if not shown:
        return None
    rest = sum(bands.values()) - sum(shown.values())
    return shown | ({OTHER: rest} if rest else {})
