"""What this program is: its name and version (the package's metadata, one place for both), and
the kiosk id it goes by until its config names one.
"""

from __future__ import annotations

from functools import cache

PROGRAM = "stem-kiosk"
DEFAULT_KIOSK_ID = "mobilab-demo"


@cache
def version() -> str:
    """The installed package's version, as pyproject.toml gives it."""
    # importlib.metadata costs a command that never shows the version ~15 ms: loaded here only
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed(PROGRAM)
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


def user_agent() -> str:
    """What the kiosk says it is on every request to the listing."""
    return f"{PROGRAM}/{version()}"
