"""Every string the UI draws comes from both catalogues."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from devices.kitconfig import load_kit
from kiosk.journal import BANDS, GENDERS, STATUSES
from kiosk.stop import VENUE_TYPES
from kiosk.sync.round import SyncProgress

UI = Path(__file__).parents[2] / "kiosk" / "ui"
LOCALE = Path(__file__).parents[2] / "kiosk" / "locale"


def catalogue(lang):
    return yaml.safe_load((LOCALE / f"{lang}.yaml").read_text(encoding="utf-8"))


def test_every_ui_key_in_the_code_is_in_both_catalogues():
    used = set()
    for path in UI.glob("*.py"):
        used |= set(re.findall(r'"(ui\.[a-z0-9_.-]+[a-z0-9_])"', path.read_text()))
    used |= {f"ui.band.{b}" for b in BANDS} | {f"ui.gender.{g}" for g in GENDERS}
    used |= {f"ui.status.{s}" for s in STATUSES}
    used |= {f"ui.venue.{v}" for v in VENUE_TYPES}
    used |= {f"ui.stopentry.{f}" for f in ("name", "town", "postcode")}
    used |= {f"ui.demo.{k}" for k in ("graph", "reaction", "theremin")}
    used |= {f"ui.startup.clock_{s}" for s in ("ntp", "corrected", "unsynced")}
    for lang in ("nl", "en"):
        missing = used - set(catalogue(lang))
        assert not missing, f"{lang}.yaml lacks {sorted(missing)}"
    assert SyncProgress().state in {k.split(".")[-1] for k in catalogue("nl") if "sync.state" in k}
    assert load_kit()[0] is not None


def test_ui_keys_are_the_same_in_both_languages():
    nl = {k for k in catalogue("nl") if k.startswith("ui.")}
    en = {k for k in catalogue("en") if k.startswith("ui.")}
    assert nl == en
