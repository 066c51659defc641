"""`stem-kiosk workshops import PATH`: check a workshop pack against the kit, then install it.

Exit 0 installed; 1 any problem (each printed as path:line:column, nothing installed);
2 PATH is not a folder. The pack replaces the previously imported one.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from kiosk.commands.common import OK, PROBLEM, USAGE, config_of, fail
from kiosk.core.folders import library_folders
from kiosk.library import workshop_files
from kiosk.packs import KitProblems, check_against_kit, install_pack


def workshop_import(args: argparse.Namespace) -> int:
    folder = Path(args.path)
    try:
        if not folder.is_dir():
            return fail(f"{folder} is not a folder: give the folder that holds the pack", USAGE)
        os.listdir(folder)
    except OSError as err:
        return fail(f"cannot read {folder}: {err.strerror} (is it readable by this user?)", PROBLEM)
    config = config_of(args)
    try:
        others = library_folders(config, imported=False)
        workshops, problems = check_against_kit(config.kit, folder, others)
    except KitProblems as err:
        for problem in err.problems:
            print(problem)
        return fail(str(err), PROBLEM)
    if problems:
        for problem in problems:
            print(problem)
        return fail(f"{len(problems)} problem(s) in the pack: nothing was imported", PROBLEM)
    target = config.imported_workshops_dir
    before = len(workshop_files(target)) if target.is_dir() else 0
    try:
        install_pack(workshops, folder, target)
    except OSError as err:
        return fail(f"cannot install into {target}: {err.strerror}; nothing changed", PROBLEM)
    ids = ", ".join(w.id for w in workshops)
    print(f"imported {len(workshops)} workshop(s) into {target}: {ids}")
    if before:
        print(f"(they replace the {before} workshop(s) imported before)")
    return OK
