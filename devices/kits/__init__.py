"""The shipped kit files: `default.yaml` is the mobile lab's box, one of each part.

Found without reading them, so the config can name the default without loading the device types.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def default_kit_path() -> Path:
    return Path(str(resources.files("devices") / "kits" / "default.yaml"))
