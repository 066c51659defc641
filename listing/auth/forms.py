"""Forms the portal posts: read by hand (urlencoded, or multipart for a file; size-limited)
and CSRF-checked.

Every POST carries `csrf_token`, the synchronizer token of the browser's server-side session.
"""

import hmac
import re
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import parse_qsl

from fastapi import Depends, Request

from listing.auth.guard import FormExpired, require_user
from listing.bodies import read_limited
from listing.problems import Problem
from listing.storage.users import WebSession

FORM_MAX = 128 * 1024  # a pack's kiosks: a checkbox each, a thousand kiosks
FIELDS_MAX = 2100


@dataclass(frozen=True)
class Posted:
    session: WebSession
    fields: dict[str, str]  # the first value of each field
    pairs: tuple[tuple[str, str], ...] = ()  # every value, in order (checkboxes)

    def every(self, name: str) -> list[str]:
        return [value for key, value in self.pairs if key == name]


async def read(request: Request) -> dict[str, str]:
    """The form's fields (the first value of each), else 413 or 400."""
    return _first(await read_pairs(request))


def _first(pairs: list[tuple[str, str]]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for key, value in pairs:
        fields.setdefault(key, value)
    return fields


async def read_pairs(request: Request) -> list[tuple[str, str]]:
    """Every (field, value) of the form in order, else 413 or 400."""
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
    return pairs


@dataclass(frozen=True)
class Upload:
    """A multipart form: its text fields (the first value of each), every text value in order,
    and its files by field name: (the file's name as sent, its bytes)."""

    fields: dict[str, str]
    pairs: tuple[tuple[str, str], ...]
    files: dict[str, tuple[str, bytes]]


_PARAM = re.compile(r';\s*([a-z*]+)="((?:[^"\\]|\\.)*)"|;\s*([a-z*]+)=([^;\s]+)', re.I)


def _parameters(header: str) -> dict[str, str]:
    found = {}
    for quoted_key, quoted, bare_key, bare in _PARAM.findall(header):
        found[(quoted_key or bare_key).lower()] = quoted if quoted_key else bare
    return found


async def read_upload(request: Request, limit: int) -> Upload:
    """A multipart/form-data body of at most `limit` bytes, else 413; 400 if unreadable."""
    kind = request.headers.get("content-type", "")
    boundary = _parameters(kind).get("boundary", "")
    if not kind.lower().startswith("multipart/form-data") or not 0 < len(boundary) <= 200:
        raise _malformed("not multipart/form-data with a boundary")
    raw = await read_limited(request, limit)
    pairs: list[tuple[str, str]] = []
    files: dict[str, tuple[str, bytes]] = {}
    chunks = raw.split(b"--" + boundary.encode("latin-1"))
    if len(chunks) < 3 or not chunks[-1].startswith(b"--"):
        raise _malformed("the multipart body is cut short")
    for chunk in chunks[1:-1]:
        head, sep, data = chunk.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        if not sep or not data.endswith(b"\r\n") or len(pairs) + len(files) >= FIELDS_MAX:
            raise _malformed("a part of the multipart body is malformed")
        data = data[:-2]
        headers = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        disposition = _parameters(";" + headers.get("content-disposition", "").partition(";")[2])
        field = disposition.get("name")
        if field is None:
            raise _malformed("a part has no field name")
        if "filename" in disposition:
            files.setdefault(field, (disposition["filename"], data))
        else:
            try:
                pairs.append((field, data.decode("utf-8")))
            except UnicodeError:
                raise _malformed(f"field {field} is not UTF-8") from None
    return Upload(_first(pairs), tuple(pairs), files)


def _malformed(why: str) -> Problem:
    return Problem(
        400, f"The form could not be read: {why}", kind=("Malformed form", "malformed-form")
    )


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
        pairs = await read_pairs(request)
        fields = _first(pairs)
        check_csrf(session, fields)
        return Posted(session, fields, tuple(pairs))

    return Depends(checked)
