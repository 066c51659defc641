"""The `stem-kiosk` command line: the global options, every command's arguments, help and exit
codes, and the dispatch to its handler in kiosk/commands/, imported only when it runs.

A tap on `session count` so loads the journal and nothing else (tests/bench/bench_cli.py).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

# pygame greets on stdout when imported; a command's output (an id, a total) stands alone.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from kiosk.about import PROGRAM, version
from kiosk.i18n import languages
from kiosk.journal import BANDS, GENDERS

GROUP_EXITS = "0 success, 1 a problem to fix, 2 wrong usage or unknown name (each action says when)"
EXIT_CODES = (
    "exit codes: 0 success, 1 a problem to fix (invalid file, needs attention), "
    "2 wrong usage or unknown name, 3 try again later (offline)"
)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or only of `command` (what one run needs: each command's
    parser costs its share of a quick tap's time)."""
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description="Touchscreen kiosk and device kit for the mobile STEM lab.",
        epilog=EXIT_CODES,
        formatter_class=_Help,
    )
    parser.add_argument(
        "--config",
        metavar="PATH",
        help="config file (default: $STEM_KIOSK_CONFIG, else kiosk.yaml in the data directory)",
    )
    parser.add_argument("--version", action=_Version, help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, add in COMMANDS.items():
        if command in (None, name):
            add(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(_command_in(argv)).parse_args(argv)
    try:
        return handler(args.handler)(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0


def _command_in(argv: list[str]) -> str | None:
    """The command a command line names, if it is one (else every parser is built: for --help,
    --version and the message that lists the commands)."""
    words = iter(argv)
    for word in words:
        if word == "--config":
            next(words, None)
        elif not word.startswith("--config="):
            return word if word in COMMANDS else None
    return None


def handler(name: str):
    """'session:count' -> kiosk.commands.session.count, its module imported now."""
    module, function = name.split(":")
    return getattr(importlib.import_module(f"kiosk.commands.{module}"), function)


class _Help(argparse.RawDescriptionHelpFormatter):
    """argparse's help at the terminal's width, found without loading shutil: argparse makes a
    formatter for every argument it adds, and its own would cost each command ~2 ms."""

    def __init__(self, prog: str, **kwargs):
        super().__init__(prog, width=kwargs.pop("width", None) or _columns() - 2, **kwargs)


def _columns() -> int:
    """The terminal's width: $COLUMNS, else the terminal's own, else 80 (as shutil says it)."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, OSError, ValueError):
        return 80


class _Version(argparse.Action):
    """`--version`: the package's version, read only when asked for."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"{PROGRAM} {version()}")
        parser.exit()


def _command(sub, name: str, handler: str | None, summary: str, description: str, exits: str):
    """One command (or command group): its one-line help, what it does, its exit codes."""
    parser = sub.add_parser(
        name,
        help=summary,
        description=description,
        epilog=f"exit codes: {exits}",
        formatter_class=_Help,
    )
    if handler:
        parser.set_defaults(handler=handler)
    return parser


def _group(parser):
    return parser.add_subparsers(dest="action", metavar="ACTION", required=True)


def _simulate(parser) -> None:
    parser.add_argument("--simulate", action="store_true", help="use the simulated kit")


# -- the commands, as DESIGN.md lists them ------------------------------------------------------


def _run(sub) -> None:
    p = _command(
        sub, "run", "run:run", "start the kiosk",
        "Start the touchscreen kiosk: the start-up check, then Home. Headless, it plays a script\n"
        "of taps (default: the built-in demo tour) and saves screenshots.",
        "0 the kiosk was left (or the script played through), 1 it stopped on a fault or the\n"
        "script has a problem",
    )  # fmt: skip
    p.add_argument("--simulate", action="store_true", help="simulated kit (no Pi needed)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--fullscreen", action="store_true", help="kiosk mode (default on a Pi)")
    mode.add_argument("--windowed", action="store_true", help="an 800x480 window")
    p.add_argument("--headless", action="store_true", help="no display: render off-screen")
    p.add_argument("--script", metavar="FILE", help="a YAML script of inputs to play")
    p.add_argument("--screenshots", metavar="DIR", help="where to save screenshots")


def _validate(sub) -> None:
    p = _command(
        sub, "validate", "validate:validate",
        "check workshop, kit, tour and config files (exit 1 on any problem)",
        "Check workshop, kit, tour and config files: one line per problem,\n"
        "path:line:column: message. Without PATH: everything the config points at.",
        "0 every file is valid, 1 a file has a problem",
    )  # fmt: skip
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or folders (default: everything the config points at)")  # fmt: skip


def _devices(sub) -> None:
    actions = _group(_command(
        sub, "devices", None, "list, self-test, watch or draw the kit's devices",
        "See and test the kit's hardware (the kit file of the config).",
        GROUP_EXITS,
    ))  # fmt: skip
    p = _command(
        actions, "list", "devices:list_devices", "the kit's devices and pins",
        "Every device of the kit with its type, its pins (GPIO and physical pin) and options.",
        "0 listed, 1 the kit file has problems (its valid devices are listed)",
    )  # fmt: skip
    _simulate(p)
    p = _command(
        actions, "check", "devices:check", "self-test every device, one line each",
        "Self-test: every input must read plausibly, every output is switched on and off once.",
        "0 every device works, 1 a device failed or the kit cannot start",
    )  # fmt: skip
    _simulate(p)
    p = _command(
        actions, "watch", "devices:watch", "print live readings of one device until Ctrl-C",
        "Print one device's reading each time it changes, until Ctrl-C.",
        "0 stopped with Ctrl-C, 1 the kit cannot start, 2 no such device",
    )  # fmt: skip
    p.add_argument("name", metavar="NAME")
    _simulate(p)
    p = _command(
        actions, "wiring", "wiring:wiring", "draw the wiring picture of one device",
        "Draw how one device is wired to the Pi's header, from the kit file, as a PNG.",
        "0 written, 1 the kit cannot be read or the file cannot be written, 2 no such device",
    )  # fmt: skip
    p.add_argument("name", metavar="NAME")
    p.add_argument("--png", required=True, metavar="FILE")


def _session(sub) -> None:
    actions = _group(_command(
        sub, "session", None, "start a session, count a participant, end it",
        "The participation journal, one session at a time; each answer is printed only once\n"
        "the journal has it on disk.",
        GROUP_EXITS,
    ))  # fmt: skip
    p = _command(
        actions, "start", "session_start:start", "open a session; prints its id",
        "Open a session of a workshop at a stop; prints the new session id alone on a line.\n"
        "A stop not in the tour plan is free text (venue type other, municipality onbekend).",
        "0 started, 1 the journal cannot be written, 2 unknown workshop",
    )  # fmt: skip
    p.add_argument("--workshop", required=True, metavar="ID")
    p.add_argument("--stop", required=True, metavar="NAME")
    p = _command(
        actions, "count", "session:count", "count one participant; prints the new total",
        "Count one participant (no names: an age band, optionally a gender and whether they\n"
        "came before); prints the session's new total alone on a line, once it is durable.",
        "0 counted, 1 the journal cannot be written (disk full), 2 unknown or closed session,\n"
        "or an unknown band or gender",
    )  # fmt: skip
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--band", required=True, help=f"age band: {', '.join(BANDS)}")
    p.add_argument("--gender", help=f"one of {', '.join(GENDERS)}")
    p.add_argument("--returning", action="store_true", help="came to the lab before")
    p = _command(
        actions, "end", "session:end", "close a session",
        "Close a session: it is final and goes to the listing on the next sync.",
        "0 closed, 1 the journal cannot be written, 2 unknown or already closed session",
    )  # fmt: skip
    p.add_argument("session", metavar="SESSION")


def _sessions(sub) -> None:
    p = _command(
        sub, "sessions", "session:sessions",
        "list the journal's sessions and their sync state",
        "The journal's sessions as a table; --json gives a list of snapshots (listing-api.md)\n"
        'each with "sync": {"confirmed_revision", "attention"}.',
        "0 listed, 1 the journal cannot be read",
    )  # fmt: skip
    p.add_argument("--json", action="store_true", help="a JSON list of snapshots")


def _export(sub) -> None:
    p = _command(
        sub, "export", "export:export", "write every session as CSV",
        "Write every session as one CSV row (UTF-8 with a byte order mark, for spreadsheets).",
        "0 written, 1 the journal cannot be read or the file cannot be written",
    )  # fmt: skip
    p.add_argument("--csv", required=True, metavar="FILE")


def _report(sub) -> None:
    p = _command(
        sub, "report", "report:report", "totals per stop, workshop and age band",
        "Participants per stop, workshop and age band (cancelled sessions left out).",
        "0 reported, 1 the journal cannot be read or the chart cannot be written",
    )  # fmt: skip
    p.add_argument("--png", metavar="FILE", help="also draw a bar chart")


def _sync(sub) -> None:
    _command(
        sub, "sync", "sync:sync",
        "sync sessions to the listing (exit 0 done, 3 retry later, 1 attention)",
        "Send every session the listing has not confirmed, then ask it what it holds and send\n"
        "what it lacks; ends with a summary line.",
        "0 every session confirmed, 1 some need attention or the token is refused,\n"
        "2 no listing configured, 3 offline or busy: try again later",
    )  # fmt: skip


def _pin(sub) -> None:
    _command(
        sub, "pin", "pin:pin", "set the facilitator PIN",
        "Set the facilitator PIN (asked twice, 4 to 8 digits, stored as a salted hash).",
        "0 set, 1 no PIN given, the two differ or are not 4 to 8 digits, or the config cannot\n"
        "be written",
    )  # fmt: skip


def _enroll(sub) -> None:
    p = _command(
        sub, "enroll", "enroll:enroll", "check the listing and token, then write the config",
        "Connect this kiosk to a listing: check the URL and the token work, then write\n"
        "kiosk_id and listing into the config. On any failure the config is not touched.",
        "0 enrolled, 1 the URL or the token is wrong or a file has a problem, 2 a malformed\n"
        "kiosk id or URL, 3 the listing cannot be reached now: try again later",
    )  # fmt: skip
    p.add_argument("--listing", required=True, metavar="URL")
    p.add_argument("--kiosk-id", required=True, metavar="ID")
    p.add_argument("--token-file", required=True, metavar="F")


def _workshops(sub) -> None:
    actions = _group(_command(
        sub, "workshops", None, "list, import or pack workshops, or draw a workshop card",
        "The workshop library: what it holds, install a pack from a USB stick, build a pack\n"
        "for the listing, print a workshop's card.",
        GROUP_EXITS,
    ))  # fmt: skip
    p = _command(
        actions, "list", "workshops:list_workshops", "every workshop it can run, and its source",
        "Every workshop the kiosk can run: id, version and where it comes from (builtin, dir,\n"
        "usb, pack:<sha256> for a pack the listing sent). Problems go to stderr.",
        "0 listed, 1 a file of the library has a problem (the valid ones are listed)",
    )  # fmt: skip
    p.add_argument("--json", action="store_true", help="a JSON list of {id, version, source}")
    p = _command(
        actions, "import", "workshop_import:workshop_import", "validate a pack, then install it",
        "Check every workshop of a folder against the kit, then install them all, replacing the\n"
        "pack imported before; any problem and nothing is installed.",
        "0 installed, 1 a problem in the pack or the kit, 2 PATH is not a folder",
    )  # fmt: skip
    p.add_argument("path", metavar="PATH")
    p = _command(
        actions, "pack", "workshops:pack", "build a pack for the listing, checked as kiosks will",
        "Check a folder of workshops exactly as a kiosk checks a pack from the listing, then\n"
        "write them and their pictures as a zip (the same files give the same bytes); prints\n"
        "its sha256 alone on the last line.",
        "0 built, 1 a problem in the folder or the kit (nothing written), 2 DIR is not a folder",
    )  # fmt: skip
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--out", required=True, metavar="FILE.zip")
    p = _command(
        actions, "card", "card:card", "a printable one-page card of a workshop",
        "Draw a workshop's card (one A4 page at 150 dpi) to prepare it with: materials,\n"
        "safety, wiring pictures, steps and their tests.",
        "0 written, 1 the kit has problems, the file cannot be written or the workshop does not\n"
        "fit one page, 2 unknown workshop",
    )  # fmt: skip
    p.add_argument("id", metavar="ID")
    p.add_argument("--png", required=True, metavar="FILE")
    p.add_argument("--lang", choices=languages(), help="default: the config's language")


def _tour(sub) -> None:
    p = _command(
        sub, "tour", "tour:tour", "the stops it knows, from the listing's plan and the tour file",
        "Every stop the kiosk knows, with where it comes from: the listing's plan (as the last\n"
        "sync kept it: planned or cancelled, with its workshops) or the local tour file.",
        "0 listed, 1 the tour file has a problem (the plan's stops are still listed)",
    )  # fmt: skip
    p.add_argument("--json", action="store_true", help="a JSON list of stops")


def _status(sub) -> None:
    p = _command(
        sub, "status", "status:status", "the report it sends the listing",
        "The status report the kiosk sends the listing in each sync: version, clock, plan,\n"
        "sessions, packs, the workshops it can run, the last kit check, free disk.",
        "0 shown, 1 the journal cannot be read",
    )  # fmt: skip
    p.add_argument("--json", action="store_true", help="the report as the listing gets it")


def _maker(sub) -> None:
    actions = _group(_command(
        sub, "maker", None, "list the creations of maker mode, export one as Python or a card",
        "Maker mode's creations kept on this kiosk (rules youth built on the touchscreen), and\n"
        "the gpiozero program of one written to a .py file to take home.",
        GROUP_EXITS,
    ))  # fmt: skip
    _command(
        actions, "list", "maker:list_creations", "every creation: its name, rules and devices",
        "One line per creation; a file that does not load is named on stderr and kept.",
        "0 listed, 1 a creation's file could not be read (it is named and kept)",
    )  # fmt: skip
    p = _command(
        actions, "export", "maker:export_creation", "write a creation's gpiozero program",
        "Write the complete gpiozero Python program of a creation, with a header saying which\n"
        "pins it expects, to FILE (or into a folder under the creation's name).",
        "0 written, 1 the kit has problems or the file cannot be written, 2 unknown creation",
    )  # fmt: skip
    p.add_argument("name", metavar="NAME", help='the creation\'s name, e.g. "Snelle Raket"')
    p.add_argument("--py", required=True, metavar="FILE", help="the .py file (or a folder)")
    p = _command(
        actions, "card", "maker:creation_card", "a printable one-page card of a creation",
        "Draw a creation's card (one A4 page at 150 dpi) to take home: its rules in words, the\n"
        "wiring pictures of its devices and its gpiozero program.",
        "0 written, 1 the kit has problems or the file cannot be written, 2 unknown creation",
    )  # fmt: skip
    p.add_argument("name", metavar="NAME", help='the creation\'s name, e.g. "Snelle Raket"')
    p.add_argument("--png", required=True, metavar="FILE")
    p.add_argument("--lang", choices=languages(), help="default: the config's language")


COMMANDS = {  # in DESIGN.md's order, which `stem-kiosk --help` keeps
    "run": _run,
    "validate": _validate,
    "devices": _devices,
    "session": _session,
    "sessions": _sessions,
    "sync": _sync,
    "export": _export,
    "report": _report,
    "pin": _pin,
    "enroll": _enroll,
    "workshops": _workshops,
    "tour": _tour,
    "status": _status,
    "maker": _maker,
}

if __name__ == "__main__":
    sys.exit(main())
