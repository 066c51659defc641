"""Fun Dutch names for creations ("Snelle Raket"): an adjective and a thing or animal, never a
person's name, so a creation never says who made it."""

from __future__ import annotations

import random
from collections.abc import Iterable

# Adjectives in the form before a de-word; nouns are de-words that are no one's first or last name.
ADJECTIVES = (
    "Snelle", "Slimme", "Vrolijke", "Dappere", "Gekke", "Stille", "Luide", "Kleine", "Grote",
    "Wilde", "Blije", "Sterke", "Zoemende", "Flitsende", "Slaperige", "Geheime", "Razende",
    "Vliegende", "Dansende", "Piepende", "Gloeiende", "Gouden", "Zilveren", "Knipperende",
    "Nieuwsgierige",
)  # fmt: skip
NOUNS = (
    "Raket", "Robot", "Draak", "Komeet", "Vulkaan", "Uil", "Wasbeer", "Panda", "Tijger", "Haai",
    "Octopus", "Pinguïn", "Kameleon", "Planeet", "Machine", "Zeppelin", "Bij", "Mier", "Walvis",
    "Lamp", "Satelliet", "Dinosaurus", "Eekhoorn", "Schildpad", "Vuurtoren",
)  # fmt: skip


def fun_name(taken: Iterable[str], rng: random.Random | None = None) -> str:
    """A name no creation in `taken` has (compared without case); with all 625 pairs in use,
    a number follows ("Snelle Raket 2")."""
    rng = rng or random.Random()
    used = {name.casefold() for name in taken}
    pairs = [f"{a} {n}" for a in ADJECTIVES for n in NOUNS]
    rng.shuffle(pairs)
    for number in range(1, len(used) + 2):
        for pair in pairs:
            name = pair if number == 1 else f"{pair} {number}"
            if name.casefold() not in used:
                return name
    raise AssertionError("unreachable: more names than creations")
