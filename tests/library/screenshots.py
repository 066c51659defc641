"""Screenshots of every step of a workshop at 800x480, through the kiosk's own headless scripts.

  python -m tests.library.screenshots reactiespel theremin --out screenshots/steps

writes DIR/ID.yaml (a headless script: every step waiting, with its hint, and passed; every
choice) and plays it with `stem-kiosk run --simulate --headless`, screenshots in DIR/ID/.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import yaml

from devices.kitconfig import KitSpec, load_kit
from kiosk.library import Library, load_library, shipped_dir
from kiosk.ui.player import HINT_AFTER_S
from kiosk.workshop import Workshop
from tests.library.stimulus import stimulus

TILES_PER_PAGE = 5  # Home: two rows of three tiles, the last one "more" when there are pages


def setting(kit: KitSpec, check, *, meet: bool) -> list[dict]:
    """Script steps that set the check's sensor so that the check is met (or not)."""
    if check is None:
        return []
    return [{"set": {check.device: v}} for v in stimulus(check, kit.devices[check.device], meet)]


def shown(kit: KitSpec, check, name: str) -> list[dict]:
    """The step as it comes up; with a check, its hint after a while, then the check met."""
    if check is None:
        return [{"screenshot": name}]
    return [
        {"screenshot": name},
        {"wait": HINT_AFTER_S + 1},
        {"screenshot": f"{name}-hint"},
        *setting(kit, check, meet=True),
        {"wait": check.seconds + 0.2},
        {"screenshot": f"{name}-passed"},
    ]


def script(workshop: Workshop, library: Library, kit: KitSpec) -> dict:
    """A headless script that visits every step (and every choice) of the workshop."""
    page = [w.id for w in library.sorted()].index(workshop.id) // TILES_PER_PAGE
    steps: list[dict] = [{"tap": "startup.continue"}, *[{"tap": "home.more"}] * page]
    steps += [
        {"assert": {"shown": f"home.tile.{workshop.id}"}},
        {"tap": f"home.tile.{workshop.id}"},
    ]
    steps += [{"screenshot": "00-intro"}]
    steps += setting(kit, workshop.steps[0].check, meet=False)
    steps += [{"tap": "intro.start"}]
    for n, step in enumerate(workshop.steps, 1):
        name = f"{n:02d}-{step.id}"
        steps.append({"assert": {"screen": "player"}})
        steps += (
            shown(kit, step.check, name)
            if not step.variants
            else [{"screenshot": f"{name}-choices"}]
        )
        for i, variant in enumerate(step.variants):
            if i:
                steps.append({"tap": "player.rechoose"})
            steps += setting(kit, variant.check, meet=False)
            steps.append({"tap": f"player.choice.{variant.id}"})
            steps += shown(kit, variant.check, f"{name}-{variant.id}")
        if n < len(workshop.steps):
            steps += setting(kit, workshop.steps[n].check, meet=False)
        steps.append({"tap": "player.next"})
    steps += [{"assert": {"screen": "end"}}, {"screenshot": "99-end"}, {"tap": "end.confirm"}]
    return {"sizes": ["800x480"], "steps": steps}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="+", metavar="ID")
    parser.add_argument("--out", type=Path, default=Path("screenshots/steps"))
    args = parser.parse_args(argv)
    kit, _ = load_kit()
    library = load_library([shipped_dir()], kit)
    args.out.mkdir(parents=True, exist_ok=True)
    config = args.out / "kiosk.yaml"  # its own journal, not the developer's
    config.write_text(f"kiosk_id: screenshots\ndata_dir: {(args.out / 'data').resolve()}\n")
    for wid in args.ids:
        path = args.out / f"{wid}.yaml"
        path.write_text(yaml.safe_dump(script(library.workshops[wid], library, kit)))
        command = [sys.executable, "-m", "kiosk.cli", "--config", str(config), "run",
                   "--simulate", "--headless", "--script", str(path),
                   "--screenshots", str(args.out / wid)]  # fmt: skip
        if subprocess.run(command, check=False).returncode:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
