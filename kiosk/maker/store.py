"""The creations kept on the kiosk: one YAML file each under `data_dir/maker/` (owner-only), to
reopen, remix and delete; a file that does not load is skipped with a message, never deleted."""

from __future__ import annotations

import os
import random
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

from devices.yamlsource import Problem
from kiosk.configedit import write_atomically
from kiosk.maker import yamlfile
from kiosk.maker.names import fun_name
from kiosk.maker.rules import Creation, Rule

FOLDER = "maker"


def slug(name: str) -> str:
    """'Snelle Raket' -> snelle-raket (the file name, without .yaml)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "uitvinding"


class Store:
    """The creations in one data directory. Each call reads the folder afresh: a file someone
    fixed by hand counts at once, and no two screens keep copies that disagree."""

    def __init__(self, data_dir: str | os.PathLike, rng: random.Random | None = None):
        self.folder = Path(data_dir) / FOLDER
        self._rng = rng or random.Random()

    def load(self) -> tuple[list[Creation], list[Problem]]:
        """Every creation that loads, by name; and why each other file was skipped."""
        creations: dict[str, Creation] = {}
        problems: list[Problem] = []
        for path in sorted(self.folder.glob("*.yaml")) if self.folder.is_dir() else []:
            creation, found = yamlfile.load(path)
            if creation is None:
                problems += found
            elif creation.name.casefold() in creations:
                message = f"another file already holds a creation named '{creation.name}'"
                problems.append(Problem(str(path), 1, 1, message))
            else:
                creations[creation.name.casefold()] = creation
        return sorted(creations.values(), key=lambda c: c.name.casefold()), problems

    def get(self, name: str) -> Creation | None:
        """The creation of that name (any case), or None."""
        creations, _ = self.load()
        return next((c for c in creations if c.name.casefold() == name.casefold()), None)

    def new(self, rules: tuple[Rule, ...] = ()) -> Creation:
        """A creation with a fresh fun name, saved at once."""
        return self.save(Creation(self.fresh_name(), rules))

    def save(self, creation: Creation) -> Creation:
        """Write the creation to its own file, replacing an older version of it but never a
        file that holds something else (ValueError)."""
        path = self.path(creation.name)
        if path.exists():
            current, _ = yamlfile.load(path)
            if current is None or current.name.casefold() != creation.name.casefold():
                raise ValueError(f"{path} holds another creation or a file that does not load")
        self._ensure_folder()
        write_atomically(path, yamlfile.dump(creation))
        return creation

    def remix(self, name: str) -> Creation | None:
        """A copy of the creation under a new fun name (saved), or None if there is no such."""
        original = self.get(name)
        if original is None:
            return None
        return self.save(replace(original, name=self.fresh_name()))

    def delete(self, name: str) -> bool:
        """Delete the creation's file; False if no creation of that name loads."""
        creation = self.get(name)
        if creation is None:
            return False
        self.path(creation.name).unlink(missing_ok=True)
        return True

    def path(self, name: str) -> Path:
        return self.folder / f"{slug(name)}.yaml"

    def fresh_name(self) -> str:
        """Unique among the creations and the files, even those that do not load."""
        creations, _ = self.load()
        files = {p.stem for p in self.folder.glob("*.yaml")} if self.folder.is_dir() else set()
        taken = [c.name for c in creations]
        while True:
            name = fun_name(taken, self._rng)
            if slug(name) not in files:
                return name
            taken.append(name)

    def _ensure_folder(self) -> None:
        for folder in (self.folder.parent, self.folder):
            if not folder.exists():
                folder.mkdir(parents=True, mode=0o700)
                os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask
