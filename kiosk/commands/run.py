"""`stem-kiosk run`: start the touchscreen kiosk (or a headless, scripted run with screenshots).

The command builds the background sync and hands it to the kiosk: the screens never import it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.commands.common import config_of
from kiosk.sync import SyncWorker
from kiosk.ui.launch import run_app


def on_a_pi() -> bool:
    model = Path("/proc/device-tree/model")
    return model.exists() and "Raspberry Pi" in model.read_text(errors="replace")


def run(args: argparse.Namespace) -> int:
    return run_app(
        config_of(args),
        simulate=args.simulate,
        fullscreen=args.fullscreen or (not args.windowed and not args.headless and on_a_pi()),
        headless=args.headless,
        script=args.script,
        screenshots=args.screenshots,
        sync=SyncWorker,
    )
