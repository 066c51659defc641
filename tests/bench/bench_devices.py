"""Device kit figures: pin edge -> event dequeued latency, and the CPU `devices watch` uses.

Baselines in the same run: a bare gpiozero `when_pressed` callback; a simulated kit left idle.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from gpiozero import Button

from devices.kit import Kit
from devices.kitconfig import DeviceSpec, KitSpec, Text
from devices.simpins import SimFactory

EDGES = 400
STARTUP_S = 3.0
WATCH_S = 10.0


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.99) - 1]


def _bare_callback_latency() -> list[float]:
    factory = SimFactory()
    seen: list[float] = []
    button = Button(17, pin_factory=factory)
    button.when_pressed = lambda: seen.append(time.perf_counter())
    pin = factory.pin("GPIO17")
    latencies = []
    for _ in range(EDGES):
        start = time.perf_counter()
        pin.drive_low()
        latencies.append(seen[-1] - start)
        pin.drive_high()
    button.close()
    factory.close()
    return latencies


def _kit_latency() -> list[float]:
    spec = KitSpec(
        "bench", frozenset(), {"b": DeviceSpec("b", "button", {"pin": 17}, Text("b"), {})}
    )
    latencies = []
    with Kit(spec, simulate=True) as kit:
        pin = kit.simulator.factory.pin("GPIO17")
        done = threading.Event()

        def consumer():  # the UI thread: blocks on the queue, takes each event
            while not done.is_set():
                event = kit.events.get()
                if event.kind == "pressed":
                    latencies.append(time.perf_counter() - started[0])
                    taken.set()

        started = [0.0]
        taken = threading.Event()
        thread = threading.Thread(target=consumer, daemon=True)
        thread.start()
        for _ in range(EDGES):
            taken.clear()
            started[0] = time.perf_counter()
            pin.drive_low()
            taken.wait(5)
            pin.drive_high()
        done.set()
        pin.drive_low()  # wakes the consumer one last time
    return latencies


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _cpu_share(argv: list[str]) -> float:
    """CPU time over wall time of a running child, after its start-up, until Ctrl-C."""
    env = {**os.environ, "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    time.sleep(STARTUP_S)
    cpu, wall = _cpu_seconds(proc.pid), time.monotonic()
    time.sleep(WATCH_S)
    share = (_cpu_seconds(proc.pid) - cpu) / (time.monotonic() - wall)
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=30)
    return share


IDLE_KIT = (
    "import time\n"
    "from devices.kit import Kit\nfrom devices.kitconfig import load_kit\n"
    "with Kit(load_kit()[0], simulate=True):\n"
    "    try:\n        time.sleep(60)\n    except KeyboardInterrupt:\n        pass\n"
)


def run(report) -> None:
    bare = _bare_callback_latency()
    kit = _kit_latency()
    bare_median, bare_p99 = _percentiles(bare)
    kit_median, kit_p99 = _percentiles(kit)
    goal = "well under a 60 Hz frame (16,667 µs)"
    report.row("pin edge -> event dequeued, median", kit_median * 1e6, "µs",
               baseline=bare_median * 1e6, goal=goal)  # fmt: skip
    report.row("pin edge -> event dequeued, p99", kit_p99 * 1e6, "µs",
               baseline=bare_p99 * 1e6, goal=goal)  # fmt: skip
    watch = [sys.executable, "-m", "kiosk.cli", "devices", "watch", "distance", "--simulate"]
    share = _cpu_share(watch)
    idle = _cpu_share([sys.executable, "-c", IDLE_KIT])
    report.row("devices watch at 20 Hz: CPU / wall time", share * 100, "%", baseline=idle * 100,
               goal="a few % of one core (baseline: the same kit, idle)")  # fmt: skip
