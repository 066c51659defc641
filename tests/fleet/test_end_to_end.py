"""End to end over real HTTP: the real listing (`stem-listing serve` as a process, SQLite and
PostgreSQL) and its coordinator's commands, the real kiosk command (`stem-kiosk` as a process)
and the kiosk's screens under SDL's dummy driver. What a coordinator plans on the listing
reaches the kiosk in one sync, and what the kiosk refuses reaches the coordinator."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pygame
import pytest
from gpiozero import Device

from kiosk.config import Config
from kiosk.core.station import Station
from kiosk.ui import pictures
from kiosk.ui.app import App
from kiosk.ui.display import Display
from tests.fleet.packs import photo_pack, workshop
from tests.listing.packs import pack_zip
from tests.support.listing_server import listing_db_url, serving
from tests.sync.conftest import write_config, write_token

__all__ = ["listing_db_url"]
KIOSK = "mobilab-e2e-1"
BIN = Path(sys.executable).parent
TODAY = dt.date.today().isoformat()


def run(program: str, *argv: str) -> tuple[int, list[str], str]:
    done = subprocess.run([str(BIN / program), *argv], capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip
    return done.returncode, done.stdout.splitlines(), done.stderr


class Lab:
    """A listing and one kiosk enrolled to it, each driven by its own command."""

    def __init__(self, db_url: str, url: str, root: Path):
        self.db_url, self.root = db_url, root
        code, out, err = self.listing("kiosk", "add", KIOSK)
        assert code == 0, err
        token = write_token(root / "token", out[-1])
        self.config = Config(path=root / "kiosk.yaml", kiosk_id=KIOSK, data_dir=root / "data",
                             listing_url=url, token_file=token)  # fmt: skip
        write_config(self.config)

    def listing(self, *argv: str) -> tuple[int, list[str], str]:
        return run("stem-listing", "--db", self.db_url, *argv)

    def kiosk(self, *argv: str) -> tuple[int, list[str], str]:
        return run("stem-kiosk", "--config", str(self.config.path), *argv)

    def sync(self) -> list[str]:
        code, out, err = self.kiosk("sync")
        assert code == 0, err + "\n".join(out)
        return out

    def json(self, *argv: str):
        code, out, err = self.kiosk(*argv, "--json")
        assert code == 0, err
        return json.loads("\n".join(out))

    def pack(self, name: str, files: dict[str, str]) -> str:
        """A pack built by the author's command, added on the listing; its sha256."""
        folder = self.root / name
        folder.mkdir()
        for file, text in files.items():
            (folder / file).write_text(text)
        built = self.root / f"{name}.zip"
        code, out, err = self.kiosk("workshops", "pack", str(folder), "--out", str(built))
        if code != 0:  # a pack the kiosks will refuse: pack_zip by hand, as an author might
            built.write_bytes(pack_zip(files))
        code, out, err = self.listing("pack", "add", str(built), "--name", name, "--kiosk", KIOSK)
        assert code == 0, err
        return out[-1]

    def kiosk_row(self) -> dict[str, str]:
        code, out, err = self.listing("kiosk", "list")
        assert code == 0, err
        header = out[0].split("\t")
        return next(dict(zip(header, line.split("\t"), strict=True)) for line in out[1:]
                    if line.startswith(KIOSK + "\t"))  # fmt: skip

    @contextmanager
    def home(self):
        """The kiosk's screens (simulated kit), opened on Home as the kiosk starts them."""
        pygame.init()
        station = Station.open(self.config, simulate=True)
        try:
            app = App(station, Display(fullscreen=False))
            app.go("home")
            app.draw()
            yield app
        finally:
            station.close()
            pygame.quit()
            pictures.forget()
            Device.pin_factory = None


@pytest.fixture
def lab(listing_db_url, tmp_path):
    with serving(listing_db_url) as served:
        yield Lab(listing_db_url, served.url, tmp_path)


def tiles(app) -> list[str]:
    return [b.id for b in app.buttons() if b.id.startswith(("home.tile.", "home.missing."))]


