"""Charts as SVG, drawn by hand: columns per month (stacked by age band, or one share) and
horizontal bars per category, each with a labelled value axis and a legend where it needs one.

No plotting library. All text is escaped here: labels may come from kiosks (municipalities).
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

from listing.models.incoming import BANDS

COLOURS = {
    "0-9": "#8ecae6",
    "10-13": "#219ebc",
    "14-17": "#023047",
    "18-": "#ffb703",
    "unknown": "#bdbdbd",
}
ONE = "#1d70b8"  # a single series
WIDTH, HEIGHT = 720, 400
LEFT, RIGHT, TOP, BOTTOM = 56, 170, 48, 56
LABEL_W = 34  # the room a month's label needs on the category axis
FONT = 'font-family="DejaVu Sans, sans-serif" font-size="12"'


def attribute(value: str) -> str:
    """Text for inside a double-quoted attribute (quotes too: a name may hold one)."""
    return escape(value, {'"': "&quot;"})


def nice_step(maximum: int, ticks: int = 5) -> int:
    """A round tick step (1, 2, 5 × 10^k) so that about `ticks` steps cover `maximum`."""
    raw = max(maximum, 1) / ticks
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return max(1, int(factor * power))
    return int(10 * power)


def _open(ident: str, title: str, width: int, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" {FONT} role="img" aria-labelledby="{ident}-title">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<rect width="{width}" height="{height}" fill="white"/>',
    ]


def columns(
    ident: str,
    title: str,
    categories: list[tuple[str, str]],
    series: list[tuple[str, str, str, list[int]]],
    *,
    axis: str,
    percent: bool = False,
    empty: str = "",
) -> str:
    """Columns per category (key, label; a label may hold a second line after a newline),
    stacked by series (key, label, colour, values), on a value axis titled `axis` that runs to
    a round number (100 for a percentage). A legend is drawn when there are several series."""
    legend = len(series) > 1
    plot_w = WIDTH - LEFT - (RIGHT if legend else 24)
    plot_h = HEIGHT - TOP - BOTTOM
    sums = [sum(values[i] for *_, values in series) for i in range(len(categories))]
    peak = 100 if percent else max(sums, default=0)
    step = 20 if percent else nice_step(peak)
    top_value = max(step, math.ceil(peak / step) * step)
    scale = plot_h / top_value
    unit = "%" if percent else ""
    parts = _open(ident, title, WIDTH, HEIGHT)
    parts.append(f'<text x="{LEFT - 6}" y="{TOP - 18}" text-anchor="start">{escape(axis)}</text>')
    for value in range(0, top_value + 1, step):
        y = TOP + plot_h - value * scale
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{value}{unit}</text>'
        )
    slot = plot_w / max(len(categories), 1)
    bar_w = min(48.0, slot * 0.7)
    every = max(1, math.ceil(LABEL_W / slot))
    for i, (key, label) in enumerate(categories):
        x = LEFT + i * slot + (slot - bar_w) / 2
        y = TOP + plot_h
        for series_key, _label, colour, values in series:
            h = values[i] * scale
            if h > 0:
                y -= h
                parts.append(
                    f'<rect class="bar" data-category="{attribute(key)}" '
                    f'data-series="{attribute(series_key)}" data-value="{values[i]}" x="{x:.1f}" '
                    f'y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{colour}"/>'
                )
        first, _, second = label.partition("\n")
        if i % every == 0 or second:
            cx = x + bar_w / 2
            parts.append(
                f'<text x="{cx:.1f}" y="{TOP + plot_h + 17}" text-anchor="middle">'
                f"{escape(first)}</text>"
            )
            if second:
                parts.append(
                    f'<text x="{cx:.1f}" y="{TOP + plot_h + 33}" text-anchor="middle" '
                    f'font-weight="bold">{escape(second)}</text>'
                )
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" '
        'stroke="#333"/>'
    )
    if legend:
        for i, (_key, label, colour, _values) in enumerate(reversed(series)):
            y = TOP + 10 + i * 22
            parts.append(
                f'<rect x="{WIDTH - RIGHT + 20}" y="{y}" width="14" height="14" fill="{colour}" '
                f'stroke="#555" stroke-width="0.5"/><text x="{WIDTH - RIGHT + 40}" y="{y + 11}">'
                f"{escape(label)}</text>"
            )
    if not any(sums) and empty:
        parts.append(f'<text x="{LEFT + 10}" y="{TOP + plot_h / 2}">{escape(empty)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def bars(ident: str, title: str, rows: list[tuple[str, int]], *, axis: str, empty: str = "") -> str:
    """Horizontal bars, one per (label, value), largest first as given, the value written at
    the end of each bar; long labels are shortened (the table beside holds them whole)."""
    label_w, row_h, top = 190, 26, 40
    plot_w = WIDTH - label_w - 70
    height = top + max(len(rows), 1) * row_h + 30
    peak = max((v for _, v in rows), default=0)
    scale = plot_w / max(peak, 1)
    parts = _open(ident, title, WIDTH, height)
    parts.append(f'<text x="{label_w}" y="{top - 16}">{escape(axis)}</text>')
    for i, (label, value) in enumerate(rows):
        y = top + i * row_h
        short = label if len(label) <= 26 else label[:25] + "…"
        w = value * scale
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{escape(short)}</text>'
            f'<rect class="bar" data-category="{attribute(label)}" data-value="{value}" '
            f'x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" fill="{ONE}"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 16}">{value}</text>'
        )
    parts.append(
        f'<line x1="{label_w}" y1="{top - 4}" x2="{label_w}" y2="{top + len(rows) * row_h}" '
        'stroke="#333"/>'
    )
    if not rows and empty:
        parts.append(f'<text x="{label_w + 10}" y="{top + 16}">{escape(empty)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def monthly_svg(months, title: str = "Participants per month by age band") -> str:
    """The API's chart (`/reports/monthly.svg`): participants per month by age band."""
    return columns(
        "monthly",
        title,
        [(m.month, m.month) for m in months],
        [(band, band, COLOURS[band], [m.bands[band] for m in months]) for band in BANDS],
        axis="participants",
        empty="no sessions yet",
    )
