"""The shipped library: 12 complete workshops that together use the whole default kit."""

from __future__ import annotations

import re
import shutil

import pytest

from devices.checks import CONDITIONS
from devices.pinmap import BUS_PINS
from kiosk.library import load_library, shipped_dir, workshop_files

SHIPPED = workshop_files(shipped_dir())
IDS = [p.stem for p in SHIPPED]
SCREEN_TEXT = 220  # characters that fit in large letters on the 800x480 screen


@pytest.fixture(scope="module")
def library(kit):
    return load_library([shipped_dir()], kit)


def test_the_library_loads_without_a_problem(library):
    assert library.problems == []
    assert len(library.workshops) >= 12
    assert sorted(library.workshops) == sorted(IDS)  # file name = workshop id


def test_together_the_workshops_use_every_device_of_the_default_kit(library, kit):
    used = {name for w in library.workshops.values() for name in w.devices}
    assert used == set(kit.devices)


@pytest.mark.parametrize("wid", IDS)
def test_each_workshop_is_complete(wid, library):
    w = library.workshops[wid]
    assert len(w.steps) >= 5
    assert (w.age_range.low or 0) <= 10 and (w.age_range.high or 99) >= 18  # for 10-18
    assert w.group_size.low is not None and w.duration_min >= 20
    assert w.safety and all(t.en for t in w.safety)
    assert any(m.recycled for m in w.materials) and any(m.low_cost for m in w.materials)
    assert all(m.name.en for m in w.materials)
    assert sum(1 for s in w.steps if s.check) >= 2
    assert all(s.hint for s in w.steps if s.check)
    choice_points = [s for s in w.steps if s.variants]
    assert choice_points, "at least one choice between challenge variants"
    assert any("14+" in v.title.nl for s in choice_points for v in s.variants)


@pytest.mark.parametrize("wid", IDS)
def test_every_text_has_english_and_fits_the_screen(wid, library, kit):
    w = library.workshops[wid]
    texts = [w.title, w.summary]
    for step in w.steps:
        texts += [step.title, step.text, *([step.hint] if step.hint else [])]
        for v in step.variants:
            texts += [v.title, v.text, *([v.hint] if v.hint else [])]
    for text in texts:
        if text.nl:  # a step that only offers choices has no text of its own
            assert text.en, text.nl
            assert len(text.nl) <= SCREEN_TEXT and len(text.en) <= SCREEN_TEXT, text.nl


@pytest.mark.parametrize("wid", IDS)
def test_every_check_is_on_an_input_the_simulator_can_set(wid, library, kit):
    w = library.workshops[wid]
    checks = [s.check for s in w.steps if s.check]
    checks += [v.check for s in w.steps for v in s.variants if v.check]
    for check in checks:
        spec = kit.devices[check.device]
        assert spec.is_input
        assert spec.type in CONDITIONS[check.condition].types


@pytest.mark.parametrize("wid", IDS)
def test_gpio_numbers_in_the_text_match_the_kit(wid, library, kit):
    """A step that says GPIO17 means a device of this workshop really is on GPIO17."""
    w = library.workshops[wid]
    pins = {bcm for name in w.devices for bcm in kit.devices[name].pins.values()}
    if any(kit.devices[name].type == "mcp3008" for name in w.devices):
        pins |= BUS_PINS["spi"]
    for step in w.steps:
        for text in [step.text, *(v.text for v in step.variants)]:
            for lang in ("nl", "en"):
                for number in re.findall(r"GPIO(\d+)", text.get(lang)):
                    assert int(number) in pins, f"{step.id}: GPIO{number}"


def test_one_bad_workshop_never_stops_the_others(tmp_path, kit):
    for path in SHIPPED[:3]:
        shutil.copy(path, tmp_path)
    (tmp_path / "kapot.yaml").write_text("id: kapot\ntitle: {nl: Kapot\n")
    (tmp_path / "leeg.yaml").write_text("")
    (tmp_path / "bom.yaml").write_text(
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n"
            for p, n in zip("abcdef", "bcdefg", strict=True)
        )
    )
    library = load_library([tmp_path], kit)
    assert sorted(library.workshops) == sorted(p.stem for p in SHIPPED[:3])
    assert sorted({p.path for p in library.problems}) == sorted(
        str(tmp_path / n) for n in ("bom.yaml", "kapot.yaml", "leeg.yaml")
    )


def test_a_duplicate_id_in_another_folder_points_at_its_id_line(tmp_path, kit):
    original = shipped_dir() / "reactiespel.yaml"
    copy = tmp_path / "mijn-reactiespel.yaml"
    copy.write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    library = load_library([shipped_dir(), tmp_path], kit)
    assert library.workshops["reactiespel"].path == original
    assert [str(p) for p in library.problems] == [
        f"{copy}:2:1: workshop id 'reactiespel' is already used by {original}:2"
    ]
