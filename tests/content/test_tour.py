"""The tour plan: stops with date, venue type, municipality and postcode; lookup by name."""

from __future__ import annotations

import datetime as dt

from kiosk.core.stops import resolve_stop
from kiosk.tour import load_tour

TOUR = """\
name: Voorjaarstour 2026
stops:
  - date: 2026-02-12
    name: Bibliotheek Maldegem
    venue_type: library
    municipality: Maldegem
    postcode: "9990"
  - date: 2026-02-14
    name: Jeugdhuis De Kelder
    venue_type: youth_house
    municipality: Eeklo
    postcode: 9900
  - name: Woonzorgcentrum Ter Linde
    venue_type: care_centre
    municipality: Gent
"""


def test_a_tour_is_read_into_stops(tmp_path):
    path = tmp_path / "tour.yaml"
    path.write_text(TOUR)
    tour, problems = load_tour(path)
    assert problems == []
    assert tour.name == "Voorjaarstour 2026"
    first, second, third = tour.stops
    assert first.date == dt.date(2026, 2, 12) and first.venue_type == "library"
    assert second.postcode == "9900"  # a postcode written without quotes is still text
    assert third.date is None and third.postcode is None
    assert tour.on(dt.date(2026, 2, 14)) == [second]


def test_a_stop_is_found_by_name_whatever_the_case(tmp_path):
    path = tmp_path / "tour.yaml"
    path.write_text(TOUR)
    tour, _ = load_tour(path)
    stop = resolve_stop("  bibliotheek MALDEGEM ", tour)
    assert stop.municipality == "Maldegem"
    assert stop.as_json() == {
        "name": "Bibliotheek Maldegem",
        "venue_type": "library",
        "municipality": "Maldegem",
        "postcode": "9990",
    }


def test_an_unknown_stop_is_free_text_of_type_other(tmp_path):
    stop = resolve_stop(" Speelplein Zomerpret ", None)
    assert stop.as_json() == {
        "name": "Speelplein Zomerpret",
        "venue_type": "other",
        "municipality": "onbekend",
    }


def test_every_problem_in_a_tour_is_reported(tmp_path):
    path = tmp_path / "tour.yaml"
    path.write_text(
        "stops:\n"
        "  - name: Bib\n    venue_type: libary\n    municipality: Gent\n    postcode: 90000\n"
        "  - name: School\n    venue_type: school\n    date: 2026-02-30\n    municipality: Gent\n"
    )
    tour, problems = load_tour(path)
    assert tour is None
    assert [str(p) for p in problems] == [
        f"{path}:3:17: venue_type 'libary' is not one of: library, youth_house, school, "
        "youth_movement, care_centre, company, public_space, other (did you mean 'library'?)",
        f"{path}:5:15: postcode '90000' must be four digits, like \"9990\"",
        f"{path}:8:11: '2026-02-30' is not a valid date",  # a day is checked with the rest
    ]
