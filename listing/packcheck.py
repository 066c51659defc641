"""Whether a zip is a well-formed workshop pack (listing-api.md, Fleet), and what it holds.

One check for `stem-listing pack add` and the portal's upload. The kiosks judge every workshop
themselves; the listing checks the pack's shape and reads each workshop's id, version, title,
summary and ages (for the agenda and UiTdatabank), noting the files it could not read so far.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

import yaml

from listing.models.incoming import AGE_RANGE_PATTERN, ID_PATTERN, age_range_problem
from listing.models.stored_fleet import PackWorkshop
from listing.settings import PACK_MAX_BYTES

MAX_WORKSHOP_BYTES = 1_048_576  # a workshop file larger than this is not read here
MAX_TITLE = 200
MAX_SUMMARY = 300  # workshops/README.md: a summary is one or two sentences
SUFFIX = ".yaml"


class PackRefused(ValueError):
    """Not a well-formed pack; the message says why (and which entry)."""


@dataclass(frozen=True)
class CheckedPack:
    """A well-formed pack: its bytes, their SHA-256, the workshops read from it, and notes on
    workshop files whose id, version, title or ages could not be read ("path:line:column: ...")."""

    content: bytes
    sha256: str
    workshops: tuple[PackWorkshop, ...]
    notes: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.content)


def read_pack_file(path: str | os.PathLike) -> bytes:
    """A pack file's bytes; PackRefused, unread, if it is larger than a pack may be."""
    with open(path, "rb") as file:
        size = os.fstat(file.fileno()).st_size
        if size > PACK_MAX_BYTES:
            raise PackRefused(_too_big(size))
        return file.read(PACK_MAX_BYTES + 1)


def check_pack(content: bytes) -> CheckedPack:
    """The pack if `content` is one; else PackRefused: over 50 MiB, not a zip, an entry with
    an absolute path, '..', a link or special file, encrypted, a name twice, no workshop files
    (*.yaml), or workshop files that do not all stand at the root or in the one top folder."""
    if len(content) > PACK_MAX_BYTES:
        raise PackRefused(_too_big(len(content)))
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, EOFError, ValueError) as err:
        raise PackRefused(f"not a zip archive ({err})") from None
    with archive:
        entries = archive.infolist()
        seen: set[str] = set()
        for entry in entries:
            why = _bad_entry(entry)
            if why is None and entry.filename.rstrip("/") in seen:
                why = "this name is in the pack twice"
            if why:
                raise PackRefused(f"{entry.filename}: {why}")
            seen.add(entry.filename.rstrip("/"))
        workshops, notes = _read_workshops(archive, _workshop_files(entries))
    return CheckedPack(content, hashlib.sha256(content).hexdigest(), workshops, notes)


def _too_big(size: int) -> str:
    return f"{size:,} bytes: a pack may have at most {PACK_MAX_BYTES // 1_048_576} MiB"


def _bad_entry(entry: zipfile.ZipInfo) -> str | None:
    name = entry.filename
    if not name or any(ord(c) < 32 for c in name) or "\\" in name:
        return "not a usable file name (empty, a control character or a backslash)"
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "an absolute path: every path must stay inside the pack"
    if ".." in PurePosixPath(name).parts:
        return "a path with '..': every path must stay inside the pack"
    kind = stat.S_IFMT(entry.external_attr >> 16)
    if kind == stat.S_IFLNK:
        return "a link: a pack holds only files and folders"
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        return "a special file: a pack holds only files and folders"
    if entry.flag_bits & 0x1:
        return "encrypted: a pack's files must be readable"
    return None


