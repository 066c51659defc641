"""The engine on a simulated kit: rules fire on events and ticks, waits are continuations, the last
rule to act wins, and what cannot run says why while the rest runs on. The clock is the test's."""

from __future__ import annotations

from dataclasses import replace

from devices.kit import DeviceEvent
from kiosk.maker.engine import MAX_LINES, MAX_STEPS_PER_TICK, MIN_EVERY_S
from kiosk.maker.rules import Action, Creation, Rule, Trigger
from tests.devices.conftest import wait_for
from tests.maker.conftest import creation, lit, press, reading, release

ON = Action("switch_on", "led")
OFF = Action("switch_off", "led")


def test_a_press_drives_the_pin_at_once_and_a_release_turns_it_off(kit, run):
    engine = run(creation(Rule(Trigger("pressed", "button"), (ON,)),
                          Rule(Trigger("released", "button"), (OFF,))))  # fmt: skip
    engine.device(press(1.0))
    assert lit(kit)  # no tick needed: the pin follows the event
    assert kit.simulator.factory.pin("GPIO27").state
    engine.device(release(2.0))
    assert not lit(kit)


def test_a_wait_is_a_continuation_that_the_ticks_carry_on(kit, run):
    engine = run(creation(Rule(Trigger("pressed", "button"), (ON, Action("wait", None, 10), OFF))))
    engine.device(press(1.0))  # returns at once although the rule waits 10 s
    assert lit(kit) and engine.statuses[0].state == "busy"
    engine.tick(10.9)
    assert lit(kit)
    engine.tick(11.0)
    assert not lit(kit) and engine.statuses[0].state == "ready"


def test_a_busy_rule_ignores_its_trigger_until_it_is_done(kit, run):
    engine = run(creation(
        Rule(Trigger("pressed", "button"), (Action("count_up"), Action("wait", None, 1))),
    ))  # fmt: skip
    engine.device(press(0.0))
    engine.device(press(0.5))  # busy: not counted
    engine.tick(1.0)
    engine.device(press(1.2))
    assert engine.count == 2


def test_the_last_rule_to_act_wins_and_owns_the_output(kit, run):
    engine = run(creation(
        Rule(Trigger("pressed", "button"), (ON,)),
        Rule(Trigger("pressed", "button"), (OFF,)),
        Rule(Trigger("pressed", "button2"), (ON,)),
    ))  # fmt: skip
    engine.device(press(1.0))
    assert not lit(kit) and engine.owners == {"led": 1}
    engine.device(press(2.0, "button2"))
    assert lit(kit) and engine.owners == {"led": 2}


def test_a_count_condition_holds_a_rule_back_until_the_count_is_reached(kit, run):
    engine = run(creation(
        Rule(Trigger("pressed", "button"), (Action("count_up"),)),
        Rule(Trigger("pressed", "button"), (ON,), count_at_least=3),
        Rule(Trigger("pressed", "button2"), (Action("count_reset"), OFF)),
    ))  # fmt: skip
    for at in (1, 2):
        engine.device(press(at))
        assert not lit(kit)
    engine.device(press(3))
    assert lit(kit) and engine.count == 3
    engine.device(press(4, "button2"))
    assert engine.count == 0 and not lit(kit)


def test_timers_fire_on_their_period_and_skip_what_a_stalled_loop_missed(kit, run):
    engine = run(creation(Rule(Trigger("every", None, 0.5), (Action("count_up"),))))
    engine.tick(0.49)
    assert engine.count == 0
    engine.tick(0.5)
    engine.tick(1.0)
    assert engine.count == 2
    engine.tick(100.0)  # the UI loop stalled: one catch-up, not 198
    assert engine.count == 3
    engine.tick(100.4)
    assert engine.count == 3
    engine.tick(100.5)
    assert engine.count == 4


def test_a_timer_of_zero_seconds_is_clamped_even_if_built_around_the_checks(kit, run):
    zero = Trigger("every", None, 1)
    object.__setattr__(zero, "value", 0)  # what the constructor refuses
    engine = run(creation(Rule(zero, (Action("count_up"),))))
    for k in range(1, 11):
        engine.tick(k * 0.1)
    assert engine.count == int(1.0 / MIN_EVERY_S)


def test_the_work_of_one_frame_is_capped_and_the_rest_follows_in_the_next(kit, run):
    eight = tuple(Action("count_up") for _ in range(8))
    engine = run(Creation("Druk", tuple(Rule(Trigger("pressed", "button"), eight)
                                        for _ in range(20))))  # fmt: skip
    engine.device(press(0.0))  # 160 steps
    engine.device(press(0.0))  # 160 more, but only 40 fit in this frame
    assert engine.count == MAX_STEPS_PER_TICK
    assert any(s.state == "busy" for s in engine.statuses)
    engine.tick(0.01)
    assert engine.count == 320 and all(s.state == "ready" for s in engine.statuses)


def test_thresholds_fire_once_per_crossing(kit, run):
    engine = run(creation(Rule(Trigger("closer", "distance", 20), (Action("count_up"),))))
    for at, cm in enumerate((100, 15, 12, 8, 50, 10)):
        engine.device(reading("distance", cm, at))
    assert engine.count == 2


def test_a_sensor_already_past_its_level_fires_once_when_the_creation_starts(kit, run):
    assert wait_for(lambda: kit.reading("distance").value)  # the simulated room: 100 cm
    engine = run(creation(Rule(Trigger("farther", "distance", 50), (Action("count_up"),))))
    engine.tick(0.1)
    engine.tick(0.2)
    assert engine.count == 1
    engine.device(reading("distance", 120, 0.3))  # still farther: no new crossing
    assert engine.count == 1


