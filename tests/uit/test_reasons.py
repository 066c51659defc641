"""The reasons a stop is not on UiTdatabank: stored and printed in English, read back by the
portal and said in the page's language, whatever the values hold (a stop's name may hold
quotes, braces or colons)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from listing.i18n import Catalogue
from listing.portal.uit_view import why
from listing.uit.reasons import TEXTS, read, say
from tests.i18n.catalogues import placeholders

TRICKY = "Jeugdhuis 't Kouter {x}: (zaal 2) at 9990: pick the place"


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_a_reason_reads_back_as_its_key_and_values(key):
    values = {name: f"{name} {TRICKY}" for name in placeholders(TEXTS[key])}
    text = say(key, **values)
    found = read(text)
    assert found is not None
    assert say(found[0], **found[1]) == text
    if len(values) <= 1:  # one value: nothing to split, it comes back whole
        assert found == (key, values)


@given(key=st.sampled_from(sorted(TEXTS)), value=st.text())
def test_any_value_reads_back_to_the_same_words(key, value):
    text = say(key, **{name: value for name in placeholders(TEXTS[key])})
    found = read(text)
    assert found is not None and say(found[0], **found[1]) == text


def test_other_text_is_no_reason_of_ours():
    assert read("Het veld name is verplicht.") is None
    assert read("") is None


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_reason_is_said_in_each_language_with_its_values(lang, key):
    values = {name: f"<{name}>" for name in placeholders(TEXTS[key])}
    said = Catalogue(lang).t(f"uit_why_{key}", **values)
    assert said != f"uit_why_{key}"
    assert all(value in said for value in values.values())


def test_the_portal_says_a_stored_reason_in_dutch_and_keeps_publiq_s_words():
    dutch = Catalogue("nl")
    stored = say("places", count=2, name="Jeugdhuis Kouter", postcode="9990")
    assert (
        why(stored, dutch)
        == "UiTdatabank kent 2 plaatsen 'Jeugdhuis Kouter' in 9990: kies de plaats"
    )
    refused = say("rejected", message="The location is not a valid place.")
    assert why(refused, dutch) == "geweigerd door UiTdatabank: The location is not a valid place."
    assert why("something else", dutch) == "something else"
    assert why(None, dutch) is None
