"""The fleet part of a sync round, after the sessions (listing-api.md, Fleet): the plan (with
If-None-Match), the packs it lacks (downloaded, checked, installed or refused), the packs that
left it removed, then the kiosk's status report.

A transfer failure leaves a pack pending for a later round; only bytes that fail the checks are
refused, and a refused sha256 is never fetched again. The workshop parser loads only when a pack
is to be installed: a round with nothing new reads a few small files.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace

from kiosk.core.packstore import PENDING, REFUSED, installed, records, save_records
from kiosk.core.plan import (
    MAX_PACK_BYTES,
    PackRef,
    Plan,
    PlanError,
    load_plan,
    parse_plan,
    save_plan,
)
from kiosk.sync.client import RetryLater

log = logging.getLogger(__name__)


def run_fleet(sync, config, clock_offset_s: float) -> list[str]:
    """Plan, packs, status for one round (`sync`: the Round, for its client, journal, retries
    and progress); returns what a later round must try again (empty when all went through)."""
    later: list[str] = []
    sync.progress_message("checking the plan")
    plan = _fetch_plan(sync, config)
    kept = records(config.data_dir)
    if plan is not None:
        later += _fetch_packs(sync, config, plan, kept)
        _tidy(sync, config, plan, kept)
    from kiosk.core.status import build_report, remember_sent  # loads the library's folders

    synced = sync.journal.clock.synchronised()
    now = dt.datetime.now(dt.UTC)
    if not synced:  # on the listing's clock, measured this round: an unset clock is no reason
        now += dt.timedelta(seconds=clock_offset_s)  # for the listing to think it old news
    clock = "ntp" if synced else "corrected"
    report = build_report(config, sync.journal, clock_offset_s=clock_offset_s, clock=clock,
                          now=now, plan=plan, kept=kept)  # fmt: skip
    sync.progress_message("sending the kiosk's status")
    sync.retrying(lambda: sync.client.put_status(config.kiosk_id, report))
    _saved(lambda: remember_sent(config.data_dir, report))
    return later


def _saved(write) -> None:
    """Keep something on disk if there is room; a full disk must not end the round (what is in
    memory still goes into this round's report)."""
    try:
        write()
    except OSError as err:
        log.warning("cannot write to the data dir: %s", err)


def _fetch_plan(sync, config) -> Plan | None:
    """The plan the listing has now (kept on disk), or the one kept when it did not change."""
    kept = load_plan(config.data_dir)
    etag = kept.etag if kept else None
    answer = sync.retrying(lambda: sync.client.plan(config.kiosk_id, etag))
    if answer is None:
        return kept
    body, new_etag = answer
    try:
        plan = parse_plan(body)
        if plan.kiosk_id != config.kiosk_id:
            raise PlanError("/kiosk_id: not this kiosk's")
    except PlanError as err:
        raise RetryLater(f"the listing's plan does not follow the contract ({err})") from None
    now = dt.datetime.now(dt.UTC)
    _saved(lambda: save_plan(config.data_dir, body, new_etag, now))
    return replace(plan, etag=new_etag, received_at=now)


def _fetch_packs(sync, config, plan: Plan, kept: dict[str, dict]) -> list[str]:
    """Every pack of the plan not installed nor refused: fetched and installed; `kept` (the
    packs' records) updated and saved."""
    from kiosk.packinstall import clear_scratch  # the parser: only when a pack is missing

    present = set(installed(config.data_dir))
    missing = [
        p for p in plan.packs
        if p.sha256 not in present and kept.get(p.sha256, {}).get("state") != REFUSED
    ]  # fmt: skip
    if not missing:
        return []
    clear_scratch(config.data_dir)
    later = []
    for pack in missing:
        sync.progress_message(f"fetching pack {pack.name}")
        state, detail = _fetch_one(sync, config, plan, pack)
        if state in (REFUSED, PENDING):
            kept[pack.sha256] = {"state": state, "name": pack.name, "detail": detail}
            if state == PENDING:
                later.append(f"pack {pack.name}: {detail}")
            else:
                log.warning("pack %s (%s) refused: %s", pack.name, pack.sha256, detail)
        else:
            kept.pop(pack.sha256, None)
        _saved(lambda: save_records(config.data_dir, kept))
    return later


def _fetch_one(sync, config, plan: Plan, pack: PackRef) -> tuple[str, str | None]:
    from kiosk.packinstall import install_download, scratch_file

    if pack.size > MAX_PACK_BYTES:
        too_big = f"{pack.size} bytes, more than a pack may have (50 MiB)"
        return REFUSED, f"{pack.name}.zip:1:1: {too_big}"
    try:
        archive = scratch_file(config.data_dir, pack.sha256)
    except OSError as err:
        return PENDING, f"cannot download the pack ({err.strerror})"
    try:
        sync.retrying(lambda: sync.client.download_pack(pack.sha256, pack.size, archive))
        outcome = install_download(config, plan, pack, archive)
        return outcome.state, outcome.detail
    except RetryLater as err:
        return PENDING, err.message
    except OSError as err:  # the download could not be written (disk full)
        return PENDING, f"cannot download the pack ({err.strerror}); the kiosk keeps what it had"
    finally:
        archive.unlink(missing_ok=True)


def _tidy(sync, config, plan: Plan, kept: dict[str, dict]) -> None:
    """Packs that left the plan go once no open session uses them; records of packs gone from
    the plan are dropped, except refusals (the same bytes are never fetched again)."""
    wanted = {p.sha256 for p in plan.packs}
    if set(installed(config.data_dir)) - wanted:
        from kiosk.packinstall import remove_leaving

        in_use = {s.workshop_id for s in sync.journal.sessions() if s.status == "open"}
        remove_leaving(config, plan, in_use)
    gone = [k for k, v in kept.items() if k not in wanted and v.get("state") != REFUSED]
    for sha in gone:
        del kept[sha]
    if gone:
        _saved(lambda: save_records(config.data_dir, kept))
