"""The maker's blocks: every trigger and action a rule may hold, the device types each fits and
the bounded choices of its one parameter (MakeCode's palette, as data: one place for each)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LEVELS = tuple(round(i / 10, 1) for i in range(1, 10))  # 0.1 .. 0.9 of a sensor's range
BRIGHTNESS = tuple(round(i / 10, 1) for i in range(0, 11))  # 0 (off) .. 1 (full)
CM = (5, 10, 15, 20, 30, 40, 50, 75, 100, 150, 200, 300)  # the palette keeps those <= max_cm
CELSIUS = tuple(range(30, 85, 5))
EVERY_S = (0.5, 1, 1.5, 2, 3, 4, 5, 10, 30, 60)  # a timer never runs faster than 2 Hz
WAIT_S = (0.5, 1, 1.5, 2, 3, 4, 5, 10)
BLINK_S = (0.25, 0.5, 1)  # on as long as off
TIMES = (1, 2, 3, 4, 5)
DEGREES = (-90, -45, 0, 45, 90)
NOTES = ("C4", "D4", "E4", "F4", "G4", "A4", "B4", "C5")  # inside a 1-octave buzzer's range
COLOURS: dict[str, tuple[int, int, int]] = {
    "red": (1, 0, 0),
    "green": (0, 1, 0),
    "blue": (0, 0, 1),
    "yellow": (1, 1, 0),
    "purple": (1, 0, 1),
    "cyan": (0, 1, 1),
    "white": (1, 1, 1),
}
NOTE_S = 0.25  # every note of a melody lasts this long
MELODIES: dict[str, tuple[str, ...]] = {
    "hooray": ("C4", "E4", "G4", "C5"),
    "siren": ("A4", "D4", "A4", "D4"),
    "oops": ("E4", "D4", "C4", "C4"),
    "scale": ("C4", "D4", "E4", "F4", "G4", "A4", "B4", "C5"),
}
BEEP_S = 0.2  # a beep is this long on, then this long off
COUNT_MAX = 999  # the counter stops here: a timer counting for hours stays a small number
COUNT_AT_LEAST = tuple(range(1, 100))
TEXT_MAX = 16
TEXT_MARKS = " !?.,:+-"  # besides letters and digits; never a quote or a backslash

# The groups of the palette, each a colour on the screen (what the block touches).
INPUTS, OUTPUTS, TIME, NUMBERS, SCREEN = "inputs", "outputs", "time", "numbers", "screen"


@dataclass(frozen=True)
class Block:
    """One trigger or action: the device types it fits (() for none) and its one parameter."""

    kind: str
    group: str
    types: tuple[str, ...] = ()
    param: str | None = None  # the parameter's key in a creation file
    choices: tuple = ()  # what the parameter may be; () with a param: a short text

    def value(self, value: Any) -> Any:
        """The parameter as the block stores it; ValueError (one clear line) if it does not fit."""
        if self.param is None:
            if value is not None:
                raise ValueError(f"'{self.kind}' takes no {value!r}")
            return None
        if not self.choices:
            return text(value)
        for choice in self.choices:
            same_number = _number(value) and _number(choice) and value == choice
            if value == choice and (same_number or type(value) is type(choice)):
                return choice
        allowed = ", ".join(map(str, self.choices))
        raise ValueError(f"'{self.kind}' takes {self.param} {allowed}, not {value!r}")


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def text(value: Any) -> str:
    """A word or number to show: 1 to TEXT_MAX letters, digits, spaces or TEXT_MARKS."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"a text to show is a word, not {value!r}")
    if len(value) > TEXT_MAX:
        raise ValueError(f"a text to show has at most {TEXT_MAX} characters")
    bad = [c for c in value if not (c.isalnum() or c in TEXT_MARKS)]
    if bad:
        raise ValueError(f"a text to show holds only letters, digits and {TEXT_MARKS.strip()}")
    return value


def _blocks(*blocks: Block) -> dict[str, Block]:
    return {b.kind: b for b in blocks}


TRIGGERS = _blocks(
    Block("pressed", INPUTS, ("button",)),
    Block("held", INPUTS, ("button",)),
    Block("released", INPUTS, ("button",)),
    Block("motion", INPUTS, ("motion_sensor",)),
    Block("no_motion", INPUTS, ("motion_sensor",)),
    Block("darker", INPUTS, ("light_sensor",), "level", LEVELS),
    Block("brighter", INPUTS, ("light_sensor",), "level", LEVELS),
    Block("closer", INPUTS, ("distance_sensor",), "cm", CM),
    Block("farther", INPUTS, ("distance_sensor",), "cm", CM),
    Block("knob_above", INPUTS, ("mcp3008",), "level", LEVELS),
    Block("knob_below", INPUTS, ("mcp3008",), "level", LEVELS),
    Block("warmer", INPUTS, ("cpu_temperature",), "celsius", CELSIUS),
    Block("cooler", INPUTS, ("cpu_temperature",), "celsius", CELSIUS),
    Block("every", TIME, (), "seconds", EVERY_S),
)

# Threshold triggers: the reading's comparison; they fire when it becomes true.
BELOW = frozenset({"darker", "closer", "knob_below", "cooler"})
ABOVE = frozenset({"brighter", "farther", "knob_above", "warmer"})
# The gpiozero callback behind each event trigger, and the kit event kind that matches it.
EVENTS = {
    "pressed": "when_pressed",
    "held": "when_held",
    "released": "when_released",
    "motion": "when_motion",
    "no_motion": "when_no_motion",
}

ACTIONS = _blocks(
    Block("switch_on", OUTPUTS, ("led", "pwm_led", "buzzer")),
    Block(
        "switch_off",
        OUTPUTS,
        ("led", "pwm_led", "buzzer", "rgb_led", "tonal_buzzer", "traffic_lights"),
    ),
    Block("toggle", OUTPUTS, ("led", "pwm_led", "buzzer")),
    Block("blink", OUTPUTS, ("led", "pwm_led"), "seconds", BLINK_S),
    Block("brightness", OUTPUTS, ("pwm_led",), "level", BRIGHTNESS),
    Block("colour", OUTPUTS, ("rgb_led",), "colour", tuple(COLOURS)),
    Block("beep", OUTPUTS, ("buzzer",), "times", TIMES),
    Block("tone", OUTPUTS, ("tonal_buzzer",), "note", NOTES),
    Block("melody", OUTPUTS, ("tonal_buzzer",), "melody", tuple(MELODIES)),
    Block("step", OUTPUTS, ("traffic_lights",)),
    Block("angle", OUTPUTS, ("servo",), "degrees", DEGREES),
    Block("show_text", SCREEN, (), "text"),
    Block("show_count", SCREEN),
    Block("wait", TIME, (), "seconds", WAIT_S),
    Block("count_up", NUMBERS),
    Block("count_reset", NUMBERS),
)

# Actions that take time: a rule holding one runs on by itself while the others go on.
TAKES_TIME = frozenset({"wait", "melody"})
