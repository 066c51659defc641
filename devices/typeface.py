"""The one font every drawing uses (DejaVu Sans, shipped in devices/fonts), found by path, and
its monospaced sister (DejaVu Sans Mono) for program text.

The kiosk's theme and the wiring pictures both load it from here.
"""

from __future__ import annotations

from importlib import resources


def font_file(bold: bool = False) -> str:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return str(resources.files("devices") / "fonts" / name)


def mono_file() -> str:
    """DejaVu Sans Mono: program text, every character as wide as the next."""
    return str(resources.files("devices") / "fonts" / "DejaVuSansMono.ttf")
