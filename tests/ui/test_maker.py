"""The maker screens: every touch target big enough, the palette offering only what fits, mine
kept (open, copy, throw away after a yes, a broken file named and kept), leaving with changes
asks first, and no sequence of taps and sensor changes a youth can make breaks the kiosk."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.maker.engine import MAX_LINES
from kiosk.maker.rules import MAX_ACTIONS, MAX_RULES, Action, Creation, Rule, Trigger
from kiosk.maker.store import slug
from tests.ui.layout import problems

LEAST = 48  # logical px on 800x480: the least a finger can hit
MAKER_SCREENS = {"maker", "makerrule", "makerpick", "makerlist", "confirm"}


def frames(app):
    """The current screen at 800x480, in normal and in large text."""
    chosen, shots = app.large_text, []
    for large in (False, True):
        app.large_text = large
        shots.append(app.snapshot((800, 480))[1])
    app.large_text = chosen
    return shots


def small_targets(app) -> list[str]:
    return [f"{m.text} {m.rect.size}" for c in frames(app) for m in c.marks
            if m.kind == "button" and (m.rect.w < LEAST or m.rect.h < LEAST)]  # fmt: skip


def test_every_target_of_every_maker_screen_is_at_least_48_px(kiosk):
    app = kiosk.app
    maker = app.go("maker")
    for rule in [Rule(Trigger("every", None, 1), (Action("count_up"),))] * 5:
        maker.bench.add(rule)  # enough rules for the page buttons
    seen = {}
    for tap in ("", "maker.code", "maker.code", "maker.rule.0", "makerrule.do.0",
                "makerpick.block.blink.led", "makerpick.back", "makerpick.back",
                "makerrule.back", "maker.save", "maker.list"):  # fmt: skip
        if tap:
            kiosk.do_tap(tap)
        seen[f"{app.screen.id} after {tap or 'opening'}"] = small_targets(app)
        assert all(problems(c) == [] for c in frames(app)), app.screen.id
    assert {key.split()[0] for key in seen} == MAKER_SCREENS - {"confirm"}
    assert {key: found for key, found in seen.items() if found} == {}
    assert any(b.id == "maker.down" for b in maker.build(frames(app)[0]))  # paged


def test_the_palette_offers_only_blocks_that_fit_the_place(kiosk):
    app = kiosk.app
    maker = app.go("maker")
    kiosk.do_tap("maker.rule.0")
    kiosk.do_tap("makerrule.when")  # the trigger's place: inputs and timers, no actions
    pick = kiosk.screen
    offered = {c.block.kind for c in pick.choices()}
    assert "pressed" in offered and "every" in offered and not offered & {"switch_on", "wait"}
    assert [b.id for b in app.buttons() if b.id.startswith("makerpick.group.")] == [
        "makerpick.group.inputs", "makerpick.group.time"]  # fmt: skip
    kiosk.do_tap("makerpick.back")
    kiosk.do_tap("makerrule.do.0")  # an action's place: every device offers what it can do
    choices = kiosk.screen.choices()
    assert {(c.block.kind, c.device) for c in choices} >= {("switch_on", "led"), ("angle", "servo")}
    assert all(c.device is None or app.kit.spec.devices[c.device].type in c.block.types
               for c in choices)  # fmt: skip
    assert ("angle", "led") not in {(c.block.kind, c.device) for c in choices}
    assert maker.bench.rules[0].actions[0] == Action("switch_on", "led")


def test_leaving_with_changes_not_saved_asks_first(kiosk):
    app = kiosk.app
    maker = app.go("maker")
    kiosk.do_tap("maker.rule.0")
    kiosk.do_tap("makerrule.delete")
    kiosk.do_tap("maker.back")
    assert app.screen.id == "confirm"
    kiosk.do_tap("confirm.no")
    assert app.screen is maker and len(maker.bench.rules) == 1
    kiosk.do_tap("maker.back")
    kiosk.do_tap("confirm.yes")
    assert app.screen.id == "home"


def test_mine_opens_copies_and_throws_away_after_a_yes_and_keeps_a_broken_file(kiosk):
    app = kiosk.app
    maker = app.go("maker")
    store = maker.bench.store
    store.save(Creation("Gekke Uil", (Rule(Trigger("pressed", "button2"),
                                           (Action("toggle", "led"),)),)))  # fmt: skip
    broken = store.folder / "kapotte-robot.yaml"
    broken.write_text("name: Kapotte Robot\nrules: [{when: {trigger: vliegen}}]\n")
    kiosk.do_tap("maker.list")
    app.draw()
    skipped = [m.text for m in app.canvas.marks if m.kind == "text" and "kapotte-robot" in m.text]
    assert skipped and "bewaard" in skipped[0]  # named, with why, and kept
    kiosk.do_tap("makerlist.open.gekke-uil")
    assert app.screen is maker and maker.bench.creation.name == "Gekke Uil"
    assert maker.bench.saved
    kiosk.do_tap("maker.list")
    kiosk.do_tap("makerlist.remix.gekke-uil")
    copy = maker.bench.creation
    assert copy.name != "Gekke Uil" and copy.rules == store.get("Gekke Uil").rules
    kiosk.do_tap("maker.list")
    kiosk.do_tap("makerlist.delete.gekke-uil")
    assert app.screen.id == "confirm"
    kiosk.do_tap("confirm.no")
    assert store.get("Gekke Uil") is not None
    kiosk.do_tap("makerlist.delete.gekke-uil")
    kiosk.do_tap("confirm.yes")
    assert app.screen.id == "makerlist"
    assert store.get("Gekke Uil") is None and store.get(copy.name) is not None
    assert broken.exists()
    assert f"makerlist.open.{slug(copy.name)}" in {b.id for b in app.buttons()}


# -- a youth tapping anything, in any order, with sensors changing meanwhile ---------------

SENSORS = {"button": [True, False], "button2": [True, False], "motion": [True, False],
           "distance": [5, 30, 150, None], "light": [0.1, 0.9], "knob": [0.1, 0.9]}  # fmt: skip
LEAVING = {"maker.back"}  # leaves maker mode: the run opens it again


@pytest.fixture
def tapper(make_driver):
    return make_driver()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_no_taps_and_sensor_changes_break_maker_mode(tapper, data):
    app = tapper.app
    maker = app.go("maker")
    fault = app.text.t("ui.notice.fault")
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    for _ in range(data.draw(st.integers(10, 80))):
        if rng.random() < 0.2:
            name = rng.choice(list(SENSORS))
            app.kit.simulator.set(name, rng.choice(SENSORS[name]))
        else:
            app.draw()
            buttons = [b for b in app.buttons() if b.enabled and b.id not in LEAVING]
            rng.choice(buttons).action()
        app.clock.advance(rng.choice([0, 0.1, 0.5, 3]))
        app.last_input = app.clock.now()  # someone is busy here: no attract mode
        app.turn(0)
        assert app.notice_text != fault
        assert app.screen.id in MAKER_SCREENS, app.screen.id
        bench = maker.bench
        assert len(bench.rules) <= MAX_RULES
        assert all(1 <= len(r.actions) <= MAX_ACTIONS for r in bench.rules)
        assert all(bench.palette.misfit(r) is None for r in bench.rules)  # always fits the kit
        assert len(bench.engine.lines) <= MAX_LINES
    app.draw()
    assert problems(app.canvas) == []
    maker.bench.close()
