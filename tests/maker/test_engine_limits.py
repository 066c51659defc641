"""Nothing a youth builds makes the engine raise, run away or pile up: random creations (fitting
the kit or not) under random events and a clock that jumps, on the real simulated kit."""

from __future__ import annotations

import math
import threading

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from devices.kit import DeviceEvent
from kiosk.maker.blocks import COUNT_MAX
from kiosk.maker.engine import MAX_LINES, MAX_STEPS_PER_TICK, Engine
from kiosk.maker.rules import Creation
from tests.maker.strategies import CREATION, DEVICES, KIT

KINDS = ["pressed", "released", "held", "motion", "no_motion", "reading", "connected",
         "disconnected", "sparkled"]  # fmt: skip
ODD = [True, False, None, 0, -5, 1e12, math.nan, math.inf, "x", 42.0, (1, 2)]
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
