"""Forms the portal posts: read by hand (urlencoded, size-limited) and CSRF-checked.

Every POST carries `csrf_token`, the synchronizer token of the browser's server-side session.
"""

import hmac
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import parse_qsl

from fastapi import Depends, Request

from listing.auth.guard import FormExpired, require_user
from listing.bodies import read_limited
from listing.problems import Problem
from listing.storage.users import WebSession

FORM_MAX = 16 * 1024
FIELDS_MAX = 50


@dataclass(frozen=True)
class Posted:
    session: WebSession
    fields: dict[str, str]


async def read(request: Request) -> dict[str, str]:
    """The form's fields (the first value of each), else 413 or 400."""
    raw = await read_limited(request, FORM_MAX)
    try:
        pairs = parse_qsl(
            raw.decode("utf-8"), keep_blank_values=True, strict_parsing=False,
            max_num_fields=FIELDS_MAX,
        )  # fmt: skip
    except (UnicodeError, ValueError) as exc:
        raise Problem(
            400, f"The form could not be read: {exc}", kind=("Malformed form", "malformed-form")
        ) from None
    fields: dict[str, str] = {}
    for key, value in pairs:
        fields.setdefault(key, value)
    return fields


def check_csrf(session: WebSession | None, fields: dict[str, str]) -> None:
    """The form's token must be its session's: else `FormExpired` (403), nothing done."""
    sent = fields.get("csrf_token", "").encode("utf-8")
    if session is None or not hmac.compare_digest(sent, session.csrf_token.encode("ascii")):
        raise FormExpired()


def posted(role: str):
    """A dependency for a logged-in person's POST: their session and the checked form. (This
    module keeps its annotations evaluated: FastAPI must see `role`'s guard, a closure.)"""

    async def checked(
        request: Request, session: Annotated[WebSession, require_user(role)]
    ) -> Posted:
        fields = await read(request)
        check_csrf(session, fields)
        return Posted(session, fields)

    return Depends(checked)
