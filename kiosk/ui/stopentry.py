"""Type a stop that is not in the tour plan: name, municipality, venue type, optional postcode.

An on-screen keyboard (and a laptop's own keys); OK sets today's stop as picking a tour stop does.
"""

from __future__ import annotations

import math

import pygame

from kiosk.stop import VENUE_TYPES, Stop
from kiosk.ui import theme
from kiosk.ui.screen import Screen
from kiosk.ui.widgets import Button

MAX_LEN = 200  # name and municipality (listing-api.md); the postcode is four digits
FIELDS = ("name", "town", "postcode")
KEY_ROWS = (  # (id suffix, character) per key; AZERTY, as on Flemish keyboards
    [(c, c) for c in "1234567890"],
    [(c, c) for c in "azertyuiop"],
    [(c, c) for c in "qsdfghjklm"],
    [(c, c) for c in "wxcvbn"]
    + [
        ("dash", "-"),
        ("apostrophe", "'"),
        ("e_acute", "é"),
        ("e_grave", "è"),
        ("e_diaeresis", "ë"),
    ],
)
KEY_H, GAP, LEFT = 56, 4, 8  # at 800x480; a taller screen gets taller keys
FIELD_WIDTHS = {"name": 360, "town": 276, "postcode": 132}  # at 800 wide, 8 apart
BOTTOM_ROW = (150, 310, 150, 150)  # cancel, space, next, OK at 800 wide, 8 apart


class Field(Button):
    """A text field: its caption small at the top, the text (its end, when long) below."""

    caption: str = ""
    active: bool = False

    def draw(self, c) -> None:
        r = self.rect
        with c.widget(self.id, r):
            c.rect(theme.TILE, r, radius=8)
            edge, width = (theme.ACCENT, 3) if self.active else (theme.TILE_EDGE, 2)
            c.rect(edge, r, width=width, radius=8)
            high = math.ceil(c.line_height(13))
            c.text(
                self.caption,
                pygame.Rect(r.x + 10, r.y + 1, r.w - 20, high),
                13,
                theme.MUTED,
                align="left",
            )
            typed = pygame.Rect(r.x + 10, r.y + 1 + high, r.w - 20, r.h - 2 - high)
            c.tail(self.label + ("|" if self.active else ""), typed, 22, theme.INK)


