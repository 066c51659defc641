"""The generated program: plain gpiozero with the kit's pins and names from its labels, a header
that says which pins it expects, valid Python for any creation, ending in pause() or a loop."""

from __future__ import annotations

import ast

from hypothesis import given, settings

from devices.kitconfig import DeviceSpec, KitSpec, Text, load_kit
from devices.pinmap import BCM_TO_BOARD
from kiosk.maker.codegen import file_name, program
from kiosk.maker.pywords import device_names
from kiosk.maker.rules import Action, Creation, Rule, Trigger
from kiosk.maker.starter import starter_rules
from tests.maker.scenarios import ALL
from tests.maker.strategies import CREATION

KIT = load_kit()[0]
STARTER = Creation("Snelle Raket", starter_rules(KIT))


def header(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("#")][:20]


def test_the_starter_reads_like_plain_gpiozero():
    text = program(STARTER, KIT)
    lines = text.splitlines()
    for line in ("from gpiozero import Button, LED", "drukknop = Button(17)", "rode_led = LED(27)",
                 "def regel_1():", "    rode_led.on()", "drukknop.when_pressed = regel_1",
                 "drukknop.when_released = regel_2"):  # fmt: skip
        assert line in lines, line
    assert text.rstrip().splitlines()[-1].startswith("pause()")
    assert "python3 snelle_raket.py" in text


def test_the_header_names_every_pin_the_program_expects():
    for scenario in ALL.values():
        text = "\n".join(header(program(scenario.creation, KIT)))
        for name in scenario.creation.devices:
            for bcm in KIT.devices[name].pins.values():
                assert f"GPIO{bcm} (pin {BCM_TO_BOARD[bcm]})" in text, (name, bcm)
    knob = program(Creation("K", (Rule(Trigger("knob_above", "knob", 0.5),
                                       (Action("count_up"),)),)), KIT)  # fmt: skip
    assert "MCP3008 kanaal 0 op de SPI-bus" in knob


def test_timers_and_thresholds_run_in_a_loop_that_sleeps():
    text = program(ALL["sensors"].creation, KIT)
    assert "while True:" in text and text.rstrip().endswith("sleep(0.1)")
    assert "    dichtbij_3 = afstandssensor.distance * 100 < 20" in text
    assert "    if dichtbij_3 and not was_dichtbij_3:" in text
    timed = program(ALL["timed"].creation, KIT)
    assert "volgende_keer_7 = monotonic() + 2  # regel 7" in timed
    assert "# Regel 8: elke 1,5 seconden" in timed


def test_a_rule_that_waits_does_its_first_part_at_once_and_the_rest_apart():
    text = program(ALL["busy"].creation, KIT)
    assert "def regel_1():\n    if regel_1_daarna in bezig:\n        return" in text
    assert "    rode_led.on()\n    op_de_achtergrond(regel_1_daarna)" in text
    assert "def regel_1_daarna():\n    sleep(1.5)  # wacht 1,5 seconden\n    rode_led.off()" in text


def test_a_rule_that_does_not_fit_the_kit_is_left_out_with_why():
    creation = Creation("X", (Rule(Trigger("pressed", "ghost"), (Action("count_up"),)),))
    text = program(creation, KIT)
    assert "# Regel 1 doet niet mee: deze kit heeft geen onderdeel 'ghost'." in text
    assert "import gpiozero" not in text and "ghost" not in text.split("doet niet mee")[0]


def test_kit_options_reach_the_constructors():
    spec = KitSpec("k", frozenset({"spi"}), {
        "knop": DeviceSpec("knop", "button", {"pin": 5}, Text("Knop"),
                           {"hold_s": 2.0, "pull_up": False}),
        "piep": DeviceSpec("piep", "tonal_buzzer", {"pin": 6}, Text("Piep"), {"octaves": 2}),
        "arm": DeviceSpec("arm", "servo", {"pin": 13}, Text("Arm"), {"max_pulse_ms": 2.5}),
        "draai": DeviceSpec("draai", "mcp3008", {}, Text("Draai"), {"channel": 3, "chip": 1}),
    })  # fmt: skip
    creation = Creation("Opties", (
        Rule(Trigger("held", "knop"), (Action("tone", "piep", "C4"), Action("angle", "arm", 45))),
        Rule(Trigger("knob_below", "draai", 0.5), (Action("count_up"),)),
    ))  # fmt: skip
    text = program(creation, spec)
    assert "knop = Button(5, hold_time=2, pull_up=False)" in text
    assert "piep = TonalBuzzer(6, octaves=2)" in text
    assert "arm = AngularServo(13, min_angle=-90, max_angle=90, max_pulse_width=0.0025)" in text
    assert "draai = MCP3008(channel=3, device=1)" in text


def test_names_come_from_the_dutch_labels_unique_and_never_the_programs_own():
    def spec(name, label):
        return DeviceSpec(name, "led", {"pin": 5}, Text(label), {})

    labels = ["Rode led", "Rode led", "print", "2 lampen", "Regel 1", "Lichtje één", "teller"]
    names = device_names([spec(f"d{i}", label) for i, label in enumerate(labels)])
    assert list(names.values()) == ["rode_led", "rode_led_2", "mijn_print", "onderdeel_2_lampen",
                                    "mijn_regel_1", "lichtje_een", "mijn_teller"]  # fmt: skip


def test_the_file_name_comes_from_the_creations_name():
    assert file_name(Creation("Snelle Raket")) == "snelle_raket.py"
    assert file_name(Creation("Zoemende Pinguïn 2")) == "zoemende_pinguin_2.py"


@settings(max_examples=150, deadline=None)
@given(CREATION)
def test_any_creation_becomes_valid_python_that_imports_only_gpiozero_and_the_stdlib(creation):
    text = program(creation, KIT)
    tree = ast.parse(text)
    modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert modules <= {"gpiozero", "time", "signal", "threading"}
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.Import)]
    last = tree.body[-1]
    assert isinstance(last, ast.While) or ast.unparse(last) == "pause()"
    assert all(line.startswith("#") for line in text.splitlines()[:3])
