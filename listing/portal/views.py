"""How the portal says things that pages share: a time in local words ("12 februari 2027
15:10", "3 dagen geleden"), a fleet concern in a sentence, a kiosk's report as table cells.
"""

from __future__ import annotations

from datetime import datetime

from listing.fleet import Concern, KioskState, megabytes
from listing.i18n import Catalogue
from listing.localtime import ZONE
from listing.models.stored import parse_utc_text


def when(text: str | None) -> str:
    """A time (stored UTC text, or RFC 3339 as a kiosk reported it) as local date and clock
    time; "" for none."""
    if not text:
        return ""
    moment = datetime.fromisoformat(text)
    return f"{moment.astimezone(ZONE) if moment.tzinfo else moment:%Y-%m-%d %H:%M}"


def ago(text: str | None, now: datetime, cat: Catalogue) -> str:
    """How long ago, in words: "zonet", "12 minuten geleden", "5 uur geleden", "3 dagen ..."."""
    if not text:
        return cat.t("never")
    seconds = max(0, (now - parse_utc_text(text)).total_seconds())
    if seconds < 60:
        return cat.t("ago_now")
    if seconds < 3600:
        return cat.tn("ago_minutes", int(seconds // 60))
    if seconds < 2 * 86400:
        return cat.tn("ago_hours", int(seconds // 3600))
    return cat.tn("ago_days", int(seconds // 86400))


# The concerns that count something, each asked for by name (so the catalogue's tests see it).
COUNTED = {
    "concern_silent": lambda cat, n: cat.tn("concern_silent", n),
    "concern_attention": lambda cat, n: cat.tn("concern_attention", n),
    "concern_refused": lambda cat, n: cat.tn("concern_refused", n),
    "concern_kit": lambda cat, n: cat.tn("concern_kit", n),
}


def concern(c: Concern, cat: Catalogue) -> str:
    """A fleet concern in a sentence."""
    return cat.t(c.key, **c.values) if c.count is None else COUNTED[c.key](cat, c.count)


def clock(report: dict, cat: Catalogue) -> str:
    """The kiosk's clock: how it was set and how far off the listing's it is."""
    source = report.get("time_source")
    said = {
        "ntp": cat.t("clock_ntp"),
        "corrected": cat.t("clock_corrected"),
        "unsynced": cat.t("clock_unsynced"),
    }.get(source, cat.t("unknown"))
    offset = report.get("clock_offset_s")
    return said if offset is None else f"{said}, {offset:+.1f} s"


def kiosk_row(
    state: KioskState, now: datetime, cat: Catalogue, pack_names: dict, held: int | None
) -> dict:
    """One kiosk as the fleet table shows it (`held`: the sessions the listing holds of it)."""
    report = state.report.report if state.report else {}
    sessions = report.get("sessions") or {}
    refused = [
        (pack_names.get(p["sha256"], p["sha256"][:12]), p.get("detail") or cat.t("no_reason"))
        for p in report.get("packs") or []
        if p["state"] == "refused"
    ]
    kit = report.get("kit") or {}
    disk = report.get("disk_free_bytes")
    return {
        "kiosk_id": state.kiosk.kiosk_id,
        "urgent": state.urgent,
        "revoked": state.revoked,
        "silent": state.silent and not state.revoked,
        "behind": state.behind and not state.revoked,
        "heard": when(state.heard_at),
        "ago": ago(state.heard_at, now, cat),
        "version": state.version or cat.t("unknown"),
        "tour": state.kiosk.tour_name,
        "reported": bool(report),
        "on_kiosk": sessions.get("total"),
        "waiting": sessions.get("unconfirmed"),
        "attention": sessions.get("attention"),
        "held": held,
        "refused": refused,
        "kit_failed": [(f["device"], f.get("detail") or "") for f in kit.get("failed") or []],
        "kit_checked": when(kit.get("checked_at")),
        "clock": clock(report, cat) if report else "",
        "disk": megabytes(disk) if disk is not None else "",
        "concerns": [concern(c, cat) for c in state.concerns],
    }
