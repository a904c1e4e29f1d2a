"""Small SVG line charts for notebook output (no plotting library needed).

Colours come from JupyterLab's theme variables (text, grid, frame) and ML Studio's run
colours (``--jp-mlstudio-run-color-<n>``, defined by the extension's style for light, dark and
high-contrast themes), each with a light-theme fallback for front ends without them. The SVG
sits in the page (an HTML output), so it takes the new colours when the theme changes.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

from ..experiments.series import downsample

#: Run colours of light themes: the fallbacks of the theme's ``--jp-mlstudio-run-color-<n>``.
PALETTE = [
    "#1f6fb4",
    "#c95a00",
    "#2b8a2b",
    "#d0312d",
    "#7b52ae",
    "#8c564b",
    "#c2338f",
    "#00808a",
    "#7a7a00",
    "#5b6b7c",
]

_TEXT = "fill:var(--jp-ui-font-color1,#424242)"
_TITLE = "fill:var(--jp-ui-font-color0,#000);font-weight:bold"
_FRAME = "stroke:var(--jp-border-color1,#bdbdbd)"
_GRID = "stroke:var(--jp-border-color2,#e0e0e0)"
#: Rough width of a legend character at 11 px, to wrap the legend.
_CHAR_WIDTH = 6.5


def run_colour(index: int) -> str:
    """The CSS colour of series ``index``: the theme's run colour, else the light one."""
    slot = index % len(PALETTE)
    return f"var(--jp-mlstudio-run-color-{slot},{PALETTE[slot]})"


def _ticks(low: float, high: float) -> list[float]:
    if high <= low:
        return [low]
    span = high - low
    step = 10 ** math.floor(math.log10(span / 4))
    for multiple in (1, 2, 5, 10):
        if span / (step * multiple) <= 5:
            step *= multiple
            break
    first = math.ceil(low / step) * step
    return [first + index * step for index in range(int((high - first) / step) + 1)]


def _legend_rows(names: list[str], width: float) -> list[list[tuple[str, float]]]:
    """Legend entries (name, x offset) wrapped into rows that fit ``width``."""
    rows: list[list[tuple[str, float]]] = [[]]
    x = 0.0
    for name in names:
        entry = 18 + len(name) * _CHAR_WIDTH + 14
        if rows[-1] and x + entry > width:
            rows.append([])
            x = 0.0
        rows[-1].append((name, x))
        x += entry
    return rows


def line_chart(
    series: dict[str, Sequence[tuple[float, float]]],
    *,
    title: str = "",
    x_label: str = "step",
    width: int = 560,
    height: int = 240,
    budget: int = 600,
) -> str:
    """An SVG chart of one line per series (x, y), with a legend below; empty series are
    skipped, and a series of one point is drawn as a dot."""
    drawn = {name: downsample(points, budget) for name, points in series.items()}
    drawn = {name: points for name, points in drawn.items() if points}
    left, right, top, bottom = 56, 12, 24 if title else 10, 40
    inner_w, inner_h = width - left - right, height - top - bottom
    names = sorted(drawn)
    legend = _legend_rows(names, inner_w) if names else []
    total_height = height + 16 * len(legend)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{total_height}" '
        f'viewBox="0 0 {width} {total_height}" font-family="sans-serif" font-size="11" '
        'class="jp-mlstudio-nbchart" role="img">'
    ]
    if title:
        parts.append(f'<text x="{left}" y="15" style="{_TITLE}">{html.escape(title)}</text>')
    if not drawn:
        parts.append(
            f'<text x="{left}" y="{top + inner_h / 2}" style="{_TEXT}">no points yet</text></svg>'
        )
        return "".join(parts)
    xs = [x for points in drawn.values() for x, _ in points]
    ys = [y for points in drawn.values() for _, y in points]
    x_low, x_high = min(xs), max(xs)
    y_low, y_high = min(ys), max(ys)
    if x_high == x_low:
        x_low, x_high = x_low - 0.5, x_high + 0.5
    if y_high == y_low:
        y_low, y_high = y_low - 0.5, y_high + 0.5

    def sx(x: float) -> float:
        return left + (x - x_low) / (x_high - x_low) * inner_w

    def sy(y: float) -> float:
        return top + inner_h - (y - y_low) / (y_high - y_low) * inner_h

    for tick in _ticks(y_low, y_high):
        y = sy(tick)
        parts.append(
            f'<line x1="{left}" x2="{left + inner_w}" y1="{y:.1f}" y2="{y:.1f}" style="{_GRID}"/>'
        )
        parts.append(
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" style="{_TEXT}">'
            f"{tick:.4g}</text>"
        )
    parts.append(
        f'<rect x="{left}" y="{top}" width="{inner_w}" height="{inner_h}" '
        f'fill="none" style="{_FRAME}"/>'
    )
    for tick in _ticks(x_low, x_high):
        x = sx(tick)
        parts.append(
            f'<text x="{x:.1f}" y="{top + inner_h + 14}" text-anchor="middle" style="{_TEXT}">'
            f"{tick:.4g}</text>"
        )
    parts.append(
        f'<text x="{left + inner_w / 2}" y="{height - 6}" text-anchor="middle" style="{_TEXT}">'
        f"{html.escape(x_label)}</text>"
    )
    for index, name in enumerate(names):
        points = drawn[name]
        colour = run_colour(index)
        if len(points) == 1:
            x, y = points[0]
            parts.append(
                f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3.5" style="fill:{colour}"/>'
            )
        else:
            path = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in points)
            parts.append(
                f'<polyline fill="none" stroke-width="1.5" points="{path}" '
                f'style="stroke:{colour}"/>'
            )
    for row_index, row in enumerate(legend):
        y = height + 4 + row_index * 16
        for name, offset in row:
            colour = run_colour(names.index(name))
            x = left + offset
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="14" height="3" style="fill:{colour}"/>')
            parts.append(
                f'<text x="{x + 18:.1f}" y="{y + 5}" style="{_TEXT}">{html.escape(name)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
