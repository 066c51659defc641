"""A maker session through the real kiosk, as a youth does it: from the workshop "Maak je eigen
uitvinding" into maker mode, three rules built by touch, seen working on the simulated kit (the
pins and the screen), saved and counted in the session, and the program taken home on the
facilitator's stick, checked by running it on mock pins as a Pi would."""

from __future__ import annotations

from kiosk.maker.codegen import program
from kiosk.maker.rules import Action, Rule, Trigger
from kiosk.ui.usb import export_sessions
from tests.maker.runs import start_program

THREE = (
    Rule(Trigger("pressed", "button"), (Action("switch_on", "led"),)),
    Rule(Trigger("released", "button"), (Action("beep", "buzzer", 2),
                                         Action("show_text", None, "Hoera!"))),
    Rule(Trigger("every", None, 10), (Action("toggle", "led"),)),
)  # fmt: skip


def texts(canvas, owner: str = "") -> list[str]:
    """The words a frame drew (on one button, or beside every button)."""
    return [m.text for m in canvas.marks if m.kind == "text" and m.owner == owner]


def lit(app, name: str) -> bool:
    return bool(app.kit.device(name).value)


def test_build_three_rules_see_them_work_save_and_take_the_program_home(kiosk, tmp_path):
    app = kiosk.app
    # The way in: the workshop's maker step, with its devices and a rule to start from.
    kiosk.do_tap("home.tile.maak-je-eigen-uitvinding")
    kiosk.do_tap("intro.start")
    session = app.session
    while not kiosk.screen.step.maker:
        kiosk.do_tap("player.next")
    kiosk.do_tap("player.maker")
    maker = kiosk.screen
    assert maker.id == "maker" and maker.bench.rules == THREE[:1]

    # Rule 2: the button let go -> the buzzer beeps twice and the screen says "Hoera!".
    for tap in ("maker.add", "makerpick.block.released.button", "makerpick.block.beep.buzzer",
                "makerpick.value.1", "makerrule.add", "makerpick.group.screen",
                "makerpick.block.show_text.none", "makerpick.value.1", "makerrule.back",
                # Rule 3: every 10 s the LED switches over: two rules drive the LED.
                "maker.add", "makerpick.group.time", "makerpick.block.every.none",
                "makerpick.value.7", "makerpick.block.toggle.led", "makerrule.back"):  # fmt: skip
        kiosk.do_tap(tap)
    assert kiosk.screen is maker
    assert maker.bench.rules == THREE
    kiosk.app.draw()
    assert [texts(app.canvas, f"maker.rule.{i}")[-1] for i in range(3)] == ["Werkt"] * 3

    # They work: on the pins, and the screen says which rule drives each output now.
    assert not lit(app, "led")
    kiosk.do_set({"button": True})
    assert lit(app, "led")
    app.draw()
    assert "stuurt nu: Rode led (aan)" in texts(app.canvas, "maker.rule.0")
    kiosk.do_set({"button": False})
    assert kiosk.until(lambda: maker.bench.engine.display is not None)
    app.draw()
    assert "Hoera!" in texts(app.canvas)  # "Op het scherm"
    assert lit(app, "led")  # the release rule leaves the LED to the others
    kiosk.do_wait(10.2)  # the timer: the LED switches over, and rule 3 now drives it
    assert not lit(app, "led")
    app.draw()
    assert "stuurt nu: Rode led (uit)" in texts(app.canvas, "maker.rule.2")
    assert not any("stuurt nu" in t for t in texts(app.canvas, "maker.rule.0"))

    # The code panel: the program of these rules, a tap away on the 7" screen.
    kiosk.do_tap("maker.code")
    app.draw()
    code = [m.text.strip() for m in app.canvas.marks if m.kind == "text"]
    assert "rode_led.on()" in code and "def regel_1():" in code
    kiosk.do_tap("maker.code")

    # Saved under its fun name, counted once in the session (a count, nothing more).
    name = maker.bench.creation.name
    kiosk.do_tap("maker.save")
    kiosk.do_tap("maker.save")
    assert maker.bench.store.get(name) == maker.bench.creation
    assert app.journal.snapshot(session.id)["progress"]["creations"] == 1
    kiosk.do_tap("maker.list")
    assert kiosk.screen.id == "makerlist"
    assert [c.name for c in kiosk.screen.creations] == [name]
    kiosk.do_tap("makerlist.back")

    # Taken home: the facilitator's USB export writes its program next to the CSV ...
    stick = tmp_path / "stick"
    stick.mkdir()
    export_sessions(app.station.config, app.journal, stick)
    [exported] = stick.glob("*.py")
    spec = app.kit.spec
    assert exported.read_text(encoding="utf-8") == program(maker.bench.creation, spec)
    assert "#   drukknop  Drukknop: GPIO17 (pin 11)" in exported.read_text(encoding="utf-8")
    # ... and on a Pi's mock pins that program does what the kiosk did.
    script = [[1.5, "button", True], [2.5, "button", False]]
    outcome = start_program(maker.bench.creation, spec, script, 4.0, tmp_path / "run")()
    assert outcome.errors == []
    led = outcome.outputs["led"]
    assert not any(state for t, state in led if t < 1.4)
    assert any(state and 1.5 <= t < 2.5 for t, state in led)
    assert [text for _, text in outcome.lines] == ["Hoera!"]
    assert any(state for _, state in outcome.outputs["buzzer"])

    # Out of maker mode, back at the step: the outputs rest.
    kiosk.do_tap("maker.back")
    assert kiosk.screen.id == "player"
    assert not lit(app, "led")


def test_a_rule_that_cannot_run_says_why_and_the_others_keep_running(kiosk):
    app = kiosk.app
    maker = app.go("maker")
    bench = maker.bench
    bench.add(Rule(Trigger("closer", "distance", 20), (Action("switch_on", "buzzer"),)))
    kiosk.do_set({"distance": None})  # the sensor's wires came loose
    assert kiosk.until(lambda: bench.statuses[-1].state == "off")
    app.draw()
    card = texts(app.canvas, f"maker.rule.{len(bench.rules) - 1}")
    assert "Werkt niet" in card and "Afstandssensor is niet aangesloten" in card
    icons = [m.text for m in app.canvas.marks if m.kind == "icon" and m.owner.startswith("maker.")]
    assert "cross" in icons  # not by colour alone
    kiosk.do_set({"button": True})  # the starter rules still work
    assert lit(app, "led")


def test_the_simulator_panel_presses_the_virtual_button_for_the_rules(kiosk):
    app = kiosk.app
    app.go("maker")  # the kit's starter rules: the button switches the LED on, and off again
    kiosk.do_key("F2")
    kiosk.do_tap("sim.button")  # pressed, on the panel over the maker screen
    assert kiosk.until(lambda: lit(app, "led"))
    kiosk.do_tap("sim.button")  # let go
    assert kiosk.until(lambda: not lit(app, "led"))
    assert app.screen.id == "maker"


def test_playing_with_the_gadget_keeps_attract_mode_away(kiosk):
    app = kiosk.app
    app.go("maker")
    kiosk.do_wait(150)
    kiosk.do_set({"button": True})  # no touch on the screen, but someone is there
    kiosk.do_set({"button": False})
    kiosk.do_wait(100)
    assert app.screen.id == "maker"
    kiosk.do_wait(100)  # and then nobody
    assert app.screen.id == "attract"
