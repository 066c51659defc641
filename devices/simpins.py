"""Mock pins with physics for the simulated kit: a capacitor that charges, a sonar that echoes.

`SimFactory` is gpiozero's MockFactory that hands out the pin class the simulator planned per pin.
"""

from __future__ import annotations

from collections import deque

from gpiozero.pins.mock import (
    MockFactory,
    MockPWMPin,
    MockSPIDevice,
    MockSPIInterface,
    MockSPIInterfaceShared,
)

from devices import pinmap

SPEED_OF_SOUND = 343.26  # m/s, the figure gpiozero's DistanceSensor uses
BURST_S = 0.0005  # the HC-SR04's burst of 8 pulses before its echo line rises
STATES_KEPT = 100  # a mock pin's history of changes, bounded: the SPI clock ticks 500 times/s


class SimFactory(MockFactory):
    """MockFactory whose pins are PWM-capable, except where the simulator planned another class.

    gpiozero's MockFactory refuses to hand out a pin whose PWM-ness differs from its default
    pin class; a kit mixes PWM outputs with charging, trigger and SPI pins, so a planned pin is
    returned as it is.
    """

    def __init__(self, revision: str = "d04170"):  # a Pi 5 with 8 GB
        super().__init__(revision=revision, pin_class=MockPWMPin)
        self.planned: dict[str, tuple[type, dict]] = {}

    def plan(self, bcm: int, pin_class: type, **kwargs) -> None:
        self.planned[f"GPIO{bcm}"] = (pin_class, kwargs)

    def pin(self, name, pin_class=None, **kwargs):
        for _header, info in self.board_info.find_pin(name):
            if info in self.pins:
                return self.pins[info]
            planned_class, planned_kwargs = self.planned.get(info.name, (None, {}))
            cls = pin_class or planned_class or self.pin_class
            pin = cls(self, info, **(kwargs or planned_kwargs))
            pin.states = deque(pin.states, maxlen=STATES_KEPT)
            self.pins[info] = pin
            return pin
        return super().pin(name, pin_class, **kwargs)  # raises PinInvalidPin

    def reset(self) -> None:
        super().reset()
        self.planned.clear()

    def _get_spi_class(self, shared, hardware):
        return SharedWordSPI if shared else WordSPI


class StampedPin(MockPWMPin):
    """An input whose edges carry the time the physics says they happen, not the time of the call.

    gpiozero measures a pulse by the ticks its edges report, so the simulator can answer a
    ping or a charge at once, without a thread that sleeps (or spins) until the edge is due.
    """

    def drive_at(self, state: bool, ticks: float) -> None:
        """Drive the pin to `state`; its edge reports `ticks` (a MockFactory.ticks() time)."""
        self._stamp = ticks
        try:
            if state:
                self.drive_high()
            else:
                self.drive_low()
        finally:
            self._stamp = None

    _stamp: float | None = None

    def _change_state(self, value):
        changed = super()._change_state(value)
        if changed and self._stamp is not None:
            self._last_change = self._stamp
        return changed


class ChargingPin(StampedPin):
    """An LDR + capacitor on one pin: switched to input, it goes high after `charge_time` s.

    `charge_time` None means it never charges (darkness past the limit, or nothing connected).
    The rising edge is stamped `charge_time` after the switch, so the read costs no waiting.
    """

    def __init__(self, factory, info, charge_time: float | None = 0.005):
        super().__init__(factory, info)
        self.charge_time = charge_time

    def _set_function(self, value):
        switched = self._factory.ticks()
        super()._set_function(value)
        if value == "input" and self.charge_time is not None:
            self.drive_at(True, switched + self.charge_time)


class TriggerPin(MockPWMPin):
    """An HC-SR04's trigger: the end of a high pulse makes the echo pin go high for the sound's
    round trip (the echo's edges stamped with their times, answered at once, no thread).

    `distance_m` None means no echo comes back (sensor unplugged or nothing in range).
    """

    def __init__(
        self, factory, info, echo_pin: StampedPin | None = None, distance_m: float | None = 1.0
    ):
        super().__init__(factory, info)
        self.echo_pin = echo_pin
        self.distance_m = distance_m

    def _set_state(self, value):
        was = self._state
        super()._set_state(value)
        distance, echo = self.distance_m, self.echo_pin
        if was and not value and distance is not None and echo is not None:
            rise = self._factory.ticks() + BURST_S
            echo.drive_at(True, rise)
            echo.drive_at(False, rise + 2 * distance / SPEED_OF_SOUND)


class _WordTransfer:
    """A transfer that a simulated chip on the select pin answers word by word, as a Pi's
    hardware SPI moves words in one call; clocking each bit through mock pins costs ~0.5 ms."""

    def transfer(self, data):
        chip = getattr(self._select.pin, "spi_device", None)
        if not isinstance(chip, MCP3008Chip):
            return super().transfer(data)
        with self._bus.lock:
            return chip.answer(list(data))


class WordSPI(_WordTransfer, MockSPIInterface):
    pass


class SharedWordSPI(_WordTransfer, MockSPIInterfaceShared):
    pass


class MCP3008Chip(MockSPIDevice):
    """The slave side of an MCP3008 on the mock SPI pins: answers each channel's voltage."""

    BITS = 10

    def __init__(self, factory, select_pin: int, vref: float = 3.3):
        spi = pinmap.SPI0
        super().__init__(spi["clock"], spi["mosi"], spi["miso"], select_pin, pin_factory=factory)
        self.vref = vref
        self.volts = [0.0] * 8

    def answer(self, words: list[int]) -> list[int]:
        """The bytes shifted out while `words` come in (MSB first): after the start bit, the
        mode bit and three channel bits, a sample bit, a null bit, then the 10-bit result."""
        bits = "".join(f"{w:08b}" for w in words)
        start = bits.find("1")
        if start < 0 or start + 5 > len(bits):
            return [0] * len(words)
        channel = int(bits[start + 2 : start + 5], 2)
        volts = self.volts[channel]
        if bits[start + 1] == "0":  # differential: this channel minus its pair
            volts -= self.volts[channel ^ 1]
        code = round(min(max(volts, 0.0), self.vref) / self.vref * (2**self.BITS - 1))
        reply = ("0" * (start + 5) + f"{code:0{self.BITS + 2}b}").ljust(len(bits), "0")
        return [int(reply[i : i + 8], 2) for i in range(0, len(bits), 8)]
