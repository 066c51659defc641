"""`stem-kiosk validate [PATH ...]`: check workshops, kit, tour and config files.

One line per problem (`path:line:column: message`); exit 0 when all are valid, 1 otherwise.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from devices.kitconfig import KitSpec, load_kit
from devices.yamlsource import Problem, SourceError, read
from kiosk.commands.common import OK, PROBLEM, config_of
from kiosk.config import KEYS as CONFIG_KEYS
from kiosk.config import load_config
from kiosk.library import shipped_dir, workshop_files
from kiosk.tour import load_tour
from kiosk.workshop import load_workshop


def register(sub) -> None:
    parser = sub.add_parser(
        "validate", help="check workshop, kit, tour and config files (exit 1 on any problem)"
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or folders (default: everything the config points at)",
    )
    parser.set_defaults(handler=handle)


def kind_of(path: Path) -> str:
    """What a file is, from its top-level keys: workshop, kit, tour or config."""
    try:
        data = read(path).data
    except SourceError:
        return "workshop"  # its read problem is reported the same whatever it is
    keys = set(data) if isinstance(data, dict) else set()
    if "steps" in keys:
        return "workshop"
    if "devices" in keys and "id" not in keys:
        return "kit"
    if "stops" in keys:
        return "tour"
    if keys and keys <= set(CONFIG_KEYS):
        return "config"
    return "workshop"


def handle(args: argparse.Namespace) -> int:
    config = config_of(args)
    if args.paths:
        files: list[tuple[str, Path]] = []
        for given in map(Path, args.paths):
            paths = workshop_files(given) if given.is_dir() else [given]
            files.extend((kind_of(p), p) for p in paths)
    else:
        files = [("config", config.path), ("kit", config.kit)]
        if config.tour:
            files.append(("tour", config.tour))
        for folder in [shipped_dir(), *config.workshops_dirs, config.imported_workshops_dir]:
            files.extend(("workshop", p) for p in workshop_files(folder))
    kit_path = next((p for k, p in files if k == "kit"), config.kit)
    kit, kit_problems = load_kit(kit_path)
    problems: list[Problem] = []
    bad_files = 0
    for kind, path in files:
        found = _check(kind, path, kit, kit_problems if path == kit_path else None)
        bad_files += bool(found)
        problems.extend(found)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {bad_files} of {len(files)} file(s)")
        return PROBLEM
    print(f"{len(files)} file(s) checked, all valid")
    return OK


def _check(kind: str, path: Path, kit: KitSpec | None, kit_problems: list | None) -> list:
    if kind == "kit":
        return kit_problems if kit_problems is not None else load_kit(path)[1]
    if kind == "tour":
        return load_tour(path)[1]
    if kind == "config":
        return load_config(path)[1]
    return load_workshop(path, kit)[1]
