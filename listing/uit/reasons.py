"""Why a stop is not (or not yet) on UiTdatabank, each reason in one place: its English text,
which `uit publish` prints and the listing stores with the stop, and its key, under which the
portal's catalogues say it in the page's language (`uit_why_<key>`, the same placeholders).

    say("no_times", date="2027-02-12")   # the English text, stored and printed
    read(text)                           # ("no_times", {"date": "2027-02-12"}), or None
"""

from __future__ import annotations

import re
from string import Formatter

PICK = "pick the place"  # how every reason ends that the coordinator answers with a place

TEXTS = {
    "no_times": "the stop on {date} has no start and end time: give both, UiTdatabank needs "
    "them for a single-day event",
    "no_zone": "the stop's start and end need a time zone",
    "ends_first": "the stop ends before it starts",
    "age_range": "the age range '{range}' is not like 10-14, 14- or -12",
    "bad_place": "the chosen UiT place '{place}' is neither a place URL nor an id",
    "no_postcode": f"no UiT place chosen and no postcode to search one by: {PICK}",
    "search_refused": f"the place search was refused ({{message}}): {PICK}",
    "no_place": f"no UiT place named '{{name}}' at {{postcode}}: {PICK}",
    "places": f"{{count}} UiT places named '{{name}}' at {{postcode}}: {PICK}",
    "gone": "UiTdatabank no longer has event {event}; it is not created again",
    "workflow": "event {event} is {workflow} in UiTdatabank; it is not created again",
    "rejected_before": "rejected by UiTdatabank: this same event before: change the stop or the "
    "settings",
    "rejected": "rejected by UiTdatabank: {message}",
    "not_yet": "cancelled before it was published",
    "busy": "another run is publishing this stop right now: run again later",
    "unreachable": "UiTdatabank could not be reached ({message}): run again later",
}


def say(key: str, **values: object) -> str:
    """The reason `key` in English, with its values."""
    return TEXTS[key].format(**values)


def _pattern(text: str) -> re.Pattern[str]:
    parts = []
    for literal, name, _spec, _conv in Formatter().parse(text):
        parts.append(re.escape(literal))
        if name:
            parts.append(f"(?P<{name}>.*)")
    return re.compile("".join(parts), re.DOTALL)


PATTERNS = {key: _pattern(text) for key, text in TEXTS.items()}


def read(text: str) -> tuple[str, dict[str, str]] | None:
    """The key and values of a reason `say` wrote; None for any other text. The first match
    wins: a reason that is a special case of another comes before it in TEXTS."""
    for key, pattern in PATTERNS.items():
        if found := pattern.fullmatch(text):
            return key, found.groupdict()
    return None
