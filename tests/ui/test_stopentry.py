"""Typing a stop that is not in the tour plan: keys, venue type, OK only when complete, and the
typed stop on the next session's journal snapshot."""

from __future__ import annotations

import pygame

from kiosk.ui import theme

KEY_IDS = {" ": "space", "-": "dash", "'": "apostrophe", "é": "e_acute"}


def type_keys(driver, text: str) -> None:
    for char in text:
        driver.do_tap(f"stopentry.key.{KEY_IDS.get(char, char)}")


def open_entry(driver) -> None:
    driver.do_tap("home.stop")
    driver.do_tap("stops.other")
    assert driver.screen.id == "stopentry"


def test_a_typed_stop_goes_on_the_next_session_snapshot(kiosk):
    open_entry(kiosk)
    type_keys(kiosk, "jh 't kaffee-2")
    kiosk.do_tap("stopentry.key.enter")  # the municipality next
    type_keys(kiosk, "sint-niklaas")
    kiosk.do_tap("stopentry.field.postcode")
    type_keys(kiosk, "9100")
    kiosk.do_tap("stopentry.venue.youth_house")
    kiosk.do_tap("stopentry.ok")
    assert kiosk.screen.id == "home"
    assert kiosk.button("home.stop").label == "Jh 't kaffee-2"  # a capital first, as on a phone
    kiosk.goto_workshop("reactiespel")
    kiosk.do_tap("intro.start")
    snap = kiosk.app.journal.snapshot(kiosk.app.session.id)
    assert snap["stop"] == {
        "name": "Jh 't kaffee-2",
        "venue_type": "youth_house",
        "municipality": "Sint-niklaas",
        "postcode": "9100",
    }


def test_ok_does_nothing_until_name_and_municipality_are_typed(kiosk):
    open_entry(kiosk)
    kiosk.do_tap("stopentry.key.space")  # leading blanks are not a name
    assert not kiosk.button("stopentry.ok").enabled
    ok = kiosk.button("stopentry.ok").rect.center
    kiosk.app.tap(ok)  # a real tap on the greyed button
    assert kiosk.screen.id == "stopentry"
    type_keys(kiosk, "bib")
    assert not kiosk.button("stopentry.ok").enabled
    kiosk.do_tap("stopentry.field.town")
    type_keys(kiosk, "gent")
    kiosk.do_tap("stopentry.field.postcode")
    type_keys(kiosk, "90")  # a half postcode holds OK back too
    assert not kiosk.button("stopentry.ok").enabled
    type_keys(kiosk, "000")  # the fifth digit is ignored
    assert kiosk.screen.values["postcode"] == "9000"
    kiosk.app.tap(ok)
    assert kiosk.screen.id == "home"
    assert kiosk.app.stop.as_json() == {
        "name": "Bib",
        "venue_type": "other",  # the default
        "municipality": "Gent",
        "postcode": "9000",
    }


def test_backspace_on_screen_and_on_the_keyboard_removes_the_last_character(kiosk):
    open_entry(kiosk)
    type_keys(kiosk, "genk")
    kiosk.do_tap("stopentry.key.backspace")
    assert kiosk.screen.values["name"] == "Gen"
    kiosk.do_key("backspace")
    assert kiosk.screen.values["name"] == "Ge"


def test_a_physical_keyboard_types_and_enter_moves_on_then_confirms(kiosk):
    open_entry(kiosk)
    for text in ("Jeugdhuis ", "Kéé"):
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    kiosk.pump()
    kiosk.do_key("return")
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="Lier"))
    kiosk.pump()
    assert kiosk.screen.values == {"name": "Jeugdhuis Kéé", "town": "Lier", "postcode": ""}
    kiosk.do_key("return")
    assert kiosk.screen.id == "home"
    assert kiosk.app.stop.name == "Jeugdhuis Kéé"
    assert kiosk.app.stop.venue_type == "other"


def test_name_and_municipality_stop_at_200_characters(kiosk):
    open_entry(kiosk)
    kiosk.screen.typed("x" * 250)
    assert len(kiosk.screen.values["name"]) == 200


def test_the_typed_text_shows_in_its_field(kiosk):
    open_entry(kiosk)
    field = kiosk.button("stopentry.field.name").rect
    text_area = pygame.Rect(field.x + 10, field.y + 24, 120, 26)
    empty = kiosk.region(text_area)
    type_keys(kiosk, "mmm")
    typed = kiosk.region(text_area)
    assert typed != empty
    pixels = [typed[i : i + 3] for i in range(0, len(typed), 3)]
    assert pixels.count(bytes(theme.INK)) > 30  # solid glyph pixels, not just the caret


def test_cancel_returns_to_the_stop_list_and_keeps_the_stop(kiosk):
    before = kiosk.app.stop
    open_entry(kiosk)
    type_keys(kiosk, "x")
    kiosk.do_tap("stopentry.cancel")
    assert kiosk.screen.id == "stops"
    assert kiosk.app.stop == before