def _workshop_files(entries: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    """The workshop files: every *.yaml at the root, or, with the whole pack in one top folder,
    in that folder. Anywhere else is refused, so no kiosk silently skips a workshop."""
    files = [e for e in entries if not e.is_dir() and e.filename.endswith(SUFFIX)]
    if not files:
        raise PackRefused(f"no workshop files (*{SUFFIX}) in the pack")
    tops = {e.filename.split("/", 1)[0] for e in entries}
    folder = next(iter(tops)) + "/" if len(tops) == 1 and "/" in entries[0].filename else ""
    for entry in files:
        where = entry.filename[len(folder) :] if entry.filename.startswith(folder) else "/"
        if "/" in where:
            place = f"the one top folder {folder}" if folder else "the root"
            raise PackRefused(
                f"{entry.filename}: workshop files stand at the pack's root, or in its one top "
                f"folder when everything is in it; here they must be in {place}"
            )
    return sorted(files, key=lambda e: e.filename)


def _read_workshops(
    archive: zipfile.ZipFile, files: list[zipfile.ZipInfo]
) -> tuple[tuple[PackWorkshop, ...], tuple[str, ...]]:
    found: dict[str, PackWorkshop] = {}
    notes: list[str] = []
    for entry in files:
        try:
            document = _load(archive, entry)
        except _Unread as unread:
            notes.append(str(unread))
            continue
        workshop = workshop_facts(document)
        if workshop is None:
            notes.append(f"{entry.filename}:1:1: no workshop id (lower-case letters, digits, -)")
        elif workshop.id in found:
            notes.append(f"{entry.filename}:1:1: workshop id '{workshop.id}' is there twice")
        else:
            found[workshop.id] = workshop
    return tuple(found.values()), tuple(notes)


class _Unread(Exception):
    """A workshop file that could not be read as YAML: "path:line:column: message"."""


def _load(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> Any:
    name = entry.filename
    if entry.file_size > MAX_WORKSHOP_BYTES:
        raise _Unread(f"{name}:1:1: larger than {MAX_WORKSHOP_BYTES:,} bytes, not read")
    try:
        with archive.open(entry) as source:
            raw = source.read(MAX_WORKSHOP_BYTES + 1)
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError) as err:
        raise PackRefused(f"{name}: damaged in the zip ({err})") from None
    if len(raw) > MAX_WORKSHOP_BYTES:
        raise PackRefused(f"{name}: larger than its entry in the zip says")
    try:
        return yaml.safe_load(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise _Unread(f"{name}:1:1: not UTF-8 text ({err.reason})") from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise _Unread(f"{name}:{line}:{column}: not valid YAML: {err.problem}") from None
    except (yaml.YAMLError, RecursionError) as err:
        raise _Unread(f"{name}:1:1: not valid YAML: {err.__class__.__name__}") from None


def workshop_facts(document: Any) -> PackWorkshop | None:
    """What the listing reads of one workshop file (a pack's or a shipped one); None without a
    valid id."""
    if not isinstance(document, dict):
        return None
    workshop_id = document.get("id")
    if not isinstance(workshop_id, str) or not re.fullmatch(ID_PATTERN, workshop_id):
        return None
    version = document.get("version")
    version = str(version) if isinstance(version, str | int | float) else None
    title = _language_map(document.get("title"), MAX_TITLE)
    summary = _language_map(document.get("summary"), MAX_SUMMARY)
    ages = document.get("age_range")
    ages_ok = (
        isinstance(ages, str)
        and re.fullmatch(AGE_RANGE_PATTERN, ages)
        and age_range_problem(ages) is None
    )
    return PackWorkshop(
        id=workshop_id,
        version=version if version and len(version) <= 32 else None,
        title=title,
        typical_age_range=ages if ages_ok else None,
        summary=summary,
    )


def _language_map(value: Any, limit: int) -> dict[str, str] | None:
    """A language map with `nl`, its texts of 1 to `limit` characters only; else None."""
    if not isinstance(value, dict):
        return None
    kept = {
        k: v
        for k, v in value.items()
        if isinstance(k, str) and isinstance(v, str) and 0 < len(v) <= limit
    }
    return kept if "nl" in kept else None
