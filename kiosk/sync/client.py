"""The listing's HTTP API as the kiosk uses it: one requests Session, TLS verified, timeouts.

Every answer becomes a value or one of the exceptions below, as listing-api.md's client table says.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from kiosk.about import user_agent
from kiosk.sync.backoff import parse_retry_after

CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 30.0
MAX_TOKEN_BYTES = 4096
CHUNK_BYTES = 64 * 1024


class SyncError(Exception):
    """Base: `.message` is for the user (CLI and facilitator screen)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotConfigured(SyncError):
    """No listing URL or token file in the config."""


class TokenFileError(SyncError):
    """The token file is missing, unreadable, not one token, or readable by others."""


class Unauthorized(SyncError):
    """401/403: the token is invalid or revoked, or not this kiosk's. Stop the round."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


class RetryLater(SyncError):
    """Offline, timeout, 5xx, 429/503 or an unreadable answer: try again after a wait."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class Refused(SyncError):
    """400/409/413/422 for a whole request: the content is at fault; never resend it unchanged."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


class Unexpected(SyncError):
    """An answer the contract does not have (404, a redirect, ...): most likely a wrong URL."""


@dataclass(frozen=True)
class ItemResult:
    """One item of a batch answer; `detail` is set when `result` is "rejected"."""

    session_id: str | None
    revision: int | None
    result: str
    detail: str | None = None


CONFIRMING = ("created", "updated", "unchanged", "stale")


def read_token(path: Path) -> str:
    """The kiosk's token from a file that only its owner may read."""
    try:
        info = os.stat(path)
    except OSError as err:
        raise TokenFileError(f"cannot read the token file {path}: {err.strerror}") from None
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise TokenFileError(
            f"the token file {path} can be read by others (mode {stat.filemode(info.st_mode)}); "
            f"it must be owner-only: chmod 600 {path}"
        )
    if info.st_size > MAX_TOKEN_BYTES:
        raise TokenFileError(f"the token file {path} is too large to be a token")
    token = path.read_text(encoding="utf-8").strip()
    if not token or any(c.isspace() for c in token):
        raise TokenFileError(f"the token file {path} does not hold one token")
    return token


def problem_text(problem: Any, fallback: str) -> str:
    """A problem+json object as one line: its detail (or title) and each pointed-at error."""
    if not isinstance(problem, dict):
        return fallback
    text = str(problem.get("detail") or problem.get("title") or fallback)
    errors = problem.get("errors")
    if isinstance(errors, list):
        parts = [
            f"{e.get('pointer', '')}: {e.get('detail', '')}" for e in errors if isinstance(e, dict)
        ]
        if parts:
            text += " (" + "; ".join(parts) + ")"
    return text


