"""The step player: the live check turns green, the hint comes after a while, variants, faults."""

from __future__ import annotations

import time

import pygame

from devices.kit import DeviceEvent
from kiosk.ui import player, theme


def start(driver, wid="reactiespel"):
    driver.goto_workshop(wid)
    driver.do_tap("intro.start")
    assert driver.screen.id == "player"
    return driver.app.session


def test_the_check_turns_green_when_the_button_is_pressed_and_is_logged(kiosk):
    session = start(kiosk)
    spot = player.CHECK_BOX.move(8, 8).topleft
    assert kiosk.pixel(spot) != theme.OK
    assert not kiosk.screen.passed
    kiosk.do_set({"button": True})
    assert kiosk.screen.passed
    assert kiosk.pixel(spot) == theme.OK
    assert kiosk.app.journal.snapshot(session.id)["progress"]["checks_passed"] == 1
    kiosk.do_set({"button": False})
    assert kiosk.screen.passed  # once met, it stays met
    kiosk.do_tap("player.next")
    assert kiosk.app.journal.snapshot(session.id)["progress"]["steps"] == 1
    assert kiosk.screen.index == 1


def test_a_press_queued_before_the_step_appeared_does_not_pass_its_check(kiosk):
    start(kiosk)
    earlier = time.monotonic() - 5  # e.g. the button was pressed while the intro was shown
    kiosk.app.kit.events.put(DeviceEvent("button", "pressed", True, earlier))
    kiosk.pump()
    assert not kiosk.screen.passed
    kiosk.do_set({"button": True})  # a press now does
    assert kiosk.screen.passed


def test_the_hint_shows_after_a_while_without_success(kiosk):
    start(kiosk)
    kiosk.do_wait(player.HINT_AFTER_S - 5)
    assert not kiosk.screen.hint_shown
    kiosk.do_wait(6)
    assert kiosk.screen.hint_shown
    assert kiosk.pixel((24, player.HINT_TOP + 4)) == theme.WARN_LIGHT


def test_a_held_check_needs_the_button_held_long_enough(kiosk):
    start(kiosk)
    kiosk.do_tap("player.next")
    kiosk.do_tap("player.next")  # "hold the button for 2 s"
    kiosk.do_set({"button": True})
    assert not kiosk.screen.passed
    kiosk.do_wait(2.5)
    assert kiosk.screen.passed


def test_choices_let_the_youth_pick_a_challenge_with_its_own_check(kiosk):
    session = start(kiosk)
    for _ in range(4):
        kiosk.do_tap("player.next")
    assert kiosk.screen.step.id == "uitdaging"
    assert kiosk.screen.check is None
    kiosk.do_tap("player.choice.speelbord")
    assert kiosk.screen.variant.id == "speelbord"
    kiosk.do_set({"button": True})
    assert kiosk.screen.passed
    assert "uitdaging.speelbord" in session.checks
    kiosk.do_tap("player.rechoose")
    assert kiosk.screen.variant is None


def test_a_workshop_with_an_unplugged_device_still_opens_and_says_what_is_missing(kiosk):
    kiosk.app.kit.simulator.unplug("distance")
    kiosk.goto_workshop("parkeersensor")
    assert kiosk.until(lambda: kiosk.screen.missing == ["distance"])
    assert any(b.id == "intro.simulator" for b in kiosk.app.buttons())
    kiosk.do_tap("intro.simulator")
    assert kiosk.app.panel.visible
    kiosk.do_key("F2")
    kiosk.do_tap("intro.start")
    assert kiosk.screen.id == "player"


def test_a_fault_in_a_screen_goes_home_with_a_notice_and_keeps_the_session(kiosk, monkeypatch):
    session = start(kiosk)
    kiosk.do_tap("player.count")
    kiosk.do_tap("attendance.band.14-17")

    def broken(self, surface):
        raise RuntimeError("a bug")

    monkeypatch.setattr(player.PlayerScreen, "draw", broken)
    kiosk.do_tap("attendance.back")
    assert kiosk.screen.id == "home"
    assert kiosk.app.notice_text == kiosk.app.text.t("ui.notice.fault")
    snap = kiosk.app.journal.snapshot(session.id)
    assert snap["status"] == "open" and snap["attendance"]["total"] == 1
    assert "home.resume" in {b.id for b in kiosk.app.buttons()}


def test_the_wiring_area_never_breaks_the_step(kiosk):
    start(kiosk)
    kiosk.do_tap("player.next")  # the LED step has a wiring picture
    frame = kiosk.region(pygame.Rect(player.PICTURE_BOX))
    assert len(frame) == player.PICTURE_BOX.w * player.PICTURE_BOX.h * 3
    assert kiosk.screen.id == "player"
