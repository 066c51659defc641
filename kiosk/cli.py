"""The `stem-kiosk` command line: global options, then one command from `kiosk/commands/`.

Exit codes: 0 success, 1 a problem the user must fix, 2 wrong usage or unknown name, 3 try later.
"""

from __future__ import annotations

import argparse
import os
import sys

# pygame greets on stdout when imported; a command's output (an id, a total) stands alone.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from kiosk.commands import devices, enroll, maker, pin, run, session, sync, validate, workshops

COMMANDS = (run, validate, devices, session, sync, pin, enroll, workshops, maker)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stem-kiosk",
        description="Touchscreen kiosk and device kit for the mobile STEM lab.",
    )
    parser.add_argument(
        "--config",
        metavar="PATH",
        help="config file (default: $STEM_KIOSK_CONFIG, else kiosk.yaml in the data directory)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
