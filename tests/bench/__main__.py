"""The benchmark harness: runs each `tests/bench/bench_*.py`, prints one table, writes JSON.

A benchmark module defines `run(report)` and calls `report.row(...)` for each figure.
Usage: python -m tests.bench [NAME ...]   (names without the `bench_` prefix)
"""

from __future__ import annotations

import importlib
import json
import platform
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

RESULTS = Path("bench-results")


@dataclass
class Row:
    bench: str
    name: str
    value: float
    unit: str
    baseline: float | None = None  # the same quantity for the baseline, measured in this run
    goal: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None


class Report:
    def __init__(self, bench: str):
        self.bench = bench
        self.rows: list[Row] = []

    def row(self, name: str, value: float, unit: str, *, baseline=None, goal: str = "") -> None:
        row = Row(self.bench, name, value, unit, baseline, goal)
        self.rows.append(row)
        ratio = f"  ratio {row.ratio:.2f}" if row.ratio is not None else ""
        base = f"  (baseline {baseline:.4g} {unit})" if baseline is not None else ""
        print(f"  {name:<52} {value:>12.4g} {unit:<10}{base}{ratio}  {goal}", flush=True)


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    names = argv or sorted(p.stem[len("bench_") :] for p in here.glob("bench_*.py"))
    RESULTS.mkdir(exist_ok=True)
    all_rows = []
    for name in names:
        print(f"== {name}", flush=True)
        report = Report(name)
        started = time.perf_counter()
        importlib.import_module(f"tests.bench.bench_{name}").run(report)
        print(f"   ({time.perf_counter() - started:.1f} s)")
        all_rows.extend(report.rows)
        data = {
            "bench": name,
            "machine": platform.platform(),
            "python": platform.python_version(),
            "rows": [asdict(r) | {"ratio": r.ratio} for r in report.rows],
        }
        (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=2))
    print(f"\n{len(all_rows)} figures; JSON in {RESULTS}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