class StopEntryScreen(Screen):
    id = "stopentry"
    idle_ok = False  # attract mode would throw away what was typed

    def __init__(self, app, back: Screen, home: Screen):
        super().__init__(app)
        self.back_to, self.home = back, home
        self.values = dict.fromkeys(FIELDS, "")
        self.field = "name"
        self.venue = "other"

    def enter(self) -> None:
        pygame.key.start_text_input()

    # -- what is typed -----------------------------------------------------------------------

    def typed(self, text: str) -> None:
        for char in text:
            self.put(char)

    def put(self, char: str) -> None:
        value = self.values[self.field]
        if self.field == "postcode":
            if char.isdigit() and len(value) < 4:
                self.values["postcode"] = value + char
        elif char.isprintable() and len(value) < MAX_LEN and (value or not char.isspace()):
            self.values[self.field] = value + char

    def key_tapped(self, char: str) -> None:
        """An on-screen key: like a phone, a name starts with a capital ("Gent", not "gent")."""
        self.put(char.upper() if not self.values[self.field] else char)

    def backspace(self) -> None:
        self.values[self.field] = self.values[self.field][:-1]

    def next_field(self) -> None:
        """Enter: OK once everything needed is there, else the next field."""
        if self.stop() is not None and self.field != "name":
            self.ok()
        else:
            self.field = FIELDS[(FIELDS.index(self.field) + 1) % len(FIELDS)]

    def stop(self) -> Stop | None:
        """The stop as typed, or None while the name or municipality is empty."""
        name, town = self.values["name"].strip(), self.values["town"].strip()
        postcode = self.values["postcode"]
        if not name or not town or (postcode and len(postcode) != 4):
            return None
        return Stop(name, self.venue, town, postcode or None)

    # -- screen ------------------------------------------------------------------------------

    def build(self, c) -> list[Button]:
        t = self.t
        right = c.width - 8
        stretch = (right - LEFT - 2 * 8) / sum(FIELD_WIDTHS.values())
        buttons: list[Button] = []
        x = LEFT
        for fid, width in FIELD_WIDTHS.items():
            w = round(width * stretch) if fid != "postcode" else right - x
            field = Field(
                f"stopentry.field.{fid}",
                pygame.Rect(x, 54, w, 56),
                self.values[fid],
                lambda f=fid: self.focus(f),
            )
            field.caption, field.active = t(f"ui.stopentry.{fid}"), self.field == fid
            buttons.append(field)
            x += w + 8
        # The venue types: one row, or two (of wider buttons) in large text.
        rows = 2 if c.text_scale > 1 else 1
        per_row, high = -(-len(VENUE_TYPES) // rows), KEY_H if rows == 1 else 44
        width = (right - LEFT - GAP * (per_row - 1)) / per_row
        for i, venue in enumerate(VENUE_TYPES):
            row, col = divmod(i, per_row)
            rect = pygame.Rect(LEFT + round(col * (width + GAP)), 116 + row * (high + GAP),
                               int(width), high)  # fmt: skip
            label = t(f"ui.venue.{venue}")
            buttons.append(
                Button(
                    f"stopentry.venue.{venue}",
                    rect,
                    label if rows == 1 else label.replace("-\n", ""),  # "Biblio-\ntheek"
                    lambda v=venue: self.pick_venue(v),
                    "selected" if venue == self.venue else "normal",
                    size=14,
                    pad=3,
                )
            )
        keys_top = 116 + rows * (high + GAP) + 2  # the keys take the rest of the height
        key_h = min(80, (c.height - keys_top - 6 - len(KEY_ROWS) * GAP) // (len(KEY_ROWS) + 1))
        for row, keys in enumerate(KEY_ROWS):
            extra = [("backspace", "⌫")] if row == 0 else []
            y = keys_top + row * (key_h + GAP)
            buttons.extend(self.key_row(y, right, key_h, keys + extra))
        y = keys_top + len(KEY_ROWS) * (key_h + GAP)
        ok = self.ok if self.stop() is not None else None
        stretch = (right - LEFT - 3 * 8) / sum(BOTTOM_ROW)
        x = LEFT
        for (bid, label, action, kind), width in zip(
            (
                ("cancel", t("ui.stopentry.cancel"), self.cancel, "normal"),
                ("key.space", t("ui.stopentry.space"), lambda: self.put(" "), "normal"),
                ("key.enter", t("ui.stopentry.next"), self.next_field, "normal"),
                ("ok", t("ui.ok"), ok, "primary"),
            ),
            BOTTOM_ROW,
            strict=True,
        ):
            w = round(width * stretch) if bid != "ok" else right - x
            buttons.append(
                Button(
                    f"stopentry.{bid}", pygame.Rect(x, y, w, key_h), label, action, kind, size=20
                )
            )
            x += w + 8
        return buttons

    def key_row(self, y: int, right: int, key_h: int, keys: list[tuple[str, str]]) -> list[Button]:
        width = (right - LEFT - GAP * (len(keys) - 1)) / len(keys)
        result = []
        for i, (kid, char) in enumerate(keys):
            rect = pygame.Rect(LEFT + round(i * (width + GAP)), y, int(width), key_h)
            action = self.backspace if kid == "backspace" else (lambda c=char: self.key_tapped(c))
            result.append(Button(f"stopentry.key.{kid}", rect, char, action, size=24))
        return result

    def draw(self, c) -> None:
        title = self.t("ui.stopentry.heading")
        venue = self.t(f"ui.venue.{self.venue}").replace("-\n", "")  # the chosen type, in words
        box = pygame.Rect(theme.MARGIN, 6, c.width - 2 * theme.MARGIN, 42)
        c.text(f"{title} · {venue}", box, 26, theme.INK, bold=True, align="left")

    def shortcuts(self) -> dict[int, str]:
        return {
            pygame.K_BACKSPACE: "stopentry.key.backspace",
            pygame.K_RETURN: "stopentry.key.enter",
            pygame.K_KP_ENTER: "stopentry.key.enter",
            pygame.K_ESCAPE: "stopentry.cancel",
        }

    # -- actions -----------------------------------------------------------------------------

    def focus(self, field: str) -> None:
        self.field = field

    def pick_venue(self, venue: str) -> None:
        self.venue = venue

    def ok(self) -> None:
        stop = self.stop()
        if stop is not None:
            self.app.stop = stop
            self.app.show(self.home)

    def cancel(self) -> None:
        self.app.show(self.back_to)
