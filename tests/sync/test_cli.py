"""`stem-kiosk sync`: progress, summary and exit codes, token file rules, no listing configured."""

from __future__ import annotations

import socket

import pytest

from kiosk.cli import main
from kiosk.commands import sync as sync_command
from kiosk.config import Config
from tests.sync.conftest import FAST, KIOSK_ID, add_sessions, write_config, write_token
from tests.sync.faulty_proxy import REJECT_ONE, FaultyProxy


@pytest.fixture(autouse=True)
def _fast(monkeypatch):
    monkeypatch.setattr(sync_command, "ROUND_OPTIONS", FAST)


def sync(config: Config) -> int:
    return main(["--config", str(write_config(config)), "sync"])


def test_all_confirmed_exits_0_with_the_summary(kiosk, capsys):
    with kiosk.journal() as journal:
        add_sessions(journal, 3)
    assert sync(kiosk.config) == 0
    out, err = capsys.readouterr()
    assert out.strip().splitlines()[-1] == "3 on the kiosk, 3 confirmed, 0 need attention"
    assert "sync: sending 3 sessions" in err  # progress while it runs


def test_a_rejected_session_exits_1_and_is_listed(kiosk, capsys):
    with kiosk.journal() as journal:
        bad, _ = add_sessions(journal, 2)
    with FaultyProxy(kiosk.config.listing_url) as proxy:
        proxy.plan(REJECT_ONE, path="/v1/sessions/batch")
        assert sync(kiosk.pointed_at(proxy.url)) == 1
    out, _ = capsys.readouterr()
    assert f"needs attention: {bad}:" in out
    assert "2 on the kiosk, 1 confirmed, 1 need attention" in out
    assert main(["--config", str(kiosk.config.path), "sessions"]) == 0
    assert "NEEDS ATTENTION" in capsys.readouterr().out


def test_offline_exits_3(kiosk, capsys):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]  # closed again before the sync: connection refused
    with kiosk.journal() as journal:
        add_sessions(journal, 1)
    assert sync(kiosk.pointed_at(f"http://127.0.0.1:{port}")) == 3
    assert "retry later" in capsys.readouterr().err


def test_a_revoked_token_exits_1_and_says_so(kiosk, listing, capsys):
    with kiosk.journal() as journal:
        add_sessions(journal, 1)
    listing.revoke(KIOSK_ID)
    assert sync(kiosk.config) == 1
    err = capsys.readouterr().err
    assert "401" in err and "invalid or revoked" in err


def test_no_listing_configured_exits_2(tmp_path, capsys):
    config = Config(path=tmp_path / "kiosk.yaml", data_dir=tmp_path / "data")
    assert sync(config) == 2
    assert "no listing configured" in capsys.readouterr().err


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o644])
def test_a_token_file_others_can_read_is_refused(kiosk, capsys, mode):
    write_token(kiosk.config.token_file, kiosk.token, mode)
    assert sync(kiosk.config) == 1
    err = capsys.readouterr().err
    assert "owner-only" in err and f"chmod 600 {kiosk.config.token_file}" in err


def test_a_missing_token_file_is_a_clear_problem(kiosk, capsys):
    kiosk.config.token_file.unlink()
    assert sync(kiosk.config) == 1
    assert "cannot read the token file" in capsys.readouterr().err
