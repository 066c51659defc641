"""The workbench of maker mode: the one creation being built, running live on the kit while it is
edited, saved in the store when asked, and its program; what the maker screens share."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from devices.kit import DeviceEvent, Kit
from kiosk.maker.codegen import program
from kiosk.maker.engine import Engine
from kiosk.maker.rules import MAX_RULES, Creation, Palette, Rule
from kiosk.maker.starter import starter_rule, starter_rules
from kiosk.maker.status import Status
from kiosk.maker.store import Store


class Bench:
    """One creation on the kit. Every edit restarts it from rest (the engine's rule); `saved`
    says the store holds it as it is now, `changed` that it was edited since it was opened."""

    def __init__(
        self, kit: Kit, store: Store, creation: Creation, *, now: float, saved=False, devices=()
    ):
        self.kit, self.store = kit, store
        # the devices offered first (a workshop's), then the rest of the kit's
        self.devices = [*dict.fromkeys([*devices, *kit.spec.devices])]
        self.palette = Palette(kit.spec)
        self.engine = Engine(kit, creation, now=now)
        self.saved, self.changed = saved, False
        self._code: tuple[Creation, str] | None = None
        self._seen: tuple = ()

    @classmethod
    def fresh(cls, kit: Kit, store: Store, *, now: float, devices=None) -> Bench:
        """A bench with a new creation (see `new`)."""
        return cls(kit, store, _new(kit, store, devices), now=now, devices=devices or ())

    def new(self) -> None:
        """Start anew: a creation under a fresh fun name that works at once."""
        self.open(_new(self.kit, self.store, None), saved=False)

    # -- what the screens read ---------------------------------------------------------------

    @property
    def creation(self) -> Creation:
        return self.engine.creation

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.creation.rules

    @property
    def full(self) -> bool:
        return len(self.rules) >= MAX_RULES

    @property
    def statuses(self) -> list[Status]:
        return self.engine.statuses

    @property
    def code(self) -> str:
        """The creation's complete gpiozero program (made again only when the rules change)."""
        if self._code is None or self._code[0] is not self.creation:
            self._code = (self.creation, program(self.creation, self.kit.spec))
        return self._code[1]

    def driven(self, rule: int) -> list[tuple[str, Any]]:
        """The outputs rule `rule` drove last (it owns them now), each with its state now."""
        return [
            (name, self.kit.reading(name).value)
            for name, owner in self.engine.owners.items()
            if owner == rule
        ]

    # -- edits -------------------------------------------------------------------------------

    def add(self, rule: Rule) -> int:
        """Append a rule; its index."""
        self._edit((*self.rules, rule))
        return len(self.rules) - 1

    def replace(self, index: int, rule: Rule) -> None:
        rules = list(self.rules)
        rules[index] = rule
        self._edit(tuple(rules))

    def remove(self, index: int) -> None:
        self._edit(tuple(r for i, r in enumerate(self.rules) if i != index))

    def _edit(self, rules: tuple[Rule, ...]) -> None:
        self.engine.load(replace(self.creation, rules=rules))
        self.saved, self.changed = False, True

    def open(self, creation: Creation, *, saved: bool = True) -> None:
        """Put another creation on the bench (reopened, remixed or new)."""
        self.engine.load(creation)
        self.saved, self.changed = saved, False

    def save(self) -> Creation:
        """Keep the creation in the store under its name (OSError, ValueError if it cannot)."""
        self.store.save(self.creation)
        self.saved, self.changed = True, False
        return self.creation

    def remix(self, name: str) -> Creation | None:
        """A kept creation copied under a new name (saved), now on the bench."""
        copy = self.store.remix(name)
        if copy is not None:
            self.open(copy)
        return copy

    def delete(self, name: str) -> bool:
        """Delete a kept creation; if it is the one on the bench, that stays, no longer saved."""
        gone = self.store.delete(name)
        if gone and name.casefold() == self.creation.name.casefold():
            self.saved = False
        return gone

    # -- the live run ------------------------------------------------------------------------

    def device(self, event: DeviceEvent) -> bool:
        """A kit event for the rules; True when what the screens show of the run changed."""
        self.engine.device(event)
        return self._moved()

    def tick(self, now: float) -> bool:
        """Every frame: the rules' waits and timers; True when what the screens show changed."""
        self.engine.tick(now)
        return self._moved()

    def _moved(self) -> bool:
        engine = self.engine
        shown = engine.display.serial if engine.display else 0
        owned = tuple((n, self.kit.reading(n).value) for n in sorted(engine.owners))
        seen = (tuple(engine.statuses), tuple(sorted(engine.owners.items())), shown, owned)
        moved, self._seen = seen != self._seen, seen
        return moved

    def close(self) -> None:
        """Stop the rules; the outputs go back to rest."""
        self.engine.close()


def _new(kit: Kit, store: Store, devices) -> Creation:
    """A fresh fun name and the kit's starter rules, or one starter rule of a workshop's devices
    (never a blank editor)."""
    spec = kit.spec
    rules = starter_rules(spec) if devices is None else (starter_rule(spec, list(devices)),)
    return Creation(store.fresh_name(), rules)
