"""Hypothesis strategies for maker mode: any creation a youth could build, mostly fitting the
default kit, sometimes naming a device of the wrong type or one the kit lacks."""

from __future__ import annotations

from hypothesis import strategies as st

from devices.kitconfig import load_kit
from kiosk.maker.blocks import ACTIONS, TRIGGERS
from kiosk.maker.rules import MAX_ACTIONS, MAX_RULES, Action, Creation, Rule, Trigger

KIT = load_kit()[0]
DEVICES = [*KIT.devices, "ghost"]


def _part(cls, block):
    """Mostly a device the block fits; sometimes one it does not, or none in the kit."""
    fits = [d for d, spec in KIT.devices.items() if spec.type in block.types]
    odd = st.sampled_from(["knob", "ghost"])  # the wrong type; not in the kit
    device = st.integers(0, 9).flatmap(lambda k: st.sampled_from(fits) if k else odd)
    device = device if block.types else st.none()
    value = st.none()
    if block.param:
        value = st.sampled_from(block.choices) if block.choices else st.sampled_from(["Hoi", "7"])
    return st.builds(cls, st.just(block.kind), device, value)


TRIGGER = st.one_of(*(_part(Trigger, b) for b in TRIGGERS.values()))
ACTION = st.one_of(*(_part(Action, b) for b in ACTIONS.values()))
RULE = st.builds(
    Rule, TRIGGER, st.lists(ACTION, min_size=1, max_size=MAX_ACTIONS).map(tuple),
    st.one_of(st.none(), st.integers(1, 99)),
)  # fmt: skip
CREATION = st.lists(RULE, max_size=MAX_RULES).map(lambda rules: Creation("Toeval", tuple(rules)))
