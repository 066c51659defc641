"""Reading a request body under the contract's order: size (413), JSON syntax (400), rules (422).

Validation errors become problem pointers into the body (RFC 6901), prefixed for batch items.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError

from listing.models.incoming import SnapshotIn, tied_rules
from listing.problems import Problem

M = TypeVar("M", bound=BaseModel)


async def read_limited(request: Request, limit: int) -> bytes:
    """The whole body, or 413 as soon as it is known to exceed `limit` (chunked too)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise Problem(413, f"The body is larger than {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Problem(413, f"The body is larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_json(raw: bytes) -> Any:
    """The body as JSON (strict: UTF-8, no NaN/Infinity, no lone surrogates), else 400."""
    try:
        value = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except (UnicodeError, ValueError, RecursionError) as exc:
        raise Problem(400, f"The body is not valid JSON: {exc}") from None
    return value


def escape(part: object) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


def pointer(prefix: str, loc: tuple) -> str:
    return prefix + "".join("/" + escape(p) for p in loc)


def summary(errors: list[dict[str, str]]) -> str:
    """A one-line detail for the facilitator: the first few broken rules."""
    text = "; ".join(f"{e['pointer'] or '/'}: {e['detail']}" for e in errors[:3])
    return text + (f" (and {len(errors) - 3} more)" if len(errors) > 3 else "")


def validate_model(model: type[M], value: Any, prefix: str = "") -> M:
    """A JSON value as `model` with its field rules checked; 422 with a pointer per broken rule."""
    try:
        return model.model_validate_json(json.dumps(value))
    except ValidationError as exc:
        errors = [
            {"pointer": pointer(prefix, e["loc"]), "detail": e["msg"]}
            for e in exc.errors(include_url=False)
        ]
        raise Problem(422, summary(errors), errors=errors) from None


def validate_snapshot(value: Any, prefix: str = "") -> SnapshotIn:
    """One snapshot, every rule checked; 422 with a pointer per broken rule."""
    snap = validate_model(SnapshotIn, value, prefix)
    _check_tied(snap, prefix)
    return snap


def _check_tied(snap: SnapshotIn, prefix: str) -> None:
    broken = tied_rules(snap)
    if broken:
        errors = [{"pointer": prefix + where, "detail": detail} for where, detail in broken]
        raise Problem(422, summary(errors), errors=errors)


class _Batch(BaseModel):
    """A batch body whose items all pass the field rules."""

    sessions: list[SnapshotIn]


def validate_items(raw: bytes, items: list[Any]) -> list[SnapshotIn | Problem]:
    """Each batch item as `validate_snapshot(item, "/sessions/N")` returns or raises it. The
    common case, every item passing the field rules, takes one pass over the raw body."""
    try:
        fields = _Batch.model_validate_json(raw).sessions
    except ValidationError:
        fields = None
    if fields is None or len(fields) != len(items):
        fields = [None] * len(items)  # some item breaks a field rule: one by one, for pointers
    checked: list[SnapshotIn | Problem] = []
    for index, (item, snap) in enumerate(zip(items, fields, strict=True)):
        prefix = f"/sessions/{index}"
        try:
            if snap is None:
                checked.append(validate_snapshot(item, prefix))
            else:
                _check_tied(snap, prefix)
                checked.append(snap)
        except Problem as problem:
            checked.append(problem)
    return checked
