"""A pack from the listing, from downloaded bytes (their SHA-256 checked) to an installed folder:
unpacked safely, checked exactly as `workshops import` checks a folder, installed whole in
`<data>/packs/<sha256>/` or refused with its first problem; and a pack that left the plan removed.

A full disk (or any local fault) leaves what was installed as it was: the pack stays pending.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from devices.yamlsource import Problem
from kiosk.config import Config
from kiosk.core.datafile import fsync_dir
from kiosk.core.folders import PACK, sources
from kiosk.core.packstore import (
    INSTALLED,
    MANIFEST,
    PENDING,
    REFUSED,
    installed,
    manifest,
    pack_dir,
    packs_dir,
)
from kiosk.core.plan import PackRef, Plan
from kiosk.packs import STAGE_PREFIX, KitProblems, check_against_kit, install_pack
from kiosk.packzip import PackRefused, unpack
from kiosk.workshop_model import Workshop

# What an interrupted round may leave beside the packs (install_pack's own stage included).
SCRATCH = (".unpack-", ".download-", ".remove-", STAGE_PREFIX)


@dataclass(frozen=True)
class Outcome:
    state: str  # installed, refused, pending
    detail: str | None = None


def scratch_file(data_dir: Path, sha256: str) -> Path:
    """Where a pack's bytes are downloaded to (beside the packs, on the same disk)."""
    folder = packs_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder / f".download-{sha256}-{secrets.token_hex(4)}"


def clear_scratch(data_dir: Path) -> None:
    """Remove what a round cut off by a power cut left behind; never an installed pack."""
    folder = packs_dir(data_dir)
    if folder.is_dir():
        for left in folder.iterdir():
            if left.name.startswith(SCRATCH):
                if left.is_dir() and not left.is_symlink():
                    shutil.rmtree(left, ignore_errors=True)
                else:
                    left.unlink(missing_ok=True)


def check_archive(
    config: Config, archive: Path, stage: Path, others: list[Path]
) -> tuple[Path, list[Workshop], list[Problem]]:
    """Unpack a pack's zip into `stage` and check it as `workshops import` checks a folder:
    the workshops' folder, its workshops, and every problem with its path inside the pack.
    Raises PackRefused (the zip itself) or KitProblems (the kiosk's kit)."""
    root = unpack(archive, stage)
    workshops, problems = check_against_kit(config.kit, root, others)
    return root, workshops, [_relative(p, stage) for p in problems]


def install_download(config: Config, plan: Plan, pack: PackRef, archive: Path) -> Outcome:
    """Unpack, check and install the pack whose bytes are in `archive`."""
    stage = packs_dir(config.data_dir) / f".unpack-{pack.sha256}-{secrets.token_hex(4)}"
    try:
        stage.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        others = [path for source, path in sources(config, plan) if _stays(source, plan)]
        root, workshops, problems = check_archive(config, archive, stage, others)
        if problems:
            return Outcome(REFUSED, str(problems[0]))
        listed = [{"id": w.id, "version": w.version} for w in workshops]
        about = json.dumps({"sha256": pack.sha256, "name": pack.name, "workshops": listed})
        target = pack_dir(config.data_dir, pack.sha256)
        install_pack(workshops, root, target, {MANIFEST: about.encode()})
        return Outcome(INSTALLED)
    except PackRefused as err:
        return Outcome(REFUSED, str(err.problem))
    except KitProblems as err:
        first = f": {err.problems[0]}" if err.problems else ""
        return Outcome(PENDING, f"{err}{first}")
    except OSError as err:
        why = err.strerror or str(err)
        return Outcome(PENDING, f"cannot install the pack ({why}); the kiosk keeps what it had")
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def remove_leaving(config: Config, plan: Plan, in_use: set[str]) -> list[str]:
    """Remove every installed pack the plan no longer lists, unless an open session runs one
    of its workshops (`in_use`: their ids); returns the sha256 of those removed."""
    wanted = {p.sha256 for p in plan.packs}
    removed = []
    for sha in installed(config.data_dir):
        ids = {w.get("id") for w in manifest(config.data_dir, sha).get("workshops", [])}
        if sha in wanted or ids & in_use:
            continue
        folder = pack_dir(config.data_dir, sha)
        gone = folder.with_name(f".remove-{sha}-{secrets.token_hex(4)}")
        os.rename(folder, gone)  # the library never sees half a pack
        fsync_dir(folder.parent)
        shutil.rmtree(gone, ignore_errors=True)
        removed.append(sha)
    return removed


def _stays(source: str, plan: Plan) -> bool:
    """A library folder a new pack must not clash with: all but packs leaving the plan."""
    return not source.startswith(PACK) or source[len(PACK) :] in {p.sha256 for p in plan.packs}


def _relative(problem: Problem, stage: Path) -> Problem:
    """The problem with its path as inside the pack (never the kiosk's scratch folder)."""
    path = Path(problem.path)
    if path.is_relative_to(stage):
        return Problem(path.relative_to(stage).as_posix(), problem.line, problem.column,
                       problem.message.replace(f"{stage}/", ""))  # fmt: skip
    return problem
