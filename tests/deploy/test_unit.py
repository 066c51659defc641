"""stem-kiosk.service says what the kiosk needs: notify + watchdog, restart, GPIO and DRM access."""

from __future__ import annotations

from collections import defaultdict

from tests.deploy.conftest import REPO

UNIT = REPO / "deploy/systemd/stem-kiosk.service"


def directives() -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for line in UNIT.read_text().splitlines():
        if "=" in line and not line.lstrip().startswith(("#", ";", "[")):
            key, value = line.split("=", 1)
            found[key.strip()].append(value.strip())
    return found


def test_the_kiosk_unit_runs_the_kiosk_as_designed():
    d = directives()
    assert d["Type"] == ["notify"] and d["Restart"] == ["always"]
    assert d["WatchdogSec"] and int(d["WatchdogSec"][0]) >= 10
    assert d["User"] == ["stemkiosk"]
    assert d["ExecStart"] == ["/opt/stem-kiosk/bin/stem-kiosk run --fullscreen"]
    env = dict(value.split("=", 1) for value in d["Environment"])
    assert env["SDL_VIDEODRIVER"] == "kmsdrm"
    assert env["GPIOZERO_PIN_FACTORY"] == "lgpio"
    assert env["STEM_KIOSK_CONFIG"] == "/etc/stem-kiosk/kiosk.yaml"
    # lgpio writes its pipe into the working directory: the private runtime directory.
    assert d["WorkingDirectory"] == [f"/run/{d['RuntimeDirectory'][0]}"]
    assert d["StateDirectory"] == ["stem-kiosk"] and d["StateDirectoryMode"] == ["0700"]
    assert d["TTYPath"] == ["/dev/tty1"] and "getty@tty1.service" in d["Conflicts"][0]


def test_hardening_leaves_the_devices_open():
    d = directives()
    assert d["ProtectSystem"] == ["strict"] and d["NoNewPrivileges"] == ["yes"]
    # Each of these would hide /dev/gpiochip*, /dev/spidev*, /dev/dri or /dev/input.
    for closing in ("PrivateDevices", "DevicePolicy", "DeviceAllow", "ProtectClock"):
        assert closing not in d, closing
    groups = set(d["SupplementaryGroups"][0].split())
    assert {"gpio", "video", "render", "input", "spi", "i2c", "audio"} <= groups
