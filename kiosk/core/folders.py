"""Where this kiosk's workshops come from, in one place: the shipped library, the config's
`workshops_dirs`, the pack imported from a USB stick, then the packs the listing sent (the
plan's in its order); and the library loaded from them.

A later folder may not reuse an id: the clash is reported (`Library.add`), never dropped.
"""

from __future__ import annotations

from pathlib import Path

from devices.kitconfig import KitSpec
from kiosk.config import Config
from kiosk.core.packstore import ordered, pack_dir
from kiosk.core.plan import Plan, load_plan
from kiosk.library import Library, load_library, shipped_dir

BUILTIN, DIR, USB, PACK = "builtin", "dir", "usb", "pack:"  # a pack's source is pack:<sha256>


def sources(config: Config, plan: Plan | None = None) -> list[tuple[str, Path]]:
    """Every library folder, first to last, with where it comes from (`builtin`, `dir`, `usb`,
    `pack:<sha256>`); `plan` saves reading the kept plan again."""
    plan = plan or load_plan(config.data_dir)
    found = [(BUILTIN, shipped_dir()), *((DIR, d) for d in config.workshops_dirs)]
    found.append((USB, config.imported_workshops_dir))
    for sha in ordered(config.data_dir, plan):
        found.append((PACK + sha, pack_dir(config.data_dir, sha)))
    return found


def library_folders(config: Config, *, imported: bool = True) -> list[Path]:
    """The library's folders, first to last; `imported=False` leaves out the imported pack
    (which a new import replaces)."""
    return [path for source, path in sources(config) if imported or source != USB]


def open_library(config: Config, kit: KitSpec | None) -> Library:
    """Every workshop of the library's folders, checked against the kit; a folder that does
    not exist (no pack imported yet) has none."""
    return load_library([f for f in library_folders(config) if f.is_dir()], kit)


def fingerprint(config: Config) -> list:
    """Every file of the library's folders with its size and time: it changes when a workshop
    is added, edited or removed, a pack installed or gone, a USB pack imported."""
    marks = []
    for _, folder in sources(config):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            try:
                info = path.stat()
            except OSError:  # removed while we looked: the next look sees it gone
                continue
            marks.append([str(path), info.st_size, info.st_mtime_ns])
    return marks
