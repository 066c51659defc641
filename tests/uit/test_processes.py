"""Two real `stem-listing uit publish` processes at once on one database (PostgreSQL, and
SQLite on one host): the per-stop lock lets one of them publish each stop, so UiTdatabank gets
one create per stop, however the two runs interleave."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from listing.uit.event import hidden_label
from tests.uit.listing_db import stop_day

STOPS = 3
SLOW_S = 0.3  # every place search and create answers this late: the runs overlap for seconds


def start(url: str, env: dict[str, str], log) -> subprocess.Popen:
    command = [str(Path(sys.executable).with_name("stem-listing")), "--db", url, "uit", "publish"]
    return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)


def test_two_runs_at_once_create_each_event_once(listing_db, uit, secret_file):
    settings = uit.settings(secret_file)
    uit.add_place("Bibliotheek Maldegem", "9990", "Maldegem")
    ids = [listing_db.add_stop(day=stop_day(30 + n)) for n in range(STOPS)]
    for _ in range(2 * STOPS):  # both runs search for each stop's place, slowly
        uit.inject("search_places", "slow", delay=SLOW_S)
        uit.inject("create", "slow", delay=SLOW_S)
    env = os.environ | {
        "STEM_LISTING_UIT_ENTRY_URL": settings.entry_url,
        "STEM_LISTING_UIT_SEARCH_URL": settings.search_url,
        "STEM_LISTING_UIT_TOKEN_URL": settings.token_url,
        "STEM_LISTING_UIT_CLIENT_ID": settings.client_id,
        "STEM_LISTING_UIT_CLIENT_SECRET_FILE": str(secret_file),
        "STEM_LISTING_UIT_EVENTTYPE": settings.eventtype,
    }
    url = listing_db.engine.url.render_as_string(hide_password=False)
    with tempfile.TemporaryFile() as log_one, tempfile.TemporaryFile() as log_two:
        one = start(url, env, log_one)
        deadline = time.monotonic() + 60
        while uit.count("search_places") == 0 and time.monotonic() < deadline:
            time.sleep(0.01)  # the first run is at its first stop
        two = start(url, env, log_two)
        codes = [one.wait(timeout=120), two.wait(timeout=120)]
        outputs = []
        for log in (log_one, log_two):
            log.seek(0)
            outputs.append(log.read().decode().splitlines())
    assert codes == [0, 0], outputs
    tokens = [n for n, (op, _) in enumerate(uit.calls) if op == "token"]
    creates = [n for n, (op, _) in enumerate(uit.calls) if op == "create"]
    assert len(tokens) == 2 and tokens[1] < creates[-1], "the two runs did overlap"
    for stop_id in ids:
        assert len(uit.events_labelled(hidden_label(stop_id))) == 1
    assert uit.count("create") == STOPS
    said = [sorted(line.rsplit(": ", 1)[1] for line in lines) for lines in outputs]
    assert sorted(said[0] + said[1]) == ["created"] * STOPS + ["unchanged"] * STOPS
