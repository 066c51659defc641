"""The kit file: which devices are in the box, of which type, on which pins.

Parsed into `KitSpec` (plain values, no hardware) with positioned problems for every mistake.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from devices import pinmap
from devices.kits import default_kit_path
from devices.parts import PARTS, Part, part
from devices.parts.base import Option
from devices.yamlcheck import Checker
from devices.yamlsource import Problem, SourceError, read

NAME_PATTERN = r"[a-z][a-z0-9_]{0,31}"


@dataclass(frozen=True)
class Text:
    """A language map: Dutch always, English and French when the author wrote them."""

    nl: str
    en: str | None = None
    fr: str | None = None

    @classmethod
    def of(cls, langmap: dict[str, str]) -> Text:
        return cls(langmap["nl"], langmap.get("en"), langmap.get("fr"))

    def get(self, lang: str) -> str:
        """The text in `lang`, else in Dutch: the one place a language falls back."""
        return {"en": self.en, "fr": self.fr}.get(lang) or self.nl


@dataclass(frozen=True)
class DeviceSpec:
    """One named device of the kit: its type, pins (role -> BCM number) and options."""

    name: str
    type: str
    pins: dict[str, int]
    label: Text
    options: dict[str, Any]

    @property
    def is_input(self) -> bool:
        return part(self.type).is_input


@dataclass(frozen=True)
class KitSpec:
    path: str
    buses: frozenset[str]
    devices: dict[str, DeviceSpec]


def load_kit(path: str | os.PathLike | None = None) -> tuple[KitSpec | None, list[Problem]]:
    """Read and check a kit file; the spec holds every valid device even when some are not."""
    path = path or default_kit_path()
    try:
        doc = read(path)
    except SourceError as err:
        return None, err.problems
    check = Checker(doc)
    top = check.mapping((), doc.data, required=["devices"], optional=["buses"], what="kit file")
    if top is None:
        return None, check.problems
    buses = frozenset(_buses(check, top.get("buses", [])))
    devices: dict[str, DeviceSpec] = {}
    owner: dict[int, str] = {}
    raw = top.get("devices")
    if check.mapping(("devices",), raw, optional=None, what="devices") is not None:
        for name, body in raw.items():
            spec = _device(check, name, body, buses, owner)
            if spec is not None:
                devices[name] = spec
    return KitSpec(str(path), buses, devices), check.problems


def _buses(check: Checker, value: Any) -> list[str]:
    if check.sequence(("buses",), value) is None:
        return []
    return [
        bus
        for i, item in enumerate(value)
        if (bus := check.choice(("buses", i), item, pinmap.BUS_PINS)) is not None
    ]


def _device(
    check: Checker, name: str, body: Any, buses: frozenset[str], owner: dict[int, str]
) -> DeviceSpec | None:
    where = ("devices", name)
    problems_before = len(check.problems)
    check.text(
        where, name, max_len=32, pattern=NAME_PATTERN, hint="must be a short lower-case name"
    )
    if not isinstance(body, dict) or "type" not in body:
        check.mapping(where, body, required=["type"], what=f"device '{name}'")
        return None
    kind = check.choice((*where, "type"), body["type"], PARTS)
    if kind is None:
        return None
    dtype = PARTS[kind]
    pin_key = ["pin"] if dtype.pins == ("pin",) else (["pins"] if dtype.pins else [])
    check.mapping(
        where,
        body,
        required=["type", *pin_key],
        optional=["label", *(o.name for o in dtype.options)],
        what=f"device '{name}' ({kind})",
    )
    label = Text(name)
    if "label" in body and (lm := check.langmap((*where, "label"), body["label"])):
        label = Text.of(lm)
    pins = _pins(check, where, body, dtype, name, buses, owner)
    options: dict[str, Any] = {}
    for rule in dtype.options:
        if rule.name in body:
            value = _option(check, (*where, rule.name), body[rule.name], rule)
            if value is not None:
                options[rule.name] = value
    for low, high in dtype.ordered:
        if options.get(low, -1e9) >= options.get(high, 1e9):
            check.fail((*where, high), f"{high} must be more than {low}")
    if dtype.bus and dtype.bus not in buses:
        check.fail((*where, "type"), f"a {kind} needs the {dtype.bus} bus: add it to 'buses'")
    if len(check.problems) > problems_before:
        return None
    return DeviceSpec(name, kind, pins, label, options)


def _pins(
    check: Checker,
    where: tuple,
    body: dict,
    dtype: type[Part],
    name: str,
    buses: frozenset[str],
    owner: dict[int, str],
) -> dict[str, int]:
    if not dtype.pins:
        return {}
    if dtype.pins == ("pin",):
        wanted = {"pin": ((*where, "pin"), body.get("pin"))} if "pin" in body else {}
    else:
        raw = body.get("pins")
        if raw is None or check.mapping((*where, "pins"), raw, required=dtype.pins) is None:
            return {}
        wanted = {role: ((*where, "pins", role), raw[role]) for role in dtype.pins if role in raw}
    pins: dict[str, int] = {}
    for role, (keypath, value) in wanted.items():
        try:
            bcm = pinmap.parse_pin(value)
        except ValueError as err:
            check.fail(keypath, str(err))
            continue
        bus = next((b for b in sorted(buses) if bcm in pinmap.BUS_PINS[b]), None)
        if bus:
            check.fail(keypath, f"GPIO{bcm} is used by the {bus} bus, which this kit enables")
        elif bcm in owner:
            check.fail(keypath, f"GPIO{bcm} is already used by '{owner[bcm]}'")
        else:
            owner[bcm] = name
            pins[role] = bcm
    return pins


def _option(check: Checker, keypath: tuple, value: Any, rule: Option) -> Any:
    if rule.kind == "bool":
        return check.boolean(keypath, value)
    if rule.kind == "int":
        return check.integer(keypath, value, low=int(rule.low), high=int(rule.high))
    return check.number(keypath, value, low=rule.low, high=rule.high)
