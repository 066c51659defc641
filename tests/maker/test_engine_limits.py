"""Nothing a youth builds makes the engine raise, run away or pile up: random creations (fitting
the kit or not) under random events and a clock that jumps, on the real simulated kit."""

from __future__ import annotations

import math
import threading

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from devices.kit import DeviceEvent
from devices.kitconfig import load_kit
from kiosk.maker.blocks import ACTIONS, COUNT_MAX, TRIGGERS
from kiosk.maker.engine import MAX_LINES, MAX_STEPS_PER_TICK, Engine
from kiosk.maker.rules import MAX_ACTIONS, MAX_RULES, Action, Creation, Rule, Trigger

KIT = load_kit()[0]
DEVICES = [*KIT.devices, "ghost"]
KINDS = ["pressed", "released", "held", "motion", "no_motion", "reading", "connected",
         "disconnected", "sparkled"]  # fmt: skip
ODD = [True, False, None, 0, -5, 1e12, math.nan, math.inf, "x", 42.0, (1, 2)]


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
ODD_EVENT = st.builds(
    DeviceEvent, st.sampled_from(DEVICES), st.sampled_from(KINDS),
    st.one_of(st.sampled_from(ODD), st.floats(-1e3, 1e3)), st.floats(0, 1e4),
)  # fmt: skip


def _steps(creation: Creation):
    """Mostly what the rules listen for (their events, readings either side of their levels)
    and ticks; sometimes anything at all, at any time."""
    aimed = []
    for rule in creation.rules:
        t = rule.trigger
        if t.kind in ("pressed", "released", "held", "motion", "no_motion"):
            aimed.append(st.builds(DeviceEvent, st.just(t.device), st.just(t.kind),
                                   st.just(True), st.floats(0, 100)))  # fmt: skip
        elif t.device is not None:
            near = st.sampled_from([t.value * 0.5, t.value * 1.5, -1, 1e6])
            aimed.append(st.builds(DeviceEvent, st.just(t.device), st.just("reading"), near,
                                   st.floats(0, 100)))  # fmt: skip
    tick = st.floats(0, 100) | st.floats(0, 1e6)
    return st.lists(st.one_of(*aimed, tick, tick, ODD_EVENT), max_size=80)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_random_creations_under_random_events_stay_bounded(kit, data):
    creation = data.draw(CREATION)
    steps = data.draw(_steps(creation))
    threads = threading.active_count()
    outputs = sum(1 for d in KIT.devices.values() if not d.is_input)
    engine = Engine(kit, creation, now=0.0)
    done = [0]
    do = engine._do

    def counted(*args):
        done[0] += 1
        return do(*args)

    engine._do = counted
    try:
        for step in steps:
            if isinstance(step, DeviceEvent):
                engine.device(step)
            else:
                done[0] = 0
                engine.tick(step)
            assert done[0] <= MAX_STEPS_PER_TICK
            assert 0 <= engine.count <= COUNT_MAX
            assert len(engine.lines) <= MAX_LINES
            assert len(engine.statuses) == len(creation.rules)
            assert set(engine.owners.values()) <= set(range(len(creation.rules)))
            # gpiozero blinks and beeps in one thread per output at most; the engine starts none
            assert threading.active_count() <= threads + outputs
    finally:
        engine.close()
    event(f"actions done: {'some' if engine.count or engine.owners or engine.lines else 'none'}")
