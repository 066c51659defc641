"""Packs over real HTTP: an upload checked as `stem-listing pack add` checks a file (a bad one
told beside the field, the name typed kept), assigned to every kiosk or some, each kiosk's state
with refusals first and their reasons, and removal; all of it in the kiosks' plans.
"""

from __future__ import annotations

import hashlib
import re

import httpx
import pytest

from listing.settings import PACK_MAX_BYTES
from tests.fleet.packs import photo_pack
from tests.listing.packs import good_pack, pack_zip
from tests.listing.portal import csrf, seed_fleet, signed_in


@pytest.fixture
def fleet(server):
    return seed_fleet(server)


def plan_packs(server, fleet, kiosk: str) -> list[str]:
    headers = {"Authorization": f"Bearer {fleet.tokens[kiosk]}"}
    answer = httpx.get(f"{server.url}/v1/kiosks/{kiosk}/plan", headers=headers)
    return [p["name"] for p in answer.json()["packs"]]


def upload(http, content: bytes, name: str, kiosks=(), filename: str = "pack.zip"):
    """The upload form as a browser sends it (multipart), for every kiosk or these."""
    fields = {"csrf_token": csrf(http), "name": name, "for": "some" if kiosks else "all"}
    if kiosks:
        fields["kiosks"] = list(kiosks)
    return http.post(
        "/portal/packs", data=fields, files={"file": (filename, content, "application/zip")}
    )


def test_an_uploaded_pack_rides_in_the_plans_of_the_kiosks_chosen(server, fleet):
    content = good_pack("kleurmixer")
    with signed_in(server) as http:
        answer = upload(http, content, "winter 2027", ["mobilab-gent-1", "mobilab-schilde-1"])
        assert answer.status_code == 303
        sha = hashlib.sha256(content).hexdigest()
        assert answer.headers["location"] == f"/portal/packs/{sha}?uploaded=1"
        page = http.get(answer.headers["location"]).text
    assert "Het pakket is opgeladen." in page and "kleurmixer" in page
    assert "winter 2027" in plan_packs(server, fleet, "mobilab-gent-1")
    assert "winter 2027" not in plan_packs(server, fleet, "mobilab-eeklo-2")
    kiosk = httpx.get(
        f"{server.url}/v1/packs/{sha}",
        headers={"Authorization": f"Bearer {fleet.tokens['mobilab-gent-1']}"},
    )
    assert kiosk.content == content


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"not a zip at all", "is geen geldig pakket: not a zip archive"),
        (pack_zip({"../evil.yaml": "id: x\n"}), "../evil.yaml:"),
        (pack_zip({"readme.txt": "hello"}), "is geen geldig pakket"),
        (b"", "Kies een zipbestand."),
    ],
)
def test_a_bad_pack_is_refused_beside_the_field_keeping_the_name(server, fleet, content, said):
    with signed_in(server) as http:
        answer = upload(http, content, "mijn <pakket>", filename="x<y>.zip")
        listed = http.get("/portal/packs").text
    assert answer.status_code == 422
    error = re.search(r'id="file-error">(.*?)</p>', answer.text, re.S).group(1)
    assert said in error.replace("&#39;", "'")
    assert 'value="mijn &lt;pakket&gt;"' in answer.text  # kept, as text
    assert 'id="name-error">Gebruik letters' in answer.text  # and its own problem
    assert "mijn" not in listed


def test_an_upload_over_the_limit_is_refused_before_it_is_read(server, fleet, monkeypatch):
    from listing.portal import packs

    monkeypatch.setattr(packs, "UPLOAD_MAX", 10_000)
    with signed_in(server) as http:
        answer = upload(http, b"PK" + bytes(20_000), "big")
    assert (
        answer.status_code == 413
        and 'id="file-error">Het bestand is groter dan 50 MiB.' in answer.text
    )


def test_each_kiosk_s_state_refusals_first_then_reassigned_then_removed(server, fleet):
    sha = fleet.packs["lasers"]
    with signed_in(server) as http:
        page = http.get(f"/portal/packs/{sha}").text
        rows = re.findall(r'<tr( class="urgent")? data-kiosk="([^"]+)"', page)
        assert rows == [(' class="urgent"', "mobilab-eeklo-2")]
        assert "unknown device &#39;lazer&#39;" in page
        listed = http.get("/portal/packs").text
        assert re.search(r'<tr class="urgent" data-pack="' + sha, listed)
        good = http.get(f"/portal/packs/{fleet.packs['voorjaar-2027']}").text
        states = re.findall(r'data-kiosk="([^"]+)"', good)
        assert states == ["mobilab-schilde-1", "mobilab-eeklo-2", "mobilab-gent-1"]  # pending first
        token = csrf(http)
        none = http.post(f"/portal/packs/{sha}/assign", data={"csrf_token": token, "for": "some"})
        assert none.status_code == 422 and 'id="kiosks-error">Vink minstens' in none.text
        to_all = http.post(f"/portal/packs/{sha}/assign", data={"csrf_token": token, "for": "all"})
        assert to_all.status_code == 303
        assert "lasers" in plan_packs(server, fleet, "mobilab-gent-1")
        gone = http.post(f"/portal/packs/{sha}/remove", data={"csrf_token": token})
        assert gone.headers["location"] == "/portal/packs?removed=lasers"
        assert "Pakket lasers is verwijderd." in http.get(gone.headers["location"]).text
    assert "lasers" not in plan_packs(server, fleet, "mobilab-gent-1")


def test_a_pack_just_under_the_limit_uploads_and_one_byte_over_is_refused(server, fleet):
    near = photo_pack(49.9)
    over = near + bytes(PACK_MAX_BYTES + 1 - len(near))  # what the limit says, not the zip
    with signed_in(server) as http:
        answer = upload(http, near, "groot")
        refused = upload(http, over, "te groot")
    assert answer.status_code == 303
    assert "groot" in plan_packs(server, fleet, "mobilab-gent-1")
    assert refused.status_code == 422
    error = re.search(r'id="file-error">(.*?)</p>', refused.text, re.S).group(1)
    assert "52,428,801 bytes: a pack may have at most 50 MiB" in error
    assert "te groot" not in plan_packs(server, fleet, "mobilab-gent-1")
