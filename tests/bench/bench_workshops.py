"""Workshop loading: load + validate against the kit, versus only `yaml.safe_load`, same files.

Also the refusal time of hostile files (alias bomb, deep nesting) against one normal workshop.
"""

from __future__ import annotations

import re
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from devices.kitconfig import load_kit
from devices.yamlsource import SourceError, read
from kiosk.library import load_library, shipped_dir, workshop_files

GENERATED = 200
ROUNDS = 5


def best_of(fn, rounds: int = ROUNDS) -> float:
    """The median of a few runs (seconds): steadier than one run on a shared machine."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def safe_load_all(files: list[Path]) -> None:
    for path in files:
        yaml.safe_load(path.read_bytes())


def generate(folder: Path, count: int) -> None:
    """`count` workshops made from the shipped ones, each with its own id."""
    sources = [p.read_text(encoding="utf-8") for p in workshop_files(shipped_dir())]
    for i in range(count):
        text = re.sub(
            r"^id: .*$", f"id: gen-{i:03d}", sources[i % len(sources)], count=1, flags=re.M
        )
        (folder / f"gen-{i:03d}.yaml").write_text(text, encoding="utf-8")


def refused(path: Path) -> None:
    try:
        read(path)
    except SourceError:
        return
    raise AssertionError(f"{path} was not refused")


def run(report) -> None:
    kit, problems = load_kit()
    assert not problems
    shipped = workshop_files(shipped_dir())
    library = load_library([shipped_dir()], kit)
    assert not library.problems and len(library.workshops) == len(shipped)

    t_lib = best_of(lambda: load_library([shipped_dir()], kit))
    t_raw = best_of(lambda: safe_load_all(shipped))
    report.row(
        f"load+validate shipped library ({len(shipped)} files)",
        t_lib * 1000,
        "ms",
        baseline=t_raw * 1000,
        goal="baseline: yaml.safe_load only",
    )

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, GENERATED)
        files = workshop_files(folder)
        started = time.perf_counter()
        loaded = load_library([folder], kit)
        t_gen = time.perf_counter() - started
        assert len(loaded.workshops) == GENERATED, loaded.problems[:3]
        t_gen_raw = best_of(lambda: safe_load_all(files), rounds=1)
        report.row(
            f"load+validate {GENERATED} generated workshops",
            t_gen * 1000,
            "ms",
            baseline=t_gen_raw * 1000,
            goal="baseline: yaml.safe_load only",
        )
        report.row("per workshop (generated)", t_gen / GENERATED * 1000, "ms")

        bomb = folder / "bomb.yaml"
        text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
            text += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
        bomb.write_text(text)
        deep = folder / "deep.yaml"
        deep.write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
        one = shipped[0]
        t_one = best_of(lambda: read(one))
        report.row(
            "alias bomb (9 levels, 10^9 values) refused",
            best_of(lambda: refused(bomb)) * 1000,
            "ms",
            baseline=t_one * 1000,
            goal="well under 1 s; baseline: reading one workshop",
        )
        report.row(
            "100,000-deep [[[ refused",
            best_of(lambda: refused(deep)) * 1000,
            "ms",
            baseline=t_one * 1000,
            goal="well under 1 s; baseline: reading one workshop",
        )
