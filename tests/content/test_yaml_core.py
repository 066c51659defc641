"""YAML 1.2's core schema for every file people write: `Yes` and `no` are words, `010` is ten,
dates are days the tour checks itself, and a message quotes a value as the author wrote it."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from devices.yamlsource import SourceError, parse
from kiosk.tour import load_tour
from kiosk.workshop import load_workshop


def value(text: str):
    return parse(f"v: {text}\n".encode(), "x.yaml").data["v"]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Yes", "Yes"), ("no", "no"), ("on", "on"), ("OFF", "OFF"), ("y", "y"),
        ("true", True), ("True", True), ("TRUE", True), ("false", False), ("FALSE", False),
        ("null", None), ("~", None), ("", None), ("Null", None),
        ("010", 10), ("0o10", 8), ("0x1F", 31), ("+5", 5), ("-7", -7), ("1_000", "1_000"),
        ("1.10", 1.1), ("-1.5e3", -1500.0), (".5", 0.5), ("2026-02-12", "2026-02-12"),
        ("=", "="), ("12:30", "12:30"), ('"010"', "010"), ("!!int 010", 10),
    ],
)  # fmt: skip
def test_plain_values_follow_the_core_schema(written, read):
    got = value(written)
    assert got == read and type(got) is type(read)


def test_infinity_and_not_a_number():
    assert value(".inf") == math.inf and value("-.Inf") == -math.inf
    assert math.isnan(value(".NaN"))


def test_a_wrong_explicit_tag_is_refused_where_it_stands():
    with pytest.raises(SourceError) as err:
        parse(b"a: 1\nb: !!bool yes\n", "x.yaml")
    assert [str(p) for p in err.value.problems] == ["x.yaml:2:4: 'yes' is not a valid true/false"]


WORKSHOP = """\
id: proef
version: {version}
title: {{nl: Klaar, en: Yes}}
summary: {{nl: Ja, en: "No"}}
age_range: "10-14"
duration_min: {duration}
steps:
  - id: een
    title: {{nl: Aan, en: On}}
    text: {{nl: Nee, en: no}}
"""


def test_english_words_yes_no_on_are_text_in_a_workshop(tmp_path):
    path = tmp_path / "proef.yaml"
    path.write_text(WORKSHOP.format(version='"1.0"', duration="030"))
    workshop, problems = load_workshop(path, None)
    assert problems == []
    assert (workshop.title.en, workshop.summary.en) == ("Yes", "No")
    assert (workshop.steps[0].title.en, workshop.steps[0].text.en) == ("On", "no")
    assert workshop.duration_min == 30


def test_a_message_quotes_the_value_as_written(tmp_path):
    path = tmp_path / "proef.yaml"
    path.write_text(WORKSHOP.format(version="1.10", duration="0500"))
    _, problems = load_workshop(path, None)
    assert [p.message for p in problems] == [
        "version must be text: put quotes around 1.10",
        "duration_min must be between 5 and 480, not 0500",
    ]


def test_tour_dates_are_days_and_a_day_that_does_not_exist_is_refused(tmp_path):
    path = tmp_path / "tour.yaml"
    stop = "  - {{date: {}, name: Bib, venue_type: library, municipality: Gent}}\n"
    path.write_text("stops:\n" + stop.format("2026-02-12") + stop.format('"2026-03-01"'))
    tour, problems = load_tour(path)
    assert problems == []
    assert [s.date for s in tour.stops] == [dt.date(2026, 2, 12), dt.date(2026, 3, 1)]
    path.write_text("stops:\n" + stop.format("2026-02-30"))
    _, problems = load_tour(path)
    assert [str(p) for p in problems] == [f"{path}:2:12: '2026-02-30' is not a valid date"]
