"""`stem-listing uit publish|place` on a real database (SQLite and PostgreSQL) against the fake
UiTdatabank, configured as a coordinator does, through the environment: one line per stop,
the candidates with their ids, a refusal shown and not sent again, and each exit code."""

from __future__ import annotations

import pytest

from listing.cli import main
from listing.uit.event import hidden_label
from tests.uit.conftest import configure, write_secret
from tests.uit.listing_db import stop_day

PLACE_UUID = "787d7420-c06f-4935-b3c5-5cd5a1276796"


@pytest.fixture
def configured(monkeypatch, uit, secret_file):
    """The STEM_LISTING_UIT_* environment pointing at the fake; returns a setter for more."""
    return configure(monkeypatch, uit, secret_file)


@pytest.fixture
def cli(capsys, listing_db, configured):
    url = listing_db.engine.url.render_as_string(hide_password=False)

    def run(*argv) -> tuple[int, list[str], str]:
        code = main(["--db", url, "uit", *argv])
        out = capsys.readouterr()
        return code, out.out.splitlines(), out.err

    return run


@pytest.fixture
def place(uit):
    return uit.add_place("Bibliotheek Maldegem", "9990", "Maldegem", "Marktstraat 1")


def test_publish_prints_a_line_per_stop_and_exits_0(cli, listing_db, uit, place):
    one = listing_db.add_stop()
    two = listing_db.add_stop(day=stop_day(31))
    code, lines, err = cli("publish")
    assert (code, err) == (0, "")
    assert lines == [f"{one} Bibliotheek Maldegem: created", f"{two} Bibliotheek Maldegem: created"]
    listing_db.cancel(two)
    code, lines, _ = cli("publish")
    assert code == 0
    assert lines == [
        f"{one} Bibliotheek Maldegem: unchanged",
        f"{two} Bibliotheek Maldegem: cancelled",
    ]
    code, lines, _ = cli("publish", "--stop", two)
    assert (code, lines) == (0, [f"{two} Bibliotheek Maldegem: unchanged"])
    assert uit.count("create") == 2
    code, lines, _ = cli("list")
    assert code == 0 and lines[0] == "stop_id\tdate\tname\tuit\tevent\treason"
    events = {e["hiddenLabels"][0]: e["@id"] for e in uit.events.values()}
    assert lines[2] == "\t".join(
        [two, stop_day(31).isoformat(), "Bibliotheek Maldegem", "cancelled",
         events[hidden_label(two)], "-"]
    )  # fmt: skip


def test_no_single_place_lists_the_candidates_and_a_place_can_be_picked(cli, listing_db, uit):
    first = uit.add_place("Jeugdhuis Kouter", "9990", "Maldegem", "Kouter 3")
    second = uit.add_place("Jeugdhuis Kouter Zaal 2", "9990", "Maldegem", "Kouter 5")
    stop_id = listing_db.add_stop("Jeugdhuis Kouter")
    code, lines, _ = cli("publish")
    assert code == 1
    assert lines[0] == (
        f"{stop_id} Jeugdhuis Kouter: skipped: 2 UiT places named 'Jeugdhuis Kouter' at 9990: "
        "pick the place"
    )
    assert sorted(lines[1:3]) == sorted([
        f"    {first}  Jeugdhuis Kouter (Kouter 3, 9990 Maldegem)",
        f"    {second}  Jeugdhuis Kouter Zaal 2 (Kouter 5, 9990 Maldegem)",
    ])  # fmt: skip
    assert lines[3] == f"    pick one: stem-listing uit place {stop_id} PLACE_ID"
    code, lines, err = cli("place", stop_id, second.rsplit("/", 1)[1])  # its id alone will do
    assert code == 0 and lines[0].endswith(f"UiT place {second}") and "--stop" in err
    assert cli("publish") == (0, [f"{stop_id} Jeugdhuis Kouter: created"], "")
    [event] = uit.events_labelled(hidden_label(stop_id))
    assert event["location"] == {"@id": second}


def test_a_stop_without_times_says_what_to_give(cli, listing_db, uit):
    stop_id = listing_db.add_stop(hours=None)
    code, lines, _ = cli("publish")
    assert code == 1
    assert lines == [
        f"{stop_id} Bibliotheek Maldegem: skipped: the stop on {stop_day().isoformat()} has no "
        "start and end time: give both, UiTdatabank needs them for a single-day event"
    ]
    assert uit.calls == [("token", 200)]


