"""The kiosk's core: its parts opened and closed together, the library's folders in one place,
and the sync worker only where the one who opens it hands one over."""

from __future__ import annotations

import dataclasses
import shutil

import pytest
from gpiozero import Device

from kiosk.config import Config
from kiosk.core.folders import library_folders
from kiosk.core.station import Station
from kiosk.library import shipped_dir
from kiosk.sync import SyncWorker


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "kiosk.yaml"
    path.write_text("kiosk_id: core-test\n")
    yield Config(path=path, kiosk_id="core-test", data_dir=tmp_path / "data")
    Device.pin_factory = None


def test_it_opens_every_part_and_closes_them_all(config):
    with Station.open(config, simulate=True) as station:
        assert station.kit.reading("button").value is False
        assert station.journal.kiosk_id == "core-test"
        assert "reactiespel" in station.library.workshops
        assert station.problems == [] and station.sync is None
    with pytest.raises(KeyError):
        station.kit.reading("button")  # its devices are closed
    with pytest.raises(Exception, match="closed"):
        station.journal.snapshots()


def test_without_hardware_it_reads_the_kit_file_and_claims_no_pin(config):
    with Station.open(config, hardware=False) as station:
        assert station.kit is None and station.kit_error is None
        assert "distance" in station.spec.devices
        assert "reactiespel" in station.library.workshops  # checked against that kit


def test_an_imported_workshop_that_clashes_is_reported_not_dropped(config):
    mine = config.imported_workshops_dir
    mine.mkdir(parents=True)
    shutil.copy(shipped_dir() / "reactiespel.yaml", mine / "reactiespel.yaml")
    assert library_folders(config) == [shipped_dir(), mine]
    assert library_folders(config, imported=False) == [shipped_dir()]
    with Station.open(config, hardware=False) as station:
        assert station.library.workshops["reactiespel"].path.parent == shipped_dir()
        clash = [p for p in station.problems if "already used by" in p.message]
        assert [p.path for p in clash] == [str(mine / "reactiespel.yaml")]


def test_bad_files_and_a_journal_that_cannot_open_are_kept_as_problems(config, tmp_path):
    (tmp_path / "tour.yaml").write_text("stops: []\n")
    (tmp_path / "kit.yaml").write_text("devices:\n  x:\n    type: laser\n")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the data folder should be")
    broken = dataclasses.replace(config, tour=tmp_path / "tour.yaml", kit=tmp_path / "kit.yaml",
                                 data_dir=blocked)  # fmt: skip
    with Station.open(broken, simulate=True) as station:
        assert station.journal is None and station.journal_error
        assert [p.path for p in station.tour_problems] == [str(tmp_path / "tour.yaml")]
        assert [p.path for p in station.kit_problems] == [str(tmp_path / "kit.yaml")]
        assert station.kit is not None and station.kit.readings() == {}  # the valid rest: none


def test_the_sync_worker_runs_only_when_handed_one_and_a_listing_is_configured(config, tmp_path):
    token = tmp_path / "token"
    token.write_text("secret\n")
    token.chmod(0o600)
    listed = dataclasses.replace(config, listing_url="http://127.0.0.1:9", token_file=token)
    with Station.open(listed, hardware=False) as station:
        assert station.sync is None  # nobody handed a worker over: the core never builds one
    with Station.open(config, hardware=False, sync=SyncWorker) as station:
        assert station.sync is None  # no listing configured
    with Station.open(listed, hardware=False, sync=SyncWorker) as station:
        worker = station.sync
        assert isinstance(worker, SyncWorker) and worker._thread.is_alive()
    assert not worker._thread.is_alive()  # closing the station stopped it
