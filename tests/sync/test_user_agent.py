"""Every request the kiosk makes to the listing says who it is: `stem-kiosk/<version>`.

Seen where it arrives, through a proxy in front of the real listing on 127.0.0.1.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from kiosk.about import user_agent, version
from kiosk.cli import main
from kiosk.sync.once import sync_once
from kiosk.sync.round import DONE
from tests.sync.conftest import FAST, add_sessions
from tests.sync.faulty_proxy import FaultyProxy

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_the_version_is_the_package_metadata():
    assert version() == tomllib.loads(PYPROJECT.read_text())["project"]["version"]
    assert user_agent() == f"stem-kiosk/{version()}"


def test_every_request_of_a_sync_round_carries_the_user_agent(kiosk):
    with kiosk.journal() as journal:
        add_sessions(journal, 3)
    with FaultyProxy(kiosk.config.listing_url) as proxy:
        done = sync_once(kiosk.pointed_at(proxy.url), **FAST)
    assert done.state == DONE, done.message
    paths = {path.split("?")[0] for _, path, _ in proxy.log}
    assert {"/v1/sessions/batch", "/v1/kiosks/mobilab-test-1/sessions"} <= paths
    assert proxy.agents == [f"stem-kiosk/{version()}"] * len(proxy.log)


def test_enroll_checks_the_listing_with_the_user_agent_too(kiosk, tmp_path):
    config = tmp_path / "enrolled.yaml"
    with FaultyProxy(kiosk.config.listing_url) as proxy:
        code = main(["--config", str(config), "enroll", "--listing", proxy.url,
                     "--kiosk-id", kiosk.config.kiosk_id,
                     "--token-file", str(kiosk.config.token_file)])  # fmt: skip
    assert code == 0
    assert proxy.log[0][1] == "/v1/health"
    assert proxy.agents == [f"stem-kiosk/{version()}"] * len(proxy.log)