def test_a_400_is_shown_with_uit_s_detail_and_not_sent_again(
    cli, listing_db, uit, configured, place
):
    stop_id = listing_db.add_stop()
    configured(EVENTTYPE="9.9.9.9.9")
    for _ in range(2):
        code, lines, _ = cli("publish")
        assert code == 1
        assert lines[0].startswith(
            f"{stop_id} Bibliotheek Maldegem: skipped: rejected by UiTdatabank:"
        )
        assert "/terms: unknown term id(s): 9.9.9.9.9" in lines[0]
    assert uit.count("create") == 1
    [row] = cli("list")[1][1:]
    assert row.split("\t")[3:5] == ["not published", "-"]
    assert row.split("\t")[5] == lines[0].split(": skipped: ", 1)[1]  # the same words
    configured()
    assert cli("publish")[:2] == (0, [f"{stop_id} Bibliotheek Maldegem: created"])


def test_a_wrong_secret_stops_the_run_at_once(cli, listing_db, uit, configured, tmp_path, place):
    listing_db.add_stop()
    configured(CLIENT_SECRET_FILE=str(write_secret(tmp_path / "wrong", "not-it")))
    code, lines, err = cli("publish")
    assert (code, lines) == (1, [])
    assert "publiq refused client id stem-kiosk-test and its secret (invalid_client" in err
    assert "STEM_LISTING_UIT_CLIENT_SECRET_FILE" in err and "not-it" not in err
    assert uit.count("search_places") == 0


def test_missing_or_unsafe_settings_stop_with_a_clear_message(
    cli, listing_db, configured, tmp_path, monkeypatch
):
    monkeypatch.delenv("STEM_LISTING_UIT_CLIENT_ID")
    monkeypatch.delenv("STEM_LISTING_UIT_EVENTTYPE")
    code, _, err = cli("publish")
    assert code == 1
    assert (
        "STEM_LISTING_UIT_CLIENT_ID is not set" in err
        and "STEM_LISTING_UIT_EVENTTYPE is not set" in err
    )
    configured(CLIENT_SECRET_FILE=str(write_secret(tmp_path / "open", "s3cret-test", 0o644)))
    code, _, err = cli("publish")
    assert code == 1 and "chmod 600" in err
    assert cli("place", listing_db.add_stop(), PLACE_UUID)[0] == 0  # needs no secret


def test_uit_out_of_reach_exits_3_and_says_what_was_not_tried(cli, listing_db, uit, place):
    first = listing_db.add_stop()
    for offset in (31, 32):
        listing_db.add_stop(day=stop_day(offset))
    for _ in range(4):
        uit.inject("search_places", "status", status=503, retry_after=0)
    code, lines, err = cli("publish")
    assert code == 3
    assert lines == [
        f"{first} Bibliotheek Maldegem: skipped: UiTdatabank could not be reached "
        "(UiTdatabank is busy or failing (503: injected by the fake)): run again later"
    ]
    assert "2 stop(s) not tried" in err
    assert cli("publish")[0] == 0


def test_a_token_server_out_of_reach_exits_3_before_any_stop(cli, listing_db, uit, place):
    listing_db.add_stop()
    for _ in range(4):
        uit.inject("token", "status", status=503, retry_after=0)
    code, lines, err = cli("publish")
    assert (code, lines) == (3, [])
    assert "publiq's token server is busy or failing (503)" in err and "1 stop(s) not tried" in err


def test_wrong_names_and_ids_exit_2(cli, listing_db):
    stop_id = listing_db.add_stop()
    code, _, err = cli("publish", "--stop", "8e1c4f0a-2b3d-4e5f-9a6b-7c8d9e0f1a2b")
    assert code == 2 and "no stop 8e1c4f0a-2b3d-4e5f-9a6b-7c8d9e0f1a2b" in err
    code, _, err = cli("place", stop_id, "Bibliotheek Maldegem")
    assert code == 2 and "neither a UiT place id (a UUID) nor a place URL" in err
    code, _, err = cli("place", "8e1c4f0a-2b3d-4e5f-9a6b-7c8d9e0f1a2b", PLACE_UUID)
    assert code == 2 and "no stop" in err
    with pytest.raises(SystemExit) as usage:
        cli("publish", "--stop", stop_id, "--all")
    assert usage.value.code == 2
