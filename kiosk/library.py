"""The workshop library: every workshop the kiosk can offer, loaded and checked against the kit.

One bad file never stops the others; its problems are kept to show the facilitator.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from devices.kitconfig import KitSpec
from devices.yamlsource import Problem
from kiosk.workshop import load_workshop
from kiosk.workshop_model import Workshop


def shipped_dir() -> Path:
    """The built-in library: the YAML files of the `workshops` package."""
    return Path(str(resources.files("workshops")))


def workshop_files(folder: str | os.PathLike) -> list[Path]:
    """The workshop files directly in a folder, in name order."""
    return sorted(p for p in Path(folder).glob("*.yaml") if p.is_file())


@dataclass
class Library:
    workshops: dict[str, Workshop] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def sorted(self) -> list[Workshop]:
        return sorted(self.workshops.values(), key=lambda w: (w.title.nl.lower(), w.id))

    def add(self, workshop: Workshop) -> bool:
        """Take a workshop in, unless an earlier file already uses its id (then a problem)."""
        first = self.workshops.get(workshop.id)
        if first is None:
            self.workshops[workshop.id] = workshop
            return True
        line, column = workshop.where
        message = f"workshop id '{workshop.id}' is already used by {first.path}:{first.where[0]}"
        self.problems.append(Problem(str(workshop.path), line, column, message))
        return False


def load_library(folders: list[Path], kit: KitSpec | None) -> Library:
    """Load every workshop of the given folders (later folders may not reuse an id)."""
    library = Library()
    for folder in folders:
        for path in workshop_files(folder):
            workshop, problems = load_workshop(path, kit)
            library.problems.extend(problems)
            if workshop is not None:
                library.add(workshop)
    return library
