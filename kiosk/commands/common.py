"""What every command needs: the config, and a one-line way to fail with the right exit code."""

from __future__ import annotations

import argparse
import sys

from kiosk.config import Config, config_path, ensure_config, load_config

OK, PROBLEM, USAGE, LATER = 0, 1, 2, 3


def fail(message: str, code: int = USAGE) -> int:
    print(f"stem-kiosk: {message}", file=sys.stderr)
    return code


def config_of(args: argparse.Namespace) -> Config:
    """The config the command runs with; its problems are printed, valid keys still apply."""
    path = config_path(args.config)
    if args.config is None:
        ensure_config(path)
    config, problems = load_config(path)
    for problem in problems:
        print(problem, file=sys.stderr)
    return config


def unknown_workshop(wid: str, library) -> str:
    """What to say when the library has no workshop of that id."""
    known = ", ".join(sorted(library.workshops)) or "none"
    return f"unknown workshop '{wid}' (the library has: {known})"
