"""The starter creation works at once ("a button turns on the LED"), whatever devices a kit or
a workshop has, and always fits the kit."""

from __future__ import annotations

import pytest

from kiosk.maker.rules import Action, Palette, Rule, Trigger
from kiosk.maker.starter import starter_rule, starter_rules
from tests.maker.conftest import creation, lit, press, release


def test_the_default_kits_starter_is_a_button_that_turns_on_the_led(spec, run, kit):
    rules = starter_rules(spec)
    on = Rule(Trigger("pressed", "button"), (Action("switch_on", "led"),))
    assert rules == (on, Rule(Trigger("released", "button"), (Action("switch_off", "led"),)))
    engine = run(creation(*rules))
    engine.device(press(1.0))
    assert lit(kit)
    engine.device(release(2.0))
    assert not lit(kit)


@pytest.mark.parametrize(
    ("devices", "expected"),
    [
        (["distance", "rgb_led"], Rule(Trigger("closer", "distance", 20),
                                       (Action("colour", "rgb_led", "green"),))),
        (["servo", "knob"], Rule(Trigger("knob_above", "knob", 0.7),
                                 (Action("angle", "servo", 90),))),
        (["speaker"], Rule(Trigger("every", None, 2), (Action("tone", "speaker", "C4"),
                           Action("wait", None, 1), Action("switch_off", "speaker")))),
        (["motion"], Rule(Trigger("motion", "motion"), (Action("show_text", None, "Hallo!"),))),
        (["flux_capacitor"], Rule(Trigger("every", None, 2),
                                  (Action("show_text", None, "Hallo!"),))),
    ],
)  # fmt: skip
def test_a_workshops_devices_make_a_starter_rule(spec, devices, expected):
    assert starter_rule(spec, devices) == expected


def test_every_starter_fits_its_kit(spec):
    palette = Palette(spec)
    for name in spec.devices:
        for rule in starter_rules(spec, [name]):
            assert palette.misfit(rule) is None, name
