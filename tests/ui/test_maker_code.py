"""The code panel: a program cut into lines that fit, nothing of it lost, numbered by its own
lines, opening at rule 1; drawn in the monospaced face at the display's real size."""

from __future__ import annotations

import pygame
from hypothesis import given
from hypothesis import strategies as st

from devices.kitconfig import load_kit
from kiosk.maker.codegen import first_rule_line, program
from kiosk.maker.codelines import wrapped
from kiosk.maker.rules import Creation
from kiosk.maker.starter import starter_rules
from kiosk.ui.canvas import Canvas
from kiosk.ui.makercode import CodeView
from tests.ui.layout import problems

SPEC = load_kit()[0]
WORD = st.text(alphabet="abcdefghij_().=#: ", min_size=1, max_size=30)
LINE = st.builds(lambda indent, words: " " * indent + " ".join(words),
                 st.sampled_from([0, 4, 8]), st.lists(WORD, max_size=12))  # fmt: skip


@given(lines=st.lists(LINE, min_size=1, max_size=8), cols=st.integers(12, 90))
def test_every_line_is_cut_to_the_width_and_nothing_is_lost(lines, cols):
    code = "\n".join(lines) + "\n"
    cut = wrapped(code, cols)
    assert all(len(c + comment) <= cols for _, c, comment in cut)
    assert [n for n, _, _ in cut if n] == list(range(1, code.rstrip("\n").count("\n") + 2))
    # the words, in order, once the continuation marks are taken away
    again = " ".join(f"{c}{comment}" for _, c, comment in cut).replace("# ", " ").split()
    assert "".join(again).replace("#", "") == "".join(code.split()).replace("#", "")


def test_the_panel_opens_at_rule_1_and_every_line_fits_its_box():
    pygame.init()
    code = program(Creation("Proef", starter_rules(SPEC)), SPEC)
    for size, large in (((800, 480), False), ((800, 480), True), ((1920, 1080), False)):
        canvas = Canvas(pygame.Surface(size), text_scale=1.25 if large else 1.0)
        view = CodeView(canvas, pygame.Rect(16, 84, 400, 300), code, "{}-{}/{}".format)
        top = view.top(None)
        assert view.lines[top][0] == first_rule_line(code)
        assert view.lines[top][2].startswith("# Regel 1")
        view.draw(None, "De echte Python-code")
        drawn = [m for m in canvas.marks if m.kind == "text" and m.text.startswith("def regel_1")]
        assert drawn and problems(canvas) == []
