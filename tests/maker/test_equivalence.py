"""The truth test: every generated program, run as its own process on gpiozero's mock pins under
the same input script, drives the outputs exactly as the rule engine does on a simulated Kit."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from devices.kitconfig import load_kit
from kiosk.maker.blocks import ACTIONS, TRIGGERS
from kiosk.maker.rules import Action as A
from kiosk.maker.rules import Creation, Palette, Rule
from kiosk.maker.rules import Trigger as T
from tests.maker.runs import both, differences
from tests.maker.scenarios import ALL

SPEC = load_kit()[0]
PALETTE = Palette(SPEC)

pytestmark = pytest.mark.slow


def test_the_scenarios_use_every_trigger_and_every_action():
    rules = [r for s in ALL.values() for r in s.creation.rules]
    assert {r.trigger.kind for r in rules} == set(TRIGGERS)
    assert {a.kind for r in rules for a in r.actions} == set(ACTIONS)
    assert any(r.count_at_least for r in rules)


@pytest.mark.parametrize("name", ALL)
def test_program_and_engine_drive_the_outputs_alike(name, tmp_path):
    scenario = ALL[name]
    engine, program = both(
        scenario.creation, SPEC, scenario.script, scenario.seconds, tmp_path / name
    )
    assert differences(scenario.creation, engine, program, scenario.seconds) == []
    assert any(len(states) > 1 for states in engine.outputs.values())  # something happened


# -- random creations ----------------------------------------------------------------------
# Race-free by construction, so that one order of events is the right one: instant actions
# under inputs 1.25 s apart (every cause is done before the next), the first once both runs
# have read their sensors; or timers alone.

INSTANT = {"switch_on", "switch_off", "toggle", "brightness", "colour", "tone", "step", "angle",
           "show_text", "show_count", "count_up", "count_reset"}  # fmt: skip
SENSED = {  # values that stand clear of every level a trigger may name
    "light_sensor": (0.05, 0.45, 0.95),
    "distance_sensor": (7, 25, 60, 175),
    "mcp3008": (0.05, 0.45, 0.95),
    "cpu_temperature": (32, 47, 62, 77),
}
GAP_S = 1.25  # a button held past the next input is held (1 s) 0.25 s before it


def _rules(triggers: list, actions: list, most: int = 5):
    def part(choice):
        values = st.sampled_from(choice.values or ("Hoi", "Klaar!", "42"))
        return values.map(lambda v: (choice.block.kind, choice.device, v))

    def rule(trigger, acts, count):
        t = PALETTE.trigger(*trigger)
        return Rule(t, tuple(PALETTE.action(*a) for a in acts), count)

    one = st.builds(
        rule,
        st.sampled_from(triggers).flatmap(part),
        st.lists(st.sampled_from(actions).flatmap(part), min_size=1, max_size=3),
        st.one_of(st.none(), st.integers(1, 3)),
    )
    return st.lists(one, min_size=1, max_size=most).map(lambda rs: Creation("Toeval", rs))


@st.composite
def _script(draw, creation: Creation):
    inputs = [d for d in creation.devices if SPEC.devices[d].is_input] or ["button"]
    state = {}
    script = []
    for k in range(draw(st.integers(2, 3))):
        device = draw(st.sampled_from(inputs))
        kind = SPEC.devices[device].type
        if kind in SENSED:
            value = draw(st.sampled_from([v for v in SENSED[kind] if v != state.get(device)]))
        else:
            value = not state.get(device, False)
        state[device] = value
        script.append([1.5 + GAP_S * k, device, value])
    return script


_EVENTS_AND_SENSORS = [c for c in PALETTE.triggers() if c.block.kind != "every"]
_INSTANT_ACTIONS = [c for c in PALETTE.actions() if c.block.kind in INSTANT]


@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # an example takes seconds: no shrinking
)
@given(data=st.data())
def test_random_rules_under_random_inputs_run_alike(data, tmp_path):
    creation = data.draw(_rules(_EVENTS_AND_SENSORS, _INSTANT_ACTIONS))
    script = data.draw(_script(creation))
    seconds = script[-1][0] + GAP_S
    engine, program = both(creation, SPEC, script, seconds, tmp_path / "random")
    assert differences(creation, engine, program, seconds) == []


# Timers of whole seconds, and waits of half a second: what a timer starts happens on the
# second, what comes after a wait half-way between two seconds, never at the same moment.
_TIMERS = [replace(c, values=(1, 2, 3)) for c in PALETTE.triggers() if c.block.kind == "every"]
_TIMED_ACTIONS = _INSTANT_ACTIONS + [
    replace(c, values=(0.5,)) for c in PALETTE.actions() if c.block.kind == "wait"
]


def _one_wait(creation: Creation) -> bool:
    """A rule that waits once is done before its timer comes round again."""
    return all(sum(a.kind == "wait" for a in r.actions) <= 1 for r in creation.rules)


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # an example takes seconds: no shrinking
)
@given(creation=_rules(_TIMERS, _TIMED_ACTIONS, most=4).filter(_one_wait))
def test_random_timers_run_alike(creation, tmp_path):
    engine, program = both(creation, SPEC, [], 4.6, tmp_path / "timers")
    assert differences(creation, engine, program, 4.6) == []


def test_sensors_past_their_thresholds_at_the_start_act_in_rule_order(tmp_path):
    """Found by the random test: at the start the CPU is cooler than 80 and the distance is
    farther than 15 cm, and both rules drive the buzzer. The program's first pass of its loop
    takes them in rule order (off, then on); the engine must too, even though the kit reads the
    CPU's temperature later than the distance."""
    creation = Creation(
        "Toeval",
        (
            Rule(T("cooler", "cpu", 80), (A("switch_off", "buzzer"),)),
            Rule(T("farther", "distance", 15), (A("switch_on", "buzzer"), A("toggle", "led"))),
        ),
    )
    script = [[1.5, "light", 0.95], [2.75, "distance", 7]]
    seconds = script[-1][0] + 1.25
    engine, program = both(creation, SPEC, script, seconds, tmp_path / "start")
    assert differences(creation, engine, program, seconds) == []
    assert engine.outputs["buzzer"][0][1] == 1.0  # the last rule won at the start: on
