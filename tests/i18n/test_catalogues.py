"""The catalogue files themselves: every .po compiles cleanly and matches its committed .mo and
the .pot template; every language has every message, the same placeholders, every plural form."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.i18n.catalogues import (
    DOMAINS,
    SOURCE,
    catalog,
    faults,
    msgfmt,
    po_files,
    read_mo,
    template,
    template_path,
)
from tests.support.tools import tool_or_skip

FILES = [(domain, lang) for domain in DOMAINS for lang in po_files(domain)]
STALE = "is stale: run `make catalogues` and commit the result"


def test_there_is_a_catalogue_per_language():
    assert set(po_files("kiosk")) == {"nl", "en", "fr"}
    assert set(po_files("listing")) == {"nl", "en"}
    for domain, lang in FILES:
        assert po_files(domain)[lang].with_suffix(".mo").is_file(), f"{domain} {lang}: no .mo"


@pytest.mark.parametrize(("domain", "lang"), FILES)
def test_each_po_compiles_cleanly_to_its_committed_mo(domain, lang, tmp_path):
    tool_or_skip("msgfmt", "gettext")
    po = po_files(domain)[lang]
    result = msgfmt(po, tmp_path / "fresh.mo")
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr
    fresh, committed = catalog(tmp_path / "fresh.mo"), catalog(po.with_suffix(".mo"))
    assert committed == fresh, (
        f"{po.with_suffix('.mo').relative_to(DOMAINS[domain].parent)} {STALE}"
    )


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_template_is_current(domain):
    current = template_path(domain).read_text(encoding="utf-8")
    assert current == template(domain), f"{template_path(domain).name} {STALE}"


@pytest.mark.parametrize(("domain", "lang"), FILES)
def test_every_message_is_there_with_its_placeholders_and_plural_forms(domain, lang):
    """msgfmt leaves empty and fuzzy entries out of a .mo: those count as missing here."""
    source, _ = read_mo(po_files(domain)[SOURCE].with_suffix(".mo"))
    mine, nplurals = read_mo(po_files(domain)[lang].with_suffix(".mo"))
    assert faults(mine, nplurals, source) == []


def broken(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the French catalogue with one text changed."""
    po = tmp_path / "fr.po"
    text = po_files("kiosk")["fr"].read_text(encoding="utf-8")
    assert old in text
    po.write_text(text.replace(old, new, 1), encoding="utf-8")
    return po


@pytest.mark.parametrize(
    ("old", "new", "fault"),
    [
        ('"Étape {n} sur {m}"', '"Étape {n} sur {total}"', "ui.player.step: does not format"),
        ('"Étape {n} sur {m}"', '"Étape {n} sur {m"', "ui.player.step: does not format"),
        ('"Étape {n} sur {m}"', '"Étape {0} sur {m}"', "ui.player.step: does not format"),
        ('"Étape {n} sur {m}"', '"Étape {n}"', "ui.player.step: ['Étape {n}'] has not"),
        ('"Suivant"', '"Suivant {n}"', "ui.stopentry.next: ['Suivant {n}'] has not"),
        ('msgstr[1] "{n} ateliers"', 'msgstr[1] ""', "home.count: needs 2 plural forms"),
        ('msgstr "Choisis un atelier"', 'msgstr ""', "missing: home.heading"),
        ('\nmsgid "home.heading"', '\n#, fuzzy\nmsgid "home.heading"', "missing: home.heading"),
    ],
)
def test_a_broken_translation_is_caught(tmp_path, old, new, fault):
    tool_or_skip("msgfmt", "gettext")
    po = broken(tmp_path, old, new)
    assert msgfmt(po, tmp_path / "broken.mo").returncode == 0
    source, _ = read_mo(po_files("kiosk")[SOURCE].with_suffix(".mo"))
    found = faults(*read_mo(tmp_path / "broken.mo"), source)
    assert len(found) == 1 and found[0].startswith(fault), found


def test_msgfmt_refuses_a_plural_message_with_one_form(tmp_path):
    tool_or_skip("msgfmt", "gettext")
    po = broken(tmp_path, 'msgstr[1] "{n} ateliers"\n', "")
    assert msgfmt(po, tmp_path / "one.mo").returncode != 0
