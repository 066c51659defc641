"""Fixtures for the content tests: the default kit, the broken corpus and its expectations."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from devices.kitconfig import load_kit

BROKEN = Path(__file__).parent.parent / "data" / "broken"
KINDS = {"workshops": "workshop", "kits": "kit", "tours": "tour", "configs": "config"}


def expected() -> dict[str, list[str]]:
    """`kind/file.yaml` -> the exact `line:column: message` lines it must produce."""
    return yaml.safe_load((BROKEN / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def kit():
    spec, problems = load_kit()
    assert problems == []
    return spec
