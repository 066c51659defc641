"""A batch's items are judged exactly as one by one, also when the whole body is checked at once.

`validate_items` takes one pass over the raw body when every item passes the field rules.
"""

from __future__ import annotations

import json
import random

import pytest

from listing.bodies import validate_items, validate_snapshot
from listing.problems import Problem
from tests.listing.snapshots import snapshot
from tests.listing.test_validation import INVALID, VALID


def one_by_one(items: list) -> list:
    judged = []
    for index, item in enumerate(items):
        try:
            judged.append(validate_snapshot(item, f"/sessions/{index}"))
        except Problem as problem:
            judged.append(problem.body())
    return judged


def at_once(items: list) -> list:
    raw = json.dumps({"sessions": items}).encode()
    return [c.body() if isinstance(c, Problem) else c for c in validate_items(raw, items)]


def test_valid_items_are_the_same_snapshots_as_one_by_one():
    items = [snapshot(new_id=True, **changes) for changes in VALID]
    items.append(snapshot(new_id=True, **{"attendance.total": 3}))  # only a tied rule broken
    judged = at_once(items)
    assert judged == one_by_one(items)
    assert judged[-1]["errors"][0]["pointer"] == f"/sessions/{len(items) - 1}/attendance/total"


@pytest.mark.parametrize("seed", range(3))
def test_mixed_items_are_judged_as_one_by_one(seed):
    rng = random.Random(seed)
    items = [snapshot(new_id=True, **changes) for changes, _ in INVALID]
    items += [snapshot(new_id=True, **changes) for changes in VALID] + [42, None, "x"]
    rng.shuffle(items)
    judged = at_once(items)
    assert judged == one_by_one(items)
    assert sum(isinstance(j, dict) for j in judged) == len(INVALID) + 3
