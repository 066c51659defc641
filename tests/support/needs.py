"""What a test does when a real service or program is missing: skip with the reason locally,
fail under CI=true (where .ci/run installs everything, so a skip would hide a broken setup).
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def missing(message: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)
