"""The words of a generated program: Python names from the devices' Dutch labels, each device's
gpiozero line and reading, and the Dutch comments that say what a rule does."""

from __future__ import annotations

import builtins
import keyword
import re
import unicodedata

from devices.kitconfig import DeviceSpec
from devices.parts import part
from devices.pinmap import BCM_TO_BOARD
from kiosk.maker.rules import Trigger

# Names the program itself uses; a device is never called one of these.
OWN_NAMES = frozenset({"teller", "bezig", "op_de_achtergrond", "volgende_kleur", "noot", "deel"})
OWN_PREFIXES = ("regel_", "als_", "was_", "volgende_keer_")

CLASSES = {
    "button": "Button",
    "led": "LED",
    "pwm_led": "PWMLED",
    "rgb_led": "RGBLED",
    "buzzer": "Buzzer",
    "tonal_buzzer": "TonalBuzzer",
    "traffic_lights": "TrafficLights",
    "motion_sensor": "MotionSensor",
    "light_sensor": "LightSensor",
    "distance_sensor": "DistanceSensor",
    "servo": "AngularServo",
    "mcp3008": "MCP3008",
    "cpu_temperature": "CPUTemperature",
}
ROLES = {"red": "rood", "green": "groen", "blue": "blauw", "amber": "oranje"}
COLOURS = {
    "red": "rood", "green": "groen", "blue": "blauw", "yellow": "geel", "purple": "paars",
    "cyan": "lichtblauw", "white": "wit",
}  # fmt: skip
MELODIES = {"hooray": "hoera", "siren": "sirene", "oops": "oeps", "scale": "toonladder"}
EVENT_WORDS = {
    "pressed": "ingedrukt", "held": "lang_ingedrukt", "released": "losgelaten",
    "motion": "beweging", "no_motion": "geen_beweging",
}  # fmt: skip
COUNTING = frozenset({"count_up", "count_reset", "show_count"})  # actions that need `teller`

BACKGROUND = """\
# Wat een regel na het wachten doet, loopt apart (in een eigen "thread"): zo werken
# de andere regels ondertussen gewoon verder. Zolang het loopt, is de regel "bezig".
bezig = set()


def op_de_achtergrond(deel):
    bezig.add(deel)

    def uitvoeren():
        try:
            deel()
        finally:
            bezig.discard(deel)

    Thread(target=uitvoeren, daemon=True).start()
"""
NEXT_LIGHT = """\
# Het verkeerslicht: groen, dan oranje, dan rood, dan weer groen.
# Een waarde is (rood, oranje, groen), met 1 voor aan en 0 voor uit.
def volgende_kleur(licht):
    if licht.green.is_lit:
        return (0, 1, 0)
    if licht.amber.is_lit:
        return (1, 0, 0)
    return (0, 0, 1)
"""

# trigger -> (Dutch words after "Regel N: ", the loop's name for "it holds now")
TRIGGER_WORDS = {
    "pressed": ("als {d} ingedrukt wordt", None),
    "held": ("als {d} lang ingedrukt wordt", None),
    "released": ("als {d} losgelaten wordt", None),
    "motion": ("als {d} beweging ziet", None),
    "no_motion": ("als {d} geen beweging meer ziet", None),
    "darker": ("als het donkerder wordt dan {v} (0 is donker, 1 is fel licht)", "donker"),
    "brighter": ("als het lichter wordt dan {v} (0 is donker, 1 is fel licht)", "licht"),
    "closer": ("als iets dichter dan {v} cm bij {d} komt", "dichtbij"),
    "farther": ("als iets verder dan {v} cm van {d} gaat", "ver"),
    "knob_above": ("als {d} hoger komt dan {v} (0 tot 1)", "hoog"),
    "knob_below": ("als {d} lager komt dan {v} (0 tot 1)", "laag"),
    "warmer": ("als het warmer wordt dan {v} graden", "warm"),
    "cooler": ("als het kouder wordt dan {v} graden", "koud"),
    "every": ("elke {s}", None),
}
MISFITS = {
    "absent": "deze kit heeft geen onderdeel '{d}'",
    "wrong_type": "'{d}' is een ander soort onderdeel in deze kit",
    "out_of_range": "'{d}' kan zo ver niet meten",
}


