"""What each output action does to a gpiozero device: the same call the generated program makes,
so the engine and the take-home code drive the pins alike (tests/maker proves it)."""

from __future__ import annotations

from typing import Any

from kiosk.maker.blocks import BEEP_S, COLOURS

RED, AMBER, GREEN = (1, 0, 0), (0, 1, 0), (0, 0, 1)  # a TrafficLights value: (red, amber, green)


def drive(kind: str, device_type: str, device: Any, value: Any) -> None:
    """Do output action `kind` (with its parameter `value`) on the gpiozero `device`."""
    match kind:
        case "switch_on":
            device.on()
        case "switch_off":
            quiet(device_type, device)
        case "toggle":
            device.toggle()
        case "blink":
            device.blink(on_time=value, off_time=value)
        case "brightness":
            device.value = value
        case "colour":
            device.color = COLOURS[value]
        case "beep":
            device.beep(on_time=BEEP_S, off_time=BEEP_S, n=value)
        case "tone":
            device.play(value)
        case "step":
            device.value = next_light(device)
        case "angle":
            device.value = value / 90  # gpiozero's Servo: -1 (-90 degrees) .. 1 (90 degrees)
        case _:
            raise ValueError(f"'{kind}' is not an output action")


def next_light(lights: Any) -> tuple[int, int, int]:
    """Green, then amber, then red, then green again; from dark (or anything else): green."""
    if lights.green.is_lit:
        return AMBER
    if lights.amber.is_lit:
        return RED
    return GREEN


def quiet(device_type: str, device: Any) -> None:
    """Back to how the program starts: dark, silent, a servo in the middle."""
    if device_type == "tonal_buzzer":
        device.stop()
    elif device_type == "servo":
        device.mid()
    else:
        device.off()
