"""What the screens say about the listing's plan and packs: today's stop on Home (cancelled or
not), a planned workshop this kiosk lacks, and the facilitator's line on the plan and its packs.

Read from the data dir as the sync process keeps it; never from the network.
"""

from __future__ import annotations

import datetime as dt

import pygame

from kiosk.core.packstore import INSTALLED, PENDING, REFUSED, states
from kiosk.core.plan import load_plan
from kiosk.ui.labels import stop_name
from kiosk.ui.widgets import Button


def today_stop_label(app) -> tuple[str, str, str, str | None]:
    """Home's stop button: the stop's name, the line under it, its kind and icon (a cancelled
    stop is red, with a warning mark, and says so)."""
    t = app.text.t
    if app.stop is None:
        return t("ui.home.pick_stop"), t("ui.home.stop"), "normal", None
    if app.stop.cancelled:
        return stop_name(app, app.stop), t("ui.stop.cancelled"), "danger", "warning"
    return stop_name(app, app.stop), t("ui.home.stop"), "normal", None


def missing_tile(app, workshop_id: str, rect: pygame.Rect) -> Button:
    """A planned workshop this kiosk does not have: greyed out, saying so."""
    detail = app.text.t("ui.home.missing")
    return Button(f"home.missing.{workshop_id}", rect, workshop_id, None, detail=detail)


def plan_line(app) -> str:
    """ "plan of 12 Feb, 2 packs installed, 1 refused: <its first problem>", in the app's
    language; or that there is no plan yet."""
    text = app.text
    data_dir = app.station.config.data_dir
    plan = load_plan(data_dir)
    if plan is None:
        return text.t("ui.plan.none")
    packs = states(data_dir, plan)
    parts = [text.t("ui.plan.of", date=day(app, plan.received_at))]
    parts.append(text.tn("ui.plan.installed", sum(p.state == INSTALLED for p in packs)))
    refused = [p for p in packs if p.state == REFUSED]
    if refused:
        parts.append(text.tn("ui.plan.refused", len(refused), reason=refused[0].detail or ""))
    pending = sum(p.state == PENDING for p in packs)
    if pending:
        parts.append(text.tn("ui.plan.pending", pending))
    return ", ".join(parts)


def day(app, when: dt.datetime | None) -> str:
    """A day as "12 feb" in the app's language (the kiosk's local date)."""
    local = (when or dt.datetime.now(dt.UTC)).astimezone()
    month = app.text.t(f"ui.month.{local.month}")
    return app.text.t("ui.date", day=local.day, month=month)