def identifier(label: str) -> str:
    """A Python name from a Dutch label: 'Rode led' -> rode_led, 'Drukknop 2' -> drukknop_2."""
    plain = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    word = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")
    return f"onderdeel_{word}" if not word or word[0].isdigit() else word


def device_names(specs: list[DeviceSpec]) -> dict[str, str]:
    """Device name -> its Python name in the program: from its label, unique, never ours."""
    reserved = OWN_NAMES | set(keyword.kwlist) | set(dir(builtins)) | set(CLASSES.values())
    reserved |= {"sleep", "pause", "monotonic", "Thread"}
    taken = set(reserved)
    names = {}
    for spec in specs:
        base = identifier(spec.label.nl)
        if base in reserved or base.startswith(OWN_PREFIXES):
            base = f"mijn_{base}"
        name, n = base, 2
        while name in taken:
            name, n = f"{base}_{n}", n + 1
        taken.add(name)
        names[spec.name] = name
    return names


def number(value: float) -> str:
    """1.0 -> '1', 0.5 -> '0.5': as Python writes it."""
    return f"{value:g}"


def seconds(value: float) -> str:
    """1 -> '1 seconde', 1.5 -> '1,5 seconden': as a Dutch comment says it."""
    return f"{number(value).replace('.', ',')} seconde{'' if value == 1 else 'n'}"


# Kit file options -> gpiozero's keyword and how its value is written (others need no code).
OPTIONS = {
    "pull_up": ("pull_up", str),
    "hold_s": ("hold_time", lambda v: number(v)),
    "octaves": ("octaves", str),
    "charge_time_limit_s": ("charge_time_limit", lambda v: number(v)),
    "min_pulse_ms": ("min_pulse_width", lambda v: number(v / 1000)),
    "max_pulse_ms": ("max_pulse_width", lambda v: number(v / 1000)),
    "chip": ("device", str),
}


def constructor(spec: DeviceSpec) -> str:
    """The gpiozero call that makes the device, with the kit's pins and options."""
    p = spec.pins
    match spec.type:
        case "rgb_led" | "traffic_lights":
            args = [f"{role}={bcm}" for role, bcm in p.items()]
        case "distance_sensor":
            args = [f"echo={p['echo']}", f"trigger={p['trigger']}"]
            args.append(f"max_distance={number(part(spec.type).reading_range(spec)[1] / 100)}")
        case "mcp3008":
            args = [f"channel={spec.options.get('channel', 0)}"]
        case "cpu_temperature":
            args = []
        case "servo":
            args = [str(p["pin"]), "min_angle=-90", "max_angle=90"]
        case _:
            args = [str(p["pin"])]
    for option, value in spec.options.items():
        if option in OPTIONS:
            keyword_, write = OPTIONS[option]
            args.append(f"{keyword_}={write(value)}")
    return f"{CLASSES[spec.type]}({', '.join(args)})"


def reading(spec: DeviceSpec, name: str) -> str:
    """The expression a program compares with a trigger's level (cm, 0..1 or degrees)."""
    return {
        "distance_sensor": f"{name}.distance * 100",
        "cpu_temperature": f"{name}.temperature",
    }.get(spec.type, f"{name}.value")


def wiring(spec: DeviceSpec) -> str:
    """Where the device goes on the Pi, for the program's header."""
    if spec.type == "mcp3008":
        return f"MCP3008 kanaal {spec.options.get('channel', 0)} op de SPI-bus (zet SPI aan)"
    if spec.type == "cpu_temperature":
        return "in de Pi zelf: geen draden nodig"
    pins = [f"GPIO{bcm} (pin {BCM_TO_BOARD[bcm]})" for bcm in spec.pins.values()]
    roles = [f"{ROLES.get(role, role)}: " if role != "pin" else "" for role in spec.pins]
    return ", ".join(role + pin for role, pin in zip(roles, pins, strict=True))


def describe(trigger: Trigger, names: dict[str, str]) -> str:
    words = TRIGGER_WORDS[trigger.kind][0]
    value = number(trigger.value) if trigger.value is not None else ""
    device = names.get(trigger.device, trigger.device)
    return words.format(d=device, v=value, s=seconds(trigger.value or 0))