def test_a_rule_whose_device_is_absent_says_so_and_the_others_run(kit, run):
    engine = run(creation(
        Rule(Trigger("pressed", "ghost"), (ON,)),
        Rule(Trigger("pressed", "button"), (Action("switch_on", "led"),)),
        Rule(Trigger("pressed", "button"), (Action("switch_on", "knob"),)),
        Rule(Trigger("farther", "distance", 300), (ON,)),
    ))  # fmt: skip
    off = engine.statuses
    assert (off[0].state, off[0].key, off[0].device) == ("off", "absent", "ghost")
    assert (off[2].key, off[2].device) == ("wrong_type", "knob")
    assert off[3].key == "out_of_range"  # the kit's sonar reaches 200 cm
    engine.device(press(1.0))
    assert lit(kit) and engine.statuses[1].state == "ready"


def test_an_unplugged_sensor_pauses_its_rules_with_the_kits_reason(kit, run):
    engine = run(creation(Rule(Trigger("closer", "distance", 20), (ON,)),
                          Rule(Trigger("pressed", "button"), (Action("count_up"),))))  # fmt: skip
    engine.device(DeviceEvent("distance", "disconnected", "no echo: check the wires", 1.0))
    status = engine.statuses[0]
    assert (status.state, status.key, status.message) == ("off", "not_connected",
                                                          "no echo: check the wires")  # fmt: skip
    engine.device(press(1.5))
    assert engine.count == 1  # the other rule runs on
    engine.device(DeviceEvent("distance", "connected", True, 2.0))
    engine.device(reading("distance", 10, 2.1))
    assert engine.statuses[0].state == "ready" and lit(kit)


def test_a_device_that_fails_stops_its_rule_with_why_and_the_others_run_on(kit, run):
    engine = run(creation(Rule(Trigger("pressed", "button"), (Action("switch_on", "buzzer"),)),
                          Rule(Trigger("pressed", "button"), (ON,))))  # fmt: skip
    kit.device("buzzer").close()  # gpiozero refuses every call from now on
    engine.device(press(1.0))
    status = engine.statuses[0]
    assert (status.state, status.key, status.device) == ("off", "failed", "buzzer")
    assert "closed" in status.message
    assert lit(kit)


def test_what_rules_show_is_a_bounded_list_of_lines(kit, run):
    engine = run(creation(Rule(Trigger("pressed", "button"),
                               (Action("count_up"), Action("show_count"),
                                Action("show_text", None, "Klaar!")))))  # fmt: skip
    for k in range(30):
        engine.device(press(float(k)))
    assert engine.display.text == "Klaar!" and engine.display.rule == 0
    assert len(engine.lines) == MAX_LINES
    assert [line.text for line in engine.lines[-2:]] == ["30", "Klaar!"]
    assert engine.lines[-1].serial == 60


def test_an_edit_restarts_the_creation_from_rest(kit, run):
    engine = run(
        creation(
            Rule(Trigger("pressed", "button"), (ON, Action("count_up"))),
        )
    )
    engine.device(press(1.0))
    assert lit(kit) and engine.count == 1
    engine.add_rule(Rule(Trigger("pressed", "button2"), (OFF,)))
    assert not lit(kit) and engine.count == 0 and len(engine.statuses) == 2
    engine.replace_rule(0, Rule(Trigger("pressed", "button"), (Action("toggle", "led"),)))
    engine.device(press(2.0))
    engine.device(press(3.0))
    assert not lit(kit)
    engine.remove_rule(1)
    assert engine.creation.rules == (
        Rule(Trigger("pressed", "button"), (Action("toggle", "led"),)),
    )


def test_close_brings_outputs_to_rest_and_ignores_what_comes_after(kit, run):
    engine = run(creation(Rule(Trigger("pressed", "button"),
                               (Action("blink", "led", 0.25), Action("tone", "speaker", "A4"),
                                Action("angle", "servo", 90)))))  # fmt: skip
    engine.device(press(1.0))
    assert kit.reading("speaker").value == 440.0 and kit.reading("servo").value == 1.0
    engine.close()
    engine.close()
    assert not lit(kit) and kit.reading("speaker").value is None
    assert kit.reading("servo").value == 0.0
    engine.device(press(2.0))
    engine.tick(3.0)
    assert not lit(kit)


def test_a_melody_plays_note_by_note_then_stops(kit, run):
    engine = run(
        creation(Rule(Trigger("pressed", "button"), (Action("melody", "speaker", "hooray"),)))
    )
    heard = []
    engine.device(press(0.0))
    for k in range(1, 6):
        heard.append(kit.reading("speaker").value)
        engine.tick(k * 0.25)
    assert heard == [261.6, 329.6, 392.0, 523.3, None]


def test_the_traffic_lights_step_green_amber_red_green(kit, run):
    engine = run(creation(Rule(Trigger("pressed", "button"), (Action("step", "traffic_lights"),))))
    seen = []
    for k in range(4):
        engine.device(press(float(k)))
        seen.append(kit.reading("traffic_lights").value)
    assert seen == ["green", "amber", "red", "green"]


def test_a_loaded_creation_is_the_one_the_engine_reports(kit, run):
    first = creation(Rule(Trigger("pressed", "button"), (ON,)))
    engine = run(first)
    second = replace(first, name="Ander")
    engine.load(second)
    assert engine.creation is second
