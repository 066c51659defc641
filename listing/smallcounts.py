"""The small-count rule of figures that leave the house (the funder report): no count of
participants from 1 to 4, and none that the shown figures give away by subtraction.

1. A count from 1 to 4 is hidden, shown as "<5" (primary). Zero is shown: it singles out nobody.
2. Where counts add up to a total that is shown (the age bands to the participants, 14-17 and
   18+ to 14+, the venue types or the municipalities to the participants), one hidden count
   would be the total minus the others. So while such a group has exactly one hidden count,
   its smallest other count above zero is hidden too, shown as "x" (complementary), or, when
   every other count is zero, its total is; a hidden total protects its group already. This
   repeats until no group has one hidden count alone, since a count hidden for one group may
   leave another with one.
Counts that no shown total ties to others (girls, returning participants) need rule 1 only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from listing.settings import PUBLIC_DETAIL_MIN

PRIMARY, COMPLEMENTARY = "<5", "x"


@dataclass(eq=False)
class Cell:
    """One count in a report; `hidden` is None (shown), PRIMARY or COMPLEMENTARY."""

    value: int
    hidden: str | None = None

    def __post_init__(self) -> None:
        if 0 < self.value < PUBLIC_DETAIL_MIN:
            self.hidden = PRIMARY

    @property
    def shown(self) -> str:
        return self.hidden or f"{self.value}"


@dataclass
class Group:
    """Counts that add up to `total`."""

    total: Cell
    parts: list[Cell] = field(default_factory=list)


def protect(groups: list[Group]) -> None:
    """Apply rule 2 to `groups` (their cells already carry rule 1), in place."""
    changed = True
    while changed:
        changed = False
        for group in groups:
            if group.total.hidden:
                continue
            hidden = [c for c in group.parts if c.hidden]
            if len(hidden) != 1:
                continue
            candidates = [c for c in group.parts if not c.hidden and c.value > 0]
            chosen = min(candidates, key=lambda c: c.value) if candidates else group.total
            chosen.hidden = COMPLEMENTARY
            changed = True
