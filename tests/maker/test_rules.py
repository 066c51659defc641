"""The rule model and the palette: blocks snap only where they fit, so a rule is never malformed,
and a kit offers exactly the triggers and actions its devices allow."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.kitconfig import DeviceSpec, KitSpec, Text, load_kit
from kiosk.maker.blocks import ACTIONS, EVERY_S, TRIGGERS, WAIT_S
from kiosk.maker.rules import MAX_ACTIONS, MAX_RULES, Action, Creation, Palette, Rule, Trigger

KIT = load_kit()[0]


def small_kit(**types: str) -> KitSpec:
    pins = iter(range(4, 28))
    devices = {
        name: DeviceSpec(name, kind, {"pin": next(pins)}, Text(name), {})
        for name, kind in types.items()
    }
    return KitSpec("small", frozenset(), devices)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Trigger("pressd", "button"), "unknown block 'pressd'"),
        (lambda: Trigger("pressed"), "'pressed' needs a device"),
        (lambda: Trigger("every", "button", 1), "'every' takes no device"),
        (lambda: Trigger("every", None, 0), "takes seconds 0.5, 1"),
        (lambda: Trigger("every", None, True), "not True"),
        (lambda: Trigger("closer", "distance", "20"), "not '20'"),
        (lambda: Action("wait", None, 0.1), "takes seconds"),
        (lambda: Action("switch_on", "led", 1), "takes no 1"),
        (lambda: Action("colour", "rgb_led", "pink"), "takes colour red, green"),
        (lambda: Action("show_text", None, ""), "a word"),
        (lambda: Action("show_text", None, "x" * 17), "at most 16"),
        (lambda: Action("show_text", None, 'say "hi"'), "only letters, digits"),
        (lambda: Rule(Trigger("pressed", "button"), ()), "1 to 8 things"),
        (lambda: Rule(Trigger("pressed", "button"), (Action("count_up"),) * 9), "not 9"),
        (lambda: Rule(Trigger("pressed", "button"), (Action("count_up"),), 0), "count at least"),
        (lambda: Creation(" ", ()), "name is 1 to 40"),
    ],
)
def test_a_malformed_block_cannot_be_built(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_a_creation_holds_at_most_twenty_rules():
    rule = Rule(Trigger("pressed", "button"), (Action("count_up"),))
    Creation("Vol", (rule,) * MAX_RULES)
    with pytest.raises(ValueError, match="at most 20 rules"):
        Creation("Te Vol", (rule,) * (MAX_RULES + 1))


def test_numbers_are_stored_as_the_palette_writes_them():
    assert Action("wait", None, 1.0).value == 1 and Action("wait", None, 1.5).value == 1.5
    assert Trigger("every", None, 0.5).value in EVERY_S and min(WAIT_S) == 0.5
    assert Action("show_text", None, "Hé 42!").value == "Hé 42!"


def test_the_default_kit_offers_every_block():
    palette = Palette(KIT)
    assert {c.block.kind for c in palette.triggers()} == set(TRIGGERS)
    assert {c.block.kind for c in palette.actions()} == set(ACTIONS)


def test_a_small_kit_offers_only_what_its_devices_fit():
    palette = Palette(small_kit(knop="button", lampje="led"))
    triggers = {(c.block.kind, c.device) for c in palette.triggers()}
    assert triggers == {("pressed", "knop"), ("held", "knop"), ("released", "knop"),
                        ("every", None)}  # fmt: skip
    outputs = {(c.block.kind, c.device) for c in palette.actions() if c.device}
    assert outputs == {("switch_on", "lampje"), ("switch_off", "lampje"),
                       ("toggle", "lampje"), ("blink", "lampje")}  # fmt: skip
    with pytest.raises(ValueError, match="'knop' is a button; 'switch_on' needs a led"):
        palette.action("switch_on", "knop")
    with pytest.raises(ValueError, match="no device 'zoemer'"):
        palette.action("switch_on", "zoemer")


def test_a_short_sonar_offers_only_distances_it_can_measure():
    spec = KitSpec("s", frozenset(), {"sonar": DeviceSpec(
        "sonar", "distance_sensor", {"trigger": 23, "echo": 24}, Text("Sonar"), {"max_cm": 50},
    )})  # fmt: skip
    palette = Palette(spec)
    (closer,) = [c for c in palette.triggers() if c.block.kind == "closer"]
    assert max(closer.values) == 50
    rule = Rule(Trigger("closer", "sonar", 100), (Action("count_up"),))
    misfit = palette.misfit(rule)
    assert (misfit.key, misfit.device) == ("out_of_range", "sonar")


def test_tiles_without_a_value_offer_none_and_text_is_typed():
    values = {c.block.kind: c.values for c in Palette(KIT).actions() if c.device is None}
    assert values["count_up"] == (None,) and values["show_text"] == ()


@given(st.data())
def test_every_rule_built_from_the_palette_fits_its_kit(data):
    palette = Palette(KIT)

    def pick(choices):
        choice = data.draw(st.sampled_from(choices))
        value = data.draw(st.sampled_from(choice.values or ("Hoi",)))
        return choice.block.kind, choice.device, value

    trigger = palette.trigger(*pick(palette.triggers()))
    actions = [palette.action(*pick(palette.actions())) for _ in range(data.draw(
        st.integers(1, MAX_ACTIONS)))]  # fmt: skip
    rule = Rule(trigger, tuple(actions))
    assert palette.misfit(rule) is None
    assert set(rule.devices) <= set(KIT.devices)
