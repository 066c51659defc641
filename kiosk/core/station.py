"""The kiosk's parts, opened together and closed together: the kit (on the Pi's pins or
simulated), the journal, the workshop library, the tour file and the listing's plan, and a sync
worker if asked for.

Nothing here raises on a bad file or a missing part: problems are kept for the start-up check.
The sync worker comes from whoever opens the station (`sync=`), so the core, and the screens on
top of it, never import the network code.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from devices.kit import Kit
from devices.kitconfig import KitSpec, load_kit
from devices.yamlsource import Problem
from kiosk.config import Config
from kiosk.core.folders import fingerprint, open_library
from kiosk.core.plan import Plan, load_plan
from kiosk.core.stops import known_stops, resolve_stop
from kiosk.journal import Journal, JournalError
from kiosk.library import Library
from kiosk.stop import Stop
from kiosk.tour import Tour, load_tour

log = logging.getLogger(__name__)


class Syncer(Protocol):
    """What the station needs of a background sync (kiosk.sync.SyncWorker is one)."""

    progress: object  # kiosk.sync.SyncProgress: state, confirmed, ...

    def start(self) -> object: ...
    def stop(self) -> None: ...
    def request_now(self) -> None: ...


SyncFactory = Callable[[Config, Path], Syncer]  # (config, journal path) -> a worker not started


@dataclass
class Station:
    config: Config
    simulate: bool = False
    spec: KitSpec | None = None
    kit: Kit | None = None
    kit_error: str | None = None
    journal: Journal | None = None
    journal_error: str | None = None
    library: Library = field(default_factory=Library)
    tour: Tour | None = None
    plan: Plan | None = None  # the listing's, as the sync process last kept it
    library_mark: list = field(default_factory=list)  # the library's files when it was loaded
    kit_problems: list[Problem] = field(default_factory=list)
    tour_problems: list[Problem] = field(default_factory=list)
    sync: Syncer | None = None  # running while a listing is configured and the journal is open

    @classmethod
    def open(
        cls,
        config: Config,
        *,
        simulate: bool = False,
        hardware: bool = True,
        library: Library | None = None,
        sync: SyncFactory | None = None,
    ) -> Station:
        """Open every part. hardware=False reads the kit file without claiming any pin (what a
        command needs to check workshops); `library` skips loading it again (tests, benches)."""
        s = cls(config, simulate)
        s.spec, s.kit_problems = load_kit(config.kit)
        if hardware and s.spec is not None:
            try:
                s.kit = Kit(s.spec, simulate=simulate)
            except Exception as err:  # no GPIO on this machine, a pin in use, ...
                log.exception("the kit did not open")
                s.kit_error = str(err) or type(err).__name__
        s.library_mark = fingerprint(config)
        s.library = library or open_library(config, s.spec)
        s.plan = load_plan(config.data_dir)
        if config.tour is not None:
            s.tour, s.tour_problems = load_tour(config.tour)
        try:
            s.journal = Journal.for_config(config)
        except JournalError as err:  # the start-up check shows it; a command prints it
            s.journal_error = err.message
        if sync is not None and config.listing_url and s.journal is not None:
            s.sync = sync(config, s.journal.path)
            s.sync.start()
        return s

    @property
    def problems(self) -> list[Problem]:
        """What the facilitator must know was skipped: kit, tour and workshop problems."""
        return [*self.kit_problems, *self.tour_problems, *self.library.problems]

    @property
    def stops(self) -> Tour:
        """Every stop the kiosk knows: the listing's plan first, then the tour file."""
        return known_stops(self.plan, self.tour)

    def stop_for(self, name: str | None) -> Stop:
        """Where a session takes place: the known stop of that name, else free text."""
        return resolve_stop(name, self.stops)

    def refresh(self) -> bool:
        """Read the plan again, and the library if a folder changed (a pack installed or gone, a
        USB import): never during a session. True when the library was loaded again."""
        self.plan = load_plan(self.config.data_dir)
        mark = fingerprint(self.config)
        if mark == self.library_mark:
            return False
        self.library_mark = mark
        self.library = open_library(self.config, self.spec)
        return True

    def close(self) -> None:
        if self.sync is not None:
            self.sync.stop()
        if self.kit is not None:
            self.kit.close()
        if self.journal is not None:
            self.journal.close()

    def __enter__(self) -> Station:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
