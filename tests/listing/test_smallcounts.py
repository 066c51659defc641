"""The funder report's small-count rule: no count of participants from 1 to 4 is shown, and
none can be worked out from the figures that are shown, whatever the counts (checked by
trying every value the hidden counts could have)."""

from __future__ import annotations

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from listing.i18n import Catalogue
from listing.models.incoming import BANDS
from listing.portal.funder import figures
from listing.reports import Month, Participation
from listing.smallcounts import COMPLEMENTARY, PRIMARY, Cell, Group, protect


def report(bands: dict[str, int], venues: list[int] | None = None) -> Participation:
    """One month with these bands, at places of these sizes (else all at one place)."""
    total = sum(bands.values())
    month = Month("2027-02", sessions=3, participants=total, bands=dict(bands))
    places = [(f"v{i}", 1, n) for i, n in enumerate(venues or [total])]
    return Participation([month], places, places)


def test_one_to_four_is_hidden_and_zero_and_five_are_shown():
    assert [Cell(n).shown for n in (0, 1, 4, 5, 12)] == ["0", "<5", "<5", "5", "12"]


def test_a_lone_small_band_takes_the_smallest_other_band_with_it():
    fig = figures(report({"0-9": 8, "10-13": 3, "14-17": 20, "18-": 9, "unknown": 0}), Catalogue())
    shown = {line.label: line.participants.shown for line in fig.bands}
    assert shown == {"0-9": "x", "10-13": "<5", "14-17": "20", "18+": "9", "onbekend": "0"}
    assert (fig.participants.shown, fig.older.participants.shown) == ("40", "29")
    assert fig.bands[1].share is None and fig.bands[0].share is None  # no share of hidden ones
    assert fig.older.share == 72


def test_14_plus_is_hidden_where_it_would_give_the_younger_ones_away():
    fig = figures(report({"0-9": 0, "10-13": 3, "14-17": 20, "18-": 9, "unknown": 0}), Catalogue())
    # 32 participants, 3 of them under 14: 14+ (29) would say so; 18+ goes too, else 32 minus
    # 20 minus 9 would give the 3 away.
    assert fig.older.participants.shown == "x"
    assert [line.participants.shown for line in fig.bands] == ["0", "<5", "20", "x", "0"]


def test_when_nothing_beside_it_is_left_to_hide_its_total_is_hidden():
    small, big = Cell(3), Cell(17)
    wide = Group(Cell(20), [small, big])  # 3 + 17 = 20: the small one, then 17 hidden
    narrow = Group(Cell(17), [big, Cell(0)])  # 17 + 0 gives 17 back, and 20 - 17 gives 3
    protect([wide, narrow])
    assert (small.hidden, big.hidden, wide.total.hidden) == (PRIMARY, COMPLEMENTARY, COMPLEMENTARY)
    assert narrow.total.hidden == COMPLEMENTARY  # else it gives the 17 hidden beside 3 away


def test_a_report_with_no_small_counts_hides_nothing():
    fig = figures(report({"0-9": 5, "10-13": 6, "14-17": 7, "18-": 0, "unknown": 0}), Catalogue())
    assert [line.participants.shown for line in fig.bands] == ["5", "6", "7", "0", "0"]
    assert fig.older.share == 39


MOST = 9 * 5  # the largest total the property tests make


def possible(cell: Cell, most: int = MOST) -> range:
    """What a reader can tell of a count from how it is shown (and a total it is part of)."""
    if cell.hidden == PRIMARY:
        return range(1, 5)
    if cell.hidden == COMPLEMENTARY:  # not small (else it would read <5) and not zero
        return range(5, most + 1)
    return range(cell.value, cell.value + 1)


def solutions(fig) -> list[tuple[int, ...]]:
    """Every set of band counts that agrees with everything the report shows (its one place
    holds every participant, so the place's count is the total too)."""
    *first, last = [line.participants for line in fig.bands]
    totals = [fig.participants, fig.venues[0].participants, fig.towns[0].participants]
    known = set.intersection(*(set(possible(t)) for t in totals))
    most = max(known)
    older = possible(fig.older.participants)
    found = []
    for values in product(*(possible(c, most) for c in first)):
        for whole in known:
            rest = whole - sum(values)
            if rest in possible(last, most) and values[2] + values[3] in older:
                found.append((*values, rest))
    return found


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 9), min_size=5, max_size=5))
def test_no_hidden_band_can_be_worked_out_from_what_is_shown(counts):
    bands = dict(zip(BANDS, counts, strict=True))
    total = sum(counts)
    fig = figures(report(bands), Catalogue())
    if total == 0:
        return
    if 0 < total < 5:  # under 5 in all: no breakdown at all
        assert (fig.bands, fig.venues, fig.towns) == ([], [], [])
        return
    answers = solutions(fig)
    assert tuple(counts) in answers
    for i, line in enumerate(fig.bands):
        if line.participants.hidden:
            assert len({a[i] for a in answers}) > 1, (bands, [b.participants for b in fig.bands])
    if fig.older.participants.hidden:
        assert len({a[2] + a[3] for a in answers}) > 1


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 9), min_size=1, max_size=5))
def test_no_hidden_venue_count_can_be_worked_out(venues):
    total = sum(venues)
    bands = {"0-9": 0, "10-13": 0, "14-17": total, "18-": 0, "unknown": 0}
    fig = figures(report(bands, venues), Catalogue())
    if total < 5:
        return
    # The total as a reader can tell it: from the participants, the 14-17 band and 14+.
    known = set(possible(fig.participants)) & set(possible(fig.bands[2].participants))
    known &= set(possible(fig.older.participants))
    cells = [line.participants for line in fig.venues]
    answers = []
    for first in product(*(possible(c) for c in cells[:-1])):
        for whole in known:
            if whole - sum(first) in possible(cells[-1]):
                answers.append((*first, whole - sum(first)))
    assert tuple(venues) in answers
    for i, cell in enumerate(cells):
        if cell.hidden:
            assert len({a[i] for a in answers}) > 1, venues
