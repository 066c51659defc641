"""The NetworkManager hook starts one sync when a network comes up, and only then.

`systemctl` cannot run here (no systemd as PID 1): a stand-in on PATH records its arguments.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

HOOK = Path(__file__).parents[2] / "deploy" / "networkmanager" / "90-stem-kiosk-sync"


def dispatch(tmp_path: Path, action: str, connectivity: str | None = None) -> list[str]:
    bin_dir, record = tmp_path / "bin", tmp_path / "calls"
    bin_dir.mkdir(exist_ok=True)
    systemctl = bin_dir / "systemctl"
    systemctl.write_text(f'#!/bin/sh\necho "$*" >> {record}\n')
    systemctl.chmod(0o755)
    env = {"PATH": f"{bin_dir}:{os.environ['PATH']}"}
    if connectivity:
        env["CONNECTIVITY_STATE"] = connectivity
    subprocess.run(["sh", str(HOOK), "wlan0", action], env=env, check=True, timeout=10)
    return record.read_text().splitlines() if record.exists() else []


@pytest.mark.parametrize(
    ("action", "connectivity"), [("up", None), ("connectivity-change", "FULL")]
)
def test_a_network_coming_up_starts_the_sync_without_waiting(tmp_path, action, connectivity):
    assert dispatch(tmp_path, action, connectivity) == ["--no-block start stem-kiosk-sync.service"]


@pytest.mark.parametrize(
    ("action", "connectivity"),
    [("down", None), ("pre-up", None), ("connectivity-change", "LIMITED"),
     ("connectivity-change", "PORTAL")],
)  # fmt: skip
def test_other_events_start_nothing(tmp_path, action, connectivity):
    assert dispatch(tmp_path, action, connectivity) == []


def test_the_hook_is_executable():
    assert os.access(HOOK, os.X_OK)
