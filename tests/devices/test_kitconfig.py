"""Kit files: the shipped kit is clean; every mistake is one `path:line:column: message`."""

from __future__ import annotations

import pytest

from devices.kitconfig import load_kit
from devices.parts import PARTS


def _load(tmp_path, text: str):
    path = tmp_path / "kit.yaml"
    path.write_text(text)
    spec, problems = load_kit(path)
    return spec, [str(p) for p in problems], str(path)


def test_shipped_kit_has_every_type_and_no_problem():
    spec, problems = load_kit()
    assert problems == []
    assert {d.type for d in spec.devices.values()} == set(PARTS)


@pytest.mark.parametrize(
    ("body", "where", "message"),
    [
        ("  x:\n    type: laser\n    pin: 17\n", "4:11", "type 'laser' is not one of"),
        ("  x:\n    type: led\n    pin: 99\n", "5:10", "GPIO99 is not on the 40-pin header"),
        ("  x:\n    type: led\n    pin: banana\n", "5:10", "'banana' is not a pin"),
        ("  x:\n    type: led\n    pin: BOARD6\n", "5:10", "physical pin 6 is GND"),
        ("  x:\n    type: led\n    pin: 0\n", "5:10", "reserved for the HAT ID EEPROM"),
        ("  x:\n    type: led\n    pin: GPIO10\n", "5:10", "GPIO10 is used by the spi bus"),
        ("  x:\n    type: led\n", "4:5", "device 'x' (led) needs 'pin'"),
        (
            "  x:\n    type: rgb_led\n    pins: {red: 5, blue: 13}\n",
            "5:11",
            "pins needs 'green'",
        ),
    ],
)
def test_each_mistake_is_reported_at_its_place(tmp_path, body, where, message):
    spec, problems, path = _load(tmp_path, "buses: [spi]\ndevices:\n" + body)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:{where}: ")
    assert message in problems[0]
    assert "x" not in spec.devices


def test_same_pin_twice_names_the_first_owner(tmp_path):
    text = "devices:\n  a:\n    type: led\n    pin: 17\n  b:\n    type: button\n    pin: GPIO17\n"
    spec, problems, path = _load(tmp_path, text)
    assert problems == [f"{path}:7:10: GPIO17 is already used by 'a'"]
    assert list(spec.devices) == ["a"]


def test_adc_without_the_spi_bus_says_to_enable_it(tmp_path):
    _, problems, path = _load(tmp_path, "devices:\n  knob:\n    type: mcp3008\n")
    assert problems == [f"{path}:3:11: a mcp3008 needs the spi bus: add it to 'buses'"]


def test_valid_devices_survive_a_broken_neighbour(tmp_path):
    text = "devices:\n  ok:\n    type: led\n    pin: 27\n  bad:\n    type: led\n    pin: 99\n"
    spec, problems, _ = _load(tmp_path, text)
    assert list(spec.devices) == ["ok"] and len(problems) == 1


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("chip: 2", "6:11", "chip must be between 0 and 1, not 2"),
        ("channel: 8", "6:14", "channel must be between 0 and 7, not 8"),
    ],
)
def test_adc_options_outside_what_the_hardware_has(tmp_path, option, value, message):
    text = "buses: [spi]\ndevices:\n  knob:\n    type: mcp3008\n    label: {nl: K}\n"
    text += f"    {option}\n"
    _, problems, path = _load(tmp_path, text)
    assert problems == [f"{path}:{value}: {message}"]


def test_servo_pulse_range_must_be_a_range(tmp_path):
    text = (
        "devices:\n  s:\n    type: servo\n    pin: 19\n    min_pulse_ms: 2\n    max_pulse_ms: 1\n"
    )
    _, problems, path = _load(tmp_path, text)
    assert problems == [f"{path}:6:19: max_pulse_ms must be more than min_pulse_ms"]
