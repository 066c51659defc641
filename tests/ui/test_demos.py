"""Live demos: the graph scrolls the live reading, the reaction game times the button against the
LED, the theremin turns distance into pitch."""

from __future__ import annotations

from array import array

from kiosk.ui import demo_graph, theme
from kiosk.ui.demo_theremin import pitch
from kiosk.ui.tone import sine


def near(value, wanted) -> bool:
    return value is not None and abs(value - wanted) < 0.01  # a 10-bit ADC


def test_the_graph_shows_the_live_reading_and_scrolls(kiosk):
    kiosk.app.go("graph", device="knob", back=kiosk.screen)
    kiosk.do_set({"knob": 0.2})
    assert kiosk.until(lambda: kiosk.screen.reading and near(kiosk.screen.reading.value, 0.2))
    kiosk.do_wait(2)
    kiosk.do_set({"knob": 0.9})
    assert kiosk.until(lambda: near(kiosk.screen.reading.value, 0.9))
    kiosk.do_wait(1)
    values = [v for v in kiosk.screen.samples if v is not None]
    assert near(min(values), 0.2) and near(max(values), 0.9)
    inner = demo_graph.GRAPH.inflate(-24, -24)
    column = [kiosk.pixel((inner.right - 2, y)) for y in range(inner.y, inner.bottom)]
    assert theme.ACCENT in column  # the newest sample is drawn at the right edge
    kiosk.do_tap("graph.next")
    assert kiosk.screen.device_name != "knob"


def test_the_reaction_game_times_the_button_after_the_led(kiosk):
    kiosk.goto_workshop("reactiespel")
    kiosk.do_tap("intro.start")
    kiosk.app.go("reaction", device="button", back=kiosk.screen)
    kiosk.pump()
    kiosk.do_tap("reaction.start")
    kiosk.do_set({"button": True})
    kiosk.do_set({"button": False})
    assert kiosk.screen.state == "early"  # before the LED: too early, no score
    assert kiosk.app.session.scores == []
    kiosk.do_tap("reaction.start")
    assert not kiosk.app.kit.device("led").value
    kiosk.do_wait(5)
    assert kiosk.screen.state == "go" and kiosk.app.kit.device("led").value
    kiosk.do_set({"button": True})
    assert kiosk.screen.state == "result"
    assert len(kiosk.app.session.scores) == 1 and 0 <= kiosk.app.session.scores[0] < 5
    assert not kiosk.app.kit.device("led").value


def test_the_theremin_maps_distance_to_a_semitone_pitch():
    assert pitch(None) is None and pitch(100) is None
    assert pitch(5) > pitch(30) > pitch(59)
    assert pitch(2) == pitch(5)


def test_a_generated_tone_is_whole_periods_of_a_sine():
    wave = sine(440.0)
    assert isinstance(wave, array) and wave.typecode == "h"
    assert abs(wave[0]) < 200 and max(wave) > 10000 and min(wave) < -10000


def test_the_theremin_screen_follows_the_hand(kiosk):
    kiosk.app.go("theremin", device="distance", back=kiosk.screen)
    kiosk.do_set({"distance": 12})
    assert kiosk.until(
        lambda: kiosk.screen.distance is not None and abs(kiosk.screen.distance - 12) < 2
    )
    assert kiosk.screen.tone.frequency == pitch(kiosk.screen.distance)
    kiosk.do_tap("theremin.mute")
    kiosk.do_wait(0.2)
    assert kiosk.screen.tone.frequency is None
