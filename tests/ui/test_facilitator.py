"""The PIN lock, `stem-kiosk pin`, and the facilitator screen's export, leave and shut down."""

from __future__ import annotations

import csv
import dataclasses

import pytest
import yaml

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.pin import hash_pin, verify_pin
from kiosk.ui import facilitator, pinpad, theme


def enter_pin(driver, pin):
    for digit in pin:
        driver.do_tap(f"pin.{digit}")
    driver.do_tap("pin.ok")


def test_the_facilitator_screen_is_locked_by_the_pin(make_driver, config):
    driver = make_driver(config=dataclasses.replace(config, facilitator_pin_hash=hash_pin("4821")))
    driver.do_tap("home.facilitator")
    assert driver.screen.id == "pin"
    enter_pin(driver, "0000")
    assert driver.screen.id == "pin"
    assert driver.screen.message == driver.app.text.t("ui.pin.wrong")
    enter_pin(driver, "4821")
    assert driver.screen.id == "facilitator"


def test_three_wrong_pins_lock_the_keypad_for_a_while(make_driver, config):
    driver = make_driver(config=dataclasses.replace(config, facilitator_pin_hash=hash_pin("4821")))
    driver.do_tap("home.facilitator")
    for _ in range(pinpad.MAX_TRIES):
        enter_pin(driver, "1111")
    assert not driver.button("pin.4").enabled
    driver.do_wait(pinpad.LOCK_S + 1)
    assert driver.button("pin.4").enabled
    enter_pin(driver, "4821")
    assert driver.screen.id == "facilitator"


@pytest.mark.filterwarnings("ignore::gpiozero.DistanceSensorNoEcho")  # a real kit, no sensor
def test_without_a_pin_only_simulation_takes_the_development_pin(make_driver):
    real = make_driver(simulate=False)
    real.do_tap("home.facilitator")
    assert real.screen.message == real.app.text.t("ui.pin.not_set")
    enter_pin(real, pinpad.DEV_PIN)
    assert real.screen.id == "pin"
    sim = make_driver()
    sim.do_tap("home.facilitator")
    enter_pin(sim, pinpad.DEV_PIN)
    assert sim.screen.id == "facilitator"


def test_pin_command_asks_twice_and_keeps_the_rest_of_the_config(tmp_path, monkeypatch):
    path = tmp_path / "kiosk.yaml"
    path.write_text("# mine\nkiosk_id: lab-1\nlanguage: en\n")
    answers = iter(["2468", "2468"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["--config", str(path), "pin"]) == 0
    text = path.read_text()
    assert text.startswith("# mine\nkiosk_id: lab-1\nlanguage: en\n")
    config, problems = load_config(path)
    assert problems == [] and config.kiosk_id == "lab-1"
    assert verify_pin("2468", config.facilitator_pin_hash)
    assert not verify_pin("2469", config.facilitator_pin_hash)
    assert path.stat().st_mode & 0o007 == 0  # others cannot read the hash
    answers = iter(["1357", "1358"])
    assert main(["--config", str(path), "pin"]) == 1  # differ: nothing changes
    assert yaml.safe_load(path.read_text())["facilitator_pin_hash"] == config.facilitator_pin_hash
    answers = iter(["12", "12"])
    assert main(["--config", str(path), "pin"]) == 1  # too short


def open_facilitator(driver):
    driver.do_tap("home.facilitator")
    enter_pin(driver, pinpad.DEV_PIN)
    assert driver.screen.id == "facilitator"


def test_export_writes_the_sessions_as_csv_into_the_data_folder(kiosk, config):
    kiosk.goto_workshop("reactiespel")
    kiosk.do_tap("intro.start")
    kiosk.app.home()
    open_facilitator(kiosk)
    assert len(kiosk.screen.sessions) == 1 and kiosk.screen.waiting == 1
    kiosk.do_tap("facilitator.export")
    files = list((config.data_dir / "exports").glob("*.csv"))
    assert len(files) == 1
    rows = list(csv.DictReader(files[0].open()))
    assert rows[0]["workshop_id"] == "reactiespel"
    assert str(files[0]) in kiosk.app.notice_text


def test_leaving_and_shutting_down_ask_first(kiosk, monkeypatch):
    open_facilitator(kiosk)
    kiosk.do_tap("facilitator.leave")
    assert kiosk.screen.id == "confirm"
    kiosk.do_tap("confirm.no")
    assert kiosk.screen.id == "facilitator" and kiosk.app.running
    kiosk.do_tap("facilitator.poweroff")
    kiosk.do_tap("confirm.yes")  # simulated: the laptop stays on
    assert kiosk.app.running and kiosk.screen.id == "facilitator"
    ran = []
    monkeypatch.setattr(facilitator.subprocess, "Popen", lambda argv: ran.append(argv))
    kiosk.app.station.simulate = False
    kiosk.do_tap("facilitator.poweroff")
    kiosk.do_tap("confirm.yes")
    assert ran == [facilitator.POWEROFF] and not kiosk.app.running


def test_the_device_test_shows_live_readings_and_drives_outputs(kiosk):
    open_facilitator(kiosk)
    kiosk.do_tap("facilitator.devices")
    kiosk.do_tap("devices.led")
    assert kiosk.app.kit.device("led").value
    kiosk.do_tap("devices.led")
    assert not kiosk.app.kit.device("led").value
    kiosk.do_tap("devices.more")  # the knob is on the second page
    kiosk.do_set({"knob": 0.25})
    assert kiosk.until(lambda: "0.25" in kiosk.button("devices.knob").detail)
    kiosk.do_tap("devices.knob")
    assert kiosk.screen.id == "graph"


def test_with_a_listing_the_sync_worker_runs_and_sync_now_asks_it(make_driver, config, tmp_path):
    token = tmp_path / "token"
    token.write_text("secret\n")
    token.chmod(0o600)
    listed = dataclasses.replace(config, listing_url="http://127.0.0.1:9", token_file=token)
    driver = make_driver(config=listed)
    assert driver.app.station.sync is not None
    open_facilitator(driver)
    driver.do_tap("facilitator.sync")
    assert driver.app.notice_text == driver.app.text.t("ui.sync.requested")
    assert driver.screen.sync_line  # the worker's progress, in words


def test_a_session_the_listing_refused_is_listed_first_with_its_reason(kiosk):
    kiosk.goto_workshop("reactiespel")
    kiosk.do_tap("intro.start")
    session_id = kiosk.app.session.id
    revision = kiosk.app.journal.snapshot(session_id)["revision"]
    kiosk.app.journal.mark_attention(session_id, revision, "total does not add up")
    kiosk.app.home()
    open_facilitator(kiosk)
    assert [s.session_id for s in kiosk.screen.attention] == [session_id]
    assert kiosk.app.text.tn("ui.sync.attention", 1) in kiosk.screen.sync_line
    rows = (16, 210, 420, 28)
    assert kiosk.count(rows, theme.BAD) > 20

    kiosk.app.journal.mark_confirmed(session_id, revision)  # e.g. a resend was accepted
    kiosk.screen.refresh()
    kiosk.app.dirty = True
    kiosk.pump()
    assert kiosk.screen.attention == []
    assert kiosk.count(rows, theme.BAD) == 0
