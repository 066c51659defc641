"""The one font every drawing uses (DejaVu Sans, shipped in devices/fonts), found by path.

The kiosk's theme and the wiring pictures both load it from here.
"""

from __future__ import annotations

from importlib import resources


def font_file(bold: bool = False) -> str:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return str(resources.files("devices") / "fonts" / name)
