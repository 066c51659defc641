"""The UiTdatabank settings, read from the environment, and the owner-only client secret.

Every missing or malformed variable gives one line naming it; the secret is never shown.
"""

from __future__ import annotations

import ipaddress
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from listing.uit.errors import ConfigError

PREFIX = "STEM_LISTING_UIT_"
MAX_SECRET_BYTES = 4096
UUID = r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{12}"
# A taxonomy term id: "0.50.4.0.0" in the docs' examples, "JCjA0i5COUmdjMwcyjNAFA" for others.
TERM_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
ORGANIZER_URL = re.compile(rf"^https?://.+?/organizers?/({UUID})/?$")
URL_MAX = 200  # the Entry API URL names the environment of each stored event
SEARCH_WINDOW_S = 30.0  # how long a lost create's event is looked for (publish.Settle)


@dataclass(frozen=True)
class UitSettings:
    """Where UiTdatabank is and who the listing is to it; URLs without a trailing slash."""

    entry_url: str
    search_url: str
    token_url: str
    client_id: str
    client_secret_file: Path
    eventtype: str
    organizer: str | None = None  # the organizer's @id URL
    search_window_s: float = SEARCH_WINDOW_S

    def client_secret(self) -> str:
        return read_secret(self.client_secret_file)


def from_env(environ: Mapping[str, str] | None = None) -> UitSettings:
    """The settings from STEM_LISTING_UIT_*; ConfigError lists every problem at once."""
    env = os.environ if environ is None else environ
    problems: list[str] = []

    def get(name: str, check, required: bool = True):
        value = env.get(PREFIX + name, "").strip()
        if not value:
            if required:
                problems.append(f"{PREFIX}{name} is not set")
            return None
        try:
            return check(value)
        except ValueError as err:
            problems.append(f"{PREFIX}{name}: {err}")
            return None

    entry = get("ENTRY_URL", _base_url)
    search = get("SEARCH_URL", _base_url)
    token = get("TOKEN_URL", _base_url)
    client_id = get("CLIENT_ID", _one_word)
    secret_file = get("CLIENT_SECRET_FILE", Path)
    eventtype = get("EVENTTYPE", _term_id)
    organizer = get("ORGANIZER", _organizer, required=False)
    window = get("SEARCH_WINDOW_S", _seconds, required=False)
    if problems:
        raise ConfigError("UiTdatabank is not configured: " + "; ".join(problems))
    if organizer is not None and not organizer.startswith("http"):
        organizer = f"{entry}/organizers/{organizer}"
    return UitSettings(
        entry, search, token, client_id, secret_file, eventtype, organizer,
        SEARCH_WINDOW_S if window is None else window,
    )  # fmt: skip


def read_secret(path: Path) -> str:
    """The client secret from a file only its owner may read (like the kiosk's token file)."""
    try:
        info = os.stat(path)
    except OSError as err:
        raise ConfigError(f"cannot read the client secret file {path}: {err.strerror}") from None
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ConfigError(
            f"the client secret file {path} can be read by others "
            f"(mode {stat.filemode(info.st_mode)}); it must be owner-only: chmod 600 {path}"
        )
    if info.st_size > MAX_SECRET_BYTES:
        raise ConfigError(f"the client secret file {path} is too large to hold one secret")
    try:
        secret = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"cannot read the client secret file {path}: {err}") from None
    if not secret or any(c.isspace() for c in secret):
        raise ConfigError(f"the client secret file {path} does not hold one secret")
    return secret


def _base_url(value: str) -> str:
    """An absolute http(s) URL without query or fragment; plain http only on this machine."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{value!r} is not an http(s) URL")
    if parts.query or parts.fragment:
        raise ValueError(f"{value!r} must not have a query or fragment")
    if len(value) > URL_MAX:
        raise ValueError(f"at most {URL_MAX} characters")
    if parts.scheme == "http" and not _loopback(parts.hostname):
        raise ValueError(f"{value!r} must use https (plain http only for 127.0.0.1)")
    return value.rstrip("/")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _one_word(value: str) -> str:
    if any(c.isspace() for c in value):
        raise ValueError("must not contain spaces")
    return value


def _term_id(value: str) -> str:
    if not TERM_ID.match(value):
        raise ValueError(f"{value!r} is not a taxonomy term id (for example 0.50.4.0.0)")
    return value


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 3600:
        raise ValueError(f"{value!r} is not a number of seconds from 0 to 3600")
    return seconds


def _organizer(value: str) -> str:
    """An organizer's UUID or its @id URL (the UUID is made into a URL on the Entry API)."""
    if re.fullmatch(UUID, value) or ORGANIZER_URL.match(value):
        return value
    raise ValueError(f"{value!r} is neither an organizer id (a UUID) nor an organizer URL")
