"""Recorders for the commands install.sh runs, for tests against a temporary root.

Each call is appended to $RECORDER_LOG as a JSON list. useradd, usermod and systemctl take
the root as `--root`, so after recording, the real tool runs on the temporary root. apt-get,
dpkg-query and python3 (venv, pip) cannot: they are emulated, keeping the state a second run
must see (installed packages) in $RECORDER_STATE.
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


EMULATED = {
    "dpkg-query": dpkg_query,
    "apt-get": apt_get,
    "python3": python3,
    "venv-python": venv_python,
}
ROOT_AWARE = ("useradd", "usermod", "systemctl")


def run_real(name: str, args: list[str]) -> int:
    """The real tool (the first one on PATH that is not a recorder), on the temporary root."""
    root = os.environ["RECORDER_ROOT"]
    if not any(a in ("--root", f"--root={root}") for a in args) or root not in " ".join(args):
        raise SystemExit(f"recorder: {name} {args} without --root would touch the real system")
    here = Path(sys.argv[0]).resolve().parent
    for folder in os.environ["PATH"].split(os.pathsep):
        real = Path(folder) / name
        if folder and Path(folder).resolve() != here and os.access(real, os.X_OK):
            os.execv(real, [str(real), *args])
    raise SystemExit(f"recorder: no real {name} on PATH")


def main() -> int:
    name, args = Path(sys.argv[0]).name, sys.argv[1:]
    with open(os.environ["RECORDER_LOG"], "a") as log:
        log.write(json.dumps([name, *args]) + "\n")
    if name in ROOT_AWARE:
        return run_real(name, args)
    return EMULATED[name](args)


if __name__ == "__main__":
    sys.exit(main())
