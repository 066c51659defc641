"""Screen text from gettext catalogues, `kiosk/locale/<lang>/LC_MESSAGES/kiosk.mo`: Dutch first.

Drawing code never holds words; it asks `Catalogue(lang).t(key)` (`.tn(key, n)` for a count).
Every folder with a compiled catalogue is a language: adding one needs no code.
"""

from __future__ import annotations

from functools import cache
from gettext import GNUTranslations
from pathlib import Path

DOMAIN = "kiosk"
LOCALE = Path(__file__).with_name("locale")
SOURCE = "nl"  # the language every other falls back to, message by message
ORDER = ("nl", "en", "fr")  # how the languages are offered; any other follows, by code


@cache
def languages() -> tuple[str, ...]:
    """Every language with a compiled catalogue, Dutch first."""
    found = {mo.parent.parent.name for mo in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")}
    return tuple(sorted(found, key=lambda lang: (ORDER.index(lang) if lang in ORDER else 9, lang)))


def next_language(lang: str) -> str:
    """The language the language button switches to: the next one, round the list."""
    offered = languages()
    return offered[(offered.index(lang) + 1) % len(offered)] if lang in offered else SOURCE


@cache
def _translations(lang: str) -> GNUTranslations:
    with (LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as mo:
        translations = GNUTranslations(mo)
    if lang != SOURCE:
        translations.add_fallback(_translations(SOURCE))
    return translations


class Catalogue:
    """The strings of one language; a message it lacks comes from the Dutch catalogue."""

    def __init__(self, lang: str = SOURCE):
        self.lang = lang if lang in languages() else SOURCE

    def t(self, key: str, **values: object) -> str:
        text = _translations(self.lang).gettext(key)
        return _format(key, text, values)

    def tn(self, key: str, n: int, **values: object) -> str:
        """A message about a count: the plural form for `n` in this language, `{n}` filled in."""
        text = _translations(self.lang).ngettext(key, key, n)
        return _format(key, text, {"n": n, **values})


def _format(key: str, text: str, values: dict[str, object]) -> str:
    if text == key:  # gettext hands back the key itself when no catalogue has it
        raise KeyError(f"no catalogue entry '{key}'")
    return text.format(**values) if values else text
