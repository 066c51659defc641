"""deploy/README.md agrees with the default kit: every device listed, with its pins."""

from __future__ import annotations

import re

from devices.kitconfig import load_kit
from devices.pinmap import BCM_TO_BOARD
from tests.deploy.conftest import REPO

README = (REPO / "deploy/README.md").read_text()


def rows(section: str) -> dict[str, str]:
    """Table rows of one README section, by the `name` in their first cell."""
    body = README.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    return {m.group(1): line for line in body.splitlines() if (m := re.match(r"\| `(\w+)`", line))}


def test_hardware_list_and_wiring_cover_the_default_kit():
    kit, problems = load_kit()
    assert problems == []
    # A hardware row may name two devices (`button`, `button2`): every name in the rows counts.
    hardware = set(re.findall(r"`(\w+)`", "\n".join(rows("Hardware").values())))
    wiring = rows("Wiring of the default kit")
    for name, device in kit.devices.items():
        assert name in hardware, f"{name} missing from the hardware list"
        assert name in wiring, f"{name} missing from the wiring table"
        for bcm in device.pins.values():
            assert f"GPIO{bcm} (pin {BCM_TO_BOARD[bcm]})" in wiring[name], name
