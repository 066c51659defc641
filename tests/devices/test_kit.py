"""The Kit over gpiozero's mock pins: every device type, events, outputs, faults, closing."""

from __future__ import annotations

import logging
import time

import pytest
from gpiozero import LED, Device

from devices import faults
from devices.kit import SAMPLE_PERIOD_S, Kit, KitError
from devices.kitconfig import KitSpec, load_kit
from devices.parts.light_sensor import LIGHT_THRESHOLD
from devices.simpins import SimFactory
from tests.devices.conftest import next_event, wait_for


def pin(factory, bcm):
    return factory.pin(f"GPIO{bcm}")


def test_button_press_hold_release_are_events_and_readings(kit):
    kit.simulator.press("button")
    assert next_event(kit, "button", "pressed").value is True
    assert kit.reading("button").value is True
    assert next_event(kit, "button", "held").value is True  # hold_s: gpiozero's 1 s default
    kit.simulator.release("button")
    assert next_event(kit, "button", "released").value is False
    assert kit.reading("button").value is False


def test_motion_sensor_sees_motion_and_stillness(kit):
    kit.simulator.set_motion("motion", True)
    assert next_event(kit, "motion", "motion").value is True
    kit.simulator.set_motion("motion", False)
    next_event(kit, "motion", "no_motion")
    assert kit.reading("motion").value is False


def test_light_sensor_follows_the_light_and_reads_unplugged(kit):
    kit.simulator.set_light("light", 0.95)
    assert wait_for(lambda: (kit.reading("light").value or 0) > 0.7)
    kit.simulator.set_light("light", 0.0)
    assert wait_for(lambda: (kit.reading("light").value or 1) < LIGHT_THRESHOLD)
    assert kit.reading("light").connected  # dark is not unplugged
    drain(kit)
    kit.simulator.unplug("light")
    event = next_event(kit, "light", "disconnected")
    assert "capacitor never charges" in event.value
    assert not kit.reading("light").connected


def test_distance_sensor_measures_echo_time_and_survives_unplugging(kit, caplog):
    caplog.set_level(logging.INFO, logger="devices")
    kit.simulator.set_distance("distance", 30)
    assert wait_for(lambda: abs((kit.reading("distance").value or 0) - 30) < 6)
    assert kit.reading("distance").unit == "cm"
    kit.simulator.unplug("distance")
    assert next_event(kit, "distance", "disconnected").value.startswith("no echo")
    reading = kit.reading("distance")
    assert (reading.connected, reading.value) == (False, None)
    kit.simulator.set_distance("distance", 150)
    next_event(kit, "distance", "connected")
    assert wait_for(lambda: abs((kit.reading("distance").value or 0) - 150) < 10)


def test_gpiozero_warnings_go_to_the_device_not_stderr(kit, caplog, capfd):
    caplog.set_level(logging.INFO, logger="devices")
    kit.simulator.unplug("distance")
    next_event(kit, "distance", "disconnected")
    assert any("distance:" in r.getMessage() for r in caplog.records)
    assert "Warning" not in capfd.readouterr().err
    reason = wait_for(lambda: "gpiozero:" in (kit.reading("distance").reason or ""))
    assert reason, kit.reading("distance")
    assert "(gpiozero: no echo received)" in kit.reading("distance").reason


def test_adc_reads_the_voltage_over_mock_spi(kit):
    kit.simulator.set_value("knob", 0.25)
    assert wait_for(lambda: kit.reading("knob").value == pytest.approx(0.25, abs=0.01))
    assert kit.device("knob").voltage == pytest.approx(0.825, abs=0.01)


def test_cpu_temperature_reads_the_sensor_file_and_its_absence(kit):
    kit.simulator.set_temperature("cpu", 61.5)
    assert wait_for(lambda: kit.reading("cpu").value == 61.5)
    assert kit.reading("cpu").unit == "°C"
    kit.simulator.unplug("cpu")
    assert next_event(kit, "cpu", "disconnected").value == "no temperature sensor file"


def test_outputs_drive_their_pins(kit, factory):
    kit.set_output("led", True)
    assert pin(factory, 27).state == 1 and kit.reading("led").value is True
    kit.set_output("pwm_led", 0.5)
    assert pin(factory, 18).state == 0.5
    kit.set_output("rgb_led", (1, 0, 0.25))
    assert [pin(factory, b).state for b in (5, 6, 13)] == [1, 0, 0.25]
    kit.set_output("buzzer", True)
    assert pin(factory, 16).state == 1
    kit.set_output("speaker", 440)
    assert pin(factory, 12).frequency == pytest.approx(440)
    assert kit.reading("speaker").value == 440
    kit.set_output("speaker", None)
    assert pin(factory, 12).frequency is None
    kit.set_output("servo", -1)
    assert pin(factory, 19).frequency == pytest.approx(50)
    assert pin(factory, 19).state == pytest.approx(0.05)  # 1 ms of a 20 ms frame
    kit.set_output("traffic_lights", "amber")
    assert [pin(factory, b).state for b in (26, 20, 21)] == [0, 1, 0]
    assert kit.reading("traffic_lights").value == "amber"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("led", 1),
        ("pwm_led", 1.5),
        ("rgb_led", (1, 2, 0)),
        ("servo", -2),
        ("speaker", 5000),
        ("traffic_lights", "blue"),
        ("button", True),
    ],
)
def test_a_wrong_output_value_is_one_clear_error(kit, name, value):
    with pytest.raises(ValueError, match=f"'{name}'"):
        kit.set_output(name, value)