class ListingClient:
    """Calls to one listing with one kiosk token; close() when done (or use `with`)."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        connect_timeout: float = CONNECT_TIMEOUT_S,
        read_timeout: float = READ_TIMEOUT_S,
        verify: bool | str = True,
    ):
        self.base_url = base_url.rstrip("/")
        self.timeout = (connect_timeout, read_timeout)
        self.verify = verify  # per request: a session's own `verify` loses to REQUESTS_CA_BUNDLE
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"Bearer {token}"
        self.http.headers["User-Agent"] = user_agent()

    @classmethod
    def from_config(cls, config, **options) -> ListingClient:
        if not config.listing_url:
            raise NotConfigured(
                "no listing configured: set listing.url and listing.token_file in the config "
                "(or run `stem-kiosk enroll`)"
            )
        if config.token_file is None:
            raise NotConfigured("no token file configured: set listing.token_file in the config")
        return cls(config.listing_url, read_token(config.token_file), **options)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> ListingClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- endpoints --------------------------------------------------------------------------

    def clock_offset(self, wall: Callable[[], float] = time.time) -> float:
        """GET /v1/health: seconds to add to the `wall` clock to get the listing's (and online)."""
        before = wall()
        body = self._call("GET", "/v1/health", auth=False)
        after = wall()
        try:
            server = dt.datetime.fromisoformat(body["server_time"])
            if server.tzinfo is None:
                raise ValueError("no offset")
        except (TypeError, KeyError, ValueError):
            raise RetryLater("the listing's health answer has no usable server_time") from None
        return server.timestamp() - (before + after) / 2

    def send_batch(self, items: list[str]) -> list[ItemResult]:
        """POST /v1/sessions/batch with already-serialised snapshots; results in request order."""
        body = ('{"sessions":[' + ",".join(items) + "]}").encode()
        answer = self._call("POST", "/v1/sessions/batch", data=body)
        results = answer.get("results") if isinstance(answer, dict) else None
        if not isinstance(results, list) or len(results) != len(items):
            raise RetryLater("the listing's batch answer does not match the request")
        return [_item(r) for r in results]

    def kiosk_sessions(self, kiosk_id: str) -> dict[str, int]:
        """GET /v1/kiosks/{id}/sessions: every session id the listing holds, with its revision."""
        answer = self._call("GET", f"/v1/kiosks/{kiosk_id}/sessions")
        try:
            return {str(s["session_id"]).lower(): int(s["revision"]) for s in answer["sessions"]}
        except (TypeError, KeyError, ValueError):
            raise RetryLater("the listing's session list is unreadable") from None

    def plan(self, kiosk_id: str, etag: str | None) -> tuple[Any, str | None] | None:
        """GET /v1/kiosks/{id}/plan: (body, ETag) when it changed, None on 304 (the plan the
        kiosk keeps stands). A 404 is a fault to retry, as for a pack."""
        headers = {"If-None-Match": etag} if etag else {}
        response = self._request("GET", f"/v1/kiosks/{kiosk_id}/plan", headers=headers)
        if response.status_code == 304:
            return None
        body = _json(response.content)
        if body is None:
            raise RetryLater("the listing answered the plan with an unreadable body")
        return body, response.headers.get("ETag")

    def download_pack(self, sha256: str, size: int, dest: Path) -> None:
        """GET /v1/packs/{sha256} into `dest`, at most `size` bytes. Cut short, too long or not
        those bytes: RetryLater (a transfer failure, never a refusal) and `dest` is incomplete."""
        path = f"/v1/packs/{sha256}"
        digest, got = hashlib.sha256(), 0
        response = self._request("GET", path, stream=True)
        try:
            with open(dest, "wb") as out:
                for chunk in response.iter_content(CHUNK_BYTES):
                    got += len(chunk)
                    if got > size:
                        raise RetryLater(f"pack {sha256[:12]}: more than the plan's {size} bytes")
                    digest.update(chunk)
                    out.write(chunk)
        except requests.RequestException as err:
            broke = f"pack {sha256[:12]}: the download broke off ({type(err).__name__})"
            raise RetryLater(broke) from None
        finally:
            response.close()
        if got != size:
            raise RetryLater(f"pack {sha256[:12]}: cut short at {got} of {size} bytes")
        if digest.hexdigest() != sha256:
            raise RetryLater(f"pack {sha256[:12]}: the bytes do not match their SHA-256")

    def put_status(self, kiosk_id: str, report: dict) -> Any:
        """PUT /v1/kiosks/{id}/status with the kiosk's report."""
        body = json.dumps(report, separators=(",", ":"), ensure_ascii=False).encode()
        return self._call("PUT", f"/v1/kiosks/{kiosk_id}/status", data=body)

    # -- one request --------------------------------------------------------------------------

    def _call(self, method: str, path: str, *, data: bytes | None = None, auth: bool = True):
        response = self._request(method, path, data=data, auth=auth)
        body = _json(response.content)
        if body is None:
            raise RetryLater(f"the listing answered {response.status_code} with an unreadable body")
        return body

    def _request(
        self, method: str, path: str, *, data: bytes | None = None, auth: bool = True,
        headers: dict | None = None, stream: bool = False,
    ) -> requests.Response:  # fmt: skip
        """The answer to one request when it is 2xx or 304; every other answer (and every
        network fault) raised as the client table says."""
        headers = dict(headers or {})
        if data is not None:
            headers["Content-Type"] = "application/json"
        if not auth:
            headers["Authorization"] = None  # requests drops a header set to None
        url = self.base_url + path
        try:
            response = self.http.request(
                method, url, data=data, headers=headers, timeout=self.timeout,
                verify=self.verify, allow_redirects=False, stream=stream,
            )  # fmt: skip
            if stream and not 200 <= response.status_code < 300:
                _ = response.content  # a problem: read it here, where a broken link is caught
        except requests.Timeout:
            raise RetryLater(f"the listing did not answer in time ({url})") from None
        except requests.exceptions.SSLError:
            raise RetryLater(
                f"the TLS certificate of {self.base_url} could not be verified "
                "(a hotspot's login page, or a wrong certificate)"
            ) from None
        except requests.RequestException as err:
            raise RetryLater(f"cannot reach the listing ({type(err).__name__})") from None
        status = response.status_code
        if 200 <= status < 300 or (status == 304 and "If-None-Match" in headers):
            return response
        text = problem_text(_json(response.content), f"HTTP {status}")
        if status in (401, 403):
            raise Unauthorized(
                f"the listing refused this kiosk's token ({status}: {text}); the token is "
                "invalid or revoked, or belongs to another kiosk: enroll again",
                status,
            )
        if status in (429, 503):
            wait = parse_retry_after(response.headers.get("Retry-After"))
            raise RetryLater(f"the listing is busy ({status}: {text})", wait)
        if status >= 500:
            raise RetryLater(f"the listing had an error ({status}: {text})")
        if status in (400, 409, 413, 422):
            raise Refused(text, status)
        if status == 404 and (path.startswith("/v1/packs/") or path.endswith("/plan")):
            raise RetryLater(f"the listing has nothing at {path} (404: {text})")
        raise Unexpected(f"the listing at {self.base_url} answered {status} to {method} {path}")


def _json(content: bytes) -> Any:
    try:
        return json.loads(content)
    except ValueError:
        return None


def _item(raw: Any) -> ItemResult:
    if not isinstance(raw, dict) or not isinstance(raw.get("result"), str):
        raise RetryLater("the listing's batch answer has an unreadable item")
    sid = raw.get("session_id")
    rev = raw.get("revision")
    detail = None
    if raw["result"] == "rejected":
        detail = problem_text(raw.get("problem"), "rejected by the listing")
    return ItemResult(
        str(sid).lower() if sid is not None else None,
        rev if isinstance(rev, int) else None,
        raw["result"],
        detail,
    )
