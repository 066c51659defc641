"""The monthly chart as SVG, drawn by hand: participants per month, stacked by age band.

No plotting library: bars, a value axis with round ticks, month labels and a legend.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

from listing.models.incoming import BANDS
from listing.reports import Month

COLOURS = {
    "0-9": "#8ecae6",
    "10-13": "#219ebc",
    "14-17": "#023047",
    "18-": "#ffb703",
    "unknown": "#bdbdbd",
}
WIDTH, HEIGHT = 720, 400
LEFT, RIGHT, TOP, BOTTOM = 56, 130, 40, 48


def nice_step(maximum: int, ticks: int = 5) -> int:
    """A round tick step (1, 2, 5 × 10^k) so that about `ticks` steps cover `maximum`."""
    raw = max(maximum, 1) / ticks
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return max(1, int(factor * power))
    return int(10 * power)


def monthly_svg(months: list[Month], title: str = "Participants per month by age band") -> str:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    peak = max((m.participants for m in months), default=0)
    step = nice_step(peak)
    top_value = max(step, math.ceil(peak / step) * step)
    scale = plot_h / top_value
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="DejaVu Sans, sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{LEFT}" y="24" font-size="15" font-weight="bold">{escape(title)}</text>',
    ]
    for value in range(0, top_value + 1, step):
        y = TOP + plot_h - value * scale
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{value}</text>'
        )
    slot = plot_w / max(len(months), 1)
    bar_w = min(48.0, slot * 0.7)
    for i, month in enumerate(months):
        x = LEFT + i * slot + (slot - bar_w) / 2
        y = TOP + plot_h
        for band in BANDS:
            h = month.bands[band] * scale
            if h > 0:
                y -= h
                parts.append(
                    f'<rect class="band" data-month="{month.month}" data-band="{band}" '
                    f'data-value="{month.bands[band]}" x="{x:.1f}" y="{y:.1f}" '
                    f'width="{bar_w:.1f}" height="{h:.1f}" fill="{COLOURS[band]}"/>'
                )
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{TOP + plot_h + 18}" '
            f'text-anchor="middle">{month.month}</text>'
        )
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" '
        'stroke="#333"/>'
    )
    for i, band in enumerate(BANDS):
        y = TOP + 10 + i * 22
        parts.append(
            f'<rect x="{WIDTH - RIGHT + 20}" y="{y}" width="14" height="14" '
            f'fill="{COLOURS[band]}"/><text x="{WIDTH - RIGHT + 40}" y="{y + 11}">{band}</text>'
        )
    if not months:
        parts.append(f'<text x="{LEFT + 10}" y="{TOP + plot_h / 2}">no sessions yet</text>')
    parts.append("</svg>")
    return "\n".join(parts)
