"""Where a session takes place: one rule, whatever language the screen speaks."""

from __future__ import annotations

import datetime as dt

from kiosk.core.stops import UNKNOWN, resolve_stop
from kiosk.stop import Stop
from kiosk.tour import Tour

TOUR = Tour("Voorjaar", (Stop("Bibliotheek Maldegem", "library", "Maldegem", "9990",
                              dt.date(2026, 2, 12)),))  # fmt: skip


def test_a_tour_stop_by_its_name_in_any_case():
    assert resolve_stop("  bibliotheek MALDEGEM ", TOUR) is TOUR.stops[0]


def test_any_other_name_is_free_text_at_an_unknown_municipality():
    assert resolve_stop(" Jeugdhuis De Kelder ", TOUR) == Stop("Jeugdhuis De Kelder", "other",
                                                               "onbekend")  # fmt: skip
    assert resolve_stop("Speelplein", None).municipality == "onbekend"


def test_no_name_is_the_unknown_place_in_one_language():
    for name in (None, "", "   "):
        assert resolve_stop(name, TOUR) == UNKNOWN
    assert UNKNOWN.as_json() == {"name": "Onbekende plaats", "venue_type": "other",
                                 "municipality": "onbekend"}  # fmt: skip
