"""The packs the listing sent, as the kiosk keeps them: each installed pack in its own folder
`<data>/packs/<sha256>/` (with a `pack.json` manifest), and what became of the others in
`<data>/packs.json`: refused (never fetched again at that sha256) or pending (with why).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.datafile import read_json, write_json
from kiosk.core.plan import Plan

PACKS_DIR = "packs"
RECORDS_FILE = "packs.json"
MANIFEST = "pack.json"
INSTALLED, REFUSED, PENDING = "installed", "refused", "pending"
SHA256 = re.compile(r"[0-9a-f]{64}")
MAX_DETAIL = 1000  # the contract's limit on a pack's detail


@dataclass(frozen=True)
class PackState:
    """One pack of the plan as the status reports it."""

    sha256: str
    name: str
    state: str  # installed, refused, pending
    detail: str | None = None

    def as_json(self) -> dict:
        body = {"sha256": self.sha256, "state": self.state}
        if self.detail:
            body["detail"] = self.detail
        return body


def packs_dir(data_dir: Path) -> Path:
    return Path(data_dir) / PACKS_DIR


def pack_dir(data_dir: Path, sha256: str) -> Path:
    return packs_dir(data_dir) / sha256


def installed(data_dir: Path) -> list[str]:
    """The sha256 of every installed pack, in name order (staging folders are not packs)."""
    folder = packs_dir(data_dir)
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if SHA256.fullmatch(p.name) and p.is_dir())


def manifest(data_dir: Path, sha256: str) -> dict:
    """An installed pack's manifest: {"name", "workshops": [{"id", "version"}, ...]}."""
    found = read_json(pack_dir(data_dir, sha256) / MANIFEST)
    return found if isinstance(found, dict) else {"name": sha256[:12], "workshops": []}


def records(data_dir: Path) -> dict[str, dict]:
    """sha256 -> {"state": refused|pending, "name", "detail"} for packs not installed."""
    found = read_json(Path(data_dir) / RECORDS_FILE)
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if SHA256.fullmatch(k) and isinstance(v, dict)}


def save_records(data_dir: Path, kept: dict[str, dict]) -> None:
    write_json(Path(data_dir) / RECORDS_FILE, kept)


def ordered(data_dir: Path, plan: Plan | None) -> list[str]:
    """The installed packs as the library reads them: the plan's first, in its order (a pack's
    workshops win over those of a pack leaving the plan), then those still waiting to go."""
    present = installed(data_dir)
    first = [p.sha256 for p in plan.packs if p.sha256 in present] if plan else []
    return first + [sha for sha in present if sha not in first]


def states(data_dir: Path, plan: Plan | None, kept: dict | None = None) -> list[PackState]:
    """Every pack of the plan: installed, refused (with the first problem) or pending;
    `kept`: the records, if not those on disk."""
    if plan is None:
        return []
    present = set(installed(data_dir))
    kept = records(data_dir) if kept is None else kept
    found = []
    for pack in plan.packs:
        record = kept.get(pack.sha256, {})
        if pack.sha256 in present:
            state, detail = INSTALLED, None
        elif record.get("state") == REFUSED:
            state, detail = REFUSED, record.get("detail")
        else:
            state, detail = PENDING, record.get("detail")
        detail = str(detail)[:MAX_DETAIL] if detail else None
        found.append(PackState(pack.sha256, pack.name, state, detail))
    return found
