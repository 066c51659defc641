"""`/reports/*` (admin token): sessions.csv, monthly.csv and monthly.svg with age bands.

Full breakdowns are for coordinators only; the public pages never show small sessions' bands.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse

from listing import db, docs
from listing.chart import monthly_svg
from listing.reports import monthly, monthly_csv, sessions_csv
from listing.security import Admin
from listing.storage.sessions import every
from listing.storage.tallies import Filters

router = APIRouter(prefix="/reports", tags=["reports"])
CSV = "text/csv; charset=utf-8"


def _months(request: Request):
    with db.read(request.app.state.engine) as conn:
        return monthly(conn, Filters())


def _csv_rows(request: Request) -> Iterator[str]:
    with db.read(request.app.state.engine) as conn:
        yield from sessions_csv(every(conn))


def _csv_doc() -> dict:
    return {200: {"content": {"text/csv": {"schema": {"type": "string"}}}}} | docs.problems(401)


@router.get("/sessions.csv", response_class=Response, responses=_csv_doc())
def sessions_report(request: Request, _admin: Admin) -> Response:
    """One row per session: bands, gender, returning, time source (streamed)."""
    rows = _csv_rows(request)
    first = next(rows)  # the query runs here: if it fails, the answer is still a clean 500
    return StreamingResponse(chain([first], rows), media_type=CSV)


@router.get("/monthly.csv", response_class=Response, responses=_csv_doc())
def monthly_report(request: Request, _admin: Admin) -> Response:
    return Response(monthly_csv(_months(request)), media_type=CSV)


@router.get(
    "/monthly.svg",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {"schema": {"type": "string"}}}}}
    | docs.problems(401),
)
def monthly_chart(request: Request, _admin: Admin) -> Response:
    """Participants per month, stacked by age band."""
    return Response(monthly_svg(_months(request)), media_type="image/svg+xml")
