"""A workshop as the kiosk holds it once read and checked: its steps, checks, choices, demos,
materials and safety notes, in plain frozen values (kiosk/workshop.py reads them from a file).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from devices.checks import Check
from devices.kitconfig import Text


@dataclass(frozen=True)
class Material:
    name: Text
    count: int
    recycled: bool  # reused from packaging or scrap: STEM need not be high-tech
    low_cost: bool = False  # cheap and easy to find (a shop, a drawer at home)


@dataclass(frozen=True)
class Demo:
    kind: str  # graph | reaction | theremin
    device: str


@dataclass(frozen=True)
class Variant:
    """One challenge to choose at a choice point; its own text, check and hint."""

    id: str
    title: Text
    text: Text
    check: Check | None
    hint: Text | None
    maker: bool = False  # it opens maker mode with the workshop's devices ("Code it yourself")


@dataclass(frozen=True)
class Step:
    id: str
    title: Text
    text: Text
    wiring: str | None
    picture: Path | None
    check: Check | None
    hint: Text | None
    demo: Demo | None
    variants: tuple[Variant, ...]
    maker: bool = False  # it opens maker mode with the workshop's devices


@dataclass(frozen=True)
class AgeRange:
    low: int | None
    high: int | None

    def __str__(self) -> str:
        return f"{'' if self.low is None else self.low}-{'' if self.high is None else self.high}"


@dataclass(frozen=True)
class Workshop:
    id: str
    version: str
    title: Text
    summary: Text
    age_range: AgeRange
    duration_min: int
    group_size: AgeRange
    materials: tuple[Material, ...]
    safety: tuple[Text, ...]
    devices: tuple[str, ...]
    steps: tuple[Step, ...]
    path: Path
    where: tuple[int, int] = (1, 1)  # line and column of its `id:`, for problems across files

    def as_json(self) -> dict:
        """The `workshop` object of a session snapshot (listing-api.md): what a session keeps."""
        title = {"nl": self.title.nl} | ({"en": self.title.en} if self.title.en else {})
        return {
            "id": self.id,
            "version": self.version,
            "title": title,
            "typical_age_range": str(self.age_range),
        }

    @property
    def checks(self) -> int:
        """How many checks a run through the first variant at every choice meets."""
        return sum(1 for s in self.steps if (s.variants[0].check if s.variants else s.check))
