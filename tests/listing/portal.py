"""Helpers for the portal tests: people made as `stem-listing user add` makes them, a
browser-like HTTP client that reads the CSRF token from the form it was given, and a small
fleet after a tour (sessions, status reports, packs, a stop) to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from listing import db
from listing.auth.passwords import hash_password
from listing.storage import users
from tests.listing.snapshots import snapshot

HTML = {"Accept": "text/html,application/xhtml+xml"}
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def add_person(engine, name: str, role: str, password: str = "correct horse battery") -> str:
    with db.write(engine) as conn:
        users.add_user(conn, name, role, hash_password(password))
    return password


def browser(url: str) -> httpx.Client:
    """A client that keeps cookies and asks for pages, as a browser does (no redirects
    followed, so each answer can be looked at)."""
    return httpx.Client(base_url=url, headers=HTML, timeout=30)


def csrf_of(page: httpx.Response) -> str:
    found = _TOKEN.search(page.text)
    assert found, page.text
    return found.group(1)


def log_in(http: httpx.Client, name: str, password: str, **extra: str) -> httpx.Response:
    """Open the login form, then post it with its token."""
    form = http.get("/portal/login")
    assert form.status_code == 200
    fields = {"name": name, "password": password, "csrf_token": csrf_of(form)} | extra
    return http.post("/portal/login", data=fields)


TOWNS = [
    ("Maldegem", "9990", "library"),
    ("Gent", "9000", "youth_house"),
    ("Eeklo", "9900", "school"),
    ("Schilde", "2970", "youth_movement"),
    ("Zelzate", "9060", "care_centre"),
]


def tour(kiosk_id: str, months: list[str], per_month: int = 3, seed: int = 7) -> list[dict]:
    """Sessions of one kiosk over `months` ("YYYY-MM"): varied places, ages and sizes, some
    small enough for the small-count rule; deterministic for a given seed."""
    import random

    rng = random.Random(f"{kiosk_id}{seed}")
    found = []
    for month in months:
        for n in range(per_month):
            town, postcode, venue = TOWNS[rng.randrange(len(TOWNS))]
            bands = {b: rng.choice([0, 1, 2, 4, 6, 9]) for b in ("0-9", "10-13", "14-17", "18-")}
            bands["unknown"] = rng.choice([0, 0, 1])
            total = sum(bands.values()) or 1
            bands["unknown"] += total - sum(bands.values())
            girls = rng.randrange(total + 1)
            day = 3 + 7 * n
            found.append(
                snapshot(
                    new_id=True,
                    kiosk_id=kiosk_id,
                    started_at=f"{month}-{day:02d}T13:30:00Z",
                    ended_at=f"{month}-{day:02d}T15:00:00Z",
                    **{
                        "stop.name": f"{town} {venue}",
                        "stop.municipality": town,
                        "stop.postcode": postcode,
                        "stop.venue_type": venue,
                        "attendance": {
                            "total": total,
                            "age_bands": bands,
                            "gender": {"girl": girls, "boy": total - girls, "x": 0, "unstated": 0},
                            "returning": rng.randrange(total + 1),
                        },
                        "progress.creations": (day + len(town)) % 4,  # not drawn: rng unmoved
                    },
                )
            )
    return found


def status_report(kiosk_id: str, reported_at: str, **fields) -> dict:
    """A kiosk's status report as the contract has it (listing-api.md, Fleet), with `fields`
    in place of the example's."""
    return {
        "kiosk_id": kiosk_id,
        "reported_at": reported_at,
        "software_version": "0.2.0",
        "time_source": "ntp",
        "clock_offset_s": -3.2,
        "plan_etag": None,
        "sessions": {"total": 312, "unconfirmed": 0, "attention": 0},
        "packs": [],
        "workshops": [
            {"id": "reactiespel", "version": "1.1"},
            {"id": "theremin", "version": "1.0"},
        ],
        "kit": {"checked_at": reported_at, "failed": []},
        "disk_free_bytes": 12_345_678_901,
    } | fields


def heard_long_ago(engine, kiosk_id: str, when: str) -> None:
    """Make the listing believe it last heard from the kiosk at `when` (UTC text)."""
    from listing.schema import kiosk_reports, kiosks

    with db.write(engine) as conn:
        conn.execute(kiosks.update().where(kiosks.c.kiosk_id == kiosk_id).values(last_seen_at=when))
        conn.execute(
            kiosk_reports.update()
            .where(kiosk_reports.c.kiosk_id == kiosk_id)
            .values(received_at=when)
        )


PASSWORD = "correct horse battery"


@contextmanager
def signed_in(server, role: str = "coordinator", name: str | None = None) -> Iterator[httpx.Client]:
    """A browser-like client logged in as a new person with this role."""
    name = name or role
    add_person(server.engine, name, role, PASSWORD)
    with browser(server.url) as http:
        assert log_in(http, name, PASSWORD).status_code == 303
        yield http


