"""The shipped kit files: `default.yaml` is the mobile lab's box, one of each part.

Found next to this module, without reading them: the config names the default kit on every
command, and no command should pay for more than a path.
"""

from __future__ import annotations

from pathlib import Path


def default_kit_path() -> Path:
    return Path(__file__).with_name("default.yaml")
