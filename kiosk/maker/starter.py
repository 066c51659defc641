"""A working example to start from, so nobody faces a blank editor: "a button turns on the LED",
made from whatever input and output the kit (or a workshop's list of devices) has."""

from __future__ import annotations

from devices.kitconfig import KitSpec
from kiosk.maker.rules import Action, Rule, Trigger

# Input type -> the trigger that starts something, and the one that stops it.
STARTS = {
    "button": (("pressed", None), ("released", None)),
    "motion_sensor": (("motion", None), ("no_motion", None)),
    "distance_sensor": (("closer", 20), ("farther", 30)),
    "light_sensor": (("darker", 0.3), ("brighter", 0.6)),
    "mcp3008": (("knob_above", 0.7), ("knob_below", 0.3)),
    "cpu_temperature": (("warmer", 60), ("cooler", 50)),
}
# Output type -> the action that does something, and the one that undoes it.
DOES = {
    "led": (("switch_on", None), ("switch_off", None)),
    "pwm_led": (("switch_on", None), ("switch_off", None)),
    "buzzer": (("switch_on", None), ("switch_off", None)),
    "rgb_led": (("colour", "green"), ("switch_off", None)),
    "traffic_lights": (("step", None), ("switch_off", None)),
    "tonal_buzzer": (("tone", "C4"), ("switch_off", None)),
    "servo": (("angle", 90), ("angle", -90)),
}
HELLO = "Hallo!"


def starter_rules(spec: KitSpec, devices: list[str] | None = None) -> tuple[Rule, ...]:
    """Two rules that work at once: the first input (in the kit's order, or `devices`' order)
    switches the first output on, and off again. Without an input a timer does it; without an
    output the screen shows a word."""
    names = [d for d in (spec.devices if devices is None else devices) if d in spec.devices]
    source = next((d for d in names if spec.devices[d].type in STARTS), None)
    target = next((d for d in names if spec.devices[d].type in DOES), None)
    if source is not None:
        start, stop = (Trigger(kind, source, value) for kind, value in STARTS[_type(spec, source)])
    else:
        start, stop = Trigger("every", None, 2), None
    if target is None:
        return (Rule(start, (Action("show_text", None, HELLO),)),)
    on, off = (Action(kind, target, value) for kind, value in DOES[_type(spec, target)])
    if stop is None:
        return (Rule(start, (on, Action("wait", None, 1), off)),)
    return (Rule(start, (on,)), Rule(stop, (off,)))


def starter_rule(spec: KitSpec, devices: list[str]) -> Rule:
    """One rule from a workshop's devices ("Code it yourself (14+)"): their input starts their
    output; what the list lacks, the rule does without."""
    return starter_rules(spec, devices)[0]


def _type(spec: KitSpec, name: str) -> str:
    return spec.devices[name].type
