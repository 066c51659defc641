"""Headless scripts: the built-in demo tour shoots every screen at both sizes; bad scripts and
failed asserts are reported as path:line:column."""

from __future__ import annotations

from importlib import resources

import pygame

from kiosk.cli import main
from kiosk.ui.script import load_script

SCREENS = [
    "startup",
    "home",
    "stops",
    "stopentry",
    "intro",
    "player",
    "reaction",
    "attendance",
    "end",
    "pin",
    "facilitator",
    "devices",
    "graph",
    "confirm",
    "attract",
    "theremin",
]


def test_the_demo_tour_shoots_every_screen_at_7_inch_and_1080p(tmp_path, capsys):
    config = tmp_path / "kiosk.yaml"
    config.write_text(f"data_dir: {tmp_path / 'data'}\n")
    shots = tmp_path / "shots"
    argv = ["--config", str(config), "run", "--simulate", "--headless", "--screenshots", str(shots)]
    assert main(argv) == 0, capsys.readouterr().err
    small = sorted(shots.glob("*-800x480.png"))
    large = sorted(shots.glob("*-1920x1080.png"))
    assert len(small) == len(large) >= len(SCREENS)
    assert pygame.image.load(str(small[0])).get_size() == (800, 480)
    assert pygame.image.load(str(large[0])).get_size() == (1920, 1080)
    script, _ = load_script(resources.files("kiosk.ui") / "demo.yaml")
    asserted = {arg.get("screen") for _, action, arg in script.steps if action == "assert"}
    assert set(SCREENS) <= asserted  # and each assert held, or the run would have failed


def run_script(tmp_path, text, capsys):
    script = tmp_path / "s.yaml"
    script.write_text(text)
    config = tmp_path / "kiosk.yaml"
    config.write_text(f"data_dir: {tmp_path / 'data'}\n")
    argv = [
        "--config",
        str(config),
        "run",
        "--simulate",
        "--headless",
        "--script",
        str(script),
        "--screenshots",
        str(tmp_path / "out"),
    ]
    code = main(argv)
    return code, capsys.readouterr().err, script


def test_a_bad_script_is_refused_with_its_position(tmp_path, capsys):
    code, err, script = run_script(tmp_path, "- tap: home.lang\n- fly: high\n", capsys)
    assert code == 1
    assert f"{script}:2:3:" in err


def test_a_failed_assert_or_a_missing_widget_says_where(tmp_path, capsys):
    text = "- tap: startup.continue\n- assert: {screen: player}\n"
    code, err, script = run_script(tmp_path, text, capsys)
    assert code == 1 and f"{script}:2:" in err and "expected screen 'player'" in err
    code, err, script = run_script(tmp_path, "- tap: nowhere\n", capsys)
    assert code == 1 and "widget 'nowhere' is not on screen" in err
