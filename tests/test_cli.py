"""The command line's shape: every command of DESIGN.md is there, and usage errors exit 2."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

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
    ["workshops", "list", "--json"],
    ["workshops", "pack", "dir", "--out", "p.zip"],
    ["tour", "--json"],
    ["status", "--json"],
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


def _commands(parser, path=()):
    """(path, parser) of every command and subcommand the parser has, e.g. ('devices', 'list')."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name), sub
                yield from _commands(sub, (*path, name))


README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_command_and_its_options_are_documented_in_the_readme():
    """As sqlite-utils checks its docs: a command the parser has is a line of the README's
    command block, with every option it takes."""
    block = README.read_text().split("## The command line", 1)[1].split("```")[1]
    lines = block.splitlines()
    commands = list(_commands(build_parser()))
    assert len(commands) >= 17
    for path, sub in commands:
        if any(isinstance(a, argparse._SubParsersAction) for a in sub._actions):
            continue  # a group: its actions have lines of their own
        line = next((ln for ln in lines if re.match(rf"\s+{' '.join(path)}( |$)", ln)), None)
        assert line is not None, f"'stem-kiosk {' '.join(path)}' is not in README.md"
        for action in sub._actions:
            option = next((o for o in action.option_strings if o.startswith("--")), None)
            if option and option != "--help":
                assert option in line, f"{option} of '{' '.join(path)}' is not in README.md"


@pytest.mark.parametrize(("path", "sub"), list(_commands(build_parser())),
                         ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")  # fmt: skip
def test_every_command_has_a_description_and_its_exit_codes(path, sub):
    assert sub.description and len(sub.description) > 20, path
    assert sub.epilog.startswith("exit codes: 0 "), path


def test_version_and_python_m_kiosk_work_like_the_command():
    import subprocess
    import sys

    from kiosk.about import version

    for argv in (["-m", "kiosk"], ["-m", "kiosk.cli"]):
        done = subprocess.run([sys.executable, *argv, "--version"], capture_output=True,
                              text=True, check=True)  # fmt: skip
        assert done.stdout == f"stem-kiosk {version()}\n"
    wrong = subprocess.run([sys.executable, "-m", "kiosk", "fly"], capture_output=True, text=True)
    assert wrong.returncode == 2 and "invalid choice: 'fly'" in wrong.stderr


def test_a_command_builds_only_its_own_parser_and_the_help_all(capsys):
    assert set(build_parser("sync")._subparsers._group_actions[0].choices) == {"sync"}
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert all(f"    {name} " in out for name in ("run", "session", "workshops", "export"))
