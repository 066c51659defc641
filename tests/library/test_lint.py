"""The content lint in `stem-kiosk validate`: text that does not fit the screen (at its own size
and in large text), missing Dutch, checks without a hint, devices not in the kit, missing
pictures; the whole library passes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pygame
import pytest

from kiosk import look
from kiosk.cli import main
from kiosk.library import shipped_dir
from kiosk.lint import HEADING, HINT, STEP, overflow
from kiosk.ui import theme
from kiosk.ui.canvas import Canvas

SHIPPED = shipped_dir() / "reactiespel.yaml"
STEP_NL = (
    "Zet de knop op het breadboard. Verbind één poot met GPIO17. Verbind de andere poot met GND."
)
LONG_NL = " ".join(["Verbind de draad van de knop met de pin GPIO17 op de Raspberry Pi."] * 5)


def workshop(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the shipped reaction game with one piece of text replaced."""
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "lib" / "reactiespel.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def position(path: Path, needle: str) -> tuple[int, int]:
    """Line and column (1-based) where a text starts in a file."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {path}")


def validate(capsys, *paths: Path) -> tuple[int, list[str]]:
    code = main(["validate", *map(str, paths)])
    return code, capsys.readouterr().out.splitlines()


def test_the_whole_library_passes_with_the_lint(capsys):
    code, out = validate(capsys)
    assert code == 0, "\n".join(out)
    assert out[-1].endswith("all valid")


def test_a_step_text_too_long_for_the_screen_is_reported_at_the_text(tmp_path, capsys):
    path = workshop(tmp_path, STEP_NL, LONG_NL)
    code, out = validate(capsys, path)
    assert code == 1
    line, column = position(path, LONG_NL[:30])
    room = STEP.box.h // theme.font(STEP.size).get_linesize()
    problem = next(o for o in out if "step 1 text (nl)" in o)
    assert problem.startswith(f"{path}:{line}:{column}: step 1 text (nl) does not fit")
    found = re.search(r"(\d+) lines at 26 px where (\d+) fit \((\d+) line", problem)
    lines, fit, extra = map(int, found.groups())
    assert fit == room and extra == lines - room and extra >= 1
    assert out[-1] == "1 problem(s) in 1 of 1 file(s)"


def test_english_hints_and_titles_are_measured_too(tmp_path, capsys):
    hint_en = "Does the button sit across the middle gap? Check the wire is really in GPIO17."
    path = workshop(tmp_path, hint_en, " ".join([hint_en] * 3))
    path.write_text(path.read_text().replace("title: {nl: Sluit de knop aan,", "title: {nl: "
                    + "Sluit de grote drukknop voorzichtig aan op het bord nu,"))  # fmt: skip
    code, out = validate(capsys, path)
    assert code == 1
    assert any(": step 1 hint (en) does not fit the hint box: " in o for o in out), out
    assert any(": step 1 title (nl) does not fit the title line: " in o for o in out), out
    assert not any("(nl) does not fit the hint box" in o for o in out)


def test_a_word_wider_than_the_box_is_named():
    assert "is wider than" in overflow("https://" + "x" * 60, HINT)


def test_a_hint_that_only_large_text_cannot_hold_is_reported_as_such(tmp_path, capsys):
    hint_nl = "Zit de knop over de gleuf in het midden? Kijk of de draad echt in GPIO17 zit."
    longer = hint_nl.replace("Zit de knop over", "Zit de knop echt goed over")
    assert overflow(longer, HINT) is None and overflow(longer, HINT, look.LARGE_TEXT)
    path = workshop(tmp_path, hint_nl, longer)
    code, out = validate(capsys, path)
    assert code == 1
    line, column = position(path, longer[:30])
    assert out[0].startswith(
        f"{path}:{line}:{column}: step 1 hint (nl) does not fit the hint box "
        "in large text: 4 lines at 28 px where 3 fit"
    )


def test_titles_leave_room_for_the_speaker_and_grow_with_large_text():
    assert HEADING.box.w == theme.WIDTH - 2 * theme.MARGIN - theme.SPEAKER_ROOM
    assert HEADING.at(look.LARGE_TEXT).h > HEADING.box.h  # one line of large bold text fits
    assert overflow("Sluit de knop aan", HEADING, look.LARGE_TEXT) is None


@pytest.mark.parametrize("scale", [1.0, look.LARGE_TEXT])
@pytest.mark.parametrize("extra", [0, 1, 3])
def test_the_lint_agrees_with_the_step_player_shrinking_the_text(extra, scale):
    """The player's text keeps its size exactly when the lint says the text fits, at both text
    sizes (measured on the canvas the screens draw through, at 800x480)."""
    size = look.px(STEP.size * scale)
    room = STEP.box.h // theme.font(size).get_linesize()
    text = "\n".join(["Een regel tekst"] * (room + extra))
    canvas = Canvas(pygame.Surface(theme.SIZE), text_scale=scale)
    canvas.text(text, STEP.box, STEP.size, theme.INK, align="left", valign="top")
    kept_size = canvas.marks[-1].drawn == size
    assert (overflow(text, STEP, scale) is None) == (extra == 0) == kept_size


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (f"nl: {STEP_NL}\n", "", "needs Dutch text"),
        ("    hint:\n      nl: Zit de knop", "    tip:\n      nl: Zit de knop", "needs a 'hint'"),
        ("devices: [button, led]", "devices: [button, led, laser]", "'laser' is not in the kit"),
        ("    wiring: button\n", "    wiring: button\n    picture: knop.png\n", "does not exist"),
    ],
    ids=["dutch", "hint", "device", "picture"],
)
def test_the_loader_checks_run_in_the_same_validate(tmp_path, capsys, old, new, message):
    path = workshop(tmp_path, old, new)
    code, out = validate(capsys, path)
    assert code == 1
    assert any(o.startswith(f"{path}:") and message in o for o in out), out


def test_a_folder_is_linted_file_by_file(tmp_path, capsys):
    path = workshop(tmp_path, STEP_NL, LONG_NL)
    shutil.copy(shipped_dir() / "theremin.yaml", path.parent)
    code, out = validate(capsys, path.parent)
    assert code == 1
    assert out[-1] == "1 problem(s) in 1 of 2 file(s)"
