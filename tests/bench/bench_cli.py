"""The command line's cost per tap: `stem-kiosk session count` as a whole process (interpreter
start, imports, journal write, exit) against a bare `python -c pass`, time and peak memory.

Peak memory is the child's own VmHWM, written at its exit by a `sitecustomize` hook: a child's
ru_maxrss (wait4) starts from its parent's peak, since exec records the old memory map's peak.
Both commands run with their bytecode cached (in a scratch PYTHONPYCACHEPREFIX, after a warm-up),
as on an installed kiosk: PYTHONDONTWRITEBYTECODE would make every run compile the kiosk's
source again and measure the compiler instead.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 21
HOOK = """\
import atexit, os, pathlib, re

def _peak():
    status = pathlib.Path("/proc/self/status").read_text()
    kib = re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)
    pathlib.Path(os.environ["STEM_BENCH_HWM"]).write_text(kib)

if os.environ.get("STEM_BENCH_HWM"):
    atexit.register(_peak)
"""


def run(report) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as scratch:
        root = Path(scratch)
        env = _env(root)
        kiosk = [str(Path(sys.executable).with_name("stem-kiosk")), "--config", str(env["CFG"])]
        started = subprocess.run(
            [*kiosk, "session", "start", "--workshop", "reactiespel", "--stop", "Bench"],
            env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        count = [*kiosk, "session", "count", started.stdout.strip(), "--band", "14-17"]
        bare = [sys.executable, "-c", "pass"]
        for argv in (bare, count):  # the warm-up writes the bytecode of everything they import
            _seconds(argv, env)
        times: dict[str, list[float]] = {"count": [], "bare": []}
        for _ in range(RUNS):  # interleaved, so both see the same machine
            for name, argv in (("bare", bare), ("count", count)):
                times[name].append(_seconds(argv, env))
        count_s, bare_s = statistics.median(times["count"]), statistics.median(times["bare"])
        report.row(
            f"session count, whole process (median of {RUNS})", count_s * 1000, "ms",
            baseline=bare_s * 1000, goal="ratio <= 3 (baseline: python -c pass)",
        )  # fmt: skip
        report.row(
            "peak memory of session count", _peak_mib(count, env, root), "MiB",
            baseline=_peak_mib(bare, env, root), goal="(baseline: python -c pass)",
        )  # fmt: skip


def _env(root: Path) -> dict:
    """A private data directory and config, and the hook that reports peak memory."""
    hook = root / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(HOOK)
    config = root / "kiosk.yaml"
    config.write_text(f"kiosk_id: bench-cli\ndata_dir: {root / 'data'}\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return env | {
        "XDG_DATA_HOME": str(root / "xdg"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(hook), env.get("PYTHONPATH")])),
        "PYTHONPYCACHEPREFIX": str(root / "pycache"),
        "CFG": str(config),
    }


def _seconds(argv: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def _peak_mib(argv: list[str], env: dict, root: Path) -> float:
    out = root / "hwm"
    out.unlink(missing_ok=True)
    subprocess.run(argv, env=env | {"STEM_BENCH_HWM": str(out)}, stdout=subprocess.DEVNULL,
                   check=True)  # fmt: skip
    return int(out.read_text()) / 1024
