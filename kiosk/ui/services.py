"""What the kiosk runs on, opened once at start-up: kit, journal, library, tour plan, sync worker.

Nothing here raises on a bad file or a missing part: problems are kept for the start-up check.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from devices.kit import Kit
from devices.kitconfig import KitSpec, load_kit
from devices.yamlsource import Problem
from kiosk.config import Config
from kiosk.journal import Journal, JournalError
from kiosk.library import Library, load_library, shipped_dir
from kiosk.tour import Tour, load_tour

log = logging.getLogger(__name__)


@dataclass
class Services:
    config: Config
    simulate: bool
    spec: KitSpec | None = None
    kit: Kit | None = None
    kit_error: str | None = None
    journal: Journal | None = None
    journal_error: str | None = None
    library: Library = field(default_factory=Library)
    tour: Tour | None = None
    problems: list[Problem] = field(default_factory=list)  # kit, tour, skipped workshops
    sync: object | None = None  # kiosk.sync.SyncWorker when a listing is configured

    @classmethod
    def open(cls, config: Config, *, simulate: bool, library: Library | None = None) -> Services:
        """Open everything; `library` skips loading the workshops again (tests, benchmarks)."""
        s = cls(config, simulate)
        s.spec, problems = load_kit(config.kit)
        s.problems.extend(problems)
        if s.spec is not None:
            try:
                s.kit = Kit(s.spec, simulate=simulate)
            except Exception as err:  # no GPIO on this machine, a pin in use, ...
                log.exception("the kit did not open")
                s.kit_error = str(err) or type(err).__name__
        s.library = library or load_library([shipped_dir(), *config.workshops_dirs], s.spec)
        if library is None and config.imported_workshops_dir.is_dir():
            extra = load_library([config.imported_workshops_dir], s.spec)
            for wid, workshop in extra.workshops.items():
                s.library.workshops.setdefault(wid, workshop)
            s.library.problems.extend(extra.problems)
        if config.tour is not None:
            s.tour, problems = load_tour(config.tour)
            s.problems.extend(problems)
        try:
            s.journal = Journal.for_config(config)
        except JournalError as err:
            log.exception("the journal did not open")
            s.journal_error = err.message
        s.start_sync()
        return s

    def start_sync(self) -> None:
        """The background sync worker, only with a listing configured and a journal open."""
        if not self.config.listing_url or self.journal is None:
            return
        from kiosk.sync import SyncWorker

        self.sync = SyncWorker(self.config, self.journal.path)
        self.sync.start()

    def close(self) -> None:
        if self.sync is not None:
            self.sync.stop()
        if self.kit is not None:
            self.kit.close()
        if self.journal is not None:
            self.journal.close()
