"""Starting the kiosk: open the station and the display, then run the loop or play a script.

Whatever fails, the process ends with a logged reason and an exit code, never a traceback.
"""

from __future__ import annotations

import logging
import os
import sys
from importlib import resources
from pathlib import Path

import pygame

from kiosk.config import Config
from kiosk.core.station import Station, SyncFactory
from kiosk.logs import setup_logging
from kiosk.speech import Speech
from kiosk.ui import pictures
from kiosk.ui.app import App
from kiosk.ui.display import Display, start
from kiosk.ui.script import Player, ScriptError, load_script

log = logging.getLogger("kiosk.ui")
DEMO_SCRIPT = "demo.yaml"  # the built-in demo tour (`make run` without a display)


def run_app(
    config: Config,
    *,
    simulate: bool,
    fullscreen: bool,
    headless: bool,
    script: str | None,
    screenshots: str | None,
    sync: SyncFactory | None = None,
) -> int:
    """Run the kiosk; `sync` builds the background sync worker when a listing is configured."""
    if headless:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    setup_logging(logging.INFO)
    path = script or str(resources.files("kiosk.ui") / DEMO_SCRIPT)
    parsed = None
    if headless:
        parsed, problems = load_script(path)
        for problem in problems:
            print(problem, file=sys.stderr)
        if parsed is None:
            return 1
    start()
    station = Station.open(config, simulate=simulate, sync=sync)
    if station.journal_error:
        log.error("the journal did not open: %s", station.journal_error)
    try:
        display = Display(fullscreen=fullscreen and not headless)
        app = App(station, display, fullscreen=fullscreen and not headless, speech=Speech())
        pygame.display.set_caption(app.text.t("app.title"))
        app.go("startup")
        if not headless:
            return app.run()
        folder = Path(screenshots or "screenshots")
        folder.mkdir(parents=True, exist_ok=True)
        player = Player(app, parsed, folder)
        try:
            player.play()
        except ScriptError as err:
            print(err, file=sys.stderr)
            return 1
        print(f"{len(player.saved)} screenshot(s) in {folder}/")
        return 0
    except Exception:
        log.exception("the kiosk stopped on an unexpected fault")
        return 1
    finally:
        station.close()
        pygame.quit()
        pictures.forget()  # fonts die with pygame.quit(); a next run makes new ones
