"""The broken corpus: every file gives exactly its expected problems, at the exact place."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from devices.kitconfig import load_kit
from kiosk.cli import main
from kiosk.commands.validate import kind_of
from kiosk.config import load_config
from kiosk.tour import load_tour
from kiosk.workshop import load_workshop
from tests.content.conftest import BROKEN, KINDS, expected

CASES = sorted(expected().items())


def problems_of(kind: str, path: Path, kit) -> list:
    if kind == "workshop":
        return load_workshop(path, kit)[1]
    if kind == "kit":
        return load_kit(path)[1]
    if kind == "tour":
        return load_tour(path)[1]
    return load_config(path)[1]


def test_corpus_is_large_and_every_file_has_an_expectation():
    files = sorted(str(p.relative_to(BROKEN)) for p in BROKEN.glob("*/*.yaml"))
    assert len(files) >= 30
    assert files == [name for name, _ in CASES]


@pytest.mark.parametrize(("name", "lines"), CASES, ids=[name for name, _ in CASES])
def test_broken_file_gives_its_exact_problems(name, lines, kit):
    path = BROKEN / name
    kind = KINDS[name.split("/")[0]]
    assert kind_of(path) == kind
    found = problems_of(kind, path, kit)
    assert [f"{p.line}:{p.column}: {p.message}" for p in found] == lines
    assert all(p.path == str(path) for p in found)


def run_cli(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, XDG_DATA_HOME=str(home))
    env.pop("STEM_KIOSK_CONFIG", None)
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli", *args],
        cwd=cwd,
        env=env | {"PYTHONPATH": str(Path(__file__).parents[2])},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("folder", sorted(KINDS))
def test_validate_command_reports_every_corpus_file_and_exits_1(folder, tmp_path):
    result = run_cli("validate", str(BROKEN / folder), cwd=tmp_path, home=tmp_path / "xdg")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    want = [
        f"{BROKEN / name}:{line}"
        for name, lines in CASES
        if name.startswith(folder + "/")
        for line in lines
    ]
    printed = result.stdout.splitlines()
    assert printed[:-1] == want
    assert printed[-1].startswith(f"{len(want)} problem(s) in ")
    assert not (tmp_path / "pwned-by-yaml").exists()  # python-tag.yaml never ran its command


def test_validate_command_passes_the_shipped_library(tmp_path):
    result = run_cli("validate", cwd=tmp_path, home=tmp_path / "xdg")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("all valid")
    assert result.stderr == ""


def test_validate_names_a_yml_file_the_library_would_skip(tmp_path, capsys):
    shipped = Path(__file__).parents[2] / "workshops" / "reactiespel.yaml"
    (tmp_path / "reactiespel.yml").write_bytes(shipped.read_bytes())
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert (
        f"{tmp_path / 'reactiespel.yml'}:1:1: skipped: a workshop file's name must end in .yaml"
        in out
    )
