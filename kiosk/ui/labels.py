"""How the screens name what they show: a device by its label, a reading with its unit, a stop
(the unknown place in the screen's language, though the journal keeps it in one).
"""

from __future__ import annotations

from kiosk.core.stops import UNKNOWN
from kiosk.stop import Stop


def device_label(app, name: str) -> str:
    spec = app.station.spec.devices.get(name) if app.station.spec else None
    return spec.label.get(app.text.lang) if spec else name


def show_value(value, unit: str) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        text = f"{value:.0f}" if abs(value) >= 100 else f"{value:.2f}".rstrip("0").rstrip(".")
        return f"{text} {unit}".strip()
    return f"{value} {unit}".strip()


def stop_name(app, stop: Stop) -> str:
    return app.text.t("ui.stop.unknown") if stop == UNKNOWN else stop.name


def stop_place(app, stop: Stop) -> str:
    """Its municipality, as the stop list shows it."""
    return app.text.t("ui.stop.unknown_town") if stop == UNKNOWN else stop.municipality
