"""The step screenshot script: its generated headless scripts are valid and play to the end."""

from __future__ import annotations

import pygame
import pytest
import yaml

from kiosk.library import shipped_dir, workshop_files
from kiosk.ui import theme
from kiosk.ui.script import Player, load_script
from tests.library.screenshots import script

SHIPPED = workshop_files(shipped_dir())


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_workshop_gets_a_valid_script(path, library, kit_spec, tmp_path):
    workshop = library.workshops[path.stem]
    file = tmp_path / "shots.yaml"
    file.write_text(yaml.safe_dump(script(workshop, library, kit_spec)))
    parsed, problems = load_script(file)
    assert problems == [] and parsed is not None
    shots = [arg for _where, action, arg in parsed.steps if action == "screenshot"]
    assert len(shots) == len(set(shots))  # one file per view
    for n, step in enumerate(workshop.steps, 1):
        assert any(s.startswith(f"{n:02d}-{step.id}") for s in shots)


def test_the_script_plays_through_the_kiosk_with_every_check_green(
    make_app, library, kit_spec, tmp_path
):
    workshop = library.workshops["reactiespel"]
    file = tmp_path / "reactiespel.yaml"
    file.write_text(yaml.safe_dump(script(workshop, library, kit_spec)))
    parsed, _ = load_script(file)
    app = make_app()
    app.go("startup")
    player = Player(app, parsed, tmp_path)
    player.play()
    assert app.screen.id == "home" and app.session is None  # the session was confirmed
    passed = [p for p in player.saved if p.stem.endswith("-passed")]
    checks = [s.check for s in workshop.steps] + [
        v.check for s in workshop.steps for v in s.variants
    ]
    assert len(passed) == sum(1 for c in checks if c) == 5  # the 14+ choice opens maker mode
    for path in player.saved:
        image = pygame.image.load(str(path))
        assert image.get_size() == (800, 480)
    for path in passed:  # the check box is green on every "-passed" view
        image = pygame.image.load(str(path))
        edge = (theme.CHECK_BOX.x + 10, theme.CHECK_BOX.centery)
        assert image.get_at(edge)[:3] == theme.OK, path.name
