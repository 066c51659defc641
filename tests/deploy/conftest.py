"""Fixtures for the deploy tests: a temporary root for install.sh, with recorders on PATH."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.tools import tool_or_skip

REPO = Path(__file__).resolve().parents[2]
RECORDER = Path(__file__).with_name("recorder.py")
TOOLS = ("dpkg-query", "apt-get", "useradd", "usermod", "systemctl", "python3", "venv-python")
PI_OS = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_CODENAME=bookworm\n'
# The groups of a fresh Raspberry Pi OS image that the kiosk user joins, with their gids.
GROUPS = {
    "root": 0,
    "video": 44,
    "input": 105,
    "render": 106,
    "gpio": 997,
    "spi": 999,
    "i2c": 998,
    "audio": 29,
}
# What useradd needs under --root besides passwd and group.
LOGIN_DEFS = "SYS_UID_MIN 100\nSYS_UID_MAX 999\nSYS_GID_MIN 100\nSYS_GID_MAX 999\n"
# getty@.service, enabled for tty1 as on a fresh image (the installer disables it).
GETTY = """\
[Unit]
Description=Getty on %I
[Service]
ExecStart=-/sbin/agetty --noclear %I $TERM
[Install]
WantedBy=getty.target
DefaultInstance=tty1
"""

# The end of a fresh image's /boot/firmware/config.txt: SPI off (commented out).
BOOT_CONFIG = (
    "# Uncomment some or all of these to enable the optional hardware interfaces\n"
    "#dtparam=i2c_arm=on\n#dtparam=i2s=on\n#dtparam=spi=on\n\n[cm5]\ndtoverlay=dwc2,dr_mode=host\n"
)


@dataclass
class Installer:
    source: Path  # a copy of the repository's files that install.sh reads
    root: Path
    state: Path
    bin: Path

    def run(self, *extra: str, check: bool = True) -> subprocess.CompletedProcess:
        env = {
            **os.environ,
            "PATH": f"{self.bin}:{os.environ['PATH']}",
            "RECORDER_LOG": str(self.state / "calls.jsonl"),
            "RECORDER_STATE": str(self.state),
            "RECORDER_ROOT": str(self.root),
        }
        script = self.source / "deploy/install.sh"
        result = subprocess.run(
            ["bash", script, "--root", self.root, *extra],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if check:
            assert result.returncode == 0, result.stdout + result.stderr
        return result

    def calls(self) -> list[list[str]]:
        log = self.state / "calls.jsonl"
        return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []

    def changing_calls(self) -> list[list[str]]:
        """Calls that change the system (queries like dpkg-query or is-enabled left out)."""
        return [c for c in self.calls() if c[0] != "dpkg-query" and "is-enabled" not in c]

    def kiosk_ids(self) -> tuple[int, int]:
        """The uid and gid useradd gave the kiosk user under the root."""
        for line in (self.root / "etc/passwd").read_text().splitlines():
            name, _, uid, gid, *_ = line.split(":")
            if name == "stemkiosk":
                return int(uid), int(gid)
        raise AssertionError("no stemkiosk user")


@pytest.fixture
def installer(tmp_path) -> Installer:
    if os.geteuid() != 0:
        message = "install.sh sets real owners under the temporary root: run the tests as root"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    source = tmp_path / "src"
    for part in ("deploy", "kiosk", "devices", "workshops", "listing", "pyproject.toml"):
        if (REPO / part).is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(REPO / part, source / part, ignore=ignore)
        elif (REPO / part).exists():
            shutil.copy2(REPO / part, source / part)
    for tool in ("useradd", "usermod", "systemctl"):  # run for real on the root
        tool_or_skip(tool)
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    (root / "etc/os-release").write_text(PI_OS)
    (root / "etc/passwd").write_text("root:x:0:0:root:/root:/bin/bash\n")
    (root / "etc/shadow").write_text("root:*:19000:0:99999:7:::\n")
    (root / "etc/group").write_text("".join(f"{g}:x:{gid}:\n" for g, gid in GROUPS.items()))
    (root / "etc/gshadow").write_text("".join(f"{g}:*::\n" for g in GROUPS))
    (root / "etc/shadow").chmod(0o640)
    (root / "etc/gshadow").chmod(0o640)
    (root / "etc/login.defs").write_text(LOGIN_DEFS)
    units = root / "usr/lib/systemd/system"
    units.mkdir(parents=True)
    (units / "getty@.service").write_text(GETTY)
    wants = root / "etc/systemd/system/getty.target.wants"
    wants.mkdir(parents=True)
    (wants / "getty@tty1.service").symlink_to("/usr/lib/systemd/system/getty@.service")
    (root / "boot/firmware").mkdir(parents=True)
    (root / "boot/firmware/config.txt").write_text(BOOT_CONFIG)
    state = tmp_path / "state"
    state.mkdir()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    recorder = bin_dir / "recorder"
    recorder.write_text(f"#!{sys.executable}\n" + RECORDER.read_text())
    recorder.chmod(0o755)
    for tool in TOOLS:
        (bin_dir / tool).symlink_to(recorder)
    return Installer(source, root, state, bin_dir)
