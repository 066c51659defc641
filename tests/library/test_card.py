"""The printable workshop card: one A4 page per workshop, every step on it, in nl or en."""

from __future__ import annotations

import pygame
import pytest

from devices.kitconfig import load_kit
from kiosk.card import BODY, FOOTER_TOP, LEAST, MARGIN, PAGE, PAPER, render_card
from kiosk.cli import main
from kiosk.library import shipped_dir, workshop_files
from kiosk.ui import theme
from kiosk.workshop import load_workshop

SHIPPED = workshop_files(shipped_dir())


@pytest.fixture(scope="module")
def kit():
    spec, _ = load_kit()
    return spec


def ink(surface: pygame.Surface, rect: pygame.Rect) -> int:
    """How many pixels of a region are not paper."""
    area = surface.subsurface(rect)
    paper = area.map_rgb(PAPER)
    mask = pygame.mask.from_threshold(area, paper, (1, 1, 1, 255))
    return rect.w * rect.h - mask.count()


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_workshop_fits_one_a4_page_with_every_step(path, lang, kit):
    workshop, problems = load_workshop(path, kit)
    assert problems == []
    card = render_card(workshop, kit, lang)
    assert card.surface.get_size() == PAGE == (1240, 1754)
    assert card.fits and LEAST <= card.body <= BODY
    assert len(card.steps) == len(workshop.steps)
    page = pygame.Rect(MARGIN, MARGIN, PAGE[0] - 2 * MARGIN, PAGE[1] - 2 * MARGIN)
    for i, region in enumerate(card.steps):
        assert page.contains(region), f"step {i + 1} leaves the page"
        assert region.collidelist(card.steps[:i]) == -1, f"step {i + 1} overlaps another"
        badge = pygame.Rect(region.x, region.y, card.body + 14, card.body + 14)
        edge = (badge.x + 3, badge.centery)  # the badge's circle, left of its number
        assert card.surface.get_at(edge)[:3] == theme.ACCENT, f"step {i + 1}: no number"
        text = pygame.Rect(badge.right + 14, region.y, region.w - badge.w - 14, region.h)
        assert ink(card.surface, text) > 200, f"step {i + 1}: no text"
    below = pygame.Rect(MARGIN, card.bottom, page.w, FOOTER_TOP - card.bottom)
    assert ink(card.surface, below) == 0  # nothing between the last step and the footer


def test_a_long_workshop_shrinks_its_text_to_stay_on_one_page(tmp_path, kit):
    source = (shipped_dir() / "theremin.yaml").read_text(encoding="utf-8")
    head, steps = source.split("steps:\n")
    first = steps.split("\n  - id: ")[1]  # the first step, repeated under new ids
    more = "".join(f"\n  - id: extra{i}-{first}" for i in range(8))
    path = tmp_path / "theremin.yaml"
    path.write_text(f"{head}steps:\n{steps.rstrip()}{more}\n", encoding="utf-8")
    workshop, problems = load_workshop(path, kit)
    assert problems == [] and len(workshop.steps) == 14
    short = render_card(load_workshop(shipped_dir() / "theremin.yaml", kit)[0], kit)
    card = render_card(workshop, kit)
    assert card.fits and len(card.steps) == 14
    assert card.body < short.body or card.steps[-1].x > card.steps[0].x  # smaller, or 2 columns


def test_the_cli_writes_the_card_in_the_config_language_or_the_one_asked(tmp_path, capsys):
    config = tmp_path / "kiosk.yaml"
    config.write_text("kiosk_id: test-kiosk\nlanguage: en\n")
    files = {name: tmp_path / f"{name}.png" for name in ("config", "nl", "en")}
    base = ["--config", str(config), "workshops", "card", "theremin", "--png"]
    assert main([*base, str(files["config"])]) == 0
    assert main([*base, str(files["nl"]), "--lang", "nl"]) == 0
    assert main([*base, str(files["en"]), "--lang", "en"]) == 0
    assert capsys.readouterr().out.split() == [str(files[n]) for n in ("config", "nl", "en")]
    images = {n: pygame.image.load(str(f)) for n, f in files.items()}
    assert all(i.get_size() == PAGE for i in images.values())
    as_bytes = {n: pygame.image.tobytes(i, "RGB") for n, i in images.items()}
    assert as_bytes["config"] == as_bytes["en"] != as_bytes["nl"]


def test_an_unknown_workshop_is_one_line_and_exit_2(tmp_path, capsys):
    out = tmp_path / "card.png"
    assert main(["workshops", "card", "no-such-workshop", "--png", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unknown workshop 'no-such-workshop'" in err[0]
    assert not out.exists()
