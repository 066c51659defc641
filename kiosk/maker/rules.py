"""The rule model: a creation is a fun name and a list of "when ... then ..." rules; the palette
offers, for one kit, exactly the blocks its devices allow, so a rule is never malformed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from devices.kitconfig import KitSpec
from devices.parts import part as part_of
from kiosk.maker.blocks import ACTIONS, CM, COUNT_AT_LEAST, TRIGGERS, Block

MAX_RULES = 20
MAX_ACTIONS = 8  # per rule: with waits of at most 10 s a rule is done within 80 s
NAME_MAX = 40


@dataclass(frozen=True)
class Misfit:
    """Why a rule cannot run on this kit: a catalogue key, its values, and English words."""

    key: str  # absent, wrong_type, out_of_range
    device: str
    message: str


class _Part:
    """A trigger or an action: a block of the catalogue, its device (if any) and parameter."""

    table: ClassVar[dict[str, Block]]
    kind: str
    device: str | None
    value: Any

    def __post_init__(self) -> None:
        block = self.table.get(self.kind)
        if block is None:
            raise ValueError(f"unknown block '{self.kind}' (one of: {', '.join(self.table)})")
        if bool(block.types) != isinstance(self.device, str):
            needs = "needs a device" if block.types else "takes no device"
            raise ValueError(f"'{self.kind}' {needs}")
        object.__setattr__(self, "value", block.value(self.value))

    @property
    def block(self) -> Block:
        return self.table[self.kind]


@dataclass(frozen=True)
class Trigger(_Part):
    """When a rule runs: a device event, a reading crossing a level, or a timer."""

    table: ClassVar[dict[str, Block]] = TRIGGERS
    kind: str
    device: str | None = None
    value: Any = None


@dataclass(frozen=True)
class Action(_Part):
    """One thing a rule does, in order: drive an output, show, wait, count."""

    table: ClassVar[dict[str, Block]] = ACTIONS
    kind: str
    device: str | None = None
    value: Any = None


@dataclass(frozen=True)
class Rule:
    """When `trigger`, if the counter is at least `count_at_least` (None: always), do `actions`."""

    trigger: Trigger
    actions: tuple[Action, ...]
    count_at_least: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "actions", tuple(self.actions))
        if not 1 <= len(self.actions) <= MAX_ACTIONS:
            raise ValueError(f"a rule does 1 to {MAX_ACTIONS} things, not {len(self.actions)}")
        if not all(isinstance(a, Action) for a in self.actions):
            raise ValueError("a rule's actions are Action blocks")
        if not isinstance(self.trigger, Trigger):
            raise ValueError("a rule's trigger is a Trigger block")
        if self.count_at_least is not None and self.count_at_least not in COUNT_AT_LEAST:
            raise ValueError(f"'count at least' is 1 to {COUNT_AT_LEAST[-1]}")

    @property
    def devices(self) -> list[str]:
        """Every device the rule names, trigger first, each once."""
        names = [self.trigger.device, *(a.device for a in self.actions)]
        return list(dict.fromkeys(n for n in names if n is not None))


@dataclass(frozen=True)
class Creation:
    """A youth's gadget: its generated name and its rules, in order (the last to act wins)."""

    name: str
    rules: tuple[Rule, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "rules", tuple(self.rules))
        if not isinstance(self.name, str) or not self.name.strip() or len(self.name) > NAME_MAX:
            raise ValueError(f"a creation's name is 1 to {NAME_MAX} characters")
        if len(self.rules) > MAX_RULES:
            raise ValueError(f"a creation holds at most {MAX_RULES} rules")

    @property
    def devices(self) -> list[str]:
        return list(dict.fromkeys(n for rule in self.rules for n in rule.devices))


@dataclass(frozen=True)
class Choice:
    """One tile of the palette: a block, for one device (or none), with the values it offers
    ((None,) for a block without a parameter, () for a text the youth types)."""

    block: Block
    device: str | None
    values: tuple


class Palette:
    """What one kit allows: the triggers and actions its devices fit, with bounded values."""

    def __init__(self, spec: KitSpec):
        self.spec = spec

    def triggers(self) -> list[Choice]:
        return self._choices(TRIGGERS)

    def actions(self) -> list[Choice]:
        return self._choices(ACTIONS)

    def trigger(self, kind: str, device: str | None = None, value: Any = None) -> Trigger:
        """A trigger that fits this kit; ValueError (one line) if it does not."""
        return self._fit(Trigger(kind, device, value))

    def action(self, kind: str, device: str | None = None, value: Any = None) -> Action:
        return self._fit(Action(kind, device, value))

    def misfit(self, rule: Rule) -> Misfit | None:
        """Why `rule` cannot run on this kit (the first reason), or None when it fits."""
        for part in (rule.trigger, *rule.actions):
            misfit = self._misfit(part)
            if misfit is not None:
                return misfit
        return None

    def _fit(self, part):
        misfit = self._misfit(part)
        if misfit is not None:
            raise ValueError(misfit.message)
        return part

    def _misfit(self, part: Trigger | Action) -> Misfit | None:
        if part.device is None:
            return None
        spec = self.spec.devices.get(part.device)
        if spec is None:
            return Misfit("absent", part.device, f"no device '{part.device}' in this kit")
        if spec.type not in part.block.types:
            kinds = " or ".join(part.block.types)
            message = f"'{part.device}' is a {spec.type}; '{part.kind}' needs a {kinds}"
            return Misfit("wrong_type", part.device, message)
        if part.block.choices and part.value not in self._values(part.block, part.device):
            message = f"'{part.device}' cannot measure {part.value} {part.block.param}"
            return Misfit("out_of_range", part.device, message)
        return None

    def _choices(self, table: dict[str, Block]) -> list[Choice]:
        choices = []
        for block in table.values():
            if not block.types:
                choices.append(Choice(block, None, self._values(block, None)))
                continue
            for name, spec in self.spec.devices.items():
                if spec.type in block.types:
                    choices.append(Choice(block, name, self._values(block, name)))
        return choices

    def _values(self, block: Block, device: str | None) -> tuple:
        """The values a tile offers: (None,) without a parameter, () for a text to type; a
        distance sensor offers only the distances it can measure (its max_cm)."""
        if block.choices is CM and device is not None:
            spec = self.spec.devices[device]
            limit = part_of(spec.type).reading_range(spec)[1]
            return tuple(cm for cm in CM if cm <= limit)
        return block.choices if block.param else (None,)
