"""The small-count rule of figures that leave the house (the funder report): no count of
participants from 1 to 4, and none that the shown figures give away by arithmetic.

1. A count from 1 to 4 is hidden, shown as "<5" (primary). Zero is shown: it singles out nobody.
2. Counts that add up to a total (the age bands to the participants, 14-17 and 18+ to 14+, the
   venue types or the municipalities to the participants) let a reader narrow down what is
   hidden: a total minus the shown parts is what the hidden parts add up to, and a reader knows
   a "<5" is 1 to 4 and an "x" is 5 or more (zero and 1 to 4 read otherwise). The rule works
   out, for every hidden count, the least and the most it could be from everything shown
   (interval audit over every sum, repeated until nothing narrows further). While some hidden
   count could be only one value, one more count is hidden, shown as "x" (complementary): the
   smallest shown count above zero of a sum that holds it, else that sum's total, else the
   smallest of a sum that shares a count with those.
3. A report of fewer than 5 participants in all shows no breakdown by age or place: with so
   few, any breakdown narrows them down (four bands of 1 or more under a total under 5 are 1
   each).
Counts that no shown total ties to others (girls, returning participants) need rule 1 only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from listing.settings import PUBLIC_DETAIL_MIN

PRIMARY, COMPLEMENTARY = "<5", "x"
UNBOUNDED = 10**12  # "5 or more": more than any report counts
LOOK_AHEAD = 6  # candidates tried before choosing which count to hide next


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

    def readable(self) -> list[int]:
        """What a reader knows of it from how it is shown: [least, most]."""
        if self.hidden == PRIMARY:
            return [1, PUBLIC_DETAIL_MIN - 1]
        if self.hidden == COMPLEMENTARY:
            return [PUBLIC_DETAIL_MIN, UNBOUNDED]
        return [self.value, self.value]


@dataclass
class Group:
    """Counts that add up to `total`."""

    total: Cell
    parts: list[Cell] = field(default_factory=list)


def audit(groups: list[Group]) -> dict[int, list[int]]:
    """[least, most] of every cell (by id) that a reader can work out from the shown cells
    and the sums, narrowed over and over until no sum narrows anything further."""
    bounds = {id(c): c.readable() for g in groups for c in (g.total, *g.parts)}
    changed = True
    while changed:
        changed = False
        for group in (g for g in groups if g.parts):
            low = sum(bounds[id(c)][0] for c in group.parts)
            high = sum(bounds[id(c)][1] for c in group.parts)
            total = bounds[id(group.total)]
            narrowed = {id(group.total): [max(total[0], low), min(total[1], high)]}
            for c in group.parts:
                least, most = bounds[id(c)]
                others_low, others_high = low - least, high - most
                narrowed[id(c)] = [
                    max(least, total[0] - others_high),
                    min(most, total[1] - others_low),
                ]
            for key, value in narrowed.items():
                if value[0] > value[1]:
                    raise ValueError("the counts do not add up to their total")
                if value != bounds[key]:
                    bounds[key] = value
                    changed = True
    return bounds


def _candidates(groups: list[Group], exposed: Cell) -> list[Cell]:
    """The counts that could cover `exposed`, smallest first: shown counts above zero beside it
    in a sum, else the totals of such sums, else the counts of a sum that shares a count with
    those (a total can be given away by another sum it belongs to), else any."""
    holding = [g for g in groups if exposed in g.parts]
    near = {id(c) for g in holding for c in (g.total, *g.parts)}
    linked = [g for g in groups if any(id(c) in near for c in (g.total, *g.parts))]
    for choice in (
        [c for g in holding for c in g.parts],
        [g.total for g in holding],
        [c for g in linked for c in (g.total, *g.parts)],
        [c for g in groups for c in (g.total, *g.parts)],
    ):
        shown = {id(c): c for c in choice if not c.hidden and c.value > 0}
        if shown:
            return sorted(shown.values(), key=lambda c: c.value)
    raise AssertionError("an exposed count with nothing left to hide")


def _exposed(groups: list[Group]) -> list[Cell]:
    bounds = audit(groups)
    return [
        c
        for g in groups
        for c in (g.total, *g.parts)
        if c.hidden and bounds[id(c)][0] == bounds[id(c)][1]
    ]


def _hidden_after(groups: list[Group], cell: Cell) -> int:
    """How many counts end up hidden if `cell` is the next one (tried, then undone)."""
    cells = {id(c): c for g in groups for c in (g.total, *g.parts)}
    before = {key: c.hidden for key, c in cells.items()}
    cell.hidden = COMPLEMENTARY
    protect(groups, look_ahead=False)
    hidden = sum(c.hidden is not None for c in cells.values())
    for key, c in cells.items():
        c.hidden = before[key]
    return hidden


def protect(groups: list[Group], *, look_ahead: bool = True) -> None:
    """Apply rule 2 to `groups` (their cells already carry rule 1), in place. Of the few
    smallest counts that could cover an exposed one, the one that leaves least hidden in the
    end is taken (a small count now can cost more later)."""
    while exposed := _exposed(groups):
        candidates = _candidates(groups, exposed[0])
        if look_ahead and len(candidates) > 1:
            tried = candidates[:LOOK_AHEAD]
            chosen = min(tried, key=lambda c: (_hidden_after(groups, c), c.value))
        else:
            chosen = candidates[0]
        chosen.hidden = COMPLEMENTARY
