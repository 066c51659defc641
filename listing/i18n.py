"""The public pages' text from gettext catalogues (`listing/locale/<lang>/LC_MESSAGES/listing.mo`).

Dutch by default, English with ?lang=en; every folder with a compiled catalogue is a language.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from gettext import GNUTranslations
from pathlib import Path

DOMAIN = "listing"
LOCALE = Path(__file__).with_name("locale")
SOURCE = "nl"  # the default page, and the language every other falls back to


@cache
def languages() -> frozenset[str]:
    return frozenset(mo.parent.parent.name for mo in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))


@cache
def _translations(lang: str) -> GNUTranslations:
    with (LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as mo:
        translations = GNUTranslations(mo)
    if lang != SOURCE:
        translations.add_fallback(_translations(SOURCE))
    return translations


class Catalogue:
    """One language's texts: `t(key, **values)`, `tn(key, n, **values)` for a count."""

    def __init__(self, lang: str = SOURCE):
        self.lang = lang if lang in languages() else SOURCE

    def t(self, key: str, **values: object) -> str:
        text = _translations(self.lang).gettext(key)
        return text.format(**values) if values else text

    def tn(self, key: str, n: int, **values: object) -> str:
        return _translations(self.lang).ngettext(key, key, n).format(n=n, **values)

    def day(self, day: date) -> str:
        """ "donderdag 12 februari 2026"."""
        weekday, month = self.t(f"weekday.{day.isoweekday()}"), self.t(f"month.{day.month}")
        return f"{weekday} {day.day} {month} {day.year}"

    def age(self, age_range: str) -> str:
        """A typical age range like "10-14", "10-" or "-14" in words."""
        low, high = age_range.split("-")
        if low and high:
            return self.t("age_range", low=low, high=high)
        if low:
            return self.t("age_from", low=low)
        return self.t("age_to", high=high)


def title_in(title: dict[str, str], lang: str) -> str:
    return title.get(lang) or title["nl"]
