"""The device types: one module each, complete, and a new type needs nothing but its module."""

from __future__ import annotations

import pkgutil

import gpiozero
import pytest

import devices.parts
from devices.kit import Kit
from devices.kitconfig import load_kit
from devices.parts import PARTS, Part, Sample, part
from devices.parts.base import REGISTRY, Terminal, drive, flag, register
from devices.selftest import selftest
from devices.wiring import connections, render


def test_each_module_describes_the_type_it_is_named_after():
    modules = {m.name for m in pkgutil.iter_modules(devices.parts.__path__)} - {"base"}
    assert modules == set(PARTS)
    for kind, cls in PARTS.items():
        assert cls.type == kind and cls.__module__ == f"devices.parts.{kind}"


@pytest.mark.parametrize("kind", list(PARTS))
def test_each_type_is_complete(kind):
    cls = part(kind)
    nets = {t.net for t in cls.terminals}
    assert set(cls.pins) <= nets, "every pin role has a leg in the wiring picture"
    assert all(o.kind in ("bool", "int", "number") for o in cls.options)
    names = {o.name for o in cls.options}
    assert all(low in names and high in names for low, high in cls.ordered)
    if cls.is_input:
        assert cls.conditions, "a workshop can check an input"
        assert cls.control is not None, "the simulator can set an input"
        assert bool(cls.edges) != cls.sampled, "read by callbacks or by the sampler"
    else:
        assert cls.on != cls.off and not cls.conditions and not cls.sampled


def test_an_unknown_type_is_a_key_error_naming_it():
    with pytest.raises(KeyError, match="laser"):
        part("laser")


class SoundSensor(Part):
    """A sound detector module with a digital output: what a new type looks like."""

    type = "sound_sensor"
    is_input = True
    edges = (("when_activated", "loud", True), ("when_deactivated", "quiet", False))
    conditions = ("loud",)
    control = bool
    terminals = (Terminal("VCC", "3V3"), Terminal("OUT", "pin"), Terminal("GND", "GND"))

    def build(self, factory, simulator):
        return gpiozero.DigitalInputDevice(self.spec.pins["pin"], pin_factory=factory)

    def read(self) -> Sample:
        return Sample(bool(self.device.value))

    @classmethod
    def simulate(cls, simulator, spec, value) -> bool:
        loud = flag(spec.name, value)
        drive(simulator.pin(spec), loud)
        return loud


@pytest.fixture
def sound_sensor():
    register(SoundSensor)
    yield SoundSensor
    REGISTRY.pop(SoundSensor.type)


def test_a_new_type_is_its_module_alone(sound_sensor, tmp_path, factory):
    """Registered, it is read from a kit file, built, simulated, self-tested and drawn."""
    kit_file = tmp_path / "kit.yaml"
    kit_file.write_text("devices:\n  mic:\n    type: sound_sensor\n    pin: 5\n")
    spec, problems = load_kit(kit_file)
    assert problems == []
    with Kit(spec, simulate=True, pin_factory=factory) as kit:
        kit.simulator.set("mic", True)
        event = kit.events.get(timeout=5)
        assert (event.device, event.kind) == ("mic", "loud")
        assert kit.reading("mic").value is True
        kit.simulator.set("mic", False)
        assert [r.ok for r in selftest(kit, settle_s=0)] == [True]
    assert {t.name for t, _ in connections(spec.devices["mic"])} == {"VCC", "OUT", "GND"}
    assert render(spec, "mic").get_size() == (380, 300)
