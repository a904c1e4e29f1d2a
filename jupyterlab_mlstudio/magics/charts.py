"""Small SVG line charts for notebook output (no plotting library needed)."""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

from ..experiments.series import downsample

PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"]


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


def line_chart(
    series: dict[str, Sequence[tuple[float, float]]],
    *,
    title: str = "",
    x_label: str = "step",
    width: int = 560,
    height: int = 240,
    budget: int = 600,
) -> str:
    """An SVG chart of one line per series (x, y); empty series are skipped."""
    drawn = {name: downsample(points, budget) for name, points in series.items()}
    drawn = {name: points for name, points in drawn.items() if points}
    left, right, top, bottom = 56, 12, 24 if title else 10, 40
    inner_w, inner_h = width - left - right, height - top - bottom
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="11" class="jp-mlstudio-chart">'
    ]
    if title:
        parts.append(f'<text x="{left}" y="15" font-weight="bold">{html.escape(title)}</text>')
    if not drawn:
        parts.append(f'<text x="{left}" y="{top + inner_h / 2}">no points yet</text></svg>')
        return "".join(parts)
    xs = [x for points in drawn.values() for x, _ in points]
    ys = [y for points in drawn.values() for _, y in points]
    x_low, x_high = min(xs), max(xs)
    y_low, y_high = min(ys), max(ys)
    if x_high == x_low:
        x_high = x_low + 1
    if y_high == y_low:
        y_low, y_high = y_low - 0.5, y_high + 0.5

    def sx(x: float) -> float:
        return left + (x - x_low) / (x_high - x_low) * inner_w

    def sy(y: float) -> float:
        return top + inner_h - (y - y_low) / (y_high - y_low) * inner_h

    parts.append(
        f'<rect x="{left}" y="{top}" width="{inner_w}" height="{inner_h}" '
        'fill="none" stroke="#ccc"/>'
    )
    for tick in _ticks(y_low, y_high):
        y = sy(tick)
        parts.append(
            f'<line x1="{left}" x2="{left + inner_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eee"/>'
        )
        parts.append(f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{tick:.4g}</text>')
    for tick in _ticks(x_low, x_high):
        x = sx(tick)
        parts.append(
            f'<text x="{x:.1f}" y="{top + inner_h + 14}" text-anchor="middle">{tick:.4g}</text>'
        )
    parts.append(
        f'<text x="{left + inner_w / 2}" y="{height - 6}" text-anchor="middle">'
        f"{html.escape(x_label)}</text>"
    )
    for index, (name, points) in enumerate(sorted(drawn.items())):
        colour = PALETTE[index % len(PALETTE)]
        path = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in points)
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="1.5" points="{path}"/>'
        )
        legend_x = left + 8 + index * 110
        parts.append(f'<rect x="{legend_x}" y="{top + 6}" width="10" height="3" fill="{colour}"/>')
        parts.append(f'<text x="{legend_x + 14}" y="{top + 10}">{html.escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)
