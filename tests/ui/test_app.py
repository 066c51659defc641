"""The app as a whole: start-up check, attract mode, idle redraws, language, simulator panel."""

from __future__ import annotations

import dataclasses
import socket

import pygame
import pytest

from kiosk.library import Library, load_library
from kiosk.ui import app as app_module
from kiosk.ui import theme
from kiosk.ui.script import ScriptError


def test_the_startup_check_lists_kit_journal_clock_sync_speech_and_skipped_files(
    make_driver, library, tmp_path
):
    bad = tmp_path / "extra"
    bad.mkdir()
    (bad / "broken.yaml").write_text("id: broken\nversion: 1\n")
    skipped = load_library([bad], None).problems
    driver = make_driver(library=Library(dict(library.workshops), skipped))
    driver.app.go("startup")
    driver.pump()
    titles = [row[0] for row in driver.screen.rows]
    assert titles == [
        driver.app.text.t(f"ui.startup.{k}") for k in ("kit", "journal", "clock", "sync", "speech")
    ]
    assert driver.screen.rows[1][2] is True  # the journal is healthy
    assert any("broken.yaml:" in p for p in driver.screen.problems)
    assert not driver.screen.all_good
    driver.do_wait(60)
    assert driver.screen.id == "startup"  # with a problem it waits for the facilitator
    driver.do_tap("startup.continue")
    assert driver.screen.id == "home"


def test_attract_mode_comes_after_idle_minutes_and_a_touch_brings_the_screen_back(kiosk):
    kiosk.goto_workshop("reactiespel")
    intro = kiosk.screen
    kiosk.do_wait(app_module.IDLE_S + 1)
    assert kiosk.screen.id == "attract"
    assert kiosk.pixel((5, 5)) == (18, 24, 38)
    kiosk.do_tap("attract.wake")
    assert kiosk.screen is intro


def test_an_idle_screen_is_not_redrawn(kiosk, monkeypatch):
    flips = []
    monkeypatch.setattr(kiosk.app.display, "present", lambda: flips.append(1))
    kiosk.pump(0.3)
    assert flips == []
    kiosk.do_tap("home.age.14-17")
    assert len(flips) == 1


def test_the_language_switch_changes_every_string(kiosk):
    before = kiosk.region((0, 0, 400, 60))
    kiosk.do_tap("home.lang")
    assert kiosk.app.text.lang == "en"
    assert kiosk.region((0, 0, 400, 60)) != before


def test_the_age_filter_keeps_workshops_for_that_band(kiosk):
    everything = len(kiosk.screen.workshops())
    kiosk.do_tap("home.age.0-9")
    assert len(kiosk.screen.workshops()) < everything


def test_the_simulator_panel_drives_the_simulated_kit(kiosk):
    kiosk.do_key("F2")
    assert kiosk.app.panel.visible
    kiosk.do_tap("sim.button")
    assert kiosk.until(lambda: kiosk.app.kit.reading("button").value is True)
    kiosk.do_key("space")
    assert kiosk.until(lambda: kiosk.app.kit.reading("button").value is False)
    kiosk.do_key("F2")
    assert not kiosk.app.panel.visible


def test_the_loop_tells_systemd_it_is_ready(make_driver, tmp_path, monkeypatch):
    address = str(tmp_path / "notify")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(address)
    listener.settimeout(5)
    monkeypatch.setenv("NOTIFY_SOCKET", address)
    driver = make_driver()
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    assert driver.app.run() == 0
    messages = []
    while "STOPPING=1" not in messages:  # (SDL may report an ERRNO= of its own on the socket)
        messages.append(listener.recv(4096).decode())
    ours = [m for m in messages if m in ("READY=1", "STOPPING=1")]
    assert ours == ["READY=1", "STOPPING=1"]
    listener.close()


def test_large_text_comes_from_the_config_and_homes_button_switches_it(make_driver, config):
    driver = make_driver(config=dataclasses.replace(config, large_text=True))
    assert driver.app.large_text
    driver.app.draw()
    assert driver.app.canvas.text_scale == theme.LARGE_TEXT
    tiles = {b.id for b in driver.app.buttons() if b.id.startswith("home.tile.")}
    assert driver.button("home.text_size").label == driver.app.text.t("ui.home.smaller")
    driver.do_key("a")  # the button's key
    assert not driver.app.large_text and driver.app.canvas.text_scale == 1.0
    assert driver.button("home.text_size").label == driver.app.text.t("ui.home.larger")
    more = {b.id for b in driver.app.buttons() if b.id.startswith("home.tile.")}
    assert tiles < more  # normal text holds more tiles: the first ones stay first


def test_a_tap_on_the_notice_closes_it_and_never_reaches_the_button_it_covers(kiosk):
    facilitator = kiosk.button("home.facilitator").rect.center
    kiosk.app.notice("Sessie bewaard: 3 deelnemers.")
    kiosk.app.draw()
    assert kiosk.app.notice_box.collidepoint(facilitator)  # the heading's buttons are covered
    assert kiosk.app.buttons()[0].id == "notice"
    kiosk.touch(facilitator)
    assert kiosk.screen.id == "home" and kiosk.app.notice_text is None
    kiosk.touch(facilitator)  # now the button itself, seen again
    assert kiosk.screen.id == "pin"


def test_the_notice_goes_by_itself_and_a_script_is_told_what_covers_its_widget(kiosk):
    kiosk.app.notice("Bewaard")
    with pytest.raises(ScriptError, match="under the notice"):
        kiosk.do_tap("home.lang")
    kiosk.do_tap("home.age.14-17")  # below the notice: tapped as usual
    assert kiosk.app.notice_text == "Bewaard"
    kiosk.do_wait(app_module.NOTICE_S + 1)
    assert kiosk.app.notice_text is None
    kiosk.do_tap("home.lang")
    assert kiosk.app.text.lang == "en"
