"""`stem-kiosk maker list|export` as a real process: creations listed, a program exported with its
header, an unknown name exit 2, a broken file named (exit 1); the README documents them."""

from __future__ import annotations

import random
import stat
import subprocess
import sys
from pathlib import Path

from devices.kitconfig import load_kit
from kiosk.maker.starter import starter_rules
from kiosk.maker.store import Store

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def cli(config: Path, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "--config", str(config), "maker", *argv],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_list_and_export_a_creation(tmp_path):
    config = tmp_path / "kiosk.yaml"
    config.write_text(f"data_dir: {tmp_path / 'data'}\n")
    store = Store(tmp_path / "data", rng=random.Random(3))
    creation = store.new(starter_rules(load_kit()[0]))
    listed = cli(config, "list")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.split() == [*creation.name.split(), "2", "rules", "button,", "led"]
    target = tmp_path / "mijn.py"
    done = cli(config, "export", creation.name.lower(), "--py", str(target))
    assert (done.returncode, done.stdout.strip()) == (0, str(target)), done.stderr
    text = target.read_text()
    assert text.startswith(f"# {creation.name}\n") and "drukknop  Drukknop: GPIO17 (pin 11)" in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    into = cli(config, "export", creation.name, "--py", str(tmp_path))
    assert Path(into.stdout.strip()).name == creation.name.lower().replace(" ", "_") + ".py"


def test_an_unknown_name_is_exit_2_and_a_broken_file_exit_1(tmp_path):
    config = tmp_path / "kiosk.yaml"
    config.write_text(f"data_dir: {tmp_path / 'data'}\n")
    unknown = cli(config, "export", "Snelle Raket", "--py", str(tmp_path / "x.py"))
    assert unknown.returncode == 2 and "no creation named 'Snelle Raket'" in unknown.stderr
    folder = tmp_path / "data" / "maker"
    folder.mkdir(parents=True)
    (folder / "kapot.yaml").write_text("name: Kapot\nrules: 3\n")
    listed = cli(config, "list")
    assert listed.returncode == 1 and listed.stdout == ""
    assert f"{folder / 'kapot.yaml'}:2:8: rules must be a list" in listed.stderr
    assert (folder / "kapot.yaml").exists()


def test_the_readme_documents_the_maker_commands():
    assert "maker list" in README and "maker export NAME --py FILE" in README
