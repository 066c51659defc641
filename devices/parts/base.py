"""What every type of device is told apart by: the `Part` base class, its option and terminal
descriptions, the `Sample` a read gives, and the `register` decorator that files a type by name.

A subclass says in one place how its type is configured, built, read, written, simulated,
checked and wired; the kit, the simulator, the kit file and the pictures only ask it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

REGISTRY: dict[str, type[Part]] = {}
# gpiozero's reading threads, paced for a person watching (a change shows within ~0.2 s) rather
# than gpiozero's defaults (a sonar pings 16 times a second into a median of 9, so a hand is
# seen after 5 pings, 0.33 s). A median of 3 still drops a single stray echo or charge.
SENSOR_QUEUE_LEN = 3


def register(cls: type[Part]) -> type[Part]:
    """File a Part subclass under its `type` (the word a kit file uses)."""
    if cls.type in REGISTRY:
        raise ValueError(f"two device types are called '{cls.type}'")
    REGISTRY[cls.type] = cls
    return cls


@dataclass(frozen=True)
class Option:
    """An option a kit file may give a device: "number", "int" or "bool", and its sane range."""

    name: str
    kind: str
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Terminal:
    """One leg of the part: its name, what it connects to, and a resistor on the wire."""

    name: str
    net: str  # a pin role of the device ("pin", "trigger"...), "spi:<role>", "3V3", "5V", "GND"
    resistor: str | None = None
    divider: bool = False  # the HC-SR04's 5 V echo: 1 kΩ in series, 2 kΩ to ground


@dataclass(frozen=True)
class Sample:
    """One read of a device: its value, and why not when it has none."""

    value: Any
    connected: bool = True
    reason: str | None = None


class Part:
    """One device of the kit, built on a pin factory; the class attributes describe its type.

    An instance owns its gpiozero object (`device`); `read()` never blocks, `write()` raises
    ValueError (one clear line) for a value the type cannot take. The classmethods drive a
    simulated one on the simulator's mock pins.
    """

    type: ClassVar[str]
    # -- the kit file ------------------------------------------------------------------
    pins: ClassVar[tuple[str, ...]] = ("pin",)  # () for none; ("pin",) for one; named roles
    options: ClassVar[tuple[Option, ...]] = ()
    bus: ClassVar[str | None] = None  # a bus the kit must enable for this type
    ordered: ClassVar[tuple[tuple[str, str], ...]] = ()  # (low, high) options: low < high
    # -- reading -----------------------------------------------------------------------
    is_input: ClassVar[bool] = False
    unit: ClassVar[str] = ""
    edges: ClassVar[tuple[tuple[str, str, bool], ...]] = ()  # gpiozero callback, event, state
    sampled: ClassVar[bool] = False  # read by the kit's sampler thread (no callbacks)
    meaningful: ClassVar[float] = 0.0  # a sampled change smaller than this is no event
    read_every: ClassVar[int] = 1  # sampler rounds between two reads
    # -- checks and demos --------------------------------------------------------------
    conditions: ClassVar[tuple[str, ...]] = ()  # the check conditions it can meet
    default_threshold: ClassVar[float | None] = None  # the limit of a condition without one
    playable: ClassVar[bool] = False  # a reading a hand sets quickly enough to play on
    # -- outputs -----------------------------------------------------------------------
    on: ClassVar[Any] = None  # a value that shows it works (device test, self-test)
    off: ClassVar[Any] = None
    # -- simulation --------------------------------------------------------------------
    control: ClassVar[Any] = None  # bool (a flag) or (low, high, unit), for an on-screen panel
    start: ClassVar[Any] = None  # the simulated room's value when the kiosk starts
    # -- wiring ------------------------------------------------------------------------
    terminals: ClassVar[tuple[Terminal, ...]] = ()
    picture: ClassVar[str] = ""  # the drawing of devices/drawings.py; "" for a plain box

    def __init__(self, spec, factory, simulator=None):
        self.spec = spec
        self.device = self.build(factory, simulator)

    def build(self, factory, simulator):
        """The gpiozero object on the given pin factory."""
        raise NotImplementedError

    def read(self) -> Sample:
        return Sample(round(float(self.device.value), 3))

    def write(self, value: Any) -> None:
        raise ValueError(f"'{self.spec.name}' is an input ({self.type}): it cannot be set")

    def self_test(self, value: Any) -> tuple[bool, str]:
        """Whether an input's reading looks plausible, in one short English line."""
        unit = f" {self.unit}" if self.unit else ""
        return True, f"ok: {value}{unit}"

    def close(self) -> None:
        self.device.close()

    @classmethod
    def reading_range(cls, spec) -> tuple[float, float]:
        """The lowest and highest reading of a device of this type (for thresholds)."""
        raise ValueError(f"a {cls.type} has no range of readings")

    # -- simulation ----------------------------------------------------------------------

    @classmethod
    def plan(cls, simulator, spec) -> None:
        """Prepare the simulator's mock pins before the device is built on them."""

    @classmethod
    def simulate(cls, simulator, spec, value: Any) -> Any:
        """Set the physics behind the pins; returns the value to show for it."""
        raise ValueError(f"'{spec.name}' is an output ({cls.type}): drive it with Kit.set_output")

    @classmethod
    def unplug(cls, simulator, spec) -> Any:
        """The wires come loose; returns the value to show for it."""
        raise ValueError(f"'{spec.name}' is an output ({cls.type}): nothing to unplug")

    # -- helpers -------------------------------------------------------------------------

    def in_range(self, value: Any, low: float, high: float) -> float:
        """The value as a float, or ValueError naming the device and the range it takes."""
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if not number or not low <= value <= high:
            raise ValueError(
                f"'{self.spec.name}' ({self.type}) takes {low:g} to {high:g}, not {value!r}"
            )
        return float(value)

    def refuse(self, value: Any) -> ValueError:
        return ValueError(f"'{self.spec.name}' ({self.type}) cannot be set to {value!r}")


class Switched(Part):
    """An output that is on or off (an LED, an active buzzer): set with true or false."""

    on, off = True, False

    def read(self) -> Sample:
        return Sample(bool(self.device.value))

    def write(self, value) -> None:
        if not isinstance(value, bool):
            raise self.refuse(value)
        self.device.value = value


class Unanswered:
    """For sensors that may not answer: counts consecutive reads without an answer (in
    gpiozero's reading thread), so a read can say "not connected" instead of a stale value."""

    MISSES_FOR_UNPLUGGED = 3
    misses = 0
    reads = 0

    def _count(self, answered: bool) -> None:
        self.misses = 0 if answered else self.misses + 1
        self.reads += 1

    def sample(self, value: Callable[[], object], reason: str) -> Sample:
        """The value, or None before the first read, or not connected (and why) when the last
        reads got no answer."""
        if self.reads == 0:
            return Sample(None)  # gpiozero's thread has not read it yet
        if self.misses >= self.MISSES_FOR_UNPLUGGED:
            return Sample(None, False, reason)
        return Sample(value())


def drive(pin, high: bool) -> None:
    """A simulated input's pin to high or low."""
    if high:
        pin.drive_high()
    else:
        pin.drive_low()


def flag(name: str, value: Any) -> bool:
    """A simulated on/off input: true/false (or 1/0), else ValueError."""
    if isinstance(value, bool) or value in (0, 1):
        return bool(value)
    raise ValueError(f"'{name}' takes true or false, not {value!r}")


def unit_value(name: str, value: Any) -> float:
    """A simulated 0..1 input, else ValueError."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ValueError(f"'{name}' takes 0 to 1, not {value!r}")
    return float(value)
