"""`stem-listing stop|pack` and `kiosk tour|list` against a real database, seen by a kiosk over
real HTTP: what the commands plan is what the plan says; bad input gets one clear line per
problem and the documented exit code, and changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from listing.localtime import today
from tests.listing.packs import good_pack, pack_zip
from tests.listing.snapshots import KIOSK
from tests.listing.test_cli import kiosk_row, run

STOP = ["--kiosk", KIOSK, "--name", "Bibliotheek Gent", "--venue-type", "library"]


def day(offset: int = 1) -> str:
    return (today() + timedelta(days=offset)).isoformat()


def cli(capsys, server, *argv):
    return run(capsys, "--db", server.db_url, *argv)


def plan(client) -> dict:
    answer = client.get(f"/v1/kiosks/{KIOSK}/plan")
    assert answer.status_code == 200
    return answer.json()


def test_stop_add_plans_the_stop_a_kiosk_then_sees(capsys, server, client):
    code, lines, _ = cli(
        capsys, server, "stop", "add", *STOP, "--date", "2027-02-12", "--municipality", "Gent",
        "--postcode", "9000", "--starts-at", "13:00", "--ends-at", "2027-02-12T17:30:00+01:00",
        "--workshop", "reactiespel", "--workshop", "theremin",
    )  # fmt: skip
    assert code == 0
    stop_id = lines[-1]
    assert str(uuid.UUID(stop_id)) == stop_id
    (stop,) = plan(client)["stops"]
    assert stop == {
        "stop_id": stop_id, "date": "2027-02-12",
        "starts_at": "2027-02-12T12:00:00Z",  # 13:00 in Brussels in winter (UTC+1)
        "ends_at": "2027-02-12T16:30:00Z", "name": "Bibliotheek Gent", "venue_type": "library",
        "municipality": "Gent", "postcode": "9000", "workshops": ["reactiespel", "theremin"],
        "status": "planned",
    }  # fmt: skip
    code, lines, _ = cli(capsys, server, "stop", "add", *STOP, "--date", "2027-07-01",
                         "--municipality", "Gent", "--starts-at", "13:00")  # fmt: skip
    assert code == 0
    summer = next(s for s in plan(client)["stops"] if s["stop_id"] == lines[-1])
    assert summer["starts_at"] == "2027-07-01T11:00:00Z"  # UTC+2 in summer
    assert summer["workshops"] == [] and summer["postcode"] is None
    code, lines, _ = cli(capsys, server, "stop", "cancel", stop_id.upper())
    assert code == 0 and "cancelled" in lines[-1]
    assert plan(client)["stops"][0]["status"] == "cancelled"
    code, lines, _ = cli(capsys, server, "stop", "cancel", stop_id)
    assert code == 0 and "already cancelled" in lines[-1]


def test_stop_list_as_a_table_and_as_json(capsys, server):
    server.add_kiosk(KIOSK)
    later = server.add_stop(KIOSK, day(5), "Later", workshops=["theremin"])
    sooner = server.add_stop(
        KIOSK, day(2), "Sooner", starts_at=f"{day(2)}T09:00:00Z", ends_at=f"{day(2)}T11:00:00Z"
    )
    code, lines, _ = cli(capsys, server, "stop", "list")
    assert code == 0
    assert lines[0] == "stop_id\tkiosk\tdate\ttime\tstatus\tname\tmunicipality\tworkshops"
    rows = [line.split("\t") for line in lines[1:]]
    assert [r[0] for r in rows] == [sooner, later]
    assert rows[0][3] in ("10:00–12:00", "11:00–13:00")  # local: winter or summer
    assert rows[1][3:] == ["-", "planned", "Later", "Maldegem", "theremin"]
    assert rows[0][-1] == "any"
    code, lines, _ = cli(capsys, server, "stop", "list", "--json")
    listed = json.loads("\n".join(lines))
    assert [(s["stop_id"], s["kiosk_id"]) for s in listed] == [(sooner, KIOSK), (later, KIOSK)]
    assert listed[1]["workshops"] == ["theremin"] and listed[0]["starts_at"].endswith("T09:00:00Z")
    code, lines, _ = cli(capsys, server, "stop", "list", "--kiosk", "mobilab-gent-2")
    assert code == 0 and lines == [lines[0]]


BAD_STOPS = [
    (["--date", "2027-02-30"], "--date: '2027-02-30' is not a date like 2027-02-12"),
    (["--date", "12/02/2027"], "--date: '12/02/2027' is not a date"),
    (["--name", ""], "--name: must not be empty"),
    (["--name", "x" * 201], "--name: at most 200 characters"),
    (["--municipality", ""], "--municipality: must not be empty"),
    (["--postcode", "900"], "--postcode: four digits, like 9000"),
    (["--starts-at", "25:00"], "--starts-at: '25:00' is neither HH:MM nor an RFC 3339 time"),
    (["--starts-at", "2027-02-12T13:00"], "--starts-at: '2027-02-12T13:00' needs an offset"),
    (["--starts-at", "2027-02-13T10:00:00Z"], "--starts-at: is on 2027-02-13 in Europe/Brussels"),
    (["--starts-at", "14:00", "--ends-at", "13:00"], "--ends-at: is before the start"),
    (["--date", "2027-03-28", "--starts-at", "02:30"], "--starts-at: 02:30 does not exist on"),
    (["--workshop", "Reactiespel"], "--workshop 'Reactiespel': not a workshop id"),
    (["--workshop", "x", "--workshop", "x"], "--workshop: x listed twice"),
    (["--kiosk", "Not_A_Kiosk"], "--kiosk: not a kiosk id"),
    (["--kiosk", "nobody"], "--kiosk: no kiosk nobody"),
]


@pytest.mark.parametrize(("changes", "said"), BAD_STOPS, ids=[c[-1][:20] for c, _ in BAD_STOPS])
def test_stop_add_says_what_is_wrong_with_each_field(capsys, server, changes, said):
    server.add_kiosk(KIOSK)
    fields = {"--date": "2027-02-12", "--municipality": "Gent", "--kiosk": KIOSK, "--name": "Bib"}
    extra: list[str] = []
    for option, value in zip(changes[::2], changes[1::2], strict=True):
        if option in fields:
            fields[option] = value
        else:
            extra += [option, value]
    argv = [x for pair in fields.items() for x in pair] + ["--venue-type", "library", *extra]
    code, lines, err = cli(capsys, server, "stop", "add", *argv)
    assert code == 2 and lines == []
    assert f"stem-listing: {said}" in err, err
    assert "Traceback" not in err
    assert cli(capsys, server, "stop", "list")[1][1:] == []


def test_every_problem_of_a_stop_is_said_at_once(capsys, server):
    code, _, err = cli(
        capsys, server, "stop", "add", "--kiosk", KIOSK, "--date", "2027-02-12", "--name", "",
        "--venue-type", "library", "--municipality", "Gent", "--postcode", "x",
        "--workshop", "Bad",
    )  # fmt: skip
    assert code == 2
    assert [line.split(":")[1].strip() for line in err.splitlines()] == [
        "--name", "--postcode", "--workshop 'Bad'",
    ]  # fmt: skip


def test_stop_cancel_of_an_unknown_stop_is_exit_2(capsys, server):
    code, _, err = cli(capsys, server, "stop", "cancel", str(uuid.uuid4()))
    assert code == 2 and "no stop" in err


def pack_file(tmp_path: Path, content: bytes, name: str = "pack.zip") -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


def test_pack_add_stores_the_pack_for_its_kiosks_and_prints_its_sha256(
    capsys, server, client, tmp_path
):
    server.add_kiosk("mobilab-gent-2")
    data = good_pack("lichtshow", "theremin")
    code, lines, _ = cli(
        capsys, server, "pack", "add", pack_file(tmp_path, data), "--name", "voorjaar-2027",
        "--kiosk", KIOSK, "--kiosk", "mobilab-gent-2",
    )  # fmt: skip
    assert code == 0
    sha = lines[-1]
    assert sha == hashlib.sha256(data).hexdigest()
    assert "workshops lichtshow, theremin; for mobilab-schilde-1, mobilab-gent-2" in lines[-2]
    assert plan(client)["packs"] == [{"sha256": sha, "name": "voorjaar-2027", "size": len(data)}]
    assert client.get(f"/v1/packs/{sha}").content == data
    code, lines, _ = cli(capsys, server, "pack", "list")
    assert lines[0] == "sha256\tname\tsize\tuploaded\tfor\tworkshops\tinstalled\trefused"
    row = lines[1].split("\t")
    assert row[:3] == [sha, "voorjaar-2027", str(len(data))]
    assert row[4:] == ["mobilab-gent-2,mobilab-schilde-1", "lichtshow,theremin", "0", "0"]


def test_pack_add_all_rename_replace_and_remove(capsys, server, client, tmp_path):
    first = good_pack("lichtshow")
    code, lines, _ = cli(capsys, server, "pack", "add", pack_file(tmp_path, first), "--name",
                         "voorjaar", "--all")  # fmt: skip
    assert code == 0 and "for every kiosk" in lines[-2]
    old = lines[-1]
    assert [p["name"] for p in plan(client)["packs"]] == ["voorjaar"]
    # the same bytes again: a new name, the same pack
    assert cli(capsys, server, "pack", "add", pack_file(tmp_path, first), "--name", "lente",
               "--kiosk", KIOSK)[0] == 0  # fmt: skip
    assert plan(client)["packs"] == [{"sha256": old, "name": "lente", "size": len(first)}]
    # other bytes under a taken name replace the pack of that name
    second = good_pack("lichtshow", "theremin")
    code, lines, _ = cli(capsys, server, "pack", "add", pack_file(tmp_path, second, "b.zip"),
                         "--name", "lente", "--all")  # fmt: skip
    assert code == 0 and f"replaces pack {old} (same name)" in lines
    new = lines[-1]
    assert [p["sha256"] for p in plan(client)["packs"]] == [new]
    assert client.get(f"/v1/packs/{old}").status_code == 404
    code, lines, _ = cli(capsys, server, "pack", "remove", new[:8].upper())
    assert code == 0 and "removed" in lines[-1]
    assert plan(client)["packs"] == [] and client.get(f"/v1/packs/{new}").status_code == 404
    for unknown in (new, "abc", "zzzzzzzz"):
        code, _, err = cli(capsys, server, "pack", "remove", unknown)
        assert code == 2 and "pack list" in err


def test_pack_add_notes_workshop_files_it_could_not_read(capsys, server, tmp_path):
    data = pack_zip({"ok.yaml": "id: ok\n", "broken.yaml": "id: [\n"})
    code, lines, _ = cli(capsys, server, "pack", "add", pack_file(tmp_path, data), "--name", "x",
                         "--all")  # fmt: skip
    assert code == 0
    assert lines[0].startswith("note: broken.yaml:2:1: not valid YAML")


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"PK but not a zip", "not a well-formed pack: not a zip archive"),
        (pack_zip({"../evil.yaml": "id: evil\n"}), "../evil.yaml: a path with '..'"),
        (pack_zip({"/abs.yaml": "id: abs\n"}), "/abs.yaml: an absolute path"),
        (pack_zip({"a.yaml": "id: a\n"}, links={"b.yaml": "/etc/passwd"}), "b.yaml: a link"),
        (pack_zip({"notes.txt": "x"}), "no workshop files (*.yaml)"),
        (pack_zip({"a/b/c.yaml": "id: c\n"}), "a/b/c.yaml: workshop files stand at the pack's"),
    ],
    ids=["not-zip", "dotdot", "absolute", "symlink", "no-yaml", "too-deep"],
)
def test_pack_add_refuses_what_is_not_a_well_formed_pack(capsys, server, tmp_path, content, said):
    server.add_kiosk(KIOSK)
    path = pack_file(tmp_path, content)
    code, lines, err = cli(capsys, server, "pack", "add", path, "--name", "x", "--all")
    assert code == 1 and lines == []
    assert err.startswith(f"stem-listing: {path}: ") and said in err
    assert cli(capsys, server, "pack", "list")[1][1:] == []


def test_pack_add_refuses_a_file_over_50_mib_without_reading_it(capsys, server, tmp_path):
    huge = tmp_path / "huge.zip"
    with huge.open("wb") as f:
        f.truncate(50 * 1_048_576 + 1)  # sparse: cheap to make, and never read
    code, _, err = cli(capsys, server, "pack", "add", str(huge), "--name", "x", "--all")
    assert code == 1 and "52,428,801 bytes: a pack may have at most 50 MiB" in err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--name", "x", "--kiosk", "nobody"], "--kiosk: no kiosk nobody"),
        (["--name", "x", "--kiosk", "No_Id"], "--kiosk 'No_Id': not a kiosk id"),
        (["--name", "../x", "--all"], "--name '../x': 1-64 letters"),
        (["--name", "", "--all"], "--name '': 1-64 letters"),
    ],
)
def test_pack_add_usage_problems_are_exit_2(capsys, server, tmp_path, argv, said):
    code, _, err = cli(capsys, server, "pack", "add", pack_file(tmp_path, good_pack()), *argv)
    assert code == 2 and said in err
    assert cli(capsys, server, "pack", "list")[1][1:] == []
    code, _, err = cli(capsys, server, "pack", "add", str(tmp_path / "none.zip"), "--name",
                       "x", "--all")  # fmt: skip
    assert code == 2 and "no such file" in err
    with pytest.raises(SystemExit) as usage:
        cli(capsys, server, "pack", "add", pack_file(tmp_path, good_pack()), "--name", "x")
    assert usage.value.code == 2  # --kiosk or --all: one of them


def test_kiosk_tour_names_the_plan_s_tour(capsys, server, client):
    assert cli(capsys, server, "kiosk", "tour", KIOSK, "Voorjaarstour 2027")[0] == 0
    assert plan(client)["tour"] == {"name": "Voorjaarstour 2027"}
    assert kiosk_row(capsys, server.db_url, KIOSK)["tour"] == "Voorjaarstour 2027"
    assert cli(capsys, server, "kiosk", "tour", KIOSK, "--clear")[0] == 0
    assert plan(client)["tour"] is None
    assert cli(capsys, server, "kiosk", "tour", "nobody", "x")[0] == 2
    assert cli(capsys, server, "kiosk", "tour", KIOSK, "x" * 201)[0] == 2
    assert cli(capsys, server, "kiosk", "tour", KIOSK, "   ")[0] == 2


def test_kiosk_list_shows_the_latest_report_waiting_attention_and_refused_packs(
    capsys, server, client
):
    refused = server.add_pack(good_pack("lazer"), "laser-pack", kiosks=[KIOSK])
    report = {
        "kiosk_id": KIOSK, "reported_at": "2027-02-12T15:10:00Z", "software_version": "0.2.0",
        "sessions": {"total": 312, "unconfirmed": 4, "attention": 1},
        "packs": [
            {"sha256": "1" * 64, "state": "installed"},
            {"sha256": refused, "state": "refused",
             "detail": "lazer.yaml:12:3: unknown device\t'lazer'"},
            {"sha256": "2" * 64, "state": "refused", "detail": "second reason"},
        ],
    }  # fmt: skip
    assert client.put(f"/v1/kiosks/{KIOSK}/status", json=report).status_code == 200
    row = kiosk_row(capsys, server.db_url, KIOSK)
    assert (row["reported"], row["waiting"], row["attention"]) == (
        "2027-02-12T15:10:00.000000Z", "4", "1",
    )  # fmt: skip
    assert row["refused"] == "2: laser-pack: lazer.yaml:12:3: unknown device 'lazer'"
    lines = cli(capsys, server, "pack", "list")[1]
    assert lines[1].split("\t")[-2:] == ["0", "1"]  # installed by none, refused by one


def test_stop_add_as_a_real_process(server):
    server.add_kiosk(KIOSK)
    command = [str(Path(sys.executable).with_name("stem-listing")), "--db", server.db_url]
    done = subprocess.run(
        [*command, "stop", "add", *STOP, "--date", day(3), "--municipality", "Gent"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    stop_id = done.stdout.splitlines()[-1]
    listed = subprocess.run(
        [*command, "stop", "list", "--json"], capture_output=True, text=True, timeout=60
    )
    assert [s["stop_id"] for s in json.loads(listed.stdout)] == [stop_id]
