"""The journal's `progress.creations` (inventions youth saved in maker mode, a count only): a
field the contract's page does not name, so it is accepted whatever it holds, kept when it is a
count, summed in the reports and the funder report, and never part of "same content"."""

from __future__ import annotations

import csv
import io

import pytest

from tests.listing.portal import signed_in
from tests.listing.snapshots import sized, snapshot

PERIOD = {"from": "2027-01-01", "to": "2027-01-31"}


def made(creations, **changes) -> dict:
    progress = {"steps": 8, "checks_passed": 23}
    if creations is not None:
        progress["creations"] = creations
    return snapshot(
        new_id=True,
        started_at="2027-01-10T10:00:00Z",
        ended_at="2027-01-10T11:00:00Z",
        attendance=sized(6),
        progress=progress,
        **changes,
    )


def table(client, server, path: str) -> list[dict[str, str]]:
    admin = {"Authorization": f"Bearer {server.admin_token()}"}
    return list(csv.DictReader(io.StringIO(client.get(path, headers=admin).text)))


def test_creations_are_kept_per_session_and_summed_without_cancelled_ones(server, client):
    items = [made(3), made(4), made(None), made(9, status="cancelled")]
    answer = client.post("/v1/sessions/batch", json={"sessions": items})
    assert {r["result"] for r in answer.json()["results"]} == {"created"}
    rows = {r["session_id"]: r for r in table(client, server, "/reports/sessions.csv")}
    assert [rows[s["session_id"]]["progress_creations"] for s in items] == ["3", "4", "", "9"]
    (january,) = table(client, server, "/reports/monthly.csv")
    assert (january["sessions"], january["creations"]) == ("3", "7")
    with signed_in(server) as http:
        reports = http.get("/portal/reports", params=PERIOD).text
        funder = http.get("/portal/reports/funder", params=PERIOD).text
    assert '<span class="value" id="fig-creations">7</span> eigen uitvindingen bewaard' in reports
    assert (
        '<tr id="row-creations"><th scope="row">eigen uitvindingen bewaard</th>'
        '<td class="num">7</td>' in funder
    )


def test_a_resend_differing_only_in_creations_is_unchanged_and_a_new_revision_updates_it(
    server, client
):
    first = made(2)
    sid = first["session_id"]
    assert client.put(f"/v1/sessions/{sid}", json=first).status_code == 201
    again = dict(first, progress={"steps": 8, "checks_passed": 23, "creations": 5})
    answer = client.put(f"/v1/sessions/{sid}", json=again)
    assert (answer.status_code, answer.json()["result"]) == (200, "unchanged")
    newer = dict(again, revision=first["revision"] + 1)
    assert client.put(f"/v1/sessions/{sid}", json=newer).json()["result"] == "updated"
    (row,) = table(client, server, "/reports/sessions.csv")
    assert row["progress_creations"] == "5"


@pytest.mark.parametrize("value", ["3", True, -1, 2.5, None, {"n": 1}, 2**53])
def test_a_creations_value_that_is_not_a_count_is_accepted_and_ignored(server, client, value):
    item = made(value)
    assert client.put(f"/v1/sessions/{item['session_id']}", json=item).status_code == 201
    (row,) = table(client, server, "/reports/sessions.csv")
    assert (row["progress_steps"], row["progress_creations"]) == ("8", "")
