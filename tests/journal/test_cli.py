"""The journal's commands: session start/count/end, sessions, export and report, as typed."""

from __future__ import annotations

import csv
import json
import uuid

import pytest

from kiosk.cli import main
from kiosk.journal import Journal
from tests.journal.contract import problems

TOUR = """\
name: Voorjaarstour 2026
stops:
  - date: 2026-02-12
    name: Bibliotheek Maldegem
    venue_type: library
    municipality: Maldegem
    postcode: "9990"
"""


@pytest.fixture
def cli(tmp_path, capsys):
    (tmp_path / "tour.yaml").write_text(TOUR)
    config = tmp_path / "kiosk.yaml"
    config.write_text("kiosk_id: mobilab-cli-1\ndata_dir: data\ntour: tour.yaml\n")

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["--config", str(config), *argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    run.data_dir = tmp_path / "data"
    return run


def start(cli, stop="Bibliotheek Maldegem") -> str:
    code, out, err = cli("session", "start", "--workshop", "reactiespel", "--stop", stop)
    assert code == 0, err
    assert out.count("\n") == 1
    return str(uuid.UUID(out.strip()))


def test_start_count_end(cli):
    sid = start(cli)
    assert cli("session", "count", sid, "--band", "14-17", "--gender", "girl") == (0, "1\n", "")
    assert cli("session", "count", sid, "--band", "10-13", "--returning") == (0, "2\n", "")
    assert cli("session", "end", sid)[0] == 0
    with Journal.open(cli.data_dir) as j:
        s = j.snapshot(sid)
    assert s["kiosk_id"] == "mobilab-cli-1" and s["status"] == "closed"
    assert s["stop"] == {"name": "Bibliotheek Maldegem", "venue_type": "library",
                         "municipality": "Maldegem", "postcode": "9990"}  # fmt: skip
    assert s["attendance"]["returning"] == 1 and s["attendance"]["gender"]["girl"] == 1


def test_a_stop_not_in_the_tour_is_free_text(cli):
    sid = start(cli, "Jeugdhuis De Kelder")
    with Journal.open(cli.data_dir) as j:
        assert j.snapshot(sid)["stop"]["venue_type"] == "other"


@pytest.mark.parametrize(
    "argv",
    [
        ("session", "count", "{sid}", "--band", "15-18"),
        ("session", "count", "{sid}", "--band", "10-13", "--gender", "man"),
        ("session", "count", "no-such-session", "--band", "10-13"),
        ("session", "end", "no-such-session"),
        ("session", "start", "--workshop", "no-such-workshop", "--stop", "X"),
    ],
)
def test_invalid_input_is_one_line_and_exit_2(cli, argv):
    sid = start(cli)
    code, out, err = cli(*(a.format(sid=sid) for a in argv))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("stem-kiosk: ")


def test_ending_a_closed_session_is_exit_2(cli):
    sid = start(cli)
    cli("session", "end", sid)
    code, _, err = cli("session", "end", sid)
    assert code == 2 and "closed" in err


def test_sessions_json_is_snapshots_with_sync_state(cli):
    first, second = start(cli), start(cli)
    cli("session", "count", first, "--band", "18-")
    code, out, _ = cli("sessions", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["session_id"] for r in rows] == [first, second]
    for r in rows:
        sync = r.pop("sync")
        assert sync == {"confirmed_revision": 0, "attention": None}
        assert problems(r) == []


def test_sessions_table(cli):
    sid = start(cli)
    code, out, _ = cli("sessions")
    assert code == 0 and sid in out and "Bibliotheek Maldegem" in out and "1 session(s)" in out


def test_export_csv_one_row_per_session(cli, tmp_path):
    sid = start(cli)
    for band in ("10-13", "14-17", "14-17"):
        cli("session", "count", sid, "--band", band)
    start(cli)
    target = tmp_path / "out.csv"
    assert cli("export", "--csv", str(target))[0] == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets read UTF-8
    rows = list(csv.DictReader(target.open(encoding="utf-8-sig")))
    assert len(rows) == 2
    row = rows[0]
    assert row["session_id"] == sid and row["total"] == "3"
    assert (row["age_10-13"], row["age_14-17"], row["age_0-9"]) == ("1", "2", "0")
    assert row["gender_unstated"] == "3" and row["returning"] == "0"
    assert row["time_source"] in ("ntp", "unsynced")


def test_report_prints_totals_and_draws_a_chart(cli, tmp_path):
    import pygame

    sid = start(cli)
    for band in ("14-17", "14-17", "18-"):
        cli("session", "count", sid, "--band", band)
    cancelled = start(cli, "Elders")
    cli("session", "count", cancelled, "--band", "0-9")
    with Journal.open(cli.data_dir) as j:
        j.cancel_session(cancelled)
    png = tmp_path / "chart" / "report.png"
    code, out, _ = cli("report", "--png", str(png))
    assert code == 0
    assert "1 sessie, 3 deelnemers, 0 kwamen terug" in out  # the cancelled session is left out
    assert "Bibliotheek Maldegem (Maldegem)" in out and "Elders" not in out
    image = pygame.image.load(str(png))
    assert image.get_width() == 900 and image.get_height() > 300
