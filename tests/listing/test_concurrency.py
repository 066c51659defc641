"""Concurrent writers over real HTTP: the higher revision always wins, and never two rows.

Threads release together at a barrier; each uses its own connection, so the listing runs the
transactions side by side (row locks / ON CONFLICT on PostgreSQL, BEGIN IMMEDIATE on SQLite).
Each race takes a list of base URLs (thread i talks to urls[i % len]), so test_processes runs
the very same races split across two `stem-listing serve` processes.
"""

from __future__ import annotations

import random
import threading

import httpx

from tests.listing.snapshots import KIOSK, snapshot

WRITERS = 8


def run_together(urls: list[str], token: str, work, writers: int) -> list:
    barrier = threading.Barrier(writers)
    results: list = [None] * writers

    def writer(index: int) -> None:
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=urls[index % len(urls)], headers=headers, timeout=60) as http:
            barrier.wait()
            results[index] = work(http, index)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def stored(url: str, token: str, ids) -> list[dict]:
    """What the listing holds of the sessions `ids` (earlier races may have left others)."""
    answer = httpx.get(
        f"{url}/v1/kiosks/{KIOSK}/sessions", headers={"Authorization": f"Bearer {token}"}
    )
    return [s for s in answer.json()["sessions"] if s["session_id"] in set(ids)]


def first_puts_race(urls: list[str], token: str, writers: int = WRITERS) -> None:
    """Every writer PUTs the same new session: one creates it, the others find it unchanged."""
    snap = snapshot(new_id=True, revision=1)

    def work(http, _index):
        return http.put(f"/v1/sessions/{snap['session_id']}", json=snap)

    answers = run_together(urls, token, work, writers)
    assert sorted(a.status_code for a in answers) == [200] * (writers - 1) + [201]
    assert sorted(a.json()["result"] for a in answers) == ["created"] + ["unchanged"] * (
        writers - 1
    )
    sid = snap["session_id"]
    assert stored(urls[0], token, [sid]) == [{"session_id": sid, "revision": 1}]


def revisions_race(urls: list[str], token: str, writers: int = WRITERS) -> None:
    """Each writer PUTs its own revision of one session three times: the highest stays."""
    sid = snapshot(new_id=True)["session_id"]
    revisions = list(range(1, writers + 1))
    random.Random(7).shuffle(revisions)

    def work(http, index):
        revision = revisions[index]
        snap = snapshot(session_id=sid, revision=revision, **{"progress.steps": revision})
        answers = [http.put(f"/v1/sessions/{sid}", json=snap) for _ in range(3)]
        return [a.status_code for a in answers]

    codes = run_together(urls, token, work, writers)
    assert {c for per_writer in codes for c in per_writer} <= {200, 201}
    assert sorted(c for per_writer in codes for c in per_writer).count(201) == 1
    assert stored(urls[-1], token, [sid]) == [{"session_id": sid, "revision": writers}]


def batches_race(urls: list[str], token: str, writers: int = WRITERS) -> None:
    """Batches over the same 20 sessions in different orders: each created once, newest kept."""
    items = [snapshot(new_id=True, revision=1) for _ in range(20)]

    def work(http, index):
        mine = [dict(s, revision=1 + index % 3) for s in items]
        random.Random(index).shuffle(mine)
        return http.post("/v1/sessions/batch", json={"sessions": mine})

    answers = run_together(urls, token, work, writers)
    assert [a.status_code for a in answers] == [200] * writers
    results = [r["result"] for a in answers for r in a.json()["results"]]
    assert "rejected" not in results
    assert results.count("created") == len(items)
    held = stored(urls[0], token, [s["session_id"] for s in items])
    assert sorted(s["revision"] for s in held) == [3] * len(items)


def test_concurrent_first_puts_of_one_session_store_one_row(server, token):
    first_puts_race([server.url], token)


def test_concurrent_revisions_never_lose_the_highest(server, token):
    revisions_race([server.url], token)


def test_concurrent_batches_over_the_same_sessions_in_different_orders(server, token):
    batches_race([server.url], token)
