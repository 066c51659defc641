"""Wiring pictures: drawn from the kit's pins, so the highlighted pins are the configured ones."""

from __future__ import annotations

import pygame
import pytest

from devices import pinmap
from devices.kitconfig import load_kit
from devices.parts import part
from devices.wiring import connections, render, save_png


def test_every_type_has_its_legs_wired_and_a_picture_at_kiosk_and_large_size(spec):
    for name, dev in spec.devices.items():
        assert part(dev.type).terminals or not dev.pins  # only a pinless part has no legs
        for size in ((380, 300), (760, 600)):
            surface = render(spec, name, size)
            assert surface.get_size() == size


def test_wires_go_to_the_configured_gpio_and_to_real_power_pins(spec):
    wired = {t.name: pinmap.HEADER[board] for t, board in connections(spec.devices["distance"])}
    assert wired == {"VCC": "5V", "Trig": "GPIO23", "Echo": "GPIO24", "GND": "GND"}
    led = {t.name: (t.resistor, pinmap.HEADER[b]) for t, b in connections(spec.devices["led"])}
    assert led == {"+": ("330Ω", "GPIO27"), "−": (None, "GND")}
    adc = {t.name: pinmap.HEADER[b] for t, b in connections(spec.devices["knob"])}
    assert (adc["CLK"], adc["DOUT"], adc["DIN"], adc["CS"]) == (
        "GPIO11",
        "GPIO9",
        "GPIO10",
        "GPIO8",
    )
    assert connections(spec.devices["cpu"]) == []


def test_a_changed_pin_changes_the_picture(tmp_path, spec):
    text = "devices:\n  led:\n    type: led\n    pin: 4\n"
    (tmp_path / "kit.yaml").write_text(text)
    moved, _ = load_kit(tmp_path / "kit.yaml")
    [(_, board)] = [(t, b) for t, b in connections(moved.devices["led"]) if t.net == "pin"]
    assert board == 7
    before = pygame.image.tobytes(render(spec, "led"), "RGB")
    after = pygame.image.tobytes(render(moved, "led"), "RGB")
    assert before != after


def test_power_and_ground_avoid_the_rows_of_the_device_pins(spec):
    for dev in spec.devices.values():
        wired = connections(dev)
        gpio_rows = {(b - 1) // 2 for t, b in wired if pinmap.HEADER[b].startswith("GPIO")}
        power_rows = {(b - 1) // 2 for t, b in wired if not pinmap.HEADER[b].startswith("GPIO")}
        assert not gpio_rows & power_rows, dev.name


def test_save_png_writes_a_png(tmp_path, spec):
    path = tmp_path / "led.png"
    save_png(spec, "led", path)
    assert pygame.image.load(str(path)).get_size() == (380, 300)


def test_unknown_device_is_a_key_error(spec):
    with pytest.raises(KeyError):
        render(spec, "laser")
