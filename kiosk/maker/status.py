"""What the maker screen reads of a running creation besides its rules: how each rule is doing
(and why one cannot run), and the lines the rules showed."""

from __future__ import annotations

from dataclasses import dataclass

STATES = ("ready", "busy", "off")
REASONS = ("absent", "wrong_type", "out_of_range", "not_connected", "failed")  # why a rule is off


@dataclass(frozen=True)
class Status:
    """How a rule is doing: ready, busy (waiting in the middle of its actions) or off, and why.

    key (when off): absent, wrong_type, out_of_range (the kit does not fit), not_connected
    (its sensor), failed (a device refused an action): for the screen's catalogue.
    """

    state: str
    key: str | None = None
    device: str | None = None
    message: str = ""


@dataclass(frozen=True)
class Line:
    """One "show" of a rule: its text, a serial number that rises on every show, and the rule."""

    serial: int
    text: str
    rule: int
