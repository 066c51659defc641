"""Workshops: reading one workshop file and the checks that make it trustworthy.

`load_workshop` reads one YAML file against the kit into the model of kiosk/workshop_model.py;
problems come back as `path:line:column`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from devices.checks import CONDITIONS, Check
from devices.kitconfig import DeviceSpec, KitSpec, Text
from devices.parts import PARTS, part
from devices.yamlcheck import Checker, did_you_mean
from devices.yamlsource import Document, Problem, SourceError, read
from kiosk.workshop_model import AgeRange, Demo, Material, Step, Variant, Workshop

ID_PATTERN = r"[a-z0-9][a-z0-9-]{0,63}"
AGE_RANGE = re.compile(r"([0-9]{0,3})-([0-9]{0,3})")
# The live demos a step can show, and the device types each one can run on: a graph of any
# sensor read over time, the reaction game on a button, the theremin on a reading a hand plays.
DEMOS: dict[str, frozenset[str]] = {
    "graph": frozenset(kind for kind, p in PARTS.items() if p.sampled),
    "reaction": frozenset(kind for kind, p in PARTS.items() if "pressed" in p.conditions),
    "theremin": frozenset(kind for kind, p in PARTS.items() if p.playable),
}
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg")

# Text limits (characters): what a step may hold and still be read by a 14-year-old.
TITLE_MAX = 60
STEP_TEXT_MAX = 400
HINT_MAX = 300


TOP_REQUIRED = ["id", "version", "title", "summary", "age_range", "duration_min", "steps"]
TOP_OPTIONAL = ["group_size", "materials", "safety", "devices"]


def load_workshop(
    path: str | os.PathLike, kit: KitSpec | None
) -> tuple[Workshop | None, list[Problem]]:
    """Read one workshop file; None plus its problems if anything is wrong."""
    try:
        doc = read(path)
    except SourceError as err:
        return None, err.problems
    parser = _Parser(doc, kit)
    workshop = parser.workshop()
    return (None if parser.problems else workshop), parser.problems


class _Parser(Checker):
    def __init__(self, doc: Document, kit: KitSpec | None):
        super().__init__(doc)
        self.kit = kit
        self.declared: tuple[str, ...] = ()

    def workshop(self) -> Workshop | None:
        top = self.mapping(
            (), self.doc.data, required=TOP_REQUIRED, optional=TOP_OPTIONAL, what="workshop"
        )
        if top is None:
            return None
        wid = self.text(
            ("id",),
            top.get("id"),
            max_len=64,
            pattern=ID_PATTERN,
            hint="must be lower-case letters, digits and '-'",
        )
        version = self.text(("version",), top.get("version"), max_len=32)
        title = self.lang(("title",), top.get("title"), TITLE_MAX)
        summary = self.lang(("summary",), top.get("summary"), 300)
        age = self.range(("age_range",), top.get("age_range"))
        duration = self.integer(("duration_min",), top.get("duration_min"), low=5, high=480)
        group = self.range(("group_size",), top.get("group_size", "1-"))
        self.declared = self.device_names(top.get("devices", []))
        materials = self.materials(top.get("materials", []))
        safety = self.texts(("safety",), top.get("safety", []))
        steps = self.steps(top.get("steps"))
        if self.problems:
            return None
        return Workshop(
            wid,
            version,
            title,
            summary,
            age,
            duration,
            group,
            materials,
            safety,
            self.declared,
            steps,
            Path(self.doc.path),
            self.doc.where(("id",), key=True),
        )

    # -- pieces -------------------------------------------------------------------------------

    def lang(self, keypath: tuple, value: Any, max_len: int) -> Text | None:
        if value is None:
            return None
        lm = self.langmap(keypath, value, max_len=max_len)
        return Text.of(lm) if lm else None

    def range(self, keypath: tuple, value: Any) -> AgeRange | None:
        if value is None:
            return None
        form = f'{keypath[-1]} must look like "10-14", "14-" or "-12"'
        if isinstance(value, int | float) and not isinstance(value, bool):
            self.fail(keypath, f"{form}, in quotes, not the number {self.written(keypath, value)}")
            return None
        text = self.text(keypath, value, max_len=7)
        if text is None:
            return None
        m = AGE_RANGE.fullmatch(text)
        if not m or text == "-":
            self.fail(keypath, f'{keypath[-1]} \'{text}\' must look like "10-14", "14-" or "-12"')
            return None
        low, high = (int(g) if g else None for g in m.groups())
        if low is not None and high is not None and low > high:
            self.fail(keypath, f"{keypath[-1]} '{text}': the first number must not be larger")
            return None
        return AgeRange(low, high)

    def device_names(self, value: Any) -> tuple[str, ...]:
        if self.sequence(("devices",), value) is None:
            return ()
        names = []
        for i, name in enumerate(value):
            if self.text(("devices", i), name, max_len=32) is None:
                continue
            if self.kit is not None and name not in self.kit.devices:
                hint = did_you_mean(name, self.kit.devices)
                self.fail(("devices", i), f"device '{name}' is not in the kit{hint}")
            elif name in names:
                self.fail(("devices", i), f"device '{name}' is listed twice")
            else:
                names.append(name)
        return tuple(names)

    def materials(self, value: Any) -> tuple[Material, ...]:
        if self.sequence(("materials",), value) is None:
            return ()
        result = []
        for i, item in enumerate(value):
            where = ("materials", i)
            keys = ["count", "recycled", "low_cost"]
            if self.mapping(where, item, required=["name"], optional=keys, what="material") is None:
                continue
            name = self.lang((*where, "name"), item.get("name"), 80)
            count = self.integer((*where, "count"), item.get("count", 1), low=1, high=100)
            recycled = self.boolean((*where, "recycled"), item.get("recycled", False))
            cheap = self.boolean((*where, "low_cost"), item.get("low_cost", False))
            if name and count is not None and recycled is not None and cheap is not None:
                result.append(Material(name, count, recycled, cheap))
        return tuple(result)

    def texts(self, keypath: tuple, value: Any) -> tuple[Text, ...]:
        if self.sequence(keypath, value) is None:
            return ()
        return tuple(
            t for i, item in enumerate(value) if (t := self.lang((*keypath, i), item, 200))
        )

    def steps(self, value: Any) -> tuple[Step, ...]:
        if self.sequence(("steps",), value, min_items=1) is None:
            return ()
        seen: dict[str, int] = {}
        result = []
        for i, item in enumerate(value):
            step = self.step(("steps", i), item, seen)
            if step:
                result.append(step)
        return tuple(result)

    def step(self, where: tuple, item: Any, seen: dict[str, int]) -> Step | None:
        keys = ["text", "wiring", "picture", "check", "hint", "demo", "choices", "maker"]
        if self.mapping(where, item, required=["id", "title"], optional=keys, what="step") is None:
            return None
        sid = self.unique_id(where, item.get("id"), seen)
        if "choices" not in item and "text" not in item:
            self.fail(where, "step needs 'text' (or 'choices' to choose from)")
        title = self.lang((*where, "title"), item.get("title"), TITLE_MAX)
        text = self.lang((*where, "text"), item.get("text"), STEP_TEXT_MAX)
        wiring = self.device_ref((*where, "wiring"), item.get("wiring"))
        picture = self.picture((*where, "picture"), item.get("picture"))
        check = self.check((*where, "check"), item.get("check"))
        hint = self.lang((*where, "hint"), item.get("hint"), HINT_MAX)
        if check and not hint:
            self.fail(where, "a step with a check needs a 'hint' for when it does not work")
        demo = self.demo((*where, "demo"), item.get("demo"))
        variants = self.variants((*where, "choices"), item.get("choices"))
        maker = self.boolean((*where, "maker"), item.get("maker", False))
        if maker and (demo or variants):
            other = "a demo" if demo else "choices: put 'maker: true' on a choice instead"
            self.fail((*where, "maker"), f"a step that opens maker mode cannot also have {other}")
        if sid is None or title is None:
            return None
        return Step(sid, title, text or Text(""), wiring, picture, check, hint, demo, variants,
                    bool(maker))  # fmt: skip

    def unique_id(self, where: tuple, value: Any, seen: dict[str, int]) -> str | None:
        sid = self.text(
            (*where, "id"),
            value,
            max_len=64,
            pattern=ID_PATTERN,
            hint="must be lower-case letters, digits and '-'",
        )
        if sid is None:
            return None
        if sid in seen:
            line = seen[sid]
            self.fail((*where, "id"), f"duplicate id '{sid}' (first used on line {line})")
            return None
        seen[sid] = self.doc.where((*where, "id"))[0]
        return sid

    def device_ref(self, keypath: tuple, value: Any) -> str | None:
        if value is None:
            return None
        name = self.text(keypath, value, max_len=32)
        if name is not None and name not in self.declared:
            hint = "; add it to 'devices'" if self.kit and name in self.kit.devices else ""
            self.fail(keypath, f"device '{name}' is not declared in this workshop's devices{hint}")
            return None
        return name

    def picture(self, keypath: tuple, value: Any) -> Path | None:
        if value is None:
            return None
        name = self.text(keypath, value, max_len=200)
        if name is None:
            return None
        folder = Path(self.doc.path).parent.resolve()
        path = (folder / name).resolve()
        if not path.is_relative_to(folder):
            self.fail(keypath, f"picture '{name}' must be in the workshop's folder")
        elif not name.lower().endswith(PICTURE_SUFFIXES):
            self.fail(keypath, f"picture '{name}' must be a .png or .jpg file")
        elif not path.is_file():
            self.fail(keypath, f"picture '{name}' does not exist next to the workshop file")
        else:
            return path
        return None

    def check(self, keypath: tuple, value: Any) -> Check | None:
        if value is None:
            return None
        body = self.mapping(
            keypath,
            value,
            required=["device", "condition"],
            optional=["threshold", "seconds"],
            what="check",
        )
        if body is None:
            return None
        device = self.device_ref((*keypath, "device"), body.get("device"))
        condition = self.choice((*keypath, "condition"), body.get("condition"), CONDITIONS)
        if device is None or condition is None:
            return None
        rule = CONDITIONS[condition]
        spec = self.kit.devices.get(device) if self.kit else None
        if spec is not None and spec.type not in rule.types:
            allowed = sorted(c for c, r in CONDITIONS.items() if spec.type in r.types)
            self.fail(
                (*keypath, "condition"),
                f"'{condition}' does not apply to '{device}' (a {spec.type}); "
                f"use one of: {', '.join(allowed) or 'none'}",
            )
            return None
        threshold = None
        if rule.threshold:
            if "threshold" not in body:
                self.fail(keypath, f"'{condition}' needs a threshold ({rule.threshold})")
                return None
            threshold = self.number((*keypath, "threshold"), body["threshold"])
            if threshold is not None and spec is not None:
                threshold = self.reachable((*keypath, "threshold"), condition, threshold, spec)
        elif "threshold" in body:
            self.fail((*keypath, "threshold"), f"'{condition}' takes no threshold")
        seconds = self.number((*keypath, "seconds"), body.get("seconds", 0), low=0, high=600)
        if rule.needs_seconds and not seconds:
            self.fail(keypath, f"'{condition}' needs 'seconds' (how long)")
            return None
        if seconds is None or (rule.threshold and threshold is None):
            return None
        return Check(device, condition, threshold, seconds)

    def reachable(
        self, keypath: tuple, condition: str, threshold: float, spec: DeviceSpec
    ) -> float | None:
        """The threshold if a reading of this device can ever meet the condition, else None."""
        kind = part(spec.type)
        low, high = kind.reading_range(spec)
        unit = f" {kind.unit}" if kind.unit else ""
        above = condition.endswith("_above")
        if (above and low <= threshold < high) or (not above and low < threshold <= high):
            return threshold
        self.fail(
            keypath,
            f"{condition} {self.written(keypath, threshold)} can never be met: '{spec.name}' "
            f"({spec.type}) reads {low:g} to {high:g}{unit}",
        )
        return None

    def demo(self, keypath: tuple, value: Any) -> Demo | None:
        if value is None:
            return None
        body = self.mapping(keypath, value, required=["kind", "device"], what="demo")
        if body is None:
            return None
        kind = self.choice((*keypath, "kind"), body.get("kind"), DEMOS)
        device = self.device_ref((*keypath, "device"), body.get("device"))
        spec = self.kit.devices.get(device) if self.kit and device else None
        if kind and spec is not None and spec.type not in DEMOS[kind]:
            fits = ", ".join(sorted(DEMOS[kind]))
            self.fail(
                (*keypath, "device"),
                f"a {kind} demo cannot run on '{device}' (a {spec.type}); it needs a {fits}",
            )
            return None
        return Demo(kind, device) if kind and device else None

    def variants(self, keypath: tuple, value: Any) -> tuple[Variant, ...]:
        if value is None:
            return ()
        if self.sequence(keypath, value, min_items=2) is None:
            return ()
        seen: dict[str, int] = {}
        result = []
        for i, item in enumerate(value):
            where = (*keypath, i)
            keys = ["check", "hint", "maker"]
            if self.mapping(where, item, required=["id", "title", "text"], optional=keys,
                            what="choice") is None:  # fmt: skip
                continue
            vid = self.unique_id(where, item.get("id"), seen)
            title = self.lang((*where, "title"), item.get("title"), TITLE_MAX)
            text = self.lang((*where, "text"), item.get("text"), STEP_TEXT_MAX)
            check = self.check((*where, "check"), item.get("check"))
            hint = self.lang((*where, "hint"), item.get("hint"), HINT_MAX)
            if check and not hint:
                self.fail(where, "a choice with a check needs a 'hint' for when it does not work")
            maker = self.boolean((*where, "maker"), item.get("maker", False))
            if vid and title and text:
                result.append(Variant(vid, title, text, check, hint, bool(maker)))
        return tuple(result)
