"""`stem-kiosk enroll`: connect this kiosk to a listing, after checking URL and token work.

Exit 0 enrolled; 1 the URL or the token is wrong (the message says which) or the token file
or config has a problem; 2 a malformed kiosk id or URL; 3 the listing cannot be reached now
(offline, DNS, timeout, busy): try again later. On any failure the config is not touched.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import stat
from pathlib import Path

import requests

from kiosk.about import user_agent
from kiosk.commands.common import LATER, OK, PROBLEM, USAGE, fail
from kiosk.config import KIOSK_ID_PATTERN, config_path, ensure_config, load_config
from kiosk.configedit import replace_keys, write_atomically
from kiosk.sync.client import (
    CONNECT_TIMEOUT_S,
    ListingClient,
    RetryLater,
    SyncError,
    Unauthorized,
    read_token,
)

HEALTH_TIMEOUT_S = 10.0


class EnrollError(Exception):
    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.message, self.code = message, code


def enroll(args: argparse.Namespace) -> int:
    kiosk_id, url = args.kiosk_id, args.listing.rstrip("/")
    if not re.fullmatch(KIOSK_ID_PATTERN, kiosk_id):
        return fail(f"kiosk id '{kiosk_id}' must be lower-case letters, digits and '-'", USAGE)
    if not re.fullmatch(r"https?://[^\s/]+(/\S*)?", url):
        return fail(f"listing URL '{args.listing}' must start with http:// or https://", USAGE)
    path = config_path(args.config)  # its problems are reported once, by the edit's check
    if args.config is None:
        ensure_config(path)
    token_file = Path(args.token_file).absolute()
    try:
        token = owner_only_token(token_file)
        check_listing(url)
        sessions = check_token(url, token, kiosk_id)
        write_enrolment(path, url, kiosk_id, token_file)
    except EnrollError as err:
        return fail(err.message, err.code)
    print(f"enrolled kiosk '{kiosk_id}' with {url} ({sessions} session(s) there already)")
    print(f"config written: {path}")
    return OK


def owner_only_token(path: Path) -> str:
    """The token in the file, after making the file owner-only (0600) if it was not."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        if mode != 0o600:
            os.chmod(path, 0o600)
            print(f"{path}: mode {mode:04o} -> 0600 (a token is for its owner only)")
        return read_token(path)
    except OSError as err:
        raise EnrollError(f"cannot use the token file {path}: {err.strerror}", PROBLEM) from None
    except SyncError as err:
        raise EnrollError(err.message, PROBLEM) from None


def check_listing(url: str) -> None:
    """GET /v1/health: reachable (else exit 3) and a stem-kiosk listing (else the URL is wrong)."""
    health = url + "/v1/health"
    try:
        answer = requests.get(
            health,
            headers={"User-Agent": user_agent()},
            timeout=(CONNECT_TIMEOUT_S, HEALTH_TIMEOUT_S),
            allow_redirects=False,
        )
    except requests.RequestException as err:
        raise EnrollError(
            f"cannot reach the listing at {url} ({type(err).__name__}): check the URL and "
            "the network, then try again",
            LATER,
        ) from None
    status = answer.status_code
    if status in (429, 503) or status >= 500:
        raise EnrollError(f"the listing at {url} is busy or down ({status}): try later", LATER)
    if answer.is_redirect:
        where = answer.headers.get("Location", "?")
        raise EnrollError(f"the listing URL is wrong: {health} redirects to {where}", PROBLEM)
    try:
        body = answer.json()
    except ValueError:
        body = None
    if status != 200 or not isinstance(body, dict) or body.get("status") != "ok":
        raise EnrollError(
            f"the listing URL is wrong: {health} answered {status}, not a stem-kiosk listing's "
            "health",
            PROBLEM,
        )


def check_token(url: str, token: str, kiosk_id: str) -> int:
    """GET /v1/kiosks/{id}/sessions with the token; the number of sessions the listing holds."""
    try:
        with ListingClient(url, token) as client:
            return len(client.kiosk_sessions(kiosk_id))
    except Unauthorized as err:
        if err.status == 403:
            message = f"the token is wrong: it belongs to another kiosk, not '{kiosk_id}'"
        else:
            message = "the token is wrong: the listing does not know it (mistyped or revoked)"
        raise EnrollError(message, PROBLEM) from None
    except RetryLater as err:
        raise EnrollError(f"{err.message}: try again later", LATER) from None
    except SyncError as err:
        raise EnrollError(f"the listing URL is wrong: {err.message}", PROBLEM) from None


def write_enrolment(config_path: Path, url: str, kiosk_id: str, token_file: Path) -> None:
    """Set kiosk_id and listing in the config, keeping everything else; refuse if invalid."""
    try:
        text = config_path.read_text(encoding="utf-8") if config_path.exists() else ""
    except OSError as err:
        raise EnrollError(f"cannot read {config_path}: {err.strerror}", PROBLEM) from None
    new = replace_keys(
        text,
        {
            "kiosk_id": f"kiosk_id: {kiosk_id}",
            "listing": (
                f"listing:\n  url: {json.dumps(url)}\n  token_file: {json.dumps(str(token_file))}"
            ),
        },
    )
    _refuse_if_invalid(config_path, new)
    try:
        write_atomically(config_path, new)
    except OSError as err:
        raise EnrollError(f"cannot write {config_path}: {err.strerror}", PROBLEM) from None


def _refuse_if_invalid(path: Path, text: str) -> None:
    """Load the new text as the config it would become; any problem and nothing is written."""
    trial = path.with_name(f".{path.name}.enroll-check")
    try:
        fd = os.open(trial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        problems = load_config(trial)[1]
    except OSError as err:
        raise EnrollError(f"cannot write next to {path}: {err.strerror}", PROBLEM) from None
    finally:
        trial.unlink(missing_ok=True)
    if problems:
        lines = "\n".join(str(p).replace(str(trial), str(path), 1) for p in problems)
        raise EnrollError(f"fix the config first; nothing was written:\n{lines}", PROBLEM)
