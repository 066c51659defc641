"""System tools the tests run for real (espeak-ng, msgfmt, shellcheck, ...).

Missing: a failure under CI (`.ci/run` installs them), a skip with the reason locally.
"""

from __future__ import annotations

import os
import shutil

import pytest


def tool_or_skip(name: str, package: str | None = None) -> str:
    """The path of a system tool; missing: a failure under CI, a skip with a reason locally."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (apt-get install -y {package or name})"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path
