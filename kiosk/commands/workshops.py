"""`stem-kiosk workshops list|pack`: every workshop the kiosk can run and where it comes from;
a pack for the listing, built only after the very check a kiosk will run on it.

list: exit 0, or 1 when a file of the library has a problem (the valid ones are listed).
pack: exit 0 built, 1 a problem in the folder (each printed, no file written), 2 not a folder.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import secrets
import sys
import tempfile
from pathlib import Path

from devices.kitconfig import load_kit
from kiosk.commands.common import OK, PROBLEM, USAGE, config_of, fail
from kiosk.core.folders import BUILTIN, DIR, sources
from kiosk.core.plan import MAX_PACK_BYTES
from kiosk.library import load_library
from kiosk.packinstall import check_archive
from kiosk.packs import KitProblems, check_against_kit, pack_files
from kiosk.packzip import PackRefused, build


def list_workshops(args: argparse.Namespace) -> int:
    config = config_of(args)
    spec, kit_problems = load_kit(config.kit)
    folders = sources(config)
    library = load_library([f for _, f in folders if f.is_dir()], spec)
    source_of = {folder.resolve(): source for source, folder in folders}
    rows = [
        {"id": w.id, "version": w.version, "source": source_of.get(w.path.parent.resolve(), "?"),
         "title": w.as_json()["title"]}
        for w in sorted(library.workshops.values(), key=lambda w: w.id)
    ]  # fmt: skip
    problems = [*kit_problems, *library.problems]
    for problem in problems:
        print(problem, file=sys.stderr)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"{row['id']:<24} {row['version']:<10} {row['source']:<16} {row['title']['nl']}")
    return PROBLEM if problems else OK


def pack(args: argparse.Namespace) -> int:
    folder, out = Path(args.dir), Path(args.out)
    if not folder.is_dir():
        return fail(f"{folder} is not a folder: give the folder that holds the workshops", USAGE)
    config = config_of(args)
    # A kiosk checks a pack against its shipped library and its own folders: so does this.
    others = [path for source, path in sources(config) if source in (BUILTIN, DIR)]
    try:
        workshops, problems = check_against_kit(config.kit, folder, others)
        if problems:
            return _refused(problems)
        temp = out.with_name(f".{out.name}.{secrets.token_hex(4)}")
        try:
            build(pack_files(workshops, folder), temp)
            with tempfile.TemporaryDirectory(prefix="stem-pack-") as scratch:
                # the very check a kiosk runs on the bytes it downloaded
                problems = check_archive(config, temp, Path(scratch) / "pack", others)[2]
            if problems:
                return _refused(problems)
            size = temp.stat().st_size
            if size > MAX_PACK_BYTES:
                return fail(f"the pack is {size} bytes, more than the 50 MiB a pack may have",
                            PROBLEM)  # fmt: skip
            os.replace(temp, out)
        finally:
            temp.unlink(missing_ok=True)
    except KitProblems as err:
        return _refused(err.problems, str(err))
    except PackRefused as err:
        return _refused([err.problem])
    except OSError as err:
        return fail(f"cannot write {out}: {err.strerror}", PROBLEM)
    sha = hashlib.sha256(out.read_bytes()).hexdigest()
    ids = ", ".join(w.id for w in workshops)
    print(f"built {out}: {len(workshops)} workshop(s) ({ids}), {size} bytes")
    print(sha)
    return OK


def _refused(problems: list, message: str = "") -> int:
    for problem in problems:
        print(problem)
    return fail(message or f"{len(problems)} problem(s): no pack was built", PROBLEM)
