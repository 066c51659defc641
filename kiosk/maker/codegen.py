"""The complete gpiozero program of a creation, for a 14-year-old to read and run on a Pi with
`python3 FILE.py`: device names from the kit's labels, Dutch comments, no framework of ours."""

from __future__ import annotations

import re
import unicodedata

from devices.kitconfig import DeviceSpec, KitSpec
from kiosk.maker import pywords as words
from kiosk.maker.blocks import (
    ABOVE,
    BEEP_S,
    COLOURS,
    COUNT_MAX,
    EVENTS,
    MELODIES,
    NOTE_S,
    TAKES_TIME,
)
from kiosk.maker.rules import Action, Creation, Palette, Rule

LOOP_S = 0.1  # how often the program's loop looks at the sensors and the clock
RULE_MARK = "# Regel "  # the comment each rule starts with


def file_name(creation: Creation) -> str:
    """'Snelle Raket' -> snelle_raket.py"""
    plain = unicodedata.normalize("NFKD", creation.name).encode("ascii", "ignore").decode()
    return (re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_") or "uitvinding") + ".py"


def program(creation: Creation, spec: KitSpec) -> str:
    """The program's text. Rules that do not fit the kit are left out, with a comment why."""
    palette = Palette(spec)
    misfits = {i: m for i, r in enumerate(creation.rules) if (m := palette.misfit(r))}
    rules = {i: r for i, r in enumerate(creation.rules) if i not in misfits}
    specs = [spec.devices[d] for d in dict.fromkeys(d for r in rules.values() for d in r.devices)]
    code = _Code(specs)
    kinds = {a.kind for r in rules.values() for a in r.actions}
    waits = kinds & TAKES_TIME
    looped = {i: r for i, r in rules.items() if r.trigger.kind not in EVENTS}
    timers = any(r.trigger.kind == "every" for r in looped.values())
    out = _header(creation, specs, code.names)
    out += ["from signal import pause"] * (not looped)
    out += ["from threading import Thread"] * bool(waits)
    clock = ["monotonic"] * timers + ["sleep"] * bool(looped or waits)
    out += [f"from time import {', '.join(clock)}"] * bool(clock)
    if specs:
        classes = sorted({words.CLASSES[s.type] for s in specs}, key=str.lower)
        out += ["", f"from gpiozero import {', '.join(classes)}", "", "# De onderdelen"]
        out += [f"{code.names[s.name]} = {words.constructor(s)}" for s in specs]
    if any(r.count_at_least for r in rules.values()) or kinds & words.COUNTING:
        out += ["", f"teller = 0  # een getal dat de regels onthouden (0 tot {COUNT_MAX})"]
    for helper, needed in ((words.NEXT_LIGHT, "step" in kinds), (words.BACKGROUND, waits)):
        out += ["", "", *helper.rstrip("\n").split("\n")] * bool(needed)
    for i, rule in enumerate(creation.rules):
        if i in misfits:
            why = words.MISFITS[misfits[i].key].format(d=misfits[i].device)
            out += ["", "", f"{RULE_MARK}{i + 1} doet niet mee: {why}."]
        else:
            out += ["", "", *code.rule(i + 1, rule)]
    out += _hooks(rules, code.names)
    if looped:
        out += _loop(looped, code.names, spec)
    else:
        out += ["", "pause()  # wacht op de knoppen en sensoren"]
    return "\n".join(out) + "\n"


def first_rule_line(text: str) -> int:
    """The line (from 1) of a program where its first rule begins; 1 when it has none."""
    lines = text.split("\n")
    return next((n for n, line in enumerate(lines, 1) if line.startswith(RULE_MARK)), 1)


def _header(creation: Creation, specs: list[DeviceSpec], names: dict[str, str]) -> list[str]:
    out = [
        f"# {creation.name}",
        '# Gemaakt met "Maak het zelf" op de STEM-kiosk: echte Python met gpiozero.',
        f"# Start het op een Raspberry Pi met:  python3 {file_name(creation)}",
        "# (stoppen: Ctrl+C)",
    ]
    if specs:
        out += ["#", "# Dit programma verwacht deze onderdelen (GPIO-nummer, en de pin op de Pi):"]
        width = max(len(names[s.name]) for s in specs)
        out += [f"#   {names[s.name]:<{width}}  {s.label.nl}: {words.wiring(s)}" for s in specs]
    return [*out, ""]


class _Code:
    """The lines of each rule, with the program's names of the devices it drives."""

    def __init__(self, specs: list[DeviceSpec]):
        self.names = words.device_names(specs)
        self.types = {s.name: s.type for s in specs}

    def rule(self, n: int, rule: Rule) -> list[str]:
        """`regel_N()`; a rule that waits goes on in `regel_N_daarna()`, which runs apart, so
        what comes before its first wait happens at once, in the order of the rules."""
        now, later = self._split(rule.actions)
        body = []
        if later:
            body += [f"if regel_{n}_daarna in bezig:", f"    return  # regel {n} is nog bezig"]
        if rule.count_at_least is not None:
            limit = rule.count_at_least
            body += [f"if teller < {limit}:", f"    return  # pas als de teller {limit} is"]
        body += now + [f"op_de_achtergrond(regel_{n}_daarna)"] * bool(later)
        out = [f"{RULE_MARK}{n}: {words.describe(rule.trigger, self.names)}", f"def regel_{n}():"]
        out += [f"    {line}" for line in _global(body)]
        if later:
            out += ["", "", f"{RULE_MARK}{n}, daarna (dit loopt apart)", f"def regel_{n}_daarna():"]
            out += [f"    {line}" for line in _global(later)]
        return out

    def _split(self, actions: tuple[Action, ...]) -> tuple[list[str], list[str]]:
        """The lines before the first wait (a melody waits after its first note), and after."""
        now: list[str] = []
        for k, action in enumerate(actions):
            rest = [line for a in actions[k + 1 :] for line in self.action(a)]
            if action.kind == "wait":
                return now, [*self.action(action), *rest]
            if action.kind == "melody":
                d, first, *notes = self.names[action.device], *MELODIES[action.value]
                now.append(f'{d}.play("{first}")  # melodie: {words.MELODIES[action.value]}')
                pause = f"sleep({words.number(NOTE_S)})  # de eerste noot klinkt even"
                later = [pause, *self._notes(d, notes)]
                return now, later + rest
            now += self.action(action)
        return now, []

    def _notes(self, d: str, notes: list[str]) -> list[str]:
        listed = ", ".join(f'"{n}"' for n in notes)
        step = f"    sleep({words.number(NOTE_S)})"
        return [f"for noot in [{listed}]:", f"    {d}.play(noot)", step, f"{d}.stop()"]

    def action(self, action: Action) -> list[str]:
        d, v = self.names.get(action.device, ""), action.value
        match action.kind:
            case "switch_on":
                return [f"{d}.on()"]
            case "switch_off" if self.types[action.device] == "tonal_buzzer":
                return [f"{d}.stop()"]
            case "switch_off":
                return [f"{d}.off()"]
            case "toggle":
                return [f"{d}.toggle()"]
            case "blink":
                return [f"{d}.blink(on_time={words.number(v)}, off_time={words.number(v)})"]
            case "brightness":
                return [f"{d}.value = {words.number(v)}  # 0 is uit, 1 is volle kracht"]
            case "colour":
                return [f"{d}.color = {COLOURS[v]}  # {words.COLOURS[v]}"]
            case "beep":
                on = words.number(BEEP_S)
                return [f"{d}.beep(on_time={on}, off_time={on}, n={v})"]
            case "tone":
                return [f'{d}.play("{v}")']
            case "melody":
                return [f"# melodie: {words.MELODIES[v]}", *self._notes(d, list(MELODIES[v]))]
            case "step":
                return [f"{d}.value = volgende_kleur({d})"]
            case "angle":
                return [f"{d}.angle = {v}  # graden: -90 tot 90"]
            case "show_text":
                return [f'print("{v}")']
            case "show_count":
                return ["print(teller)"]
            case "wait":
                return [f"sleep({words.number(v)})  # wacht {words.seconds(v)}"]
            case "count_up":
                return [f"teller = min(teller + 1, {COUNT_MAX})  # eentje erbij"]
            case "count_reset":
                return ["teller = 0"]
        raise ValueError(f"no code for '{action.kind}'")


def _global(lines: list[str]) -> list[str]:
    """A function that changes the counter says so first."""
    if any(line.startswith("teller = ") for line in lines):
        return ["global teller", *lines]
    return lines


def _hooks(rules: dict[int, Rule], names: dict[str, str]) -> list[str]:
    """gpiozero's callbacks: a device event with one rule calls it; with more, a function
    calls them in order."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, rule in rules.items():
        if rule.trigger.kind in EVENTS:
            groups.setdefault((rule.trigger.device, rule.trigger.kind), []).append(i + 1)
    handlers, hooks = [], []
    for (device, kind), numbers in groups.items():
        target = f"regel_{numbers[0]}"
        if len(numbers) > 1:
            target = f"als_{names[device]}_{words.EVENT_WORDS[kind]}"
            handlers += ["", "", f"def {target}():", *(f"    regel_{n}()" for n in numbers)]
        hooks.append(f"{names[device]}.{EVENTS[kind]} = {target}")
    if not hooks:
        return []
    title = "# Wie doet wat: gpiozero roept de regels op zodra het gebeurt"
    return ["", "", title, *handlers[2:], *["", ""] * bool(handlers), *hooks]


def _loop(looped: dict[int, Rule], names: dict[str, str], spec: KitSpec) -> list[str]:
    """The loop that looks at the sensors and the clock every LOOP_S seconds."""
    before, body = [], []
    for i, rule in looped.items():
        trigger, n = rule.trigger, i + 1
        limit = words.number(trigger.value)
        if trigger.kind == "every":
            clock = f"volgende_keer_{n}"
            before.append(f"{clock} = monotonic() + {limit}  # regel {n}")
            body += [f"if monotonic() >= {clock}:", f"    {clock} = {clock} + {limit}"]
        else:
            word = f"{words.TRIGGER_WORDS[trigger.kind][1]}_{n}"
            sign = ">" if trigger.kind in ABOVE else "<"
            value = words.reading(spec.devices[trigger.device], names[trigger.device])
            before.append(f"was_{word} = False  # regel {n}: was het de vorige keer al zo?")
            body += [f"{word} = {value} {sign} {limit}", f"if {word} and not was_{word}:"]
        body.append(f"    regel_{n}()")
        if trigger.kind != "every":
            body.append(f"was_{word} = {word}")
    every = words.number(LOOP_S).replace(".", ",")
    out = ["", "", f"# Elke {every} seconde kijkt het programma naar de sensoren en de klok."]
    out += [*before, "while True:", *(f"    {line}" for line in body)]
    return [*out, f"    sleep({words.number(LOOP_S)})"]
