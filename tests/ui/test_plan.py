"""The listing's plan and packs on the screens: Home starts at the day's planned stop with its
workshops first (a missing one said, never hidden), a cancelled stop says so, new workshops come
the next time Home is shown but never during a session, and the facilitator sees the packs."""

from __future__ import annotations

import datetime as dt
import hashlib

from kiosk.core.kitcheck import last_kit_check
from kiosk.core.packstore import REFUSED, save_records
from kiosk.core.plan import save_plan
from kiosk.packinstall import install_download
from kiosk.ui import theme
from tests.fleet.packs import good_pack
from tests.ui.test_facilitator import open_facilitator

STOP_ID = "8e1c4f0a-2b3d-4e5f-9a6b-7c8d9e0f1a2b"
RECEIVED = dt.datetime(2027, 2, 12, 9, 30, tzinfo=dt.UTC)


def plan(config, *, workshops=(), status="planned", packs=()):
    """Keep a plan as the sync would: one stop today, these packs (name, bytes)."""
    body = {
        "kiosk_id": config.kiosk_id, "tour": {"name": "Voorjaarstour 2027"},
        "stops": [{"stop_id": STOP_ID, "date": dt.date.today().isoformat(), "starts_at": None,
                   "ends_at": None, "name": "Bib Maldegem", "venue_type": "library",
                   "municipality": "Maldegem", "postcode": "9990",
                   "workshops": list(workshops), "status": status}],
        "packs": [{"sha256": hashlib.sha256(data).hexdigest(), "name": name, "size": len(data)}
                  for name, data in packs],
    }  # fmt: skip
    return save_plan(config.data_dir, body, '"v1"', RECEIVED)


def install(config, kept, name: str, data: bytes, tmp_path) -> str:
    """A pack from the plan installed as the sync installs one (without the network)."""
    archive = tmp_path / f"{name}.zip"
    archive.write_bytes(data)
    pack = next(p for p in kept.packs if p.name == name)
    assert install_download(config, kept, pack, archive).state == "installed"
    return pack.sha256


def tiles(driver) -> list[str]:
    driver.app.draw()
    return [b.id for b in driver.app.buttons() if b.id.startswith(("home.tile.", "home.missing."))]


def test_home_starts_at_todays_planned_stop_with_its_workshops_first(make_driver, config):
    plan(config, workshops=["theremin", "lazershow", "dimmer"])
    driver = make_driver()
    assert driver.app.stop.name == "Bib Maldegem" and driver.app.stop.stop_id == STOP_ID
    assert tiles(driver)[:4] == ["home.tile.theremin", "home.tile.dimmer",
                                 "home.missing.lazershow", "home.tile.datalogger"]  # fmt: skip
    missing = driver.button("home.missing.lazershow")
    assert missing.detail == driver.app.text.t("ui.home.missing") and not missing.enabled
    driver.do_tap("home.age.0-9")  # a filter never hides a planned workshop the kiosk lacks
    assert "home.missing.lazershow" in tiles(driver)
    stop = driver.button("home.stop")
    assert stop.label == "Bib Maldegem" and stop.kind == "normal"


def test_a_cancelled_stop_shows_as_cancelled_on_home_and_in_the_stop_list(make_driver, config):
    plan(config, status="cancelled")
    driver = make_driver()
    stop = driver.button("home.stop")
    assert (stop.label, stop.kind, stop.icon) == ("Bib Maldegem", "danger", "warning")
    assert stop.detail == driver.app.text.t("ui.stop.cancelled") == "Geannuleerd"
    assert driver.pixel((20, 100)) == theme.BAD
    driver.do_tap("home.stop")
    first = driver.button("stops.0")
    assert first.label == "Bib Maldegem" and first.detail.endswith(" · Geannuleerd")


def test_a_new_pack_comes_the_next_time_home_shows_never_during_a_session(
    make_driver, config, tmp_path
):
    driver = make_driver()
    driver.goto_workshop("reactiespel")
    driver.do_tap("intro.start")
    assert driver.app.session is not None
    kept = plan(config, workshops=["bib-reactie"], packs=[("voorjaar", good_pack("bib-reactie"))])
    install(config, kept, "voorjaar", good_pack("bib-reactie"), tmp_path)
    driver.app.home()  # back on Home with the session still running
    assert "bib-reactie" not in driver.app.station.library.workshops
    assert "home.tile.bib-reactie" not in tiles(driver)
    driver.app.session = None  # the session ended (the end screen does this)
    driver.app.home()
    assert tiles(driver)[0] == "home.tile.bib-reactie"
    assert driver.app.stop.name == "Bib Maldegem"


def test_the_facilitator_sees_the_plan_and_every_packs_state(make_driver, config, tmp_path):
    good, bad = good_pack("bib-reactie"), good_pack("ander-spel")
    kept = plan(config, packs=[("a-goed", good), ("b-kwaad", bad)])
    install(config, kept, "a-goed", good, tmp_path)
    reason = "lazershow.yaml:29:19: device 'lazer' is not in the kit"
    refused = {"state": REFUSED, "name": "b-kwaad", "detail": reason}
    save_records(config.data_dir, {hashlib.sha256(bad).hexdigest(): refused})
    driver = make_driver()
    open_facilitator(driver)
    assert (
        driver.screen.plan_line == f"plan van 12 feb, 1 pakket geïnstalleerd, 1 geweigerd: {reason}"
    )
    driver.app.set_language("en")
    driver.screen.refresh()
    assert driver.screen.plan_line == f"plan of 12 Feb, 1 pack installed, 1 refused: {reason}"


def test_without_a_plan_the_facilitator_says_so(make_driver):
    driver = make_driver()
    open_facilitator(driver)
    assert driver.screen.plan_line == "Nog geen plan van de listing"


def test_the_startup_check_keeps_what_it_found_for_the_status(make_driver, config):
    driver = make_driver()
    driver.app.go("startup")
    kept = last_kit_check(config.data_dir)
    assert kept is not None and kept["checked_at"].endswith("Z")
    missing = {name for name, r in driver.app.kit.readings().items() if not r.connected}
    assert {f["device"] for f in kept["failed"]} == missing