def csrf(http: httpx.Client) -> str:
    """The logged-in session's CSRF token (every portal page carries it in its logout form)."""
    return csrf_of(http.get("/portal/reports"))


@dataclass
class Fleet:
    """What `seed_fleet` made: kiosk tokens by id, a stop, and the packs by name."""

    tokens: dict[str, str]
    stop_id: str
    packs: dict[str, str]


def seed_fleet(server, months: list[str] | None = None) -> Fleet:
    """A small fleet as the listing sees it after a tour: three kiosks with sessions and
    status reports (one behind on version with sessions needing attention and a dead sensor,
    one that refused a pack, one silent for six days), two packs and a planned stop."""
    from datetime import UTC, date, datetime, timedelta

    from listing.models.incoming_fleet import StopIn
    from listing.models.stored import utc_text
    from listing.packcheck import check_pack
    from listing.storage.packs import store_pack
    from listing.storage.stops import add_stop
    from tests.listing.packs import good_pack, pack_zip, workshop_yaml

    months = months or ["2027-01", "2027-02", "2027-03"]
    now = datetime.now(UTC)
    kiosks = ["mobilab-gent-1", "mobilab-schilde-1", "mobilab-eeklo-2"]
    tokens = {k: server.add_kiosk(k) for k in kiosks}
    with db.write(server.engine) as conn:
        good = check_pack(good_pack("lichtshow", "morse"))
        store_pack(conn, good, "voorjaar-2027", None)
        bad = check_pack(pack_zip({"lazer.yaml": workshop_yaml("lazer", title="Lazer")}))
        store_pack(conn, bad, "lasers", ["mobilab-eeklo-2"])
        stop = add_stop(
            conn,
            StopIn(
                kiosk_id="mobilab-gent-1",
                date=date.today() + timedelta(days=5),
                name="Bibliotheek Gent",
                venue_type="library",
                municipality="Gent",
                postcode="9000",
                workshops=["reactiespel"],
            ),
        )
    reports = {
        "mobilab-gent-1": {"packs": [{"sha256": good.sha256, "state": "installed"}]},
        "mobilab-schilde-1": {
            "software_version": "0.1.4",
            "sessions": {"total": 120, "unconfirmed": 4, "attention": 2},
            "packs": [{"sha256": good.sha256, "state": "pending"}],
            "kit": {
                "checked_at": None,
                "failed": [{"device": "distance", "detail": "not connected"}],
            },
        },
        "mobilab-eeklo-2": {
            "packs": [
                {"sha256": good.sha256, "state": "installed"},
                {
                    "sha256": bad.sha256,
                    "state": "refused",
                    "detail": "lazer.yaml:12:3: unknown device 'lazer'",
                },
            ]
        },
    }
    for kiosk, token in tokens.items():
        fields = reports[kiosk]
        version = fields.get("software_version", "0.2.0")
        headers = {"Authorization": f"Bearer {token}", "User-Agent": f"stem-kiosk/{version}"}
        items = tour(kiosk, months)
        answer = httpx.post(
            f"{server.url}/v1/sessions/batch", json={"sessions": items}, headers=headers
        )
        assert answer.status_code == 200, answer.text
        body = status_report(kiosk, now.isoformat().replace("+00:00", "Z"), **fields)
        answer = httpx.put(f"{server.url}/v1/kiosks/{kiosk}/status", json=body, headers=headers)
        assert answer.status_code == 200, answer.text
    heard_long_ago(server.engine, "mobilab-eeklo-2", utc_text(now - timedelta(days=6)))
    return Fleet(tokens, stop.stop_id, {"voorjaar-2027": good.sha256, "lasers": bad.sha256})


ADMIN_PAGES = ["/portal/admin/kiosks", "/portal/admin/people"]


def portal_pages(fleet: Fleet) -> list[str]:
    """Every page of the portal a coordinator may open (an admin: ADMIN_PAGES too)."""
    stop, sha = fleet.stop_id, fleet.packs["lasers"]
    return [
        "/portal/",
        "/portal/?show=concerns",
        "/portal/kiosks/mobilab-schilde-1",
        "/portal/stops",
        "/portal/stops?view=month",
        "/portal/stops/new",
        "/portal/stops/new?kiosk=mobilab-gent-1",
        f"/portal/stops/{stop}",
        f"/portal/stops/{stop}/edit",
        f"/portal/stops/{stop}/cancel",
        "/portal/packs",
        f"/portal/packs/{sha}",
        f"/portal/packs/{sha}/remove",
        "/portal/reports",
        "/portal/reports/funder",
    ]
