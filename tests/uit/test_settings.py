"""UiTdatabank settings from the environment, and the owner-only client secret file."""

from __future__ import annotations

import pytest

from listing.uit.errors import ConfigError
from listing.uit.settings import from_env, read_secret
from tests.uit.conftest import write_secret

ORGANIZER = "c76db023-ef6d-49d9-8d15-5ddc3e6eb0a9"


def env(secret_file, **changes) -> dict[str, str]:
    values = {
        "STEM_LISTING_UIT_ENTRY_URL": "https://io-test.uitdatabank.be/",
        "STEM_LISTING_UIT_SEARCH_URL": "https://search-test.uitdatabank.be",
        "STEM_LISTING_UIT_TOKEN_URL": (
            "https://account-test.uitid.be/realms/uitid/protocol/openid-connect/token"
        ),
        "STEM_LISTING_UIT_CLIENT_ID": "stem-lab",
        "STEM_LISTING_UIT_CLIENT_SECRET_FILE": str(secret_file),
        "STEM_LISTING_UIT_EVENTTYPE": "0.3.1.0.1",
    }
    values.update({f"STEM_LISTING_UIT_{k}": v for k, v in changes.items()})
    return {k: v for k, v in values.items() if v is not None}


def test_every_setting_is_read_and_urls_lose_their_trailing_slash(tmp_path):
    settings = from_env(env(tmp_path / "s", ORGANIZER=ORGANIZER))
    assert settings.entry_url == "https://io-test.uitdatabank.be"
    assert settings.search_url == "https://search-test.uitdatabank.be"
    assert settings.client_id == "stem-lab"
    assert settings.eventtype == "0.3.1.0.1"
    assert settings.organizer == f"https://io-test.uitdatabank.be/organizers/{ORGANIZER}"


def test_an_organizer_url_is_kept_and_the_organizer_is_optional(tmp_path):
    url = f"https://io.uitdatabank.be/organizers/{ORGANIZER}"
    assert from_env(env(tmp_path / "s", ORGANIZER=url)).organizer == url
    assert from_env(env(tmp_path / "s")).organizer is None


def test_every_missing_setting_is_named_in_one_message(tmp_path):
    with pytest.raises(ConfigError) as err:
        from_env(env(tmp_path / "s", CLIENT_ID=None, EVENTTYPE="  ", TOKEN_URL=None))
    message = err.value.message
    for name in ("CLIENT_ID", "EVENTTYPE", "TOKEN_URL"):
        assert f"STEM_LISTING_UIT_{name} is not set" in message
    assert "ENTRY_URL" not in message


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("ENTRY_URL", "io.uitdatabank.be", "is not an http(s) URL"),
        ("SEARCH_URL", "http://search.uitdatabank.be", "must use https"),
        ("TOKEN_URL", "https://account.uitid.be/token?x=1", "must not have a query"),
        ("CLIENT_ID", "two words", "must not contain spaces"),
        ("EVENTTYPE", "Cursus of workshop", "is not a taxonomy term id"),
        ("ORGANIZER", "publiq", "neither an organizer id"),
    ],
)
def test_a_malformed_setting_says_which_and_why(tmp_path, name, value, words):
    with pytest.raises(ConfigError) as err:
        from_env(env(tmp_path / "s", **{name: value}))
    assert f"STEM_LISTING_UIT_{name}: " in err.value.message
    assert words in err.value.message


def test_plain_http_is_allowed_on_this_machine_only(tmp_path):
    settings = from_env(env(tmp_path / "s", ENTRY_URL="http://127.0.0.1:8123/entry"))
    assert settings.entry_url == "http://127.0.0.1:8123/entry"


def test_the_secret_is_read_from_an_owner_only_file(tmp_path):
    path = write_secret(tmp_path / "secret", "Zq9-secret")
    assert read_secret(path) == "Zq9-secret"


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_a_secret_file_others_can_read_is_refused_with_the_fix(tmp_path, mode):
    path = write_secret(tmp_path / "secret", "Zq9-secret", mode)
    with pytest.raises(ConfigError) as err:
        read_secret(path)
    assert f"chmod 600 {path}" in err.value.message
    assert "Zq9-secret" not in err.value.message


def test_a_missing_empty_or_two_word_secret_file_says_so(tmp_path):
    with pytest.raises(ConfigError, match="cannot read the client secret file"):
        read_secret(tmp_path / "nowhere")
    with pytest.raises(ConfigError, match="does not hold one secret"):
        read_secret(write_secret(tmp_path / "empty", ""))
    with pytest.raises(ConfigError, match="does not hold one secret") as err:
        read_secret(write_secret(tmp_path / "two", "one two"))
    assert "one two" not in err.value.message
