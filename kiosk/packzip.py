"""A workshop pack as a zip file (listing-api.md, Fleet): unpacked as untrusted input (no path
leaving the pack, no links or special files, caps on files, size and compression: no zip bomb),
and built deterministically from a checked folder (the same files give the same bytes).
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from devices.yamlsource import Problem

MAX_FILES = 1000
MAX_UNPACKED = 200 * 1024 * 1024  # bytes, all files together
MAX_RATIO = 100  # unpacked/packed for a file over RATIO_FROM bytes: more is a zip bomb
RATIO_FROM = 1024 * 1024
MAX_NAME = 1024
CHUNK = 64 * 1024
METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the zip format's first day: no build time in the bytes


class PackRefused(Exception):
    """The pack's bytes are not a pack the kiosk will take; `problem` says where and why."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def unpack(archive: Path, dest: Path) -> Path:
    """Unpack `archive` into the new folder `dest` (0700); returns the folder holding the
    workshops: `dest`, or its one top folder. Raises PackRefused on the first problem."""
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, EOFError) as err:
        raise PackRefused(Problem(archive.name, 1, 1, f"not a zip archive ({err})")) from None
    with zf:
        members = _checked(zf.infolist(), archive.name)
        dest.mkdir(mode=0o700)
        for info in members:
            _extract(zf, info, dest)
    return _workshop_root(dest)


def _checked(members: list[zipfile.ZipInfo], name: str) -> list[zipfile.ZipInfo]:
    """Every entry, refused before a byte is written if one would escape, link or blow up."""
    if len(members) > MAX_FILES:
        raise PackRefused(Problem(name, 1, 1, f"{len(members)} entries, more than {MAX_FILES}"))
    seen, total = set(), 0
    for info in members:
        where = info.filename
        why = _bad_name(where) or _bad_kind(info)
        if why is None and where.rstrip("/") in seen:
            why = "this name is in the pack twice"
        if why is None and info.flag_bits & 0x1:
            why = "encrypted entries are not allowed"
        if why is None and info.compress_type not in METHODS:
            why = "compressed by a method other than deflate"
        total += info.file_size
        if why is None and total > MAX_UNPACKED:
            why = f"the pack unpacks to more than {MAX_UNPACKED // 2**20} MiB"
        ratio = info.file_size / max(info.compress_size, 1)
        if why is None and info.file_size > RATIO_FROM and ratio > MAX_RATIO:
            why = f"compressed {ratio:.0f} to 1 (a zip bomb?): at most {MAX_RATIO} to 1"
        if why is not None:
            raise PackRefused(Problem(where, 1, 1, why))
        seen.add(where.rstrip("/"))
    return members


def _bad_name(name: str) -> str | None:
    if not name or len(name) > MAX_NAME or any(ord(c) < 32 for c in name) or "\\" in name:
        return "not a usable file name"
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "an absolute path: every path must stay inside the pack"
    parts = PurePosixPath(name).parts
    if ".." in parts or any(p in ("", ".") for p in name.rstrip("/").split("/")):
        return "a path with '..': every path must stay inside the pack"
    return None


def _bad_kind(info: zipfile.ZipInfo) -> str | None:
    kind = stat.S_IFMT(info.external_attr >> 16) if info.create_system == 3 else 0  # 3: Unix
    if kind == stat.S_IFLNK:
        return "a link: a pack holds only files and folders"
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):  # 0: no type given, a plain file
        return "a special file: a pack holds only files and folders"
    return None


def _extract(zf: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path) -> None:
    target = dest.joinpath(*PurePosixPath(info.filename).parts)
    if info.is_dir():
        target.mkdir(mode=0o700, parents=True, exist_ok=True)
        return
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    written = 0
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as out:
        for chunk in _chunks(zf, info):
            written += len(chunk)
            if written > info.file_size:  # zipfile checks too; a lying header stops here
                raise PackRefused(Problem(info.filename, 1, 1, "larger than its entry says"))
            out.write(chunk)  # an OSError here (disk full) is the kiosk's, not the pack's


def _chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo):
    """An entry's bytes; damage in the archive (bad CRC, broken deflate) refuses the pack."""
    try:
        with zf.open(info) as source:
            while chunk := source.read(CHUNK):
                yield chunk
    except (zipfile.BadZipFile, EOFError, zlib.error) as err:
        raise PackRefused(Problem(info.filename, 1, 1, f"damaged in the zip ({err})")) from None


def _workshop_root(dest: Path) -> Path:
    """Workshops stand at the pack's root or in its one top folder."""
    entries = list(dest.iterdir())
    if not any(p.suffix == ".yaml" for p in entries) and len(entries) == 1 and entries[0].is_dir():
        return entries[0]
    return dest


def build(files: list[tuple[str, Path]], out: Path) -> None:
    """Zip `files` ((name inside the pack, file) pairs) into `out` with fixed times and modes,
    in name order: the same files give the same bytes."""
    with zipfile.ZipFile(out, "w") as zf:
        for name, path in sorted(files):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            zf.writestr(info, path.read_bytes(), compresslevel=9)
