"""Read aloud on screen, with the real espeak-ng: the speaker button reads the intro, a step (its
hint first once shown) and the end screen in the text's own language, stops on a second tap and
whenever what it read leaves the screen; missing or hanging, it never holds the screen and the
start-up check says why."""

from __future__ import annotations

import os

import pytest

from kiosk.speech import Speech
from tests.support.tools import tool_or_skip


@pytest.fixture
def busy_sound(tmp_path, monkeypatch) -> str:
    """The real espeak-ng, playing into a sound device that takes its time: ALSA's default is a
    pipe nobody reads, so a voice keeps speaking until it is stopped (and no sound is heard)."""
    path = tool_or_skip("espeak-ng")
    home = tmp_path / "home"
    home.mkdir()
    os.mkfifo(home / "sound")
    (home / ".asoundrc").write_text(
        f'pcm.!default {{ type file slave.pcm "null" file "{home / "sound"}" format "raw" }}\n'
        "ctl.!default { type hw card 0 }\n"
    )
    monkeypatch.setenv("HOME", str(home))
    return path


def spoken(driver) -> tuple[str, str]:
    """The voice and the text of the espeak-ng the kiosk started last."""
    args = driver.app.voice.speech.process.args
    return args[args.index("-v") + 1], args[-1]


def stopped(process) -> bool:
    return process.wait(timeout=5) is not None


def shown(driver) -> set[str]:
    return {b.id for b in driver.app.buttons()}


def first_step(driver) -> None:
    """The reaction game's first step, with espeak-ng asked already."""
    assert driver.app.voice.check().ok
    driver.goto_workshop("reactiespel")
    driver.do_tap("intro.start")


def test_the_intro_is_read_in_its_language_and_a_second_tap_stops_it(kiosk, busy_sound):
    assert kiosk.app.voice.check().ok
    kiosk.goto_workshop("reactiespel")
    kiosk.do_tap("intro.speak")
    process = kiosk.app.voice.speech.process
    assert process.poll() is None  # speaking, and the screen goes on
    voice, text = spoken(kiosk)
    assert voice == "nl"
    assert text.startswith("Reactiespel. Bouw een spel") and "Veilig werken." in text
    assert "Karton voor een speelbord." in text
    assert kiosk.button("intro.speak").label == kiosk.app.text.t("ui.speak.stop")
    kiosk.do_tap("intro.speak")
    assert stopped(process) and kiosk.app.voice.speech.process is None
    assert kiosk.button("intro.speak").label == kiosk.app.text.t("ui.speak")


def test_reading_stops_when_the_step_or_the_screen_changes(kiosk, busy_sound):
    first_step(kiosk)
    kiosk.do_tap("player.speak")
    first = kiosk.app.voice.speech.process
    assert spoken(kiosk)[1] == (
        "Sluit de knop aan. Zet de knop op het breadboard. Verbind één poot met GPIO17. "
        "Verbind de andere poot met GND."
    )
    kiosk.do_tap("player.next")  # another step: what was read is gone from the screen
    assert stopped(first)
    kiosk.do_tap("player.speak")
    second = kiosk.app.voice.speech.process
    assert second.poll() is None
    kiosk.do_tap("player.count")  # another screen
    assert kiosk.screen.id == "attendance" and stopped(second)


def test_once_the_hint_shows_it_is_read_first(kiosk, busy_sound):
    first_step(kiosk)
    kiosk.do_tap("player.hint")
    kiosk.do_tap("player.speak")
    _, text = spoken(kiosk)
    assert text.startswith("Lukt het niet? Zit de knop over de gleuf in het midden?")
    assert text.endswith("Verbind de andere poot met GND.")


