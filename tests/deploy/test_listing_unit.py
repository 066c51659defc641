"""stem-listing.service is hardened at least as far as the kiosk's own unit: `systemd-analyze
security` rates its exposure no higher, and what it leaves open is explained in the file.
"""

from __future__ import annotations

import re
import subprocess

from tests.deploy.conftest import REPO, tool_or_skip

LISTING = REPO / "deploy/listing/stem-listing.service"
KIOSK = REPO / "deploy/systemd/stem-kiosk.service"


def exposure(unit) -> float:
    analyze = tool_or_skip("systemd-analyze")
    done = subprocess.run(
        [analyze, "security", "--offline=yes", "--no-pager", unit],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    found = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", done.stdout + done.stderr)
    assert found, done.stdout + done.stderr
    return float(found.group(1))


def test_the_listing_is_no_more_exposed_than_the_kiosk():
    listing, kiosk = exposure(LISTING), exposure(KIOSK)
    assert listing <= kiosk, f"stem-listing.service {listing} > stem-kiosk.service {kiosk}"


def test_what_is_left_open_says_why():
    text = LISTING.read_text()
    assert "# Left open, on purpose:" in text
    for directive in ("PrivateNetwork=", "IPAddressDeny=", "RootDirectory="):
        assert re.search(rf"^# .*{directive}", text, re.MULTILINE), directive
        assert not re.search(rf"^{directive}", text, re.MULTILINE)
