"""`GET /v1/packs/{sha256}` over real HTTP: exactly the stored bytes as application/zip with
`ETag: "<sha256>"`, for any valid kiosk token; 404 problem for a pack the listing does not hold.
"""

from __future__ import annotations

import hashlib
import os

from tests.listing.packs import good_pack, pack_zip, workshop_yaml
from tests.listing.snapshots import KIOSK


def test_a_pack_is_served_byte_for_byte_to_any_kiosk(server, client):
    data = good_pack("lichtshow", "theremin")
    sha = server.add_pack(data, "voorjaar", kiosks=[KIOSK])
    answer = client.get(f"/v1/packs/{sha}")
    assert answer.status_code == 200
    assert answer.content == data and hashlib.sha256(answer.content).hexdigest() == sha
    assert answer.headers["content-type"] == "application/zip"
    assert answer.headers["etag"] == f'"{sha}"'
    assert int(answer.headers["content-length"]) == len(data)
    theirs = server.add_kiosk("mobilab-gent-2")  # a kiosk the pack is not assigned to
    other = client.get(f"/v1/packs/{sha}", headers={"Authorization": f"Bearer {theirs}"})
    assert other.status_code == 200 and other.content == data


def test_a_large_pack_arrives_whole(server, client):
    """8 MiB of picture that does not compress."""
    data = pack_zip({"a.yaml": workshop_yaml("a"), "big.png": os.urandom(8 * 1_048_576)})
    sha = server.add_pack(data, "groot")
    answer = client.get(f"/v1/packs/{sha}")
    assert answer.status_code == 200 and answer.content == data


def test_a_pack_the_listing_does_not_hold_is_404(server, client):
    sha = server.add_pack(good_pack(), "weg")
    server.remove_pack(sha)
    for path in (sha, "0" * 64, sha.upper(), "not-a-hash"):
        answer = client.get(f"/v1/packs/{path}")
        assert answer.status_code == 404
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["status"] == 404


def test_packs_need_a_valid_kiosk_token(server, anonymous):
    sha = server.add_pack(good_pack(), "voorjaar")
    assert anonymous.get(f"/v1/packs/{sha}").status_code == 401
    bad = anonymous.get(f"/v1/packs/{sha}", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401 and bad.headers["content-type"] == "application/problem+json"
    admin = server.admin_token()  # reports only: not a kiosk
    assert (
        anonymous.get(f"/v1/packs/{sha}", headers={"Authorization": f"Bearer {admin}"}).status_code
        == 401
    )
