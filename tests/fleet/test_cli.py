"""The fleet's commands: `workshops list` says where each workshop comes from, `workshops pack`
builds only what a kiosk will take, `tour` shows both sources of stops, `status` the report."""

from __future__ import annotations

import hashlib
import json
import zipfile

import yaml

from kiosk.cli import main
from kiosk.core.folders import open_library
from kiosk.sync.round import DONE
from tests.fleet.conftest import KIOSK_ID
from tests.fleet.packs import good_pack, workshop


def run(capsys, config, *argv) -> tuple[int, str, str]:
    code = main(["--config", str(config.path), *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_workshops_list_says_where_each_comes_from(fleet, capsys, tmp_path, library):
    sha = fleet.desk.add_pack(good_pack("bib-reactie", version="2.0"), "voorjaar")
    assert fleet.sync().state == DONE
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "usb-spel.yaml").write_text(workshop("usb-spel"))
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "eigen-spel.yaml").write_text(workshop("eigen-spel"))
    text = fleet.config.path.read_text() + f"workshops_dirs: [{mine}]\n"
    fleet.config.path.write_text(text)
    assert run(capsys, fleet.config, "workshops", "import", str(usb))[0] == 0
    code, out, err = run(capsys, fleet.config, "workshops", "list", "--json")
    assert (code, err) == (0, "")
    sources = {row["id"]: (row["version"], row["source"]) for row in json.loads(out)}
    version = library.workshops["reactiespel"].version  # the copies keep the shipped version
    assert sources["reactiespel"] == (version, "builtin")
    assert sources["eigen-spel"] == (version, "dir")
    assert sources["usb-spel"] == (version, "usb")
    assert sources["bib-reactie"] == ("2.0", f"pack:{sha}")
    code, out, _ = run(capsys, fleet.config, "workshops", "list")
    assert f"bib-reactie              2.0        pack:{sha}" in out


def test_workshops_pack_builds_what_a_kiosk_installs_and_nothing_else(fleet, capsys, tmp_path):
    folder = tmp_path / "auteur"
    (folder / "img").mkdir(parents=True)
    (folder / "bib-reactie.yaml").write_text(workshop("bib-reactie", picture="img/knop.png"))
    (folder / "img" / "knop.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "notities.txt").write_text("not for the pack")
    out_zip = tmp_path / "voorjaar.zip"
    code, out, _ = run(
        capsys, fleet.config, "workshops", "pack", str(folder), "--out", str(out_zip)
    )
    assert code == 0
    data = out_zip.read_bytes()
    assert out.splitlines()[-1] == hashlib.sha256(data).hexdigest()
    with zipfile.ZipFile(out_zip) as zf:
        assert zf.namelist() == ["bib-reactie.yaml", "img/knop.png"]
    again = tmp_path / "again.zip"
    assert run(capsys, fleet.config, "workshops", "pack", str(folder), "--out", str(again))[0] == 0
    assert again.read_bytes() == data  # deterministic: the same sha256 for the same workshops
    sha = fleet.desk.add_pack(data, "voorjaar")
    assert fleet.sync().state == DONE
    assert fleet.installed() == [sha]
    assert "bib-reactie" in open_library(fleet.config, None).workshops


def test_workshops_pack_refuses_what_a_kiosk_would_refuse(fleet, capsys, tmp_path):
    folder = tmp_path / "auteur"
    folder.mkdir()
    bad = workshop("lazershow").replace("devices: [button, led]", "devices: [button, lazer]")
    (folder / "lazershow.yaml").write_text(bad)
    (folder / "theremin.yaml").write_text(workshop("theremin", "theremin"))  # a shipped id
    out_zip = tmp_path / "kwaad.zip"
    code, out, err = run(capsys, fleet.config, "workshops", "pack", str(folder), "--out",
                         str(out_zip))  # fmt: skip
    assert code == 1 and not out_zip.exists()
    assert f"{folder}/lazershow.yaml:29:19: device 'lazer' is not in the kit" in out
    assert f"{folder}/theremin.yaml:2:1: workshop id 'theremin' is already used by" in out
    assert "3 problem(s): no pack was built" in err
    assert run(capsys, fleet.config, "workshops", "pack", str(tmp_path / "none"), "--out",
               str(out_zip))[0] == 2  # fmt: skip


def test_tour_shows_the_plans_stops_then_the_tour_files(fleet, capsys, tmp_path):
    stop_id = fleet.desk.add_stop(KIOSK_ID, "2027-02-12", "Bib Maldegem", workshops=["dimmer"])
    fleet.desk.cancel_stop(stop_id)
    assert fleet.sync().state == DONE
    tour = tmp_path / "tour.yaml"
    tour.write_text(yaml.safe_dump({"name": "Lokaal", "stops": [
        {"date": "2027-02-14", "name": "Jeugdhuis Sjatoo", "venue_type": "youth_house",
         "municipality": "Eeklo"}]}))  # fmt: skip
    fleet.config.path.write_text(fleet.config.path.read_text() + f"tour: {tour}\n")
    code, out, _ = run(capsys, fleet.config, "tour", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["name"], r["source"], r["status"]) for r in rows] == [
        ("Bib Maldegem", "plan", "cancelled"),
        ("Jeugdhuis Sjatoo", "tour file", "planned"),
    ]
    assert rows[0]["stop_id"] == stop_id and rows[0]["workshops"] == ["dimmer"]
    code, out, _ = run(capsys, fleet.config, "tour")
    assert "Bib Maldegem (Maldegem, library)  cancelled  dimmer  [plan]" in out
    assert "the listing's plan, received " in out and "the tour file " in out


def test_status_is_the_report_the_listing_got(fleet, capsys):
    fleet.desk.add_pack(good_pack("bib-reactie"), "voorjaar")
    assert main(["--config", str(fleet.config.path), "devices", "check", "--simulate"]) in (0, 1)
    capsys.readouterr()
    assert fleet.sync().state == DONE
    sent = fleet.desk.report(KIOSK_ID)
    code, out, _ = run(capsys, fleet.config, "status", "--json")
    assert code == 0
    now = json.loads(out)
    same = ("kiosk_id", "plan_etag", "sessions", "workshops", "kit", "clock_offset_s",
            "software_version")  # fmt: skip
    assert {k: now[k] for k in same} == {k: sent[k] for k in same}
    assert now["packs"] == [{k: v for k, v in p.items() if v is not None} for p in sent["packs"]]
    assert sent["kit"] is not None and sent["kit"]["checked_at"].endswith("Z")
    code, out, _ = run(capsys, fleet.config, "status")
    assert "pack " in out and "installed" in out and "last sent to the listing: 20" in out
