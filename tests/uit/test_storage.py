"""The UiTdatabank records on the real table (SQLite and PostgreSQL): every save committed when
it returns, one record per environment, candidates and the chosen place; and the per-stop
lock, held across threads and processes and let go when its process dies."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

import pytest

from listing import db
from listing.storage.uit import Busy, UitTable, choose_place, stop_lock, uit_states
from listing.uit.client import Place
from listing.uit.publish import CREATING, PUBLISHED, UitRecord

TEST = "https://io-test.uitdatabank.be"
PRODUCTION = "https://io.uitdatabank.be"
EVENT = "2e8f0c4a-5b6d-4e7f-8a9b-0c1d2e3f4a5b"


def test_a_saved_record_is_committed_and_read_back_whole(listing_db):
    stop_id = listing_db.add_stop()
    record = UitRecord(CREATING, None, "a" * 64, 1_786_000_000.123456, "rejected: x", "b" * 64)
    UitTable(listing_db.engine, TEST).save(stop_id, record)
    other = db.make_engine(str(listing_db.engine.url.render_as_string(hide_password=False)))
    try:
        found = UitTable(other, TEST).load(stop_id)  # another connection pool: committed
    finally:
        other.dispose()
    assert found.unsure_since == pytest.approx(record.unsure_since, abs=1e-6)
    assert found == UitRecord(**{**record.__dict__, "unsure_since": found.unsure_since})
    UitTable(listing_db.engine, TEST).save(stop_id, UitRecord(PUBLISHED, EVENT, "c" * 64))
    assert UitTable(listing_db.engine, TEST).load(stop_id) == UitRecord(PUBLISHED, EVENT, "c" * 64)


def test_each_environment_keeps_its_own_record_and_place(listing_db):
    stop_id = listing_db.add_stop()
    UitTable(listing_db.engine, TEST).save(stop_id, UitRecord(PUBLISHED, EVENT, "c" * 64))
    assert UitTable(listing_db.engine, PRODUCTION).load(stop_id) == UitRecord()
    with db.write(listing_db.engine) as conn:
        choose_place(conn, stop_id, PRODUCTION, f"{PRODUCTION}/places/{EVENT}")
    with db.read(listing_db.engine) as conn:
        test, production = (uit_states(conn, url, [stop_id])[stop_id] for url in (TEST, PRODUCTION))
    assert (test.event_id, test.place_id) == (EVENT, None)
    assert (production.event_id, production.place_id) == (None, f"{PRODUCTION}/places/{EVENT}")


def test_candidates_are_kept_for_the_coordinator_and_a_choice_clears_them(listing_db):
    stop_id = listing_db.add_stop()
    table = UitTable(listing_db.engine, TEST)
    places = (Place(f"{TEST}/places/{EVENT}", "Jeugdhuis Kouter", "Kouter 3, 9990 Maldegem"),)
    table.keep_candidates(stop_id, places)
    table.save(stop_id, UitRecord(error="2 UiT places: pick the place"))
    with db.read(listing_db.engine) as conn:
        assert uit_states(conn, TEST, [stop_id])[stop_id].candidates == places
    with db.write(listing_db.engine) as conn:
        choose_place(conn, stop_id, TEST, places[0].id)
    with db.read(listing_db.engine) as conn:
        state = uit_states(conn, TEST, [stop_id])[stop_id]
    assert (state.place_id, state.candidates) == (places[0].id, ())
    assert state.error == "2 UiT places: pick the place"  # until the next publish


def test_the_lock_holds_one_publisher_per_stop(listing_db):
    one, two = listing_db.add_stop(), listing_db.add_stop(name="Jeugdhuis Kouter")
    entered = threading.Event()
    release = threading.Event()

    def holder():
        with stop_lock(listing_db.engine, one, 0.0):
            entered.set()
            release.wait(10)

    thread = threading.Thread(target=holder)
    thread.start()
    try:
        assert entered.wait(10)
        with pytest.raises(Busy), stop_lock(listing_db.engine, one, 0.2):
            pass
        with stop_lock(listing_db.engine, two, 0.0):
            pass  # another stop is free
    finally:
        release.set()
        thread.join()
    with stop_lock(listing_db.engine, one, 0.0):
        pass


def test_a_process_that_dies_lets_go_of_its_lock(listing_db):
    stop_id = listing_db.add_stop()
    url = listing_db.engine.url.render_as_string(hide_password=False)
    script = textwrap.dedent(f"""
        import time
        from listing import db
        from listing.storage.uit import stop_lock
        with stop_lock(db.make_engine({url!r}), {stop_id!r}, 10.0):
            print("held", flush=True)
            time.sleep(60)
    """)
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(Busy), stop_lock(listing_db.engine, stop_id, 0.2):
            pass
    finally:
        holder.kill()  # SIGKILL: no finally block of its own runs
        holder.wait()
        holder.stdout.close()
    with stop_lock(listing_db.engine, stop_id, 10.0):
        pass
