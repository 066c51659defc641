"""Mock pins with physics for the simulated kit: a capacitor that charges, a sonar that echoes.

`SimFactory` is gpiozero's MockFactory that hands out the pin class the simulator planned per pin.
"""

from __future__ import annotations

import threading
import time

from gpiozero.pins.mock import MockFactory, MockPWMPin, MockSPIDevice

from devices import pinmap

SPEED_OF_SOUND = 343.26  # m/s, the figure gpiozero's DistanceSensor uses


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
            self.pins[info] = pin
            return pin
        return super().pin(name, pin_class, **kwargs)  # raises PinInvalidPin

    def reset(self) -> None:
        super().reset()
        self.planned.clear()


class ChargingPin(MockPWMPin):
    """An LDR + capacitor on one pin: switched to input, it goes high after `charge_time` s.

    `charge_time` None means it never charges (darkness past the limit, or nothing connected).
    """

    def __init__(self, factory, info, charge_time: float | None = 0.005):
        super().__init__(factory, info)
        self.charge_time = charge_time
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _set_function(self, value):
        self._stop_charging()
        super()._set_function(value)
        if value == "input" and self.charge_time is not None:
            self._stop = threading.Event()
            self._thread = threading.Thread(
                target=self._charge, args=(self._stop, self.charge_time), daemon=True
            )
            self._thread.start()

    def _stop_charging(self) -> None:
        if self._thread is not None:
            self._stop.set()
            if self._thread is not threading.current_thread():
                self._thread.join()
            self._thread = None

    def _charge(self, stop: threading.Event, after: float) -> None:
        if not stop.wait(after) and self._function == "input":
            self.drive_high()

    def close(self):
        self._stop_charging()
        super().close()


class TriggerPin(MockPWMPin):
    """An HC-SR04's trigger: a high pulse makes the echo pin go high for the sound's round trip.

    `distance_m` None means no echo comes back (sensor unplugged or nothing in range).
    """

    def __init__(self, factory, info, echo_pin=None, distance_m: float | None = 1.0):
        super().__init__(factory, info)
        self.echo_pin = echo_pin
        self.distance_m = distance_m
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()  # gpiozero's thread pings while the kit may be closing

    def _set_state(self, value):
        super()._set_state(value)
        if value and self.distance_m is not None and self.echo_pin is not None:
            with self._lock:
                if self._thread is not None:
                    self._thread.join()
                self._thread = threading.Thread(
                    target=self._echo, args=(2 * self.distance_m / SPEED_OF_SOUND,), daemon=True
                )
                self._thread.start()

    def _echo(self, seconds: float) -> None:
        time.sleep(0.0005)  # the sensor's burst of 8 pulses before the echo line rises
        self.echo_pin.drive_high()
        end = time.monotonic() + seconds
        time.sleep(max(0.0, seconds - 0.001))
        while time.monotonic() < end:  # the last millisecond spun: 1 ms is 17 cm of sound
            pass
        self.echo_pin.drive_low()

    def close(self):
        with self._lock:
            if self._thread is not None:
                self._thread.join()
        super().close()


class MCP3008Chip(MockSPIDevice):
    """The slave side of an MCP3008 on the mock SPI pins: answers each channel's voltage."""

    BITS = 10

    def __init__(self, factory, select_pin: int, vref: float = 3.3):
        spi = pinmap.SPI0
        super().__init__(spi["clock"], spi["mosi"], spi["miso"], select_pin, pin_factory=factory)
        self.vref = vref
        self.volts = [0.0] * 8
        self.state = "idle"

    def on_start(self):
        super().on_start()
        self.state = "idle"

    def rx_word(self) -> int:
        return int("".join(str(int(bit)) for bit in self.rx_buf) or "0", 2)  # PWM pins: floats

    def on_bit(self):
        if self.state == "idle":
            if self.rx_buf[-1]:  # the start bit
                self.state = "mode"
                self.rx_buf = []
        elif self.state == "mode":
            self.state = "single" if self.rx_buf[-1] else "diff"
            self.rx_buf = []
        elif self.state in ("single", "diff") and len(self.rx_buf) == 3:
            volts = self.volts[self.rx_word()]
            if self.state == "diff":
                volts -= self.volts[self.rx_word() ^ 1]
            code = round(min(max(volts, 0.0), self.vref) / self.vref * (2**self.BITS - 1))
            self.tx_word(code, self.BITS + 2)  # a sample bit, the null bit, then the result
            self.state = "result"
        elif self.state == "result" and not self.tx_buf:
            self.state = "idle"
            self.rx_buf = []
