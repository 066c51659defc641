"""Static checks of deploy/: shellcheck on every script, `systemd-analyze verify` on every unit.

`systemd-analyze verify` also checks that each Exec*= binary exists. The kiosk's binaries live
under /opt on a Pi, so each unit is verified as a copy whose missing absolute binaries are
rewritten into a temporary root, where they are links to the real programs of the same name
in this test run's venv (the very entry points pip installs). A binary that neither this system
nor the venv provides fails the test.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.deploy.conftest import REPO
from tests.support.tools import tool_or_skip

DEPLOY = REPO / "deploy"
UNITS = sorted(
    p for ext in ("service", "timer", "socket", "path") for p in DEPLOY.rglob(f"*.{ext}")
)
EXEC = re.compile(r"^(Exec[A-Za-z]*=)([-@:+!|]*)(/\S+)(.*)$")


def shell_scripts() -> list[Path]:
    """Every file in deploy/ whose first line runs sh or bash (scripts, hooks, wrappers)."""
    found = []
    for path in sorted(DEPLOY.rglob("*")):
        if path.is_file() and path.suffix not in (".md", ".yaml", ".service", ".timer"):
            with path.open("rb") as f:
                first = f.readline()
            if re.match(rb"#!\s*/(usr/)?bin/(env )?(ba)?sh\b", first):
                found.append(path)
    return found


def test_the_expected_scripts_are_found():
    names = {p.name for p in shell_scripts()}
    assert {"install.sh", "build-wheelhouse.sh", "stem-kiosk.sh", "90-stem-kiosk-sync"} <= names


@pytest.mark.parametrize("script", shell_scripts(), ids=lambda p: str(p.relative_to(REPO)))
def test_shellcheck(script):
    shellcheck = tool_or_skip("shellcheck")
    result = subprocess.run([shellcheck, "--external-sources", script], capture_output=True,
                            text=True, timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def with_binaries_in(unit: Path, root: Path) -> str:
    """The unit's text with every missing absolute Exec binary moved under root, linked there."""
    lines = []
    for line in unit.read_text().splitlines():
        m = EXEC.match(line)
        if m and not Path(m.group(3)).exists():
            binary = Path(m.group(3))
            real = Path(sys.executable).parent / binary.name
            assert real.exists(), f"{unit.name} runs {binary}, which nothing here provides"
            stand_in = root / binary.relative_to("/")
            stand_in.parent.mkdir(parents=True, exist_ok=True)
            if not stand_in.exists():
                stand_in.symlink_to(real)
            line = f"{m.group(1)}{m.group(2)}{stand_in}{m.group(4)}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def test_units_are_found():
    names = {u.name for u in UNITS}
    assert {"stem-kiosk.service", "stem-kiosk-sync.service", "stem-kiosk-sync.timer"} <= names


@pytest.mark.parametrize("unit", UNITS, ids=lambda p: str(p.relative_to(REPO)))
def test_systemd_analyze_verify(unit, tmp_path):
    analyze = tool_or_skip("systemd-analyze")
    units = tmp_path / "units"
    units.mkdir()
    for sibling in unit.parent.iterdir():  # a timer's service must sit next to it
        if sibling in UNITS:
            (units / sibling.name).write_text(with_binaries_in(sibling, tmp_path / "root"))
    result = subprocess.run(
        [analyze, "verify", "--man=no", units / unit.name],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
