"""The drawing layer: every screen draws through a Canvas, in logical units, at the display's
real resolution.

Logical units: a screen is 480 units tall and 800 wide, and a screen of another shape gets the
rest as more width or more height (853x480 at 16:9, 800x500 at 1280x800), so layouts keep their
numbers and touch targets their size. One scale and origin map units to real pixels: text is
rendered by fonts at the real pixel size, shapes at real pixels, pictures at the size they are
shown, so 3840x2160 is as sharp as 800x480. Touches map back the same way (`logical`).

Large text multiplies every text size by `text_scale`; screens lay out from `width`, `height`
and `line_height`. Each frame the canvas records what it drew (`marks`: buttons, texts and
whether they fitted, boxes, shapes, icons, pictures) for the layout test.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import pygame
from pygame import gfxdraw

from kiosk import look

Point = tuple[float, float]


def fit_window(size: tuple[int, int]) -> tuple[float, tuple[int, int], tuple[float, float]]:
    """(scale, logical size, origin) for a window: the logical screen fills it, 480 tall or
    800 wide, whichever is tighter; the other side grows with the window's shape."""
    w, h = size
    scale = min(w / look.WIDTH, h / look.HEIGHT)
    logical = (max(look.WIDTH, int(w / scale + 1e-6)), max(look.HEIGHT, int(h / scale + 1e-6)))
    return scale, logical, ((w - logical[0] * scale) / 2, (h - logical[1] * scale) / 2)


@dataclass
class Mark:
    """One thing a frame drew, in logical units."""

    kind: str  # button | text | box | shape | icon | picture
    rect: pygame.Rect  # a text's: the area its lines took, inside its box
    layer: str = "screen"  # screen | panel | notice: overlays are checked apart
    owner: str = ""  # the id of the button it belongs to ("" for the screen's own)
    text: str = ""
    box: pygame.Rect | None = None  # a text's box
    size: float = 0.0  # a text's size as asked (logical px, text scale included)
    drawn: float = 0.0  # ... as drawn, after shrinking to fit
    least: float = 0.0  # ... the least it may shrink to
    fits: bool = True  # False: even at its least size the text did not fit its box (cut)
    broken: bool = False  # a word was broken over two lines to fit (a path may be)


@dataclass(frozen=True)
class Fitted:
    """A text laid out for a box: the font's real px size, the lines and their real widths."""

    px: int
    bold: bool
    lines: tuple[str, ...]
    widths: tuple[int, ...]
    line_px: int
    fits: bool
    broken: bool  # a word was broken over two lines to fit (a path, at the least size)


@lru_cache(maxsize=4096)
def _fitted(text: str, w: int, h: int, want: int, bold: bool, least: int, step: int) -> Fitted:
    px, lines, fits = look.fit(text, w, h, want, bold, least, step)
    face = look.font(px, bold)
    widths = tuple(face.size(x)[0] for x in lines)
    broken = " ".join(lines).split() != text.split()
    return Fitted(px, bold, lines, widths, face.get_linesize(), fits, broken)


@lru_cache(maxsize=2048)
def rendered(line: str, px: int, bold: bool, colour: tuple) -> pygame.Surface:
    """One line of text as an image (cached: most frames draw the same words again)."""
    return look.font(px, bold).render(line, True, colour)


@lru_cache(maxsize=1024)
def rendered_mono(line: str, px: int, colour: tuple) -> pygame.Surface:
    """One line of program text as an image (cached like `rendered`)."""
    return look.mono(px).render(line, True, colour)


def forget() -> None:
    """Drop cached text images and layouts (fonts die with pygame.quit())."""
    rendered.cache_clear()
    rendered_mono.cache_clear()
    _fitted.cache_clear()


