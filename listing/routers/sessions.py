"""`PUT /v1/sessions/{id}` and `POST /v1/sessions/batch`: snapshots in, revision rules applied.

Checks run in the contract's order: token 401, size 413, JSON 400, rules 422, ownership 403,
then the revision rules (in one write transaction, in `listing.storage.sessions`).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from listing import db, docs
from listing.bodies import parse_json, read_limited, validate_items, validate_snapshot
from listing.models.incoming import BatchIn, SnapshotIn
from listing.models.outgoing import BatchItemResult, BatchOut, PutResult
from listing.models.stored import StoredSession, now_text
from listing.problems import Problem
from listing.security import Kiosk
from listing.settings import BATCH_MAX
from listing.storage import refusals
from listing.storage.refusals import Refusal
from listing.storage.sessions import Applied, NotYours, RevisionConflict, apply_all

router = APIRouter(tags=["kiosk"])


def _owned(snap: SnapshotIn, kiosk_id: str, prefix: str = "") -> StoredSession:
    if snap.kiosk_id != kiosk_id:
        raise Problem(
            403,
            f"kiosk_id {snap.kiosk_id} is not this token's kiosk ({kiosk_id})",
            errors=[{"pointer": prefix + "/kiosk_id", "detail": "not this token's kiosk"}],
        )
    return StoredSession.from_snapshot(snap, now_text())


def _as_problem(outcome: NotYours | RevisionConflict) -> Problem:
    return Problem(403 if isinstance(outcome, NotYours) else 409, str(outcome))


def _refusal(session_id: str | None, revision: int | None, problem: Problem) -> Refusal | None:
    if not session_id:
        return None  # nothing to name it by
    return Refusal(session_id.lower(), revision, problem.status, str(problem), now_text())


async def _apply(
    request: Request,
    kiosk_id: str,
    stored: list[StoredSession],
    refused: list[Refusal | None] | None = None,
):
    """Apply the snapshots in one write transaction, and in it note the listing's reasons for
    the sessions it refuses (`refused`: already, for their bodies) and forget those of the
    sessions it accepts."""

    def work(conn):
        outcomes = apply_all(conn, kiosk_id, stored) if stored else []
        said = [r for r in refused or [] if r]
        for snap, outcome in zip(stored, outcomes, strict=True):
            if not isinstance(outcome, Applied):
                said.append(_refusal(snap.session_id, snap.revision, _as_problem(outcome)))
        refusals.record(conn, kiosk_id, said)
        refusals.settle(conn, kiosk_id, [o.session_id for o in outcomes if isinstance(o, Applied)])
        return outcomes

    return await run_in_threadpool(db.run_write, request.app.state.engine, work)


@router.put(
    "/v1/sessions/{session_id}",
    response_model=PutResult,
    status_code=200,
    responses={201: {"model": PutResult, "description": "Created"}}
    | docs.problems(400, 401, 403, 409, 413, 422, 429, 503),
    openapi_extra=docs.json_body(SnapshotIn),
)
async def put_session(session_id: str, request: Request, kiosk_id: Kiosk) -> JSONResponse:
    """Store one snapshot (created / updated / unchanged / stale)."""
    raw = await read_limited(request, request.app.state.settings.max_body)
    body = parse_json(raw)
    try:
        snap = validate_snapshot(body)
        try:
            same = UUID(session_id) == snap.session_id
        except ValueError:
            same = False
        if not same:
            raise Problem(
                422,
                "session_id differs from the path",
                errors=[
                    {"pointer": "/session_id", "detail": "must equal the session id in the path"}
                ],
            )
        owned = _owned(snap, kiosk_id)
    except Problem as problem:
        _sid, revision = _as_sent(body)
        await _apply(request, kiosk_id, [], [_refusal(session_id[:64], revision, problem)])
        raise
    (outcome,) = await _apply(request, kiosk_id, [owned])
    if not isinstance(outcome, Applied):
        raise _as_problem(outcome)
    body = PutResult(
        session_id=outcome.session_id, revision=outcome.revision, result=outcome.result
    )
    return JSONResponse(body.model_dump(), status_code=201 if outcome.result == "created" else 200)


def _as_sent(item: Any) -> tuple[str | None, int | None]:
    """An item's session_id and revision as sent, where they can be read."""
    if not isinstance(item, dict):
        return None, None
    sid, rev = item.get("session_id"), item.get("revision")
    sid = sid.lower() if isinstance(sid, str) else None
    rev = rev if isinstance(rev, int) and not isinstance(rev, bool) else None
    return sid, rev


def _rejected(item: Any, problem: Problem) -> BatchItemResult:
    sid, rev = _as_sent(item)
    return BatchItemResult(session_id=sid, revision=rev, result="rejected", problem=problem.body())


@router.post(
    "/v1/sessions/batch",
    response_model=BatchOut,
    response_model_exclude_unset=True,  # "problem" only on rejected items
    responses=docs.problems(400, 401, 413, 422, 429, 503),
    openapi_extra=docs.json_body(BatchIn),
)
async def post_batch(request: Request, kiosk_id: Kiosk) -> BatchOut:
    """Apply 1–500 snapshots independently, in request order; bad items are rejected alone."""
    raw = await read_limited(request, request.app.state.settings.max_body)
    body = parse_json(raw)
    items = body.get("sessions") if isinstance(body, dict) else None
    if not isinstance(items, list) or not 1 <= len(items) <= BATCH_MAX:
        raise Problem(
            422,
            f"the body must be an object with a sessions list of 1 to {BATCH_MAX} items",
            errors=[{"pointer": "/sessions" if isinstance(body, dict) else "", "detail": "1-500"}],
        )
    results: list[BatchItemResult | None] = []
    valid: list[tuple[int, StoredSession]] = []
    refused: list[Refusal | None] = []
    for index, (item, checked) in enumerate(zip(items, validate_items(raw, items), strict=True)):
        try:
            if isinstance(checked, Problem):
                raise checked
            valid.append((index, _owned(checked, kiosk_id, f"/sessions/{index}")))
            results.append(None)
        except Problem as problem:
            results.append(_rejected(item, problem))
            refused.append(_refusal(*_as_sent(item), problem))
    outcomes = await _apply(request, kiosk_id, [s for _, s in valid], refused)
    for (index, _), outcome in zip(valid, outcomes, strict=True):
        if isinstance(outcome, Applied):
            results[index] = BatchItemResult(
                session_id=outcome.session_id, revision=outcome.revision, result=outcome.result
            )
        else:
            results[index] = _rejected(items[index], _as_problem(outcome))
    return BatchOut(results=[r for r in results if r is not None])
