"""The command line's shape: every command of DESIGN.md is there, and usage errors exit 2."""

from __future__ import annotations

import pytest

from kiosk.cli import build_parser, handler, main

COMMANDS = [
    ["run", "--simulate"],
    ["validate"],
    ["devices", "list"],
    ["devices", "check", "--simulate"],
    ["devices", "watch", "distance"],
    ["devices", "wiring", "led", "--png", "x.png"],
    ["session", "start", "--workshop", "w", "--stop", "s"],
    ["session", "count", "abc", "--band", "10-13"],
    ["session", "end", "abc"],
    ["sessions", "--json"],
    ["sync"],
    ["export", "--csv", "f.csv"],
    ["report", "--png", "r.png"],
    ["pin"],
    ["enroll", "--listing", "http://x", "--kiosk-id", "k", "--token-file", "t"],
    ["workshops", "import", "p"],
    ["workshops", "card", "reactiespel", "--png", "c.png"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_every_documented_command_parses(argv):
    args = build_parser().parse_args(["--config", "k.yaml", *argv])
    assert args.command == argv[0]
    assert callable(handler(args.handler))  # its module imported only now


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["fly"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_session_commands_print_their_answer_alone_as_a_real_process(tmp_path):
    """Scripts read `session start` and `session count` output: nothing else may be on stdout."""
    import os
    import subprocess
    import sys
    import uuid

    config = tmp_path / "kiosk.yaml"
    config.write_text(f"data_dir: {tmp_path / 'data'}\n")
    env = {k: v for k, v in os.environ.items() if k != "PYGAME_HIDE_SUPPORT_PROMPT"}

    def run(*argv):
        done = subprocess.run(
            [sys.executable, "-m", "kiosk.cli", "--config", str(config), *argv],
            capture_output=True, text=True, env=env, check=True, timeout=60,
        )  # fmt: skip
        return done.stdout.splitlines()

    [session] = run("session", "start", "--workshop", "reactiespel", "--stop", "Jeugdhuis")
    assert uuid.UUID(session)
    assert run("session", "count", session, "--band", "14-17") == ["1"]
