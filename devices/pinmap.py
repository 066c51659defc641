"""The Raspberry Pi's 40-pin header (J8): which physical pin is which GPIO, power or ground.

Pure values, no hardware: used to parse pin names in kit files and to draw wiring pictures.
"""

from __future__ import annotations

import re

# Physical pin number -> label, as printed on every pinout card.
HEADER: dict[int, str] = {
    1: "3V3", 2: "5V", 3: "GPIO2", 4: "5V", 5: "GPIO3", 6: "GND",
    7: "GPIO4", 8: "GPIO14", 9: "GND", 10: "GPIO15", 11: "GPIO17", 12: "GPIO18",
    13: "GPIO27", 14: "GND", 15: "GPIO22", 16: "GPIO23", 17: "3V3", 18: "GPIO24",
    19: "GPIO10", 20: "GND", 21: "GPIO9", 22: "GPIO25", 23: "GPIO11", 24: "GPIO8",
    25: "GND", 26: "GPIO7", 27: "GPIO0", 28: "GPIO1", 29: "GPIO5", 30: "GND",
    31: "GPIO6", 32: "GPIO12", 33: "GPIO13", 34: "GND", 35: "GPIO19", 36: "GPIO16",
    37: "GPIO26", 38: "GPIO20", 39: "GND", 40: "GPIO21",
}  # fmt: skip

BCM_TO_BOARD: dict[int, int] = {
    int(label[4:]): board for board, label in HEADER.items() if label.startswith("GPIO")
}

# GPIOs that a bus needs while it is enabled; 0 and 1 belong to the HAT ID EEPROM always.
SPI0 = {"clock": 11, "mosi": 10, "miso": 9, "select": (8, 7)}  # select: CE0, CE1
BUS_PINS: dict[str, frozenset[int]] = {
    "i2c": frozenset({2, 3}),
    "spi": frozenset({SPI0["clock"], SPI0["mosi"], SPI0["miso"], *SPI0["select"]}),
    "uart": frozenset({14, 15}),
}
RESERVED = frozenset({0, 1})

_NAME = re.compile(r"(?:(GPIO|BCM)(\d+)|(?:BOARD|J8:)(\d+))", re.IGNORECASE)


def parse_pin(value: object) -> int:
    """A BCM GPIO number from 17, "GPIO17", "BCM17", "BOARD11" or "J8:11"; ValueError if not one."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a pin")
    if isinstance(value, int):
        bcm = value
    elif isinstance(value, str) and (m := _NAME.fullmatch(value.strip())):
        if m.group(2) is not None:
            bcm = int(m.group(2))
        else:
            label = HEADER.get(int(m.group(3)), "")
            if not label.startswith("GPIO"):
                raise ValueError(f"physical pin {m.group(3)} is {label or 'not on the header'}")
            bcm = int(label[4:])
    else:
        raise ValueError(f"'{value}' is not a pin: write a GPIO number like 17 or GPIO17")
    if bcm not in BCM_TO_BOARD:
        raise ValueError(f"GPIO{bcm} is not on the 40-pin header (GPIO2 to GPIO27)")
    if bcm in RESERVED:
        raise ValueError(f"GPIO{bcm} is reserved for the HAT ID EEPROM")
    return bcm
