"""`stem-kiosk validate [PATH ...]`: check workshops, kit, tour and config files.

One line per problem (`path:line:column: message`); exit 0 when all are valid, 1 otherwise.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from devices.kitconfig import KitSpec, load_kit
from devices.yamlcheck import did_you_mean
from devices.yamlsource import Problem, SourceError, read
from kiosk.commands.common import OK, PROBLEM, config_of
from kiosk.config import KEYS as CONFIG_KEYS
from kiosk.config import load_config
from kiosk.core.folders import library_folders
from kiosk.library import Library, workshop_files
from kiosk.lint import lint_workshop
from kiosk.tour import load_tour
from kiosk.workshop import TOP_OPTIONAL, TOP_REQUIRED, load_workshop


def kind_of(path: Path) -> str:
    """What a file is, from its top-level keys: workshop, kit, tour or config."""
    try:
        data = read(path).data
    except SourceError:
        return "workshop"  # its read problem is reported the same whatever it is
    if not isinstance(data, dict):
        return "workshop"
    if "steps" in data:
        return "workshop"
    if "stops" in data:
        return "tour"
    if isinstance(data.get("devices"), dict):  # a workshop lists device names; a kit maps them
        return "kit"
    # Otherwise the kind whose keys the file's keys match best, misspellings included.
    scores = {
        kind: sum(1 for key in data if key in keys or did_you_mean(str(key), keys))
        for kind, keys in KIND_KEYS.items()
    }
    best = max(scores, key=lambda kind: scores[kind])
    return best if scores[best] > scores["workshop"] else "workshop"


KIND_KEYS = {
    "workshop": [*TOP_REQUIRED, *TOP_OPTIONAL],
    "kit": ["devices", "buses"],
    "tour": ["stops"],
    "config": CONFIG_KEYS,
}


def validate(args: argparse.Namespace) -> int:
    config = config_of(args)
    problems: list[Problem] = []
    if args.paths:
        files: list[tuple[str, Path]] = []
        for given in map(Path, args.paths):
            paths = workshop_files(given) if given.is_dir() else [given]
            files.extend((kind_of(p), p) for p in paths)
            if given.is_dir():
                problems.extend(_skipped(given))
    else:
        files = [("config", config.path), ("kit", config.kit)]
        if config.tour:
            files.append(("tour", config.tour))
        for folder in library_folders(config):
            files.extend(("workshop", p) for p in workshop_files(folder))
    files = list(dict.fromkeys(files))  # a file named twice is checked once
    kit_path = next((p for k, p in files if k == "kit"), config.kit)
    kit, kit_problems = load_kit(kit_path)
    library = Library()  # the workshops seen so far: an id may be used only once
    bad_files = len(problems)
    for kind, path in files:
        found = _check(kind, path, kit, kit_problems if path == kit_path else None, library)
        bad_files += bool(found)
        problems.extend(found)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {bad_files} of {len(files)} file(s)")
        return PROBLEM
    print(f"{len(files)} file(s) checked, all valid")
    return OK


def _check(
    kind: str, path: Path, kit: KitSpec | None, kit_problems: list | None, library: Library
) -> list:
    if kind == "kit":
        return kit_problems if kit_problems is not None else load_kit(path)[1]
    if kind == "tour":
        return load_tour(path)[1]
    if kind == "config":
        return load_config(path)[1]
    workshop, problems = load_workshop(path, kit)
    if workshop is None:
        return problems
    if not library.add(workshop):
        return library.problems[-1:]
    return lint_workshop(workshop)


def _skipped(folder: Path) -> list[Problem]:
    """Files a library folder holds that the kiosk would silently pass over."""
    return [
        Problem(str(p), 1, 1, "skipped: a workshop file's name must end in .yaml")
        for p in sorted(folder.glob("*.yml"))
    ]