class Canvas:
    """A real surface seen in logical units; what a frame draws goes through one of these."""

    def __init__(self, surface: pygame.Surface, *, text_scale: float = 1.0, words=None):
        self.surface = surface
        self.scale, self.size, self.origin = fit_window(surface.get_size())
        self.width, self.height = self.size
        self.text_scale = text_scale
        self.words = words  # the screen's Catalogue, for words a widget adds itself ("niet nu")
        self.marks: list[Mark] = []
        self.layer = "screen"
        self.owner = ""

    # -- logical units and real pixels -------------------------------------------------------

    def point(self, p: Point) -> tuple[int, int]:
        return round(self.origin[0] + p[0] * self.scale), round(self.origin[1] + p[1] * self.scale)

    def real(self, rect) -> pygame.Rect:
        """A logical rect in real pixels; neighbours stay neighbours (no gap, no overlap)."""
        x, y = self.point((rect[0], rect[1]))
        right, bottom = self.point((rect[0] + rect[2], rect[1] + rect[3]))
        return pygame.Rect(x, y, right - x, bottom - y)

    def unreal(self, rect: pygame.Rect) -> pygame.Rect:
        """A real rect in logical units, rounded outwards."""
        (ox, oy), s = self.origin, self.scale
        x, y = math.floor((rect.x - ox) / s), math.floor((rect.y - oy) / s)
        right, bottom = math.ceil((rect.right - ox) / s), math.ceil((rect.bottom - oy) / s)
        return pygame.Rect(x, y, right - x, bottom - y)

    def logical(self, pos: Point) -> tuple[int, int] | None:
        """A real position (a touch) in logical units; None outside the logical screen."""
        x = (pos[0] - self.origin[0]) / self.scale
        y = (pos[1] - self.origin[1]) / self.scale
        if not (0 <= x < self.width and 0 <= y < self.height):
            return None
        return int(x), int(y)

    def colour_at(self, pos: Point) -> tuple[int, int, int]:
        """The colour drawn in the middle of a logical pixel (tests and benchmarks look here)."""
        return tuple(self.surface.get_at(self.point((pos[0] + 0.5, pos[1] + 0.5))))[:3]

    def thickness(self, width: float) -> int:
        return max(1, round(width * self.scale))

    def real_size(self, box) -> tuple[int, int]:
        """The real pixel size of a logical box: the size to render a picture for it at."""
        return self.real(box).size

    # -- what was drawn ----------------------------------------------------------------------

    def mark(self, kind: str, rect, **more) -> None:
        self.marks.append(Mark(kind, pygame.Rect(rect), self.layer, self.owner, **more))

    @contextlib.contextmanager
    def widget(self, wid: str, rect) -> Iterator[None]:
        """Draw one button: marked, and everything drawn inside belongs to it."""
        self.mark("button", rect, text=wid)
        with self.owned(wid):
            yield

    @contextlib.contextmanager
    def owned(self, wid: str) -> Iterator[None]:
        """Draw on a button on purpose (a "+1" over the band just counted)."""
        owner, self.owner = self.owner, wid
        try:
            yield
        finally:
            self.owner = owner

    @contextlib.contextmanager
    def overlay(self, layer: str) -> Iterator[None]:
        """Draw an overlay (the simulator panel, a notice): laid over the screen on purpose."""
        before, self.layer = self.layer, layer
        try:
            yield
        finally:
            self.layer = before

    # -- shapes ------------------------------------------------------------------------------

    def fill(self, colour) -> None:
        """The whole surface, to its last real pixel."""
        self.surface.fill(colour)

    def rect(self, colour, rect, *, width: float = 0, radius: float = 0) -> None:
        real = self.real(rect)
        line = self.thickness(width) if width else 0
        pygame.draw.rect(self.surface, colour, real, line, border_radius=round(radius * self.scale))
        self.mark("box", rect)

    def line(self, colour, a: Point, b: Point, width: float = 1) -> None:
        pygame.draw.line(self.surface, colour, self.point(a), self.point(b), self.thickness(width))
        self.mark("shape", _bounds([a, b]))

    def lines(self, colour, points: Sequence[Point], width: float = 1) -> None:
        real = [self.point(p) for p in points]
        pygame.draw.lines(self.surface, colour, False, real, self.thickness(width))
        self.mark("shape", _bounds(points))

    def circle(self, colour, centre: Point, radius: float, width: float = 0) -> None:
        x, y = self.point(centre)
        r = max(1, round(radius * self.scale))
        if width:
            pygame.draw.circle(self.surface, colour, (x, y), r, self.thickness(width))
        else:
            gfxdraw.filled_circle(self.surface, x, y, r, colour)
            gfxdraw.aacircle(self.surface, x, y, r, colour)
        self.mark(
            "shape", pygame.Rect(centre[0] - radius, centre[1] - radius, 2 * radius, 2 * radius)
        )

    def polygon(self, colour, points: Sequence[Point]) -> None:
        """A filled polygon with smooth edges."""
        real = [self.point(p) for p in points]
        gfxdraw.filled_polygon(self.surface, real, colour)
        gfxdraw.aapolygon(self.surface, real, colour)
        self.mark("shape", _bounds(points))

    # -- text --------------------------------------------------------------------------------

    def font_px(self, size: float) -> int:
        """The real px of a logical text size, large text included."""
        return look.px(size * self.text_scale * self.scale)

    def line_height(self, size: float, bold: bool = False) -> float:
        """The logical height of one line of text of this size (large text included)."""
        return look.font(self.font_px(size), bold).get_linesize() / self.scale

    def text_width(self, text: str, size: float, bold: bool = False) -> float:
        return look.font(self.font_px(size), bold).size(text)[0] / self.scale

    def fit(self, text: str, box, size: float, *, bold=False, least=look.LEAST) -> Fitted:
        """Lay a text out for a box: wrapped, shrunk in steps down to `least` if it must."""
        real = self.real(box)
        want = self.font_px(size)
        return _fitted(
            text,
            real.w,
            real.h,
            want,
            bold,
            min(want, self.font_px(least)),
            max(2, round(2 * self.scale)),
        )

    def text(
        self,
        text: str,
        box,
        size: float,
        colour,
        *,
        bold: bool = False,
        align: str = "center",
        valign: str = "center",
        least: float = look.LEAST,
    ) -> pygame.Rect:
        """Draw text wrapped and shrunk to fit a box; returns the logical area it took."""
        fitted = self.fit(text, box, size, bold=bold, least=least)
        return self.write(
            fitted, box, colour, align=align, valign=valign, text=text, size=size, least=least
        )

    def write(
        self,
        fitted: Fitted,
        box,
        colour,
        *,
        align: str = "center",
        valign: str = "center",
        text: str = "",
        size: float = 0,
        least: float = look.LEAST,
    ) -> pygame.Rect:
        """Draw a laid-out text in its box (clipped to it); the logical area it took."""
        real = self.real(box)
        height = len(fitted.lines) * fitted.line_px
        y = {"top": real.y, "bottom": real.bottom - height}.get(valign, real.centery - height // 2)
        used = pygame.Rect(real.x, y, 0, height)
        clip = self.surface.get_clip()
        self.surface.set_clip(real)
        for line, width in zip(fitted.lines, fitted.widths, strict=True):
            x = {"left": real.x, "right": real.right - width}.get(align, real.centerx - width // 2)
            self.surface.blit(rendered(line, fitted.px, fitted.bold, tuple(colour)), (x, y))
            used.union_ip(pygame.Rect(x, y, width, fitted.line_px))
            y += fitted.line_px
        self.surface.set_clip(clip)
        area = self.unreal(used).clip(pygame.Rect(box))
        ts = self.text_scale
        self.mark(
            "text",
            area,
            text=text or " ".join(fitted.lines),
            box=pygame.Rect(box),
            size=size * ts,
            drawn=fitted.px / self.scale,
            least=least * ts,
            fits=fitted.fits,
            broken=fitted.broken,
        )
        return area

    def tail(self, text: str, box, size: float, colour) -> None:
        """One line, left in the box, showing the text's end (a field as it is being typed)."""
        real = self.real(box)
        face = look.font(self.font_px(size))
        while face.size(text)[0] > real.w and len(text) > 1:
            text = text[1:]
        image = rendered(text, self.font_px(size), False, tuple(colour))
        clip = self.surface.get_clip()
        self.surface.set_clip(real)
        self.surface.blit(image, (real.x, real.centery - face.get_linesize() // 2))
        self.surface.set_clip(clip)
        fits = face.get_linesize() <= real.h
        self.mark(
            "text",
            pygame.Rect(box),
            text=text,
            box=pygame.Rect(box),
            size=size * self.text_scale,
            drawn=size * self.text_scale,
            fits=fits,
        )

    def mono_width(self, size: float) -> float:
        """The logical width of one character of program text (every one is as wide)."""
        return look.mono(self.font_px(size)).size("0")[0] / self.scale

    def code(self, text: str, box, size: float, colour) -> None:
        """One line of program text in the monospaced face, left in its box and clipped to it;
        never wrapped nor shrunk (a code panel wraps its lines to `mono_width` itself)."""
        real, px = self.real(box), self.font_px(size)
        face = look.mono(px)
        image = rendered_mono(text, px, tuple(colour))
        clip = self.surface.get_clip()
        self.surface.set_clip(real)
        y = real.centery - face.get_linesize() // 2
        self.surface.blit(image, (real.x, y))
        self.surface.set_clip(clip)
        used = pygame.Rect(real.x, y, image.get_width(), face.get_linesize())
        ts = self.text_scale
        self.mark(
            "text",
            self.unreal(used).clip(pygame.Rect(box)),
            text=text,
            box=pygame.Rect(box),
            size=size * ts,
            drawn=px / self.scale,
            least=size * ts,
            fits=image.get_width() <= real.w and face.get_linesize() <= real.h + 1,
        )

    # -- pictures ----------------------------------------------------------------------------

    def picture(self, image: pygame.Surface, box) -> None:
        """A picture rendered for this box's real size (`real_size`), centred in it."""
        real = self.real(box)
        self.surface.blit(image, image.get_rect(center=real.center))
        self.mark("picture", box)


def _bounds(points: Sequence[Point]) -> pygame.Rect:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    left, top = math.floor(min(xs)), math.floor(min(ys))
    return pygame.Rect(left, top, math.ceil(max(xs)) - left, math.ceil(max(ys)) - top)
