"""The public pages' texts: Dutch by default, English with ?lang=en (listing/locale/*.yaml).

`texts(lang)` returns the catalogue; `age_label` words a typical age range like "10-14".
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

LANGUAGES = ("nl", "en")


@cache
def texts(lang: str) -> dict[str, Any]:
    lang = lang if lang in LANGUAGES else "nl"
    source = resources.files("listing") / "locale" / f"{lang}.yaml"
    return yaml.safe_load(source.read_text(encoding="utf-8"))


def age_label(age_range: str, catalogue: dict[str, Any]) -> str:
    low, high = age_range.split("-")
    if low and high:
        return catalogue["age_range"].format(low=low, high=high)
    if low:
        return catalogue["age_from"].format(low=low)
    return catalogue["age_to"].format(high=high)


def title_in(title: dict[str, str], lang: str) -> str:
    return title.get(lang) or title["nl"]
