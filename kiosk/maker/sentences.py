"""A rule in words, in the screen's (or the card's) language: "Als Drukknop wordt ingedrukt",
"dan Rode led aan, wacht 1 s"; every word from the catalogue, the devices by their labels."""

from __future__ import annotations

from typing import Any

from devices.kitconfig import KitSpec
from kiosk.i18n import Catalogue
from kiosk.maker.blocks import TRIGGERS, Block
from kiosk.maker.rules import Action, Rule, Trigger

UNITS = ("seconds", "level", "cm", "celsius", "degrees")  # parameters shown as a number and unit
BLANK = "…"  # a block's value not chosen yet (the palette's tiles)


def number(value: float, lang: str) -> str:
    """0.5 in English, 0,5 in Dutch and French."""
    text = f"{value:g}"
    return text if lang == "en" else text.replace(".", ",")


def value_words(block: Block, value: Any, text: Catalogue) -> str:
    """A block's parameter as the screen says it: "0,5 s", "30%", "3 keer", "rood"."""
    param = block.param
    if param == "level":
        return text.t("ui.maker.unit.level", n=round(value * 100))
    if param in UNITS:
        return text.t(f"ui.maker.unit.{param}", n=number(value, text.lang))
    if param == "times":
        return text.tn("ui.maker.times", value)
    if param == "colour":
        return text.t(f"ui.maker.colour.{value}")
    if param == "melody":
        return text.t(f"ui.maker.melody.{value}")
    return str(value)  # a note, a word to show


def device_name(spec: KitSpec, name: str | None, lang: str) -> str:
    device = spec.devices.get(name) if name else None
    return device.label.get(lang) if device else str(name or "")


def block_words(
    block: Block, device: str | None, value: Any, spec: KitSpec, text: Catalogue
) -> str:
    """One block in words, for a device and a value (None: not chosen yet, as on a tile)."""
    shown = BLANK if value is None else value_words(block, value, text)
    name = device_name(spec, device, text.lang)
    if block.kind in TRIGGERS:
        return text.t(f"ui.maker.when.{block.kind}", device=name, value=shown)
    return text.t(f"ui.maker.do.{block.kind}", device=name, value=shown)


def part_words(part: Trigger | Action, spec: KitSpec, text: Catalogue) -> str:
    return block_words(part.block, part.device, part.value, spec, text)


def condition_words(count: int | None, text: Catalogue) -> str:
    """The counter a rule waits for, or that it always runs."""
    if count is None:
        return text.t("ui.maker.always")
    return text.t("ui.maker.only_if", n=count)


def rule_words(rule: Rule, spec: KitSpec, text: Catalogue) -> tuple[str, list[str]]:
    """(the "when" line, each action's words): "Als ... en de teller is 3 of meer"."""
    when = part_words(rule.trigger, spec, text)
    if rule.count_at_least is not None:
        when = text.t("ui.maker.when_counted", when=when, n=rule.count_at_least)
    return when, [part_words(a, spec, text) for a in rule.actions]


def output_state(device_type: str, value: Any, text: Catalogue) -> str:
    """What an output does now, as the rules' cards say it: "aan", "50%", "45°", "rood"."""
    if device_type == "servo" and value is not None:
        return text.t("ui.maker.unit.degrees", n=round(value * 90))
    if value is None or value is False or value == 0 or value == (0.0, 0.0, 0.0):
        return text.t("ui.maker.output.off")
    if device_type == "pwm_led":
        return text.t("ui.maker.unit.level", n=round(value * 100))
    if device_type == "traffic_lights":
        return text.t(f"ui.maker.light.{value}")
    return text.t("ui.maker.output.on")
