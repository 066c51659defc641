"""`stem-kiosk enroll` against the real listing on 127.0.0.1 (SQLite), and the config edit."""

from __future__ import annotations

import itertools
import os
import socket
import stat

import pytest

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.configedit import replace_keys
from kiosk.sync.client import ListingClient
from tests.support.listing_server import running_listing

CONFIG = """\
# my kiosk: keep this comment
kiosk_id: mobilab-demo
language: en   # the facilitators here prefer English
listing:
  url: https://old.example.org

  token_file: /old/token
# the PIN below must survive
facilitator_pin_hash: "scrypt$1$2$3$ab$cd"
"""


@pytest.fixture(scope="module")
def listing(tmp_path_factory):
    db = tmp_path_factory.mktemp("listing") / "listing.db"
    with running_listing(f"sqlite:///{db}") as server:
        yield server


KIOSK_IDS = (f"gent-{n}" for n in itertools.count(1))  # one listing for the module: fresh ids


@pytest.fixture
def kiosk(tmp_path, listing):
    """A config with other keys and comments, an owner-only token file, and the token's kiosk."""
    config = tmp_path / "kiosk.yaml"
    config.write_text(CONFIG)
    config.chmod(0o640)
    kid = next(KIOSK_IDS)
    token = tmp_path / "token"
    token.write_text(listing.add_kiosk(kid) + "\n")
    token.chmod(0o600)
    return config, token, kid


def enroll(config, url, kiosk_id, token) -> int:
    return main(["--config", str(config), "enroll", "--listing", url, "--kiosk-id", kiosk_id,
                 "--token-file", str(token)])  # fmt: skip


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_enroll_checks_then_writes_only_its_keys(kiosk, listing, capsys):
    config, token, kid = kiosk
    token.chmod(0o644)
    assert enroll(config, listing.url + "/", kid, token) == 0
    text = config.read_text()
    for kept in (
        "# my kiosk: keep this comment",
        "language: en   # the facilitators",
        "# the PIN below must survive",
        'facilitator_pin_hash: "scrypt$1$2$3$ab$cd"',
    ):
        assert kept in text  # fmt: skip
    assert "old.example.org" not in text and "/old/token" not in text
    loaded, problems = load_config(config)
    assert problems == []
    assert (loaded.kiosk_id, loaded.listing_url, loaded.token_file) == (kid, listing.url, token)
    assert loaded.language == "en"
    assert stat.S_IMODE(os.stat(config).st_mode) == 0o640  # the config keeps its mode
    assert stat.S_IMODE(os.stat(token).st_mode) == 0o600
    # The sync client works from what enroll wrote.
    with ListingClient.from_config(loaded) as client:
        assert client.kiosk_sessions(kid) == {}
    assert f"enrolled kiosk '{kid}'" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("case", "code", "says"),
    [
        ("unknown token", 1, "the token is wrong: the listing does not know it"),
        ("revoked token", 1, "the token is wrong: the listing does not know it"),
        ("another kiosk", 1, "the token is wrong: it belongs to another kiosk"),
        ("not a listing", 1, "the listing URL is wrong"),
        ("unreachable", 3, "cannot reach the listing"),
        ("maintenance", 3, "busy"),
        ("no token file", 1, "cannot use the token file"),
        ("empty token file", 1, "does not hold one token"),
    ],
)
def test_a_wrong_url_or_token_writes_nothing(kiosk, listing, capsys, case, code, says):
    config, token, kid = kiosk
    url = listing.url
    if case == "unknown token":
        token.write_text("not-a-token\n")
    elif case == "revoked token":
        listing.revoke(kid)
    elif case == "another kiosk":
        kid = "someone-else"
        listing.add_kiosk(kid)
    elif case == "not a listing":
        url += "/wrong/path"
    elif case == "unreachable":
        url = f"http://127.0.0.1:{closed_port()}"
    elif case == "maintenance":
        listing.maintenance(30)
    elif case == "no token file":
        token.unlink()
    elif case == "empty token file":
        token.write_text("")
    before = config.read_bytes()
    try:
        assert enroll(config, url, kid, token) == code
    finally:
        listing.maintenance(None)
    assert says in capsys.readouterr().err
    assert config.read_bytes() == before
    assert sorted(p.name for p in config.parent.iterdir()) == sorted(
        ["kiosk.yaml"] + (["token"] if token.exists() else [])
    )


def test_without_config_option_the_default_config_is_written(kiosk, listing, tmp_path):
    _, token, kid = kiosk
    args = ["enroll", "--listing", listing.url, "--kiosk-id", kid, "--token-file", str(token)]
    assert main(args) == 0
    config, problems = load_config(tmp_path / "xdg/stem-kiosk/kiosk.yaml")  # tests/conftest.py
    assert problems == [] and (config.kiosk_id, config.listing_url) == (kid, listing.url)


@pytest.mark.parametrize(
    ("kiosk_id", "url"), [("Gent 1", "http://127.0.0.1:1"), ("gent-1", "ftp://listing")]
)
def test_malformed_arguments_are_usage_errors(kiosk, kiosk_id, url):
    config, token, _ = kiosk
    before = config.read_bytes()
    assert enroll(config, url, kiosk_id, token) == 2
    assert config.read_bytes() == before


def test_an_invalid_config_is_not_made_worse(kiosk, listing, capsys):
    config, token, kid = kiosk
    config.write_text(CONFIG.replace("language: en", "language: de"))
    before = config.read_bytes()
    assert enroll(config, listing.url, kid, token) == 1
    assert capsys.readouterr().err.count("kiosk.yaml:3:") == 1
    assert config.read_bytes() == before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "kiosk_id: k\nlisting: {url: u}\n"),
        ("language: nl", "language: nl\nkiosk_id: k\nlisting: {url: u}\n"),
        ("listing: {url: old}\n# after\nkiosk_id: x\n",
         "listing: {url: u}\n# after\nkiosk_id: k\n"),
        ("kiosk_id: a\nkiosk_id: b\n", "kiosk_id: k\nlisting: {url: u}\n"),
        ("listing:\n  url: x\n\n  token_file: y\n\nlanguage: en\n",
         "listing: {url: u}\n\nlanguage: en\nkiosk_id: k\n"),
    ],
)  # fmt: skip
def test_replace_keys(text, expected):
    assert (
        replace_keys(text, {"kiosk_id": "kiosk_id: k", "listing": "listing: {url: u}"}) == expected
    )
