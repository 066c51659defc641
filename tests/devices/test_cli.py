"""`stem-kiosk devices ...`: in-process through kiosk.cli.main, and once as a real process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pygame

from kiosk.cli import main


def test_list_shows_every_device_with_its_pins(capsys):
    assert main(["devices", "list"]) == 0
    out = capsys.readouterr().out
    assert "distance" in out and "trigger GPIO23 (pin 16), echo GPIO24 (pin 18)" in out
    assert len(out.splitlines()) == 14


def test_check_simulated_kit_is_all_ok_one_line_each(capsys):
    assert main(["devices", "check", "--simulate"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "pin factory: MockFactory (simulated)"
    assert len(lines) == 15
    assert all(" ok  " in line for line in lines[1:])
    assert any(line.startswith("distance") and "cm" in line for line in lines)


def test_check_on_mock_pins_reports_the_absent_sensors_and_exits_1(capsys):
    assert main(["devices", "check"]) == 1
    out = capsys.readouterr().out
    assert "nothing is connected" in out
    distance = next(line for line in out.splitlines() if line.startswith("distance"))
    assert "FAIL" in distance and "no echo" in distance


def test_watch_or_wiring_of_an_unknown_device_is_one_line_and_exit_2(capsys, tmp_path):
    assert main(["devices", "watch", "laser", "--simulate"]) == 2
    assert main(["devices", "wiring", "laser", "--png", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all("no device 'laser'" in line for line in err)


def test_wiring_writes_the_png(tmp_path, capsys):
    path = tmp_path / "led.png"
    assert main(["devices", "wiring", "led", "--png", str(path)]) == 0
    assert pygame.image.load(str(path)).get_size() == (380, 300)


def test_a_broken_kit_file_is_reported_with_its_position(tmp_path, capsys):
    kit = tmp_path / "kit.yaml"
    kit.write_text("devices:\n  led:\n    type: led\n    pin: 99\n")
    config = tmp_path / "kiosk.yaml"
    config.write_text(f"kit: {kit}\n")
    assert main(["--config", str(config), "devices", "list"]) == 1
    assert f"{kit}:4:10: GPIO99 is not on the 40-pin header" in capsys.readouterr().out


def test_watch_prints_live_readings_until_ctrl_c(tmp_path):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli", "devices", "watch", "distance", "--simulate"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not any(" cm" in line for line in lines):
        lines.append(proc.stdout.readline())
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert lines[0].startswith("watching 'distance' on MockFactory (simulated)")
    assert any(" cm" in line for line in lines)
    assert "Traceback" not in err
