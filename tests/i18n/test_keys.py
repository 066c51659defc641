"""Code and catalogues agree: every key the code asks for is in the catalogue, every message in
the catalogue is asked for, and a count is asked for with `tn` exactly where the message has
plural forms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from devices.checks import CONDITIONS
from devices.parts.traffic_lights import COLOURS as LIGHTS
from kiosk.clock import CORRECTED, NTP, UNSYNCED
from kiosk.journal import BANDS, GENDERS, STATUSES
from kiosk.maker.blocks import ACTIONS, COLOURS, MELODIES, TRIGGERS
from kiosk.maker.sentences import UNITS
from kiosk.maker.status import REASONS, STATES
from kiosk.stop import VENUE_TYPES
from kiosk.sync.round import CHECKING, FINAL_STATES, IDLE, RECONCILING, SENDING, SyncProgress
from kiosk.ui.makerlist import ACTIONS as LIST_ACTIONS
from kiosk.ui.makerpick import QUESTIONS, WORDS
from kiosk.ui.stopentry import FIELDS
from kiosk.workshop import DEMOS
from listing.models.incoming import VENUE_TYPES as LISTING_VENUES
from listing.uit.reasons import TEXTS as UIT_REASONS
from tests.i18n.catalogues import REPO, SOURCE, po_files, read_mo

# Keys the code builds from a prefix, and every value the code can fill in, from the code itself.
# A key built some other way fails the test until its expansion is added here.
KIOSK_BUILT = {
    "ui.band.{}": BANDS,
    "ui.gender.{}": GENDERS,
    "ui.status.{}": STATUSES,
    "ui.venue.{}": VENUE_TYPES,
    "ui.stopentry.{}": FIELDS,
    "ui.demo.{}": DEMOS,
    "ui.startup.clock_{}": (NTP, CORRECTED, UNSYNCED),
    "ui.sync.state.{}": (IDLE, CHECKING, SENDING, RECONCILING, *FINAL_STATES),
    "ui.month.{}": range(1, 13),
    "check.{}": CONDITIONS,
    "card.check.{}": CONDITIONS,
    "ui.maker.when.{}": TRIGGERS,
    "ui.maker.do.{}": ACTIONS,
    "ui.maker.group.{}": {b.group for b in (*TRIGGERS.values(), *ACTIONS.values())},
    "ui.maker.unit.{}": UNITS,
    "ui.maker.colour.{}": COLOURS,
    "ui.maker.melody.{}": MELODIES,
    "ui.maker.light.{}": LIGHTS,
    "ui.maker.state.{}": STATES,
    "ui.maker.off.{}": REASONS,
    "ui.maker.word.{}": range(1, WORDS + 1),
    "ui.maker.pick.{}": QUESTIONS,
    "ui.maker.list.{}": [what for what, *_ in LIST_ACTIONS],
}
LISTING_BUILT = {
    "venue.{}": LISTING_VENUES,
    "weekday.{}": range(1, 8),  # ISO: Monday is 1
    "month.{}": range(1, 13),
    "month_short.{}": range(1, 13),
    "uit_why_{}": UIT_REASONS,
}
# Namespaces in which every string literal of kiosk/ and devices/ is a message key, wherever it
# is written (a reason key, a notice, a variable picked before the call).
NAMESPACES = "ui|check|card|speech|journal"
KEY = re.compile(rf"\"((?:{NAMESPACES})\.[A-Za-z0-9_.-]*[A-Za-z0-9_])\"")
BUILT_KEY = re.compile(rf"f\"((?:{NAMESPACES})\.[^\"]*\{{[^\"]*)\"")
NOT_KEYS = {"journal.sqlite3"}  # the journal's file name
CALL = re.compile(r"\b(tn?)\(\s*(f?)\"([^\"]+)\"")  # t("key", ...), tn("key", n), t(f"a.{b}")


def sources(*folders: str, suffixes: tuple[str, ...] = (".py",)) -> dict[Path, str]:
    return {
        path: path.read_text(encoding="utf-8")
        for folder in folders
        for path in sorted((REPO / folder).rglob("*"))
        if path.suffix in suffixes
    }


class Usage:
    """The keys a body of code asks for: literally, with a count, and built from a prefix."""

    def __init__(self, code: dict[Path, str], built: dict, namespaced: bool = False):
        self.singular, self.counted, self.patterns = set(), set(), set()
        self.literals = set()  # every string literal: a key may travel in a variable
        for text in code.values():
            self.literals |= set(re.findall(r"\"([^\"\n]+)\"", text))
            for call, is_f, key in CALL.findall(text):
                if is_f:
                    self.patterns.add(re.sub(r"\{[^}]*\}", "{}", key))
                else:
                    (self.counted if call == "tn" else self.singular).add(key)
            if namespaced:
                self.singular |= set(KEY.findall(text)) - NOT_KEYS
                self.patterns |= {re.sub(r"\{[^}]*\}", "{}", k) for k in BUILT_KEY.findall(text)}
        self.singular -= self.counted
        self.built = {p.format(v) for p in self.patterns & built.keys() for v in built[p]}

    def asked(self) -> set[str]:
        return self.singular | self.counted | self.built


def catalogue(domain: str):
    return read_mo(po_files(domain)[SOURCE].with_suffix(".mo"))[0]


@pytest.fixture(scope="module")
def kiosk() -> Usage:
    return Usage(sources("kiosk", "devices"), KIOSK_BUILT, namespaced=True)


@pytest.fixture(scope="module")
def listing() -> Usage:
    return Usage(sources("listing", suffixes=(".py", ".j2")), LISTING_BUILT)


@pytest.mark.parametrize(("domain", "built"), [("kiosk", KIOSK_BUILT), ("listing", LISTING_BUILT)])
def test_every_key_built_from_a_prefix_is_known(domain, built, kiosk, listing):
    usage = {"kiosk": kiosk, "listing": listing}[domain]
    assert usage.patterns == built.keys(), "add the new pattern and its values to *_BUILT"


@pytest.mark.parametrize("domain", ["kiosk", "listing"])
def test_every_key_the_code_asks_for_is_in_the_catalogue(domain, kiosk, listing):
    usage = {"kiosk": kiosk, "listing": listing}[domain]
    assert sorted(usage.asked() - catalogue(domain).keys()) == []


@pytest.mark.parametrize("domain", ["kiosk", "listing"])
def test_every_message_in_the_catalogue_is_asked_for(domain, kiosk, listing):
    usage = {"kiosk": kiosk, "listing": listing}[domain]
    used = usage.asked() | (catalogue(domain).keys() & usage.literals)
    assert sorted(catalogue(domain).keys() - used) == []


@pytest.mark.parametrize("domain", ["kiosk", "listing"])
def test_counts_are_asked_for_with_tn_and_only_plurals_are(domain, kiosk, listing):
    usage = {"kiosk": kiosk, "listing": listing}[domain]
    plurals = {k for k, m in catalogue(domain).items() if m.plural}
    assert usage.counted == plurals
    assert not (usage.singular | usage.built) & plurals


def test_the_expansions_reach_every_value_the_code_uses():
    assert SyncProgress().state in KIOSK_BUILT["ui.sync.state.{}"]
    assert {"home.count", "ui.end.saved", "ui.pin.locked"} <= catalogue("kiosk").keys()
