"""The agenda page in a real headless Chromium: it renders, shows the upcoming stops and the
sessions, and every JSON-LD block parses.

Chromium (Debian's, /usr/bin/chromium) loads the page from the real listing over loopback and
dumps the DOM it built; under CI=true a missing Chromium fails instead of skipping.
"""

from __future__ import annotations

import json
import subprocess
from datetime import timedelta
from html.parser import HTMLParser

from listing.localtime import today
from tests.listing.snapshots import KIOSK, sized, snapshot
from tests.support.browser import FLAGS, chromium


class Page(HTMLParser):
    """The parts of the rendered DOM the test looks at."""

    def __init__(self):
        super().__init__()
        self.articles: list[str] = []
        self.stops: list[str] = []
        self.json_ld: list[str] = []
        self.h1 = ""
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article" and "data-session" in attrs:
            self.articles.append(attrs["data-session"])
        if tag == "article" and "data-stop" in attrs:
            self.stops.append(attrs["data-stop"])
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in = "ld"
            self.json_ld.append("")
        if tag == "h1":
            self._in = "h1"

    def handle_endtag(self, tag):
        if tag in ("script", "h1"):
            self._in = None

    def handle_data(self, data):
        if self._in == "ld":
            self.json_ld[-1] += data
        elif self._in == "h1":
            self.h1 += data


def test_chromium_renders_the_agenda_with_its_stops_sessions_and_json_ld(server, client, tmp_path):
    browser = chromium()
    soon = (today() + timedelta(days=3)).isoformat()
    stop_id = server.add_stop(
        KIOSK, soon, "Jeugdhuis Aalst", venue_type="youth_house", municipality="Aalst",
        starts_at=f"{soon}T13:00:00Z", workshops=["reactiespel"],
    )  # fmt: skip
    items = [
        snapshot(new_id=True),
        snapshot(
            new_id=True,
            started_at="2026-03-01T10:00:00Z",
            attendance=sized(2),
            status="open",
            ended_at=None,
        ),
    ]
    assert client.post("/v1/sessions/batch", json={"sessions": items}).status_code == 200
    profile = tmp_path / "chromium-profile"
    profile.mkdir()
    done = subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", f"{server.url}/?lang=en"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    page = Page()
    page.feed(done.stdout)
    assert page.h1 == "Activities of the mobile STEM lab"
    assert page.articles == [items[1]["session_id"], items[0]["session_id"]]
    assert page.stops == [stop_id]
    assert "2 participants" in done.stdout and "14 participants" in done.stdout
    assert "Coming up" in done.stdout and "Reaction game" in done.stdout
    events = [json.loads(raw) for raw in page.json_ld]
    assert [e["@type"] for e in events] == ["Event", "Event", "Event"]
    assert events[0]["@id"] == f"urn:uuid:{stop_id}"
    assert events[0]["location"]["address"]["addressLocality"] == "Aalst"
    assert events[0]["eventStatus"] == "https://schema.org/EventScheduled"
    assert events[2]["location"]["name"] == "Bibliotheek Maldegem"