def test_the_hint_has_a_speaker_of_its_own_that_reads_just_the_hint(kiosk, busy_sound):
    first_step(kiosk)
    assert "player.hint.speak" not in shown(kiosk)  # no hint shown, no speaker for it
    kiosk.do_tap("player.hint")
    kiosk.do_tap("player.hint.speak")
    process = kiosk.app.voice.speech.process
    assert spoken(kiosk)[1] == (
        "Lukt het niet? Zit de knop over de gleuf in het midden? Kijk of de draad echt in "
        "GPIO17 zit."
    )
    kiosk.pump()  # a frame later the step's own speaker is drawn again: the hint reads on
    assert process.poll() is None
    assert kiosk.button("player.hint.speak").label == kiosk.app.text.t("ui.speak.stop")
    kiosk.do_tap("player.next")
    assert stopped(process)


def test_beside_a_demo_the_hint_speaker_takes_half_the_row(kiosk, busy_sound):
    assert kiosk.app.voice.check().ok
    kiosk.goto_workshop("reactiespel")
    kiosk.do_tap("intro.start")
    while "player.demo" not in shown(kiosk):
        kiosk.do_tap("player.next")
    kiosk.do_tap("player.hint")
    demo, speaker = kiosk.button("player.demo"), kiosk.button("player.hint.speak")
    assert demo.rect.y == speaker.rect.y and demo.rect.right < speaker.rect.x
    assert demo.rect.w == speaker.rect.w


def test_workshop_text_is_read_in_dutch_where_it_has_no_french(kiosk, busy_sound):
    kiosk.app.voice.check()
    kiosk.app.set_language("fr")  # the reaction game has no French text: the screen shows Dutch
    kiosk.goto_workshop("reactiespel")
    kiosk.do_tap("intro.speak")
    voice, text = spoken(kiosk)
    assert voice == "nl" and "Wat heb je nodig?" in text  # the words around it in Dutch too
    kiosk.do_tap("intro.back")
    kiosk.app.set_language("en")
    kiosk.goto_workshop("reactiespel")
    kiosk.do_tap("intro.speak")
    voice, text = spoken(kiosk)
    assert voice == "en-gb" and text.startswith("Reaction game. Build a game")


def test_the_end_screen_reads_its_summary(kiosk, busy_sound):
    first_step(kiosk)
    kiosk.do_tap("player.count")
    kiosk.do_tap("attendance.band.14-17")
    kiosk.do_tap("attendance.end")
    kiosk.do_tap("end.speak")
    _, text = spoken(kiosk)
    t = kiosk.app.text.t
    assert text.startswith(f"{t('ui.end.heading')}. Reactiespel.")
    assert t("ui.attendance.total", total=1) in text


def test_without_espeak_ng_no_speaker_shows_and_the_startup_check_says_why(make_driver, tmp_path):
    missing = str(tmp_path / "espeak-ng")
    driver = make_driver(speech=Speech(missing))
    status = driver.app.voice.check()
    assert not status.ok and status.key == "speech.missing"
    driver.goto_workshop("reactiespel")
    assert "intro.speak" not in {b.id for b in driver.app.buttons()}
    driver.app.go("startup")
    driver.pump()
    title, detail, good = driver.screen.rows[-1]
    assert title == driver.app.text.t("ui.startup.speech")
    assert detail == driver.app.text.t("speech.missing", program=missing) and good is None


def test_a_hanging_espeak_ng_never_holds_the_screen(make_driver, tmp_path):
    hangs = tmp_path / "espeak-ng"
    hangs.write_text("#!/bin/sh\nsleep 60\n")
    hangs.chmod(0o755)
    driver = make_driver(speech=Speech(str(hangs), limit_s=1.0))
    driver.app.go("startup")
    driver.pump()
    assert driver.app.voice.status is None  # still asking, on its own thread
    _, detail, good = driver.screen.rows[-1]
    assert detail == driver.app.text.t("ui.startup.speech_checking") and good is None
    assert driver.until(lambda: driver.app.voice.status is not None)
    driver.app.go("startup")  # (all else being well, the check may have moved on to Home)
    driver.pump()
    _, detail, good = driver.screen.rows[-1]
    assert detail == driver.app.text.t("speech.hung", seconds="1") and good is False
