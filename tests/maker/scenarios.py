"""Creations with input scripts that, together, use every trigger and every action of the
catalogue; inputs stand far enough apart that no two causes race for one output."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.maker.rules import Action as A
from kiosk.maker.rules import Creation
from kiosk.maker.rules import Rule as R
from kiosk.maker.rules import Trigger as T


@dataclass(frozen=True)
class Scenario:
    creation: Creation
    script: list  # [seconds after the start, input device, value]
    seconds: float


EVENTS = Scenario(
    Creation(
        "Knoppen En Beweging",
        (
            R(T("pressed", "button"), (A("switch_on", "led"), A("count_up"))),
            R(T("released", "button"), (A("switch_off", "led"),)),
            R(T("held", "button"), (A("colour", "rgb_led", "green"),)),
            R(T("pressed", "button2"), (A("brightness", "pwm_led", 0.3), A("show_count"))),
            R(T("pressed", "button2"), (A("switch_on", "led"),), count_at_least=2),
            R(T("released", "button2"), (A("toggle", "pwm_led"),)),
            R(
                T("motion", "motion"),
                (A("colour", "rgb_led", "purple"), A("show_text", None, "Hé daar!")),
            ),
            R(T("no_motion", "motion"), (A("switch_off", "rgb_led"), A("count_reset"))),
            R(T("no_motion", "motion"), (A("show_count"),)),
        ),
    ),
    [
        [1.5, "button", True],  # led on, count 1; held at 2.5: green
        [3.0, "button", False],
        [4.0, "button2", True],  # shows 1; count below 2: rule 5 waits
        [4.5, "button2", False],
        [5.0, "button", True],
        [5.5, "button", False],
        [6.0, "button2", True],  # count 2: rule 5 turns the led on again (the last rule wins)
        [6.5, "button2", False],
        [7.0, "motion", True],
        [8.0, "motion", False],  # reset, then shows 0
    ],
    9.0,
)

SENSORS = Scenario(
    Creation(
        "Slimme Sensor",
        (
            R(T("darker", "light", 0.3), (A("switch_on", "led"),)),
            R(T("brighter", "light", 0.6), (A("switch_off", "led"),)),
            R(T("closer", "distance", 20), (A("colour", "rgb_led", "red"),)),
            R(T("farther", "distance", 50), (A("colour", "rgb_led", "blue"),)),  # at once
            R(T("knob_above", "knob", 0.7), (A("angle", "servo", 90),)),
            R(T("knob_below", "knob", 0.3), (A("angle", "servo", -90),)),
            R(T("warmer", "cpu", 60), (A("switch_on", "buzzer"), A("show_text", None, "Warm"))),
            R(T("cooler", "cpu", 50), (A("switch_off", "buzzer"), A("show_text", None, "Koel"))),
        ),
    ),
    [
        [1.5, "light", 0.1],
        [2.5, "light", 0.9],
        [3.5, "distance", 10],
        [4.5, "distance", 80],
        [5.5, "knob", 0.9],
        [6.5, "knob", 0.1],
        [7.5, "cpu", 70],
        [8.5, "cpu", 40],
    ],
    10.0,
)

TIMED = Scenario(
    Creation(
        "Vrolijke Klok",
        (
            R(T("pressed", "button"), (A("blink", "led", 0.5),)),
            R(T("pressed", "button2"), (A("switch_off", "led"),)),  # stops the blinking
            R(T("released", "button"), (A("beep", "buzzer", 3),)),
            R(
                T("pressed", "button"),
                (A("melody", "speaker", "hooray"), A("tone", "speaker", "A4")),
            ),
            R(
                T("released", "button2"),
                (A("step", "traffic_lights"), A("wait", None, 0.5), A("step", "traffic_lights")),
            ),
            R(T("released", "button2"), (A("wait", None, 1), A("step", "traffic_lights"))),
            R(T("every", None, 2), (A("toggle", "pwm_led"),)),
            R(T("every", None, 1.5), (A("count_up"), A("show_count"))),
        ),
    ),
    [
        [1.25, "button", True],  # blinks at 1.75, 2.25, ...; a melody, then A4
        [1.75, "button", False],
        [3.5, "button2", True],  # between two blinks
        [3.75, "button2", False],  # green, amber at 4.25, red at 4.75
    ],
    6.6,
)

BUSY = Scenario(
    Creation(
        "Geduldige Uil",
        (
            R(
                T("pressed", "button"),
                (A("switch_on", "led"), A("wait", None, 1.5), A("switch_off", "led")),
            ),
            R(T("pressed", "button"), (A("count_up"), A("show_count"))),
            R(T("every", None, 4), (A("switch_on", "buzzer"), A("wait", None, 0.5))),
            R(T("every", None, 4), (A("switch_off", "buzzer"),)),
        ),
    ),
    [
        [1.25, "button", True],  # on until 2.75
        [1.5, "button", False],
        [2.25, "button", True],  # still busy: rule 1 does not start again; rule 2 counts
        [2.5, "button", False],
        [3.25, "button", True],  # ready again
        [3.5, "button", False],
    ],
    5.5,
)

ALL = {"events": EVENTS, "sensors": SENSORS, "timed": TIMED, "busy": BUSY}