def test_an_undrained_queue_stays_bounded_and_keeps_the_newest(spec, factory, monkeypatch):
    monkeypatch.setattr("devices.kit.MAX_EVENTS", 3)
    buttons = KitSpec(spec.path, spec.buses, {"button2": spec.devices["button2"]})
    with Kit(buttons, simulate=True, pin_factory=factory) as kit:
        for _ in range(5):
            kit.simulator.press("button2")
            kit.simulator.release("button2")
        assert kit.events.qsize() <= 3
        assert [e.kind for e in kit.events.queue] == ["released", "pressed", "released"]


def test_unknown_device_is_a_key_error(kit):
    with pytest.raises(KeyError):
        kit.reading("laser")
    with pytest.raises(KeyError):
        kit.simulator.press("laser")


def test_sampler_only_enqueues_meaningful_changes(kit):
    next_event(kit, "knob", "reading")
    next_event(kit, "cpu", "reading")
    time.sleep(5 * SAMPLE_PERIOD_S)  # five samples of unchanged inputs
    quiet = [e for e in drain(kit) if e.device in ("knob", "cpu")]
    assert quiet == []
    kit.simulator.set_value("knob", 0.503)  # a 0.003 twitch of the pot: not an event
    kit.simulator.set_temperature("cpu", 52)
    assert next_event(kit, "cpu", "reading").value == 52.0
    assert [e for e in drain(kit) if e.device == "knob"] == []


def drain(kit):
    events = []
    while not kit.events.empty():
        events.append(kit.events.get())
    return events


def test_close_is_idempotent_and_frees_every_pin(spec, factory):
    kit = Kit(spec, simulate=True, pin_factory=factory)
    kit.close()
    kit.close()
    assert not any(factory._reservations.values())
    with Kit(spec, simulate=True, pin_factory=factory) as again:
        assert again.reading("button").value is False


def test_a_busy_pin_is_one_message_naming_pin_and_fix(spec, factory):
    squatter = LED(17, pin_factory=factory)
    try:
        with pytest.raises(KitError, match=r"'button' cannot use GPIO17: the pin is busy.*stop"):
            Kit(spec, simulate=True, pin_factory=factory)
    finally:
        squatter.close()


def test_no_permission_names_the_gpio_group():
    err = faults.explain(PermissionError(13, "Permission denied"), "led", {"pin": 27})
    assert "GPIO27" in str(err) and "gpio group" in str(err)


def test_the_real_factory_never_falls_back_to_mock_pins(spec, monkeypatch):
    monkeypatch.setattr(Device, "pin_factory", None)
    monkeypatch.setenv("GPIOZERO_PIN_FACTORY", "lgpio")
    with pytest.raises(KitError, match=r"lgpio pin factory.*--simulate"):
        Kit(spec)
    monkeypatch.setenv("GPIOZERO_PIN_FACTORY", "bogus")
    with pytest.raises(KitError, match="bogus is not a gpiozero pin factory"):
        Kit(spec)


def test_mock_pins_with_nothing_connected_read_not_connected(tmp_path, monkeypatch):
    monkeypatch.setattr(Device, "pin_factory", None)
    kit_file = tmp_path / "kit.yaml"
    kit_file.write_text(
        "devices:\n  d:\n    type: distance_sensor\n    pins: {trigger: 23, echo: 24}\n"
    )
    spec, _ = load_kit(kit_file)
    with Kit(spec) as kit:
        assert "nothing is connected" in kit.factory_name
        assert next_event(kit, "d", "disconnected").value.startswith("no echo")
    assert Device.pin_factory is None


def test_simulating_needs_the_simulator_factory(spec):
    from gpiozero.pins.mock import MockFactory

    with pytest.raises(KitError, match="SimFactory"):
        Kit(spec, simulate=True, pin_factory=MockFactory())


def test_simulated_kit_owns_its_factory_when_none_is_given(spec):
    with Kit(spec, simulate=True) as kit:
        assert kit.factory_name == "MockFactory (simulated)"
        assert isinstance(kit.simulator.factory, SimFactory)


def test_simulator_remembers_each_input_for_an_on_screen_panel(kit):
    sim = kit.simulator
    sim.set("button", True)
    sim.set("distance", 42)
    sim.set("knob", 0.3)
    sim.unplug("cpu")
    assert sim.values["button"] is True and sim.values["distance"] == 42
    assert (sim.values["knob"], sim.values["cpu"], sim.values["motion"]) == (0.3, None, False)
    with pytest.raises(ValueError, match="output"):
        sim.set("led", True)
    with pytest.raises(ValueError, match="0 to 1"):
        sim.set("knob", 3)
