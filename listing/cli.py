"""The `stem-listing` command line (the central listing service)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print("stem-listing: not built yet", file=sys.stderr)
    return 2
