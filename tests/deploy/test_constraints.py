"""constraints.txt pins every package stem-kiosk[dev,listing] needs, at the versions this very
test run installed; make and the Pi wheelhouse install through it (CI runs make).
"""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, distribution

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.deploy.conftest import REPO

CONSTRAINTS = REPO / "constraints.txt"


def pins() -> dict[str, str]:
    found = {}
    for line in CONSTRAINTS.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            found[canonicalize_name(name)] = version.strip()
    return found


def needed(name: str, extras: set[str], seen: dict[str, str]) -> None:
    """Walk the installed requirement tree from `name` with `extras`."""
    dist = distribution(name)
    seen[canonicalize_name(dist.metadata["Name"])] = dist.version
    for text in dist.requires or []:
        req = Requirement(text)
        wanted = any(req.marker is None or req.marker.evaluate({"extra": e}) for e in extras)
        if not wanted or canonicalize_name(req.name) in seen:
            continue
        try:
            needed(req.name, set(req.extras) | {""}, seen)
        except PackageNotFoundError:  # an optional requirement this platform does not install
            continue


def test_every_needed_package_is_pinned_at_the_installed_version():
    seen: dict[str, str] = {}
    needed("stem-kiosk", {"", "dev", "listing"}, seen)
    del seen["stem-kiosk"]
    pinned = pins()
    assert {"alembic", "fastapi", "schemathesis", "pygame", "gpiozero"} <= set(seen)
    unpinned = sorted(set(seen) - set(pinned))
    assert unpinned == [], "run `make constraints`"
    assert {name: pinned[name] for name in seen} == seen


def test_make_and_the_wheelhouse_install_through_the_constraints():
    makefile = (REPO / "Makefile").read_text()
    installs = re.findall(r"\$\(BIN\)/pip install .* -e .*", makefile)
    assert installs and all("-c constraints.txt" in line for line in installs)
    wheelhouse = (REPO / "deploy/build-wheelhouse.sh").read_text()
    assert '--constraint "$SRC/constraints.txt"' in wheelhouse
