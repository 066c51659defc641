"""Where this kiosk's workshops come from, in one place: the shipped library, the config's
`workshops_dirs`, then the pack imported from a USB stick; and the library loaded from them.

A later folder may not reuse an id: the clash is reported (`Library.add`), never dropped.
"""

from __future__ import annotations

from pathlib import Path

from devices.kitconfig import KitSpec
from kiosk.config import Config
from kiosk.library import Library, load_library, shipped_dir


def library_folders(config: Config, *, imported: bool = True) -> list[Path]:
    """The library's folders, first to last; `imported=False` leaves out the imported pack
    (which a new import replaces)."""
    folders = [shipped_dir(), *config.workshops_dirs]
    return [*folders, config.imported_workshops_dir] if imported else folders


def open_library(config: Config, kit: KitSpec | None) -> Library:
    """Every workshop of the library's folders, checked against the kit; a folder that does
    not exist (no pack imported yet) has none."""
    return load_library([f for f in library_folders(config) if f.is_dir()], kit)
