"""workshops/README.md stays true: its example validates and its kit table matches the kit."""

from __future__ import annotations

import re

from devices.checks import CONDITIONS
from kiosk.library import shipped_dir
from kiosk.workshop import DEMOS, load_workshop

README = (shipped_dir() / "README.md").read_text(encoding="utf-8")


def test_the_complete_example_is_a_valid_workshop(tmp_path, kit):
    section = README.split("## A complete small example", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    path = tmp_path / "mini-nachtlampje.yaml"
    path.write_text(example, encoding="utf-8")
    workshop, problems = load_workshop(path, kit)
    assert problems == []
    assert workshop.id == "mini-nachtlampje"


def test_the_kit_table_gives_every_device_with_its_pins(kit):
    table = README.split("### Devices", 1)[1].split("## Steps", 1)[0]
    rows = {
        m.group(1): m.group(2)
        for m in re.finditer(r"^\| `(\w+)` \| [^|]+ \|([^|]*)\|", table, re.M)
    }
    assert set(rows) >= set(kit.devices)
    for name, spec in kit.devices.items():
        for bcm in spec.pins.values():
            assert f"GPIO{bcm}" in rows[name], name


def test_every_condition_and_demo_is_documented():
    for name in [*CONDITIONS, *DEMOS]:
        assert f"`{name}`" in README, name