def test_a_stop_and_a_pack_planned_on_the_listing_arrive_in_one_sync(lab):
    sha = lab.pack("voorjaar", {"bib-reactie.yaml": workshop("bib-reactie", version="2.0")})
    code, out, err = lab.listing("stop", "add", "--kiosk", KIOSK, "--date", TODAY, "--name",
                                 "Bib Maldegem", "--venue-type", "library", "--municipality",
                                 "Maldegem", "--postcode", "9990", "--workshop", "bib-reactie",
                                 "--workshop", "lazershow")  # fmt: skip
    assert code == 0, err
    stop_id = out[-1]
    code, out, _ = lab.kiosk(
        "session",
        "start",
        "--workshop",
        "reactiespel",
        "--stop",
        "bib maldegem",  # any case
    )
    assert lab.kiosk("session", "count", out[-1], "--band", "14-17")[0] == 0
    assert lab.sync()[-1] == "1 on the kiosk, 1 confirmed, 0 need attention"
    (stop,) = lab.json("tour")
    assert (stop["stop_id"], stop["source"], stop["status"]) == (stop_id, "plan", "planned")
    assert stop["workshops"] == ["bib-reactie", "lazershow"]
    listed = {w["id"]: w for w in lab.json("workshops", "list")}
    assert (
        listed["bib-reactie"]["source"] == f"pack:{sha}"
        and listed["bib-reactie"]["version"] == "2.0"
    )
    with lab.home() as app:
        assert app.stop.name == "Bib Maldegem" and app.stop.stop_id == stop_id
        assert tiles(app)[:2] == ["home.tile.bib-reactie", "home.missing.lazershow"]
    row = lab.kiosk_row()
    assert row["sessions"] == "1" and row["waiting"] == "0" and row["refused"] == "0"
    assert row["version"] != "unknown" and row["last heard from"] != "never"
    assert lab.sync()[-1] == "1 on the kiosk, 1 confirmed, 0 need attention"  # nothing twice


def test_a_cancelled_stop_shows_as_cancelled(lab):
    code, out, err = lab.listing("stop", "add", "--kiosk", KIOSK, "--date", TODAY, "--name",
                                 "Jeugdhuis Sjatoo", "--venue-type", "youth_house",
                                 "--municipality", "Eeklo")  # fmt: skip
    assert code == 0, err
    lab.sync()
    with lab.home() as app:
        assert app.stop.name == "Jeugdhuis Sjatoo" and not app.stop.cancelled
    assert lab.listing("stop", "cancel", out[-1])[0] == 0
    lab.sync()
    (stop,) = lab.json("tour")
    assert stop["status"] == "cancelled"
    with lab.home() as app:
        button = next(b for b in app.buttons() if b.id == "home.stop")
        assert button.label == "Jeugdhuis Sjatoo" and button.kind == "danger"
        assert button.detail == app.text.t("ui.stop.cancelled")


def test_a_pack_removed_from_the_plan_disappears_from_the_kiosk(lab):
    sha = lab.pack("voorjaar", {"bib-reactie.yaml": workshop("bib-reactie")})
    lab.sync()
    assert "bib-reactie" in {w["id"] for w in lab.json("workshops", "list")}
    assert lab.listing("pack", "remove", sha)[0] == 0
    lab.sync()
    assert "bib-reactie" not in {w["id"] for w in lab.json("workshops", "list")}
    assert not (lab.config.data_dir / "packs" / sha).exists()
    with lab.home() as app:
        assert "home.tile.bib-reactie" not in tiles(app)
    assert lab.json("status")["packs"] == []


def test_a_refused_pack_shows_on_the_listing_with_its_reason(lab):
    bad = workshop("lazershow").replace("devices: [button, led]", "devices: [button, lazer]")
    sha = lab.pack("kwaad", {"lazershow.yaml": bad})
    good = lab.pack("goed", {"goed-spel.yaml": workshop("goed-spel")})
    lab.sync()  # a refusal is final: the sync itself went well
    reason = "lazershow.yaml:29:19: device 'lazer' is not in the kit"
    assert lab.kiosk_row()["refused"] == f"1: kwaad: {reason}"
    packs = {p["sha256"]: p for p in lab.json("status")["packs"]}
    assert packs[sha] == {"sha256": sha, "state": "refused", "detail": reason}
    assert packs[good] == {"sha256": good, "state": "installed"}
    out = lab.listing("pack", "list")[1]
    row = next(line.split("\t") for line in out if line.startswith(sha))
    assert row[-2:] == ["0", "1"]  # installed by none, refused by one


def test_a_pack_just_under_the_limit_arrives_whole(lab):
    data = photo_pack(49.9)
    assert 49.9 * 2**20 < len(data) <= 50 * 2**20  # the contract's largest pack, nearly
    built = lab.root / "groot.zip"
    built.write_bytes(data)
    code, out, err = lab.listing("pack", "add", str(built), "--name", "groot", "--kiosk", KIOSK)
    assert code == 0, err
    sha = out[-1]
    lab.sync()
    assert {p["sha256"]: p["state"] for p in lab.json("status")["packs"]} == {sha: "installed"}
    listed = {w["id"] for w in lab.json("workshops", "list")}
    assert {f"groot-{i}" for i in range(10)} <= listed
    with zipfile.ZipFile(io.BytesIO(data)) as sent:
        for name in sent.namelist():
            assert (lab.config.data_dir / "packs" / sha / name).read_bytes() == sent.read(name)
    assert lab.kiosk_row()["refused"] == "0"
