"""Small pictures drawn on the server as inline SVG: no script, no external request.

Two pictures help a reader of an entity page: who met whom (an ego network) and when
things happened (a timeline).  Both are plain SVG elements with ``<title>`` tooltips and
``<a>`` links, so they work without JavaScript and under a strict Content-Security-Policy,
and every text that came from the data is escaped.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from markupsafe import Markup, escape

#: Colours of the drawing; the stylesheet cannot reach into attributes we set here.
INK = "#1f2933"
ACCENT = "#0b6e99"
MUTED = "#9aa5b1"
LIGHT = "#d9e2ec"


@dataclass(frozen=True)
class Node:
    label: str
    href: str | None
    weight: int


def _short(text: str, limit: int = 22) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _link(href: str | None, inner: str) -> str:
    if not href:
        return inner
    return f'<a href="{escape(href)}">{inner}</a>'


def network(center: str, nodes: list[Node], edges: dict[tuple[int, int], int], *, noun: str) -> Markup:
    """An ego network: ``center`` in the middle, ``nodes`` on a ring, line width by count.

    ``edges`` maps pairs of node indexes to how often those two met as well, drawn as
    thin chords so that clusters show.
    """
    width, height = 520, 360
    cx, cy, radius = width / 2, height / 2, 130
    top = max((n.weight for n in nodes), default=1) or 1
    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="picture" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(center)} and the {noun} most often in the same events">',
        f"<title>{escape(center)}: {escape(noun)} most often in the same events</title>",
    ]
    points = []
    for i, _ in enumerate(nodes):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(nodes), 1)
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle), angle))
    for (a, b), count in sorted(edges.items()):
        if a < len(points) and b < len(points):
            (x1, y1, _), (x2, y2, _) = points[a], points[b]
            sw = 0.5 + 1.5 * count / top
            parts.append(
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{LIGHT}" '
                f'stroke-width="{sw:.1f}"><title>{escape(nodes[a].label)} and {escape(nodes[b].label)}: '
                f"{count} shared event{'s' if count != 1 else ''}</title></line>"
            )
    for node, (x, y, _) in zip(nodes, points, strict=True):
        sw = 1 + 5 * node.weight / top
        parts.append(
            f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{MUTED}" '
            f'stroke-width="{sw:.1f}"/>'
        )
    for node, (x, y, angle) in zip(nodes, points, strict=True):
        r = 5 + 7 * math.sqrt(node.weight / top)
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end")
        lx = x + (r + 4) * cos
        ly = y + (r + 4) * math.sin(angle) + 4
        tip = f"{node.label}: {node.weight} shared event{'s' if node.weight != 1 else ''}"
        inner = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{ACCENT}">'
            f"<title>{escape(tip)}</title></circle>"
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" font-size="12" fill="{INK}">'
            f"{escape(_short(node.label))}</text>"
        )
        parts.append(_link(node.href, inner))
    parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="16" fill="{INK}"/>')
    parts.append(
        f'<text x="{cx:.1f}" y="{cy + 32:.1f}" text-anchor="middle" font-size="13" font-weight="bold" '
        f'fill="{INK}">{escape(_short(center, 30))}</text>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


def _bins(days: list[tuple[dt.date, int]]) -> tuple[str, list[tuple[str, int]]]:
    """Group day counts into days, months or years, whichever gives a readable number of bars."""
    first, last = days[0][0], days[-1][0]
    span = (last - first).days
    if span <= 62:
        unit = "day"
        keys = [first + dt.timedelta(days=i) for i in range(span + 1)]
        labels = [k.isoformat() for k in keys]
    elif (last.year - first.year) * 12 + last.month - first.month <= 240:
        unit = "month"
        labels = []
        y, m = first.year, first.month
        while (y, m) <= (last.year, last.month):
            labels.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        unit = "year"
        labels = [f"{y:04d}" for y in range(first.year, last.year + 1)]
    width = {"day": 10, "month": 7, "year": 4}[unit]
    counts = dict.fromkeys(labels, 0)
    for day, n in days:
        counts[day.isoformat()[:width]] += n
    return unit, list(counts.items())


def timeline(day_counts: list[tuple[str, int]], *, noun: str = "events") -> Markup | None:
    """A bar chart of how many events happened per day, month or year; None without dates."""
    days: list[tuple[dt.date, int]] = []
    for text, n in day_counts:
        try:
            days.append((dt.date.fromisoformat(text), n))
        except ValueError:
            continue
    if not days:
        return None
    days.sort()
    unit, bars = _bins(days)
    width, height = 960, 150
    left, right, top_pad, bottom = 40, 10, 14, 30
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = max(n for _, n in bars) or 1
    bar_w = plot_w / len(bars)
    total = sum(n for _, n in bars)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="picture" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-label="{total} {escape(noun)} per {unit}, {escape(bars[0][0])} to {escape(bars[-1][0])}">',
        f"<title>{total} {escape(noun)} per {unit}</title>",
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width - right}" y2="{top_pad + plot_h}" '
        f'stroke="{MUTED}"/>',
        f'<text x="{left - 6}" y="{top_pad + 8}" text-anchor="end" font-size="11" fill="{INK}">{top}</text>',
        f'<text x="{left - 6}" y="{top_pad + plot_h}" text-anchor="end" font-size="11" fill="{INK}">0</text>',
    ]
    for i, (label, n) in enumerate(bars):
        if n == 0:
            continue
        h = max(2.0, plot_h * n / top)
        x = left + i * bar_w
        parts.append(
            f'<rect x="{x + 0.5:.1f}" y="{top_pad + plot_h - h:.1f}" width="{max(bar_w - 1, 1):.1f}" '
            f'height="{h:.1f}" fill="{ACCENT}"><title>{escape(label)}: {n} {escape(noun)}</title></rect>'
        )
    # A few axis labels: the first and last bar, and evenly spaced ones between.
    ticks = sorted({0, len(bars) - 1, *range(0, len(bars), max(1, len(bars) // 5))})
    last_x = -100.0
    for i in ticks:
        x = left + (i + 0.5) * bar_w
        if x - last_x < 70 and i != len(bars) - 1:
            continue
        if i == len(bars) - 1 and x - last_x < 70 and last_x > 0:
            parts.pop()
        anchor = "start" if i == 0 else ("end" if i == len(bars) - 1 else "middle")
        tx = left + i * bar_w if i == 0 else (left + (i + 1) * bar_w if i == len(bars) - 1 else x)
        parts.append(
            f'<text x="{tx:.1f}" y="{height - 10}" text-anchor="{anchor}" font-size="11" fill="{INK}">'
            f"{escape(bars[i][0])}</text>"
        )
        last_x = x
    parts.append("</svg>")
    return Markup("".join(parts))


__all__ = ["Node", "network", "timeline"]
