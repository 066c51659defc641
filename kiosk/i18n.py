"""Screen text from the nl/en catalogues (`kiosk/locale/*.yaml`): Dutch first, English second.

Drawing code never holds words; it asks `Catalogue.t(key)`.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

LANGUAGES = ("nl", "en")


@cache
def _table(lang: str) -> dict[str, str]:
    text = (resources.files("kiosk") / "locale" / f"{lang}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


class Catalogue:
    """The strings of one language; a key missing in English falls back to Dutch."""

    def __init__(self, lang: str = "nl"):
        self.lang = lang if lang in LANGUAGES else "nl"

    def t(self, key: str, **values: object) -> str:
        text = _table(self.lang).get(key) or _table("nl").get(key)
        if text is None:
            raise KeyError(f"no catalogue entry '{key}'")
        return text.format(**values) if values else text
