"""Concurrent writers over real HTTP: the higher revision always wins, and never two rows.

Threads release together at a barrier; each uses its own connection, so the listing runs the
transactions side by side (row locks / ON CONFLICT on PostgreSQL, BEGIN IMMEDIATE on SQLite).
"""

from __future__ import annotations

import random
import threading

import httpx

from tests.listing.snapshots import KIOSK, snapshot

WRITERS = 8


def run_together(server, token, work) -> list:
    barrier = threading.Barrier(WRITERS)
    results: list = [None] * WRITERS

    def writer(index: int) -> None:
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=server.url, headers=headers, timeout=60) as http:
            barrier.wait()
            results[index] = work(http, index)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def stored(client) -> list[dict]:
    return client.get(f"/v1/kiosks/{KIOSK}/sessions").json()["sessions"]


def test_concurrent_first_puts_of_one_session_store_one_row(server, token, client):
    snap = snapshot(new_id=True, revision=1)

    def work(http, _index):
        return http.put(f"/v1/sessions/{snap['session_id']}", json=snap)

    answers = run_together(server, token, work)
    assert sorted(a.status_code for a in answers) == [200] * (WRITERS - 1) + [201]
    assert sorted(a.json()["result"] for a in answers) == ["created"] + ["unchanged"] * (
        WRITERS - 1
    )
    assert stored(client) == [{"session_id": snap["session_id"], "revision": 1}]


def test_concurrent_revisions_never_lose_the_highest(server, token, client):
    sid = snapshot(new_id=True)["session_id"]
    revisions = list(range(1, WRITERS + 1))
    random.Random(7).shuffle(revisions)

    def work(http, index):
        revision = revisions[index]
        snap = snapshot(session_id=sid, revision=revision, **{"progress.steps": revision})
        answers = [http.put(f"/v1/sessions/{sid}", json=snap) for _ in range(3)]
        return [a.status_code for a in answers]

    codes = run_together(server, token, work)
    assert {c for per_writer in codes for c in per_writer} <= {200, 201}
    assert stored(client) == [{"session_id": sid, "revision": WRITERS}]


def test_concurrent_batches_over_the_same_sessions_in_different_orders(server, token, client):
    items = [snapshot(new_id=True, revision=1) for _ in range(20)]

    def work(http, index):
        mine = [dict(s, revision=1 + index % 3) for s in items]
        random.Random(index).shuffle(mine)
        return http.post("/v1/sessions/batch", json={"sessions": mine})

    answers = run_together(server, token, work)
    assert [a.status_code for a in answers] == [200] * WRITERS
    results = [r["result"] for a in answers for r in a.json()["results"]]
    assert "rejected" not in results
    assert results.count("created") == len(items)
    assert sorted(s["revision"] for s in stored(client)) == [3] * len(items)
