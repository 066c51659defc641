"""Workshop packs (a folder of workshops: on a USB stick, or unpacked from the listing's zip):
check one, then install it.

`check_against_kit` is the one check of `workshops import`, the sync's packs and `workshops
pack`. An install replaces the folder's previous pack as a whole, in one rename: never half.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import secrets
import shutil
from pathlib import Path

from devices.kitconfig import KitSpec, load_kit
from devices.yamlsource import Problem
from kiosk.core.datafile import fsync_dir
from kiosk.library import Library, workshop_files
from kiosk.lint import lint_workshop
from kiosk.workshop import load_workshop
from kiosk.workshop_model import Workshop

STAGE_PREFIX = ".import-"  # staging folders next to the target, named .import-<target>-<random>


class KitProblems(Exception):
    """The kit file has problems: no pack can be judged against it until it is fixed."""

    def __init__(self, problems: list[Problem]):
        super().__init__("the kit has problems: fix it before importing workshops")
        self.problems = problems


def check_against_kit(
    kit_path: Path, folder: Path, others: list[Path]
) -> tuple[list[Workshop], list[Problem]]:
    """check_pack against the kit file's kit (KitProblems if the kit itself is not valid)."""
    kit, problems = load_kit(kit_path)
    if kit is None or problems:
        raise KitProblems(problems)
    return check_pack(folder, kit, others)


def check_pack(
    folder: Path, kit: KitSpec | None, others: list[Path]
) -> tuple[list[Workshop], list[Problem]]:
    """The pack's workshops, and every problem: invalid files and ids used elsewhere.

    `others` are the library folders the pack must not clash with (the shipped library and
    the config's workshops_dirs); the previously imported pack is replaced, so it is not one.
    """
    library = Library()
    for other in others:
        for path in workshop_files(other):
            workshop = load_workshop(path, None)[0]  # only its id matters here
            if workshop is not None:
                library.add(workshop)
    files = workshop_files(folder)
    if not files:
        return [], [Problem(str(folder), 1, 1, "no workshop files (*.yaml) in this folder")]
    workshops, problems = [], []
    for path in files:
        workshop, found = load_workshop(path, kit)
        problems.extend(found)
        if workshop is None:
            continue
        lint = lint_workshop(workshop)  # text that would not fit the screen: same as validate
        problems.extend(lint)
        if lint:
            continue
        if library.add(workshop):
            workshops.append(workshop)
        else:
            problems.append(library.problems[-1])
    return workshops, problems


def pack_files(workshops: list[Workshop], folder: Path) -> list[tuple[str, Path]]:
    """Every file a pack's workshops need, by its name inside the pack: each workshop file and
    its steps' pictures (nothing else of the folder), in name order."""
    base = folder.resolve()
    files = {}
    for workshop in workshops:
        files[workshop.path.name] = workshop.path
        for step in workshop.steps:
            if step.picture is not None:
                files[step.picture.relative_to(base).as_posix()] = step.picture
    return sorted(files.items())


def install_pack(
    workshops: list[Workshop], folder: Path, target: Path, extra: dict[str, bytes] | None = None
) -> None:
    """Copy the workshops and their pictures (and `extra` files: name -> bytes) into `target`,
    replacing what was there at once."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    for leftover in target.parent.glob(f"{STAGE_PREFIX}{target.name}-*"):
        shutil.rmtree(leftover)  # from an import that was cut off; never visible to the kiosk
    stage = target.parent / f"{STAGE_PREFIX}{target.name}-{secrets.token_hex(4)}"
    stage.mkdir(mode=0o700)
    try:
        for name, source in pack_files(workshops, folder):
            _copy(source, stage / name)
        for name, body in (extra or {}).items():
            with open(stage / name, "xb") as f:
                f.write(body)
                os.fsync(f.fileno())
        for sub in sorted({p.parent for p in stage.rglob("*")}, reverse=True):
            fsync_dir(sub)
        _swap(stage, target)
    finally:
        shutil.rmtree(stage, ignore_errors=True)  # the old pack after a swap, or a failed stage
    fsync_dir(target.parent)


def _copy(source: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, dest)
    with open(dest, "rb+") as f:
        os.fsync(f.fileno())


def _swap(stage: Path, target: Path) -> None:
    """Make `stage` the target in one step; the old target (if any) ends up at `stage`."""
    if not target.exists():
        os.rename(stage, target)
    elif not _exchange(stage, target):
        # No RENAME_EXCHANGE on this filesystem: two renames, the old one kept until the end.
        old = stage.with_name(stage.name + "-old")
        os.rename(target, old)
        os.rename(stage, target)
        os.rename(old, stage)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system cannot."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))
