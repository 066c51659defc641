"""Typed checks over a read YAML Document (text, numbers, choices, language maps, keys) that
collect positioned problems instead of raising; every user file's validator builds on them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from devices.yamlsource import Document, KeyPath, Problem, quoted


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean ...?)' suffix when a close match exists, else ''."""
    import difflib  # only for a mistake: a valid file, read on every command, never needs it

    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


class Checker:
    """Small typed checks over a Document that collect problems instead of raising."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.problems: list[Problem] = []

    def fail(self, keypath: KeyPath, message: str, *, key: bool = False) -> None:
        self.problems.append(self.doc.problem(keypath, message, key=key))

    def written(self, keypath: KeyPath, value: object) -> str:
        """A value as the author wrote it (`1.10`, not the 1.1 it was read as)."""
        return self.doc.written.get(keypath, str(value))

    def absent(self, keypath: KeyPath, value: object) -> bool:
        """True for a key the file does not have: its parent's mapping() already said so."""
        return value is None and keypath not in self.doc.values

    def mapping(
        self,
        keypath: KeyPath,
        value: object,
        *,
        required: Iterable[str] = (),
        optional: Iterable[str] | None = (),
        what: str = "",
    ) -> dict | None:
        """Check that value is a mapping with the allowed keys (any key if optional is None)."""
        label = what or _label(keypath)
        if not isinstance(value, dict):
            self.fail(keypath, f"{label} must be a mapping of key: value, not {_kind(value)}")
            return None
        required = list(required)
        allowed = [*required, *(optional or ())]
        for k in value:
            if optional is not None and k not in allowed:
                hint = did_you_mean(k, allowed)
                self.fail((*keypath, k), f"unknown key '{k}' in {label}{hint}", key=True)
        for k in required:
            if k not in value:
                self.fail(keypath, f"{label} needs '{k}'")
        return value

    def sequence(self, keypath: KeyPath, value: object, *, min_items: int = 0) -> list | None:
        if self.absent(keypath, value):
            return None
        if not isinstance(value, list):
            self.fail(keypath, f"{_label(keypath)} must be a list (lines starting with '- ')")
            return None
        if len(value) < min_items:
            self.fail(keypath, f"{_label(keypath)} needs at least {min_items} item(s)")
        return value

    def text(
        self,
        keypath: KeyPath,
        value: object,
        *,
        max_len: int = 200,
        pattern: str | None = None,
        hint: str = "",
    ) -> str | None:
        if self.absent(keypath, value):
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.fail(keypath, f"{_label(keypath)} must be text, not {_kind(value)}")
            return None
        if not isinstance(value, str):
            written = self.written(keypath, value)
            self.fail(keypath, f"{_label(keypath)} must be text: put quotes around {written}")
            return None
        if not value.strip():
            self.fail(keypath, f"{_label(keypath)} is empty")
            return None
        if len(value) > max_len:
            self.fail(
                keypath, f"{_label(keypath)} is too long ({len(value)} characters; max {max_len})"
            )
            return None
        if pattern and not re.fullmatch(pattern, value):
            self.fail(keypath, f"{_label(keypath)} {quoted(value)} {hint or 'has the wrong form'}")
            return None
        return value

    def integer(
        self, keypath: KeyPath, value: object, *, low: int | None = None, high: int | None = None
    ) -> int | None:
        if self.absent(keypath, value):
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(keypath, f"{_label(keypath)} must be a whole number, not {_kind(value)}")
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.out_of_range(keypath, value, low, high)
            return None
        return value

    def number(
        self,
        keypath: KeyPath,
        value: object,
        *,
        low: float | None = None,
        high: float | None = None,
    ) -> float | None:
        if self.absent(keypath, value):
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            self.fail(keypath, f"{_label(keypath)} must be a number, not {_kind(value)}")
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.out_of_range(keypath, value, low, high)
            return None
        return float(value)

    def out_of_range(self, keypath: KeyPath, value: object, low: object, high: object) -> None:
        written = self.written(keypath, value)
        self.fail(keypath, f"{_label(keypath)} must be between {low} and {high}, not {written}")

    def boolean(self, keypath: KeyPath, value: object) -> bool | None:
        if self.absent(keypath, value):
            return None
        if not isinstance(value, bool):
            self.fail(keypath, f"{_label(keypath)} must be true or false, not {_kind(value)}")
            return None
        return value

    def choice(self, keypath: KeyPath, value: object, choices: Iterable[str]) -> str | None:
        if self.absent(keypath, value):
            return None
        choices = list(choices)
        if not isinstance(value, str) or value not in choices:
            hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
            written = quoted(self.written(keypath, value))
            self.fail(
                keypath, f"{_label(keypath)} {written} is not one of: {', '.join(choices)}{hint}"
            )
            return None
        return value

    def langmap(self, keypath: KeyPath, value: object, *, max_len: int = 200) -> dict | None:
        """A language map {nl: ..., en: ..., fr: ...}: Dutch required, the others optional."""
        if self.absent(keypath, value):
            return None
        label = _label(keypath)
        if not isinstance(value, dict):
            self.fail(keypath, f"{label} must be a language map like {{nl: ..., en: ...}}")
            return None
        for k in value:
            if k not in LANGUAGES:
                why = (
                    f"only {', '.join(LANGUAGES)}"
                    if re.fullmatch(r"[a-z]{2}", k)
                    else "put quotes around text that holds a comma or a colon"
                )
                self.fail((*keypath, k), f"unknown language '{k}' in {label}: {why}", key=True)
        if "nl" not in value:
            self.fail(keypath, f"{label} needs Dutch text: add nl: ...")
        result = {}
        for lang in LANGUAGES:
            if lang in value:
                text = self.text((*keypath, lang), value[lang], max_len=max_len)
                if text is not None:
                    result[lang] = text
        return result if "nl" in result else None


LANGUAGES = ("nl", "en", "fr")  # Dutch first (required), English second, French third


def _label(keypath: KeyPath) -> str:
    """How a message names a value: its key, or 'steps item 3' for the third item of a list."""
    if not keypath:
        return "file"
    if isinstance(keypath[-1], int):
        parent = f"{keypath[-2]} " if len(keypath) > 1 else ""
        return f"{parent}item {keypath[-1] + 1}"
    if keypath[-1] in LANGUAGES and len(keypath) > 1:  # the Dutch text of a title: "title (nl)"
        return f"{_label(keypath[:-1])} ({keypath[-1]})"
    return str(keypath[-1])


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: f"text {quoted(value)}",
        list: "a list",
        dict: "a mapping",
    }.get(type(value), type(value).__name__)
