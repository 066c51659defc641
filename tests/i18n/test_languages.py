"""The languages: Dutch first, English and French; plural forms per language; workshop text in
French or else Dutch; and a new language is one folder, with no code change."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import pytest

from devices.kitconfig import Text, load_kit
from kiosk.config import load_config
from kiosk.i18n import Catalogue, languages, next_language
from kiosk.workshop import load_workshop
from listing.i18n import Catalogue as ListingCatalogue
from tests.i18n.catalogues import REPO, msgfmt
from tests.support.tools import tool_or_skip


def test_the_kiosk_speaks_dutch_english_and_french_in_that_order():
    assert languages() == ("nl", "en", "fr")
    assert [Catalogue(lang).t("home.heading") for lang in languages()] == [
        "Kies een workshop",
        "Choose a workshop",
        "Choisis un atelier",
    ]


def test_the_language_button_cycles_every_language():
    assert [next_language(lang) for lang in ("nl", "en", "fr")] == ["en", "fr", "nl"]
    assert next_language("xx") == "nl"


@pytest.mark.parametrize(
    ("lang", "counts"),
    [
        ("nl", {0: "0 deelnemers", 1: "1 deelnemer", 3: "3 deelnemers"}),
        ("en", {0: "0 participants", 1: "1 participant", 3: "3 participants"}),
        ("fr", {0: "0 participant", 1: "1 participant", 3: "3 participants"}),  # 0 is singular
    ],
)
def test_counts_take_each_languages_plural_form(lang, counts):
    for n, words in counts.items():
        assert Catalogue(lang).tn("journal.report.participants", n) == words


def test_plural_messages_keep_their_other_fields():
    assert Catalogue("nl").tn("ui.end.saved", 1) == "Sessie bewaard: 1 deelnemer."
    assert Catalogue("en").tn("ui.pin.locked", 30) == "Too many tries. Wait 30 seconds."


def test_an_unknown_language_is_dutch_and_an_unknown_key_is_an_error():
    assert Catalogue("xx").lang == "nl"
    with pytest.raises(KeyError, match=r"no catalogue entry 'ui\.nothing'"):
        Catalogue("fr").t("ui.nothing")
    with pytest.raises(KeyError):
        Catalogue("en").tn("ui.nothing", 2)


def test_the_listing_counts_participants_in_its_languages():
    assert ListingCatalogue("nl").tn("participants", 1) == "1 deelnemer"
    assert ListingCatalogue("en").tn("participants", 14) == "14 participants"
    assert ListingCatalogue("fr").lang == "nl"  # the pages have no French (yet)


def test_the_config_accepts_french(tmp_path):
    path = tmp_path / "kiosk.yaml"
    path.write_text("language: fr\n")
    config, problems = load_config(path)
    assert problems == [] and config.language == "fr"


FRENCH_WORKSHOP = {
    "title: {nl: Nachtlampje, en: Night light}": (
        "title: {nl: Nachtlampje, en: Night light, fr: Veilleuse}"
    ),
    "    title: {nl: Sluit de lichtsensor aan, en: Connect the light sensor}": (
        "    title: {nl: Sluit de lichtsensor aan, en: Connect the light sensor, "
        "fr: Branche le capteur de lumière}"
    ),
}


def test_workshop_text_is_french_where_written_and_dutch_where_not(tmp_path):
    text = (REPO / "workshops" / "nachtlampje.yaml").read_text(encoding="utf-8")
    for old, new in FRENCH_WORKSHOP.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "nachtlampje.yaml"
    path.write_text(text, encoding="utf-8")
    workshop, problems = load_workshop(path, load_kit()[0])
    assert problems == []
    assert workshop.title.get("fr") == "Veilleuse"
    assert workshop.steps[0].title.get("fr") == "Branche le capteur de lumière"
    assert workshop.summary.get("fr") == workshop.summary.nl  # no French: the Dutch
    assert workshop.steps[1].title.get("fr") == workshop.steps[1].title.nl
    assert workshop.title.get("en") == "Night light"
    assert Text("Hallo").get("de") == "Hallo"


def test_a_workshop_language_the_validator_does_not_know_is_refused(tmp_path):
    text = (REPO / "workshops" / "nachtlampje.yaml").read_text(encoding="utf-8")
    path = tmp_path / "nachtlampje.yaml"
    path.write_text(text.replace("en: Night light}", "en: Night light, de: Nachtlicht}"))
    workshop, problems = load_workshop(path, load_kit()[0])
    assert workshop is None
    assert [p.message for p in problems] == ["unknown language 'de' in title: only nl, en, fr"]


GERMAN = """\
msgid ""
msgstr ""
"Language: de\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "home.heading"
msgstr "Wähle einen Workshop"

msgid "home.count"
msgid_plural "home.count"
msgstr[0] "{n} Workshop"
msgstr[1] "{n} Workshops"
"""

IN_THE_COPY = """\
import kiosk, kiosk.i18n as i18n
from pathlib import Path
from kiosk.config import load_config
assert kiosk.__file__.startswith({root!r}), kiosk.__file__
print(i18n.languages())
print(i18n.Catalogue("de").t("home.heading"))
print(i18n.Catalogue("de").tn("home.count", 1), i18n.Catalogue("de").tn("home.count", 4))
print(i18n.Catalogue("de").t("ui.back"))
print(i18n.next_language("fr"), i18n.next_language("de"))
Path({root!r}, "kiosk.yaml").write_text("language: de\\n")
config, problems = load_config(Path({root!r}, "kiosk.yaml"))
print(config.language, problems)
"""


def test_a_new_language_is_one_folder(tmp_path):
    """A copy of the kiosk with a German folder (a .po and its .mo) and not one other change."""
    tool_or_skip("msgfmt", "gettext")
    root = tmp_path / "copy"
    for package in ("kiosk", "devices", "workshops"):
        shutil.copytree(
            REPO / package, root / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    folder = root / "kiosk" / "locale" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "kiosk.po").write_text(GERMAN, encoding="utf-8")
    assert msgfmt(folder / "kiosk.po", folder / "kiosk.mo").returncode == 0
    script = textwrap.dedent(IN_THE_COPY).format(root=str(root))
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "('nl', 'en', 'fr', 'de')",
        "Wähle einen Workshop",
        "1 Workshop 4 Workshops",
        "Terug",  # not translated yet: the Dutch
        "de nl",
        "de []",
    ]
