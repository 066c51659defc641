"""The two runs of one creation under one input script, and their comparison: the rule engine on
a simulated Kit (this process), and the generated program in its own process (harness.py)."""

from __future__ import annotations

import bisect
import json
import queue
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from devices.kit import Kit
from devices.kitconfig import KitSpec
from devices.simpins import SimFactory
from kiosk.maker.blocks import TAKES_TIME
from kiosk.maker.codegen import file_name, program
from kiosk.maker.engine import Engine
from kiosk.maker.rules import Creation
from tests.maker.harness import SETTLE_S, Recorder

HARNESS = Path(__file__).with_name("harness.py")
FRAME_S = 0.01  # the engine's frame: the UI loop calls tick() at 60 Hz or faster
TOLERANCE_S = 0.75  # how far apart the two runs may do the same thing (sensor sampling, loops)
TIMED = TAKES_TIME | {"blink", "beep"}


@dataclass
class Outcome:
    """What one run did: each output's [(seconds, state)] and every shown line."""

    outputs: dict[str, list]
    lines: list
    errors: list[str]

    def plain(self) -> Outcome:
        """As JSON has it (tuples become lists), so two runs compare alike."""
        data = json.loads(json.dumps([self.outputs, self.lines]))
        return Outcome(data[0], data[1], self.errors)


def start_program(
    creation: Creation, spec: KitSpec, script: list, seconds: float, folder: Path
) -> Callable[[], Outcome]:
    """Start the generated program in its own process; the function returned waits for it."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / file_name(creation)
    source.write_text(program(creation, spec), encoding="utf-8")
    out = folder / "outcome.json"
    out.unlink(missing_ok=True)
    job = {
        "kit": spec.path,
        "program": str(source),
        "devices": creation.devices,
        "script": script,
        "seconds": seconds,
        "out": str(out),
    }
    job_path = folder / "job.json"
    job_path.write_text(json.dumps(job))
    argv = [sys.executable, "-I", str(HARNESS), str(job_path)]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def finish() -> Outcome:
        _, stderr = proc.communicate(timeout=seconds + 60)
        if not out.exists():
            raise AssertionError(f"the program's run left no outcome:\n{stderr}")
        data = json.loads(out.read_text())
        return Outcome(data["outputs"], data["lines"], data["errors"])

    return finish


def run_engine(creation: Creation, spec: KitSpec, script: list, seconds: float) -> Outcome:
    """The engine on a simulated kit, driven like the UI loop drives it, under the same script."""
    factory = SimFactory()
    recorder = Recorder(spec, factory)
    lines, errors = [], []
    try:
        with Kit(spec, simulate=True, pin_factory=factory) as kit:
            t0 = time.monotonic()
            engine = Engine(kit, creation, now=t0)
            pending = list(script)
            shown = 0
            while (now := time.monotonic()) < t0 + seconds:
                while pending and t0 + pending[0][0] <= now:
                    _, device, value = pending.pop(0)
                    kit.simulator.set(device, value)
                while True:
                    try:
                        engine.device(kit.events.get_nowait())
                    except queue.Empty:
                        break
                engine.tick(time.monotonic())
                for line in engine.lines:
                    if line.serial > shown:
                        lines.append([round(time.monotonic() - t0, 3), line.text])
                        shown = line.serial
                time.sleep(FRAME_S)
            outputs = recorder.states(creation.devices, t0)
            engine.close()
    finally:
        factory.close()
    return Outcome(outputs, lines, errors).plain()


def both(
    creation: Creation, spec: KitSpec, script: list, seconds: float, folder: Path
) -> tuple[Outcome, Outcome]:
    """The engine's and the program's outcome of one creation, run at the same time."""
    finish = start_program(creation, spec, script, seconds, folder)
    engine = run_engine(creation, spec, script, seconds)
    return engine, finish()


def differences(creation: Creation, engine: Outcome, program: Outcome, seconds: float) -> list[str]:
    """Where the two runs disagree: an output's sequence of states (exactly, in order; or, for a
    creation with timers and waits, state for state within TOLERANCE_S), and the shown lines."""
    timed = any(
        r.trigger.kind == "every" or any(a.kind in TIMED for a in r.actions) for r in creation.rules
    )
    found = [f"program error: {e}" for e in program.errors] + [
        f"engine run error: {e}" for e in engine.errors
    ]
    for name in sorted(set(engine.outputs) | set(program.outputs)):
        e, p = engine.outputs.get(name, []), program.outputs.get(name, [])
        same = [s for _, s in e] == [s for _, s in p]
        if same and all(abs(a[0] - b[0]) <= TOLERANCE_S for a, b in zip(e, p, strict=True)):
            continue
        if timed and _close(e, p, seconds) and _close(p, e, seconds):
            continue
        found.append(f"{name}:\n  engine  {e}\n  program {p}")
    texts = ([t for _, t in engine.lines], [t for _, t in program.lines])
    times = [(a, b) for a, b in zip(engine.lines, program.lines, strict=False) if b[0] > SETTLE_S]
    if texts[0] != texts[1] or any(abs(a[0] - b[0]) > TOLERANCE_S for a, b in times):
        found.append(f"shown lines:\n  engine  {engine.lines}\n  program {program.lines}")
    return found


def _close(a: list, b: list, seconds: float, step: float = 0.02) -> bool:
    """Every state `a` shows at a time t, `b` shows too, within TOLERANCE_S of t."""
    b_times = [t for t, _ in b]
    t = SETTLE_S
    while t < seconds - TOLERANCE_S:
        if _at(a, t) not in _around(b, b_times, t):
            return False
        t += step
    return True


def _at(timeline: list, t: float) -> Any:
    state = timeline[0][1]
    for at, s in timeline:
        if at > t:
            break
        state = s
    return state


def _around(timeline: list, times: list[float], t: float) -> list:
    first = max(bisect.bisect_right(times, t - TOLERANCE_S) - 1, 0)
    last = bisect.bisect_right(times, t + TOLERANCE_S)
    return [s for _, s in timeline[first:last]]
