"""The kiosk application: opens the display, builds the screens and runs the frame loop.

Headless (`--headless`), it renders off-screen and saves screenshots instead of showing them.
"""

from __future__ import annotations

import os
from pathlib import Path

from devices.kitconfig import load_kit
from kiosk.config import Config
from kiosk.i18n import Catalogue
from kiosk.library import load_library, shipped_dir


def run_app(
    config: Config,
    *,
    simulate: bool,
    fullscreen: bool,
    headless: bool,
    script: str | None,
    screenshots: str | None,
) -> int:
    if headless:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from kiosk.ui import theme
    from kiosk.ui.home import draw_home

    kit, _ = load_kit(config.kit)
    library = load_library([shipped_dir(), *config.workshops_dirs], kit)
    text = Catalogue(config.language)
    pygame.init()
    try:
        flags = pygame.FULLSCREEN | pygame.SCALED if fullscreen else pygame.SCALED
        screen = pygame.display.set_mode(theme.SIZE, 0 if headless else flags)
        pygame.display.set_caption(text.t("app.title"))
        draw_home(screen, library.sorted(), text)
        pygame.display.flip()
        if headless:
            folder = Path(screenshots or "screenshots")
            folder.mkdir(parents=True, exist_ok=True)
            pygame.image.save(screen, str(folder / "home.png"))
            print(f"screenshot: {folder / 'home.png'}")
            return 0
        clock = pygame.time.Clock()
        while not any(e.type == pygame.QUIT for e in pygame.event.get()):
            clock.tick(10)
        return 0
    finally:
        pygame.quit()
