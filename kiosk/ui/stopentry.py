"""Type a stop that is not in the tour plan: name, municipality, venue type, optional postcode.

An on-screen keyboard (and a laptop's own keys); OK sets today's stop as picking a tour stop does.
"""

from __future__ import annotations

import pygame

from kiosk.stop import VENUE_TYPES, Stop
from kiosk.ui import theme
from kiosk.ui.screen import Screen
from kiosk.ui.widgets import Button, text_box

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
KEY_H, GAP, LEFT, RIGHT = 56, 4, 8, 792
KEYS_TOP = 178


class Field(Button):
    """A text field: its caption small at the top, the text (its end, when long) below."""

    caption: str = ""
    active: bool = False

    def draw(self, surface: pygame.Surface) -> None:
        r = self.rect
        pygame.draw.rect(surface, theme.TILE, r, border_radius=8)
        edge, width = (theme.ACCENT, 3) if self.active else (theme.TILE_EDGE, 2)
        pygame.draw.rect(surface, edge, r, width=width, border_radius=8)
        text_box(
            surface,
            self.caption,
            pygame.Rect(r.x + 10, r.y + 3, r.w - 20, 18),
            14,
            theme.MUTED,
            align="left",
        )
        font = theme.font(22)
        shown = self.label + ("|" if self.active else "")
        while font.size(shown)[0] > r.w - 20 and len(shown) > 1:
            shown = shown[1:]  # keep the end in view: that is where the typing happens
        surface.blit(font.render(shown, True, theme.INK), (r.x + 10, r.y + 23))


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

    def build(self) -> list[Button]:
        t = self.t
        buttons: list[Button] = []
        for fid, x, w in (("name", 8, 360), ("town", 376, 276), ("postcode", 660, 132)):
            field = Field(
                f"stopentry.field.{fid}",
                pygame.Rect(x, 54, w, 56),
                self.values[fid],
                lambda f=fid: self.focus(f),
            )
            field.caption, field.active = t(f"ui.stopentry.{fid}"), self.field == fid
            buttons.append(field)
        width = (RIGHT - LEFT - GAP * (len(VENUE_TYPES) - 1)) / len(VENUE_TYPES)
        for i, venue in enumerate(VENUE_TYPES):
            rect = pygame.Rect(LEFT + round(i * (width + GAP)), 116, int(width), KEY_H)
            kind = "selected" if venue == self.venue else "normal"
            buttons.append(
                Button(
                    f"stopentry.venue.{venue}",
                    rect,
                    t(f"ui.venue.{venue}"),
                    lambda v=venue: self.pick_venue(v),
                    kind,
                    size=14,
                    pad=3,
                )
            )
        for row, keys in enumerate(KEY_ROWS):
            extra = [("backspace", "⌫")] if row == 0 else []
            buttons.extend(self.key_row(KEYS_TOP + row * (KEY_H + GAP), keys + extra))
        y = KEYS_TOP + len(KEY_ROWS) * (KEY_H + GAP)
        ok = self.ok if self.stop() is not None else None
        for bid, x, w, label, action, kind in (
            ("cancel", LEFT, 150, t("ui.stopentry.cancel"), self.cancel, "normal"),
            ("key.space", 166, 310, t("ui.stopentry.space"), lambda: self.put(" "), "normal"),
            ("key.enter", 484, 150, t("ui.stopentry.next"), self.next_field, "normal"),
            ("ok", 642, 150, t("ui.ok"), ok, "primary"),
        ):
            buttons.append(
                Button(
                    f"stopentry.{bid}", pygame.Rect(x, y, w, KEY_H), label, action, kind, size=20
                )
            )
        return buttons

    def key_row(self, y: int, keys: list[tuple[str, str]]) -> list[Button]:
        width = (RIGHT - LEFT - GAP * (len(keys) - 1)) / len(keys)
        result = []
        for i, (kid, char) in enumerate(keys):
            rect = pygame.Rect(LEFT + round(i * (width + GAP)), y, int(width), KEY_H)
            action = self.backspace if kid == "backspace" else (lambda c=char: self.key_tapped(c))
            result.append(Button(f"stopentry.key.{kid}", rect, char, action, size=24))
        return result

    def draw(self, surface: pygame.Surface) -> None:
        box = pygame.Rect(theme.MARGIN, 6, theme.WIDTH - 2 * theme.MARGIN, 42)
        text_box(
            surface, self.t("ui.stopentry.heading"), box, 26, theme.INK, bold=True, align="left"
        )

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
