"""`stem-kiosk run`: start the touchscreen kiosk (or a headless, scripted run with screenshots)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.commands.common import config_of


def register(sub) -> None:
    parser = sub.add_parser("run", help="start the kiosk")
    parser.add_argument("--simulate", action="store_true", help="simulated kit (no Pi needed)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--fullscreen", action="store_true", help="kiosk mode (default on a Pi)")
    mode.add_argument("--windowed", action="store_true", help="an 800x480 window")
    parser.add_argument("--headless", action="store_true", help="no display: render off-screen")
    parser.add_argument("--script", metavar="FILE", help="a YAML script of inputs to play")
    parser.add_argument("--screenshots", metavar="DIR", help="where to save screenshots")
    parser.set_defaults(handler=handle)


def on_a_pi() -> bool:
    model = Path("/proc/device-tree/model")
    return model.exists() and "Raspberry Pi" in model.read_text(errors="replace")


def handle(args: argparse.Namespace) -> int:
    from kiosk.ui.launch import run_app  # pygame loads only for the commands that draw

    return run_app(
        config_of(args),
        simulate=args.simulate,
        fullscreen=args.fullscreen or (not args.windowed and not args.headless and on_a_pi()),
        headless=args.headless,
        script=args.script,
        screenshots=args.screenshots,
    )
