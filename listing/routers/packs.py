"""`GET /v1/packs/{sha256}`: a workshop pack's exact bytes, for any valid kiosk token.

Packs hold workshops, never personal data; their SHA-256 is their name and their ETag.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from listing import db, docs
from listing.problems import Problem
from listing.security import Kiosk
from listing.storage.packs import pack_content

router = APIRouter(tags=["kiosk"])


@router.get(
    "/v1/packs/{sha256}",
    response_class=Response,
    responses={
        200: {
            "description": "The pack (a zip archive)",
            "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            "headers": {"ETag": {"description": '"<sha256>"', "schema": {"type": "string"}}},
        }
    }
    | docs.problems(401, 404, 429, 503),
)
def pack(sha256: str, request: Request, _kiosk: Kiosk) -> Response:
    with db.read(request.app.state.engine) as conn:
        content = pack_content(conn, sha256)
    if content is None:
        raise Problem(404, f"the listing holds no pack {sha256}")
    return Response(content, media_type="application/zip", headers={"ETag": f'"{sha256}"'})
