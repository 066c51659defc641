"""Stand-ins for apt-get, dpkg-query, useradd, usermod, systemctl and python3 in install tests.

Each call is appended to $RECORDER_LOG as a JSON list; the state the real tool would change
(installed packages, enabled units, users and groups under the root) is kept so a second run
sees the first one's work.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

STATE = Path(os.environ.get("RECORDER_STATE", "."))


def _lines(name: str) -> set[str]:
    path = STATE / name
    return set(path.read_text().split()) if path.exists() else set()


def _save(name: str, items: set[str]) -> None:
    (STATE / name).write_text("\n".join(sorted(items)) + "\n")


def _root(args: list[str]) -> Path:
    """The --root/--root=DIR argument (the tests always pass one)."""
    for i, arg in enumerate(args):
        if arg == "--root":
            return Path(args[i + 1])
        if arg.startswith("--root="):
            return Path(arg.split("=", 1)[1])
    raise SystemExit(f"recorder: {args} without --root would touch the real system")


def dpkg_query(args: list[str]) -> int:
    if args[-1] not in _lines("packages"):
        return 1
    print("install ok installed")
    return 0


def apt_get(args: list[str]) -> int:
    if "install" in args:
        wanted = [a for a in args[args.index("install") + 1 :] if not a.startswith("-")]
        _save("packages", _lines("packages") | set(wanted))
    return 0


def useradd(args: list[str]) -> int:
    root, name = _root(args), args[-1]
    with open(root / "etc/passwd", "a") as f:
        f.write(f"{name}:x:998:998::/var/lib/stem-kiosk:/usr/sbin/nologin\n")
    with open(root / "etc/group", "a") as f:
        f.write(f"{name}:x:998:\n")
    return 0


def usermod(args: list[str]) -> int:
    root, name = _root(args), args[-1]
    group = args[args.index("--groups") + 1]
    path = root / "etc/group"
    lines = []
    for line in path.read_text().splitlines():
        fields = line.split(":")
        if fields[0] == group:
            members = [m for m in fields[3].split(",") if m]
            fields[3] = ",".join([*members, name])
        lines.append(":".join(fields))
    path.write_text("\n".join(lines) + "\n")
    return 0


def systemctl(args: list[str]) -> int:
    _root(args)
    unit = args[-1]
    enabled = _lines("enabled")
    if "is-enabled" in args:
        return 0 if unit in enabled else 1
    if "enable" in args:
        _save("enabled", enabled | {unit})
    elif "disable" in args:
        _save("enabled", enabled - {unit})
    return 0


def python3(args: list[str]) -> int:
    if args[:2] != ["-m", "venv"]:
        raise SystemExit(f"recorder: python3 {args} is not expected from install.sh")
    venv = Path(args[-1])
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin/python"
    python.write_text(f'#!/bin/sh\nexec "{Path(sys.argv[0]).with_name("venv-python")}" "$@"\n')
    python.chmod(0o755)
    system = "--system-site-packages" in args
    (venv / "pyvenv.cfg").write_text(f"include-system-site-packages = {str(system).lower()}\n")
    return 0


def venv_python(args: list[str]) -> int:
    return 0  # `python -m pip install ...`: recorded, nothing to emulate


TOOLS = {
    "dpkg-query": dpkg_query,
    "apt-get": apt_get,
    "useradd": useradd,
    "usermod": usermod,
    "systemctl": systemctl,
    "python3": python3,
    "venv-python": venv_python,
}


def main() -> int:
    name, args = Path(sys.argv[0]).name, sys.argv[1:]
    with open(os.environ["RECORDER_LOG"], "a") as log:
        log.write(json.dumps([name, *args]) + "\n")
    return TOOLS[name](args)


if __name__ == "__main__":
    sys.exit(main())
