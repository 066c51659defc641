"""Every state the screens show in colour also shows a drawn icon and a word: the check met or
not, a device answering or not, the sync state, what is selected, what cannot be tapped now."""

from __future__ import annotations

from kiosk.ui import theme


def icons(driver, owner: str = "") -> list[str]:
    """The icons drawn on the last frame, on one button (or on the screen itself)."""
    driver.app.draw()
    return [m.text for m in driver.app.canvas.marks if m.kind == "icon" and m.owner == owner]


def texts(driver, owner: str = "") -> list[str]:
    return [m.text for m in driver.app.canvas.marks if m.kind == "text" and m.owner == owner]


def icon_box(driver, name: str):
    return next(m.rect for m in driver.app.canvas.marks if m.kind == "icon" and m.text == name)


def test_the_check_shows_a_clock_while_waiting_and_a_check_mark_when_met(kiosk):
    kiosk.goto_workshop("reactiespel")
    kiosk.do_tap("intro.start")
    t = kiosk.app.text.t
    assert "clock" in icons(kiosk) and kiosk.screen.reason() in texts(kiosk)
    assert icons(kiosk, "player.next") == []
    kiosk.do_set({"button": True})
    assert "check" in icons(kiosk) and t("ui.player.passed") in texts(kiosk)
    assert kiosk.count(icon_box(kiosk, "check"), theme.ACCENT_INK) > 20  # drawn, white on green
    assert icons(kiosk, "player.next") == ["check"]  # the green Next says so too


def test_a_device_shows_a_cross_and_words_when_it_does_not_answer(kiosk):
    kiosk.app.kit.simulator.unplug("distance")
    kiosk.goto_workshop("parkeersensor")
    assert kiosk.until(lambda: kiosk.screen.missing == ["distance"])
    t = kiosk.app.text.t
    assert "cross" in icons(kiosk) and t("ui.device.missing") in texts(kiosk)
    assert "check" in icons(kiosk) and t("ui.device.connected") in texts(kiosk)  # the buzzer
    kiosk.app.go("devices", back=kiosk.screen)
    kiosk.pump()
    if "devices.distance" not in {b.id for b in kiosk.app.buttons()}:
        kiosk.do_tap("devices.more")
    assert icons(kiosk, "devices.distance") == ["warning"]
    assert t("ui.device.missing") in texts(kiosk, "devices.distance")


def test_selections_show_a_check_mark(kiosk):
    assert icons(kiosk, "home.age.all") == ["check"]
    kiosk.do_tap("home.age.14-17")
    assert icons(kiosk, "home.age.14-17") == ["check"] and icons(kiosk, "home.age.all") == []
    band = kiosk.app.text.t("ui.band.14-17")
    assert any(band in text for text in texts(kiosk))  # and the heading says it in words
    kiosk.goto_workshop("reactiespel")
    kiosk.do_tap("intro.start")
    kiosk.do_tap("player.count")
    kiosk.do_tap("attendance.gender.girl")
    assert icons(kiosk, "attendance.gender.girl") == ["check"]
    assert icons(kiosk, "attendance.gender.boy") == []


def test_a_disabled_button_says_not_now_beside_its_mark(kiosk):
    kiosk.do_tap("home.stop")
    kiosk.do_tap("stops.other")
    assert icons(kiosk, "stopentry.ok") == ["blocked"]
    assert kiosk.app.text.t("ui.not_now") in texts(kiosk, "stopentry.ok")
    venue = kiosk.app.text.t("ui.venue.other")
    assert icons(kiosk, "stopentry.venue.other") == ["check"]
    assert any(text.endswith(venue) for text in texts(kiosk))  # the heading names the type


def test_the_sync_state_and_each_session_show_a_mark(kiosk):
    kiosk.goto_workshop("reactiespel")
    kiosk.do_tap("intro.start")
    kiosk.app.home()
    kiosk.app.go("facilitator")
    kiosk.pump()
    marks = icons(kiosk)
    assert marks[0] == "info"  # no listing set: the sync line says so, with its mark
    assert marks[1] == "clock"  # the session waits to be sent
    assert not kiosk.button("facilitator.sync").enabled
    assert icons(kiosk, "facilitator.sync") == ["blocked"]


def test_the_startup_check_marks_each_row(make_driver):
    driver = make_driver()
    driver.app.voice.check()
    driver.app.go("startup")
    driver.pump()
    wanted = {True: "check", False: "cross", None: "info"}
    marks = icons(driver)
    goods = [good for _, _, good in driver.screen.rows] + [not driver.screen.problems]
    assert marks == [wanted[good] for good in goods]
