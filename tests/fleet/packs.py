"""Workshop packs as the listing serves them, for the fleet tests: good ones built from the
shipped workshops under new ids, and hostile ones (an invalid workshop, a `..` path, a link,
a zip bomb) whose bytes are exactly what the plan says, so only their checks can refuse them.
"""

from __future__ import annotations

import os
import re

from kiosk.library import shipped_dir
from tests.listing.packs import pack_zip

PNG = bytes.fromhex("89504e470d0a1a0a") + bytes(range(256)) * 40  # the checks want a file


def workshop(new_id: str, shipped: str = "reactiespel", *, version: str | None = None,
             picture: str | None = None) -> str:  # fmt: skip
    """A shipped workshop's YAML under a new id (and version), with a step picture if asked."""
    text = (shipped_dir() / f"{shipped}.yaml").read_text()
    text = re.sub(r"^id: .*$", f"id: {new_id}", text, count=1, flags=re.MULTILINE)
    if version:
        text = re.sub(r"^version: .*$", f'version: "{version}"', text, count=1, flags=re.MULTILINE)
    if picture:
        wiring = "    wiring: button\n"
        text = text.replace(wiring, f"{wiring}    picture: {picture}\n", 1)
    return text


def good_pack(*ids: str, top: str = "", picture: bool = False, version: str | None = None) -> bytes:
    """Workshops (copies of reactiespel) at the pack's root or in one top folder."""
    files: dict[str, bytes | str] = {}
    for wid in ids:
        files[f"{top}{wid}.yaml"] = workshop(
            wid, version=version, picture="img/knop.png" if picture else None
        )
    if picture:
        files[f"{top}img/knop.png"] = PNG
    return pack_zip(files)


def photo_pack(mib: float, count: int = 10) -> bytes:
    """`count` workshops with a photo each, `mib` MiB of photos in all that do not compress (as
    photos do not): the zip is a few KiB larger than `mib`."""
    files: dict[str, bytes | str] = {}
    for i in range(count):
        files[f"groot-{i}.yaml"] = workshop(f"groot-{i}", picture=f"img/foto-{i}.png")
        files[f"img/foto-{i}.png"] = PNG[:8] + os.urandom(int(mib * 2**20) // count)
    return pack_zip(files)


def invalid_workshop_pack() -> bytes:
    """A good workshop beside one that asks for a device the kit does not have ('lazer')."""
    bad = workshop("lazershow").replace("devices: [button, led]", "devices: [button, lazer]")
    return pack_zip({"goed.yaml": workshop("goed-spel"), "lazershow.yaml": bad})


def dotdot_pack() -> bytes:
    return pack_zip({"ok.yaml": workshop("ok-spel"), "../../escape.yaml": workshop("escape")})


def link_pack() -> bytes:
    return pack_zip({"ok.yaml": workshop("ok-spel")}, links={"passwd.yaml": "/etc/passwd"})


def bomb_pack() -> bytes:
    """20 MiB of zeros in a few KiB beside a good workshop: a zip bomb's shape."""
    return pack_zip({"ok.yaml": workshop("ok-spel"), "img/big.png": bytes(20 * 1024 * 1024)})
