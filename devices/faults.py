"""What goes wrong with real hardware, said once and clearly: pin factory, busy pins, warnings.

gpiozero's warnings from a kit's device threads are routed to that device instead of stderr.
"""

from __future__ import annotations

import errno
import logging
import os
import threading
import warnings
from collections.abc import Callable
from importlib.metadata import entry_points

from gpiozero import DistanceSensorNoEcho, GPIOPinInUse, GPIOZeroWarning

from devices.simpins import SimFactory

log = logging.getLogger("devices")

DEFAULT_FACTORY = "lgpio"  # the Raspberry Pi 5 needs lgpio; it works on older Pis too


class KitError(Exception):
    """The kit cannot start; the message is one line that names the fix."""


def load_factory():
    """The pin factory GPIOZERO_PIN_FACTORY names (default lgpio); never a silent fallback."""
    name = os.environ.get("GPIOZERO_PIN_FACTORY") or DEFAULT_FACTORY
    if name.lower() == "mock":  # mock pins that can do PWM, with nothing connected to them
        return SimFactory()
    found = [ep for ep in entry_points(group="gpiozero_pin_factories") if ep.name == name.lower()]
    if not found:
        raise KitError(
            f"GPIOZERO_PIN_FACTORY={name} is not a gpiozero pin factory: use lgpio on a "
            "Raspberry Pi, or --simulate without one"
        )
    try:
        return found[0].load()()
    except Exception as err:  # any import or open error of the real backend
        raise KitError(
            f"cannot load the {name} pin factory ({err}): on a Raspberry Pi install it "
            f"(sudo apt install python3-{name}); on another computer use --simulate"
        ) from err


def explain(err: BaseException, device: str, pins: dict[str, int]) -> KitError:
    """One clear line for an error raised while a device claimed its pins."""
    where = ", ".join(f"GPIO{bcm}" for bcm in pins.values()) or "its pins"
    text = str(err)
    if isinstance(err, GPIOPinInUse) or "busy" in text.lower():
        return KitError(
            f"'{device}' cannot use {where}: the pin is busy. Another program uses it: "
            "stop it (e.g. sudo systemctl stop stem-kiosk) and try again"
        )
    if isinstance(err, PermissionError) or getattr(err, "errno", None) == errno.EACCES:
        return KitError(
            f"'{device}' may not use {where}: no permission. Add this user to the gpio group "
            "(sudo usermod -aG gpio $USER) and log in again"
        )
    return KitError(f"'{device}' could not start: {text or type(err).__name__}")


Sink = Callable[[str], None]
_sinks: dict[threading.Thread, Sink] = {}
_lock = threading.Lock()
_local = threading.local()
_previous = warnings.showwarning


def _showwarning(message, category, filename, lineno, file=None, line=None):
    if issubclass(category, GPIOZeroWarning):
        with _lock:
            sink = _sinks.get(threading.current_thread())
        sink = sink or getattr(_local, "sink", None)
        if sink is not None:
            sink(str(message))
            return
    _previous(message, category, filename, lineno, file, line)


def capture_warnings() -> None:
    """Route gpiozero warnings of registered threads to their device (idempotent)."""
    global _previous
    warnings.filterwarnings("always", category=DistanceSensorNoEcho)  # each one is state
    if warnings.showwarning is not _showwarning:
        _previous = warnings.showwarning
        warnings.showwarning = _showwarning


def watch_thread(thread: threading.Thread, sink: Sink) -> None:
    with _lock:
        _sinks[thread] = sink


def forget_thread(thread: threading.Thread) -> None:
    with _lock:
        _sinks.pop(thread, None)


class building:
    """While a device is built on this thread, its warnings go to `sink`."""

    def __init__(self, sink: Sink):
        self.sink = sink

    def __enter__(self):
        _local.sink = self.sink

    def __exit__(self, *exc):
        _local.sink = None
