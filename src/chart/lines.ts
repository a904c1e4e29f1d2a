/*
 * The core of the line charts, a run's metric alone or many runs' curves of one metric:
 * lay the series out on a plot, draw its grid and tick labels, stroke each series, and
 * find the point under the mouse.
 */

import { formatDuration, formatMetricValue } from '../format';
import type { ISeriesPoint } from '../models/metric-series';
import { fitText } from './canvas';
import { IChartPalette, setAxisStyle } from './colors';
import { curvesDomain } from './curves';
import { downsample } from './downsample';
import { IDomain, linearScale, niceTicks } from './scale';

/** Space around a plot for the axes' labels, in CSS pixels. */
export interface IChartMargin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Where some series sit on a canvas: what is drawn of each, and the scales. */
export interface ILineLayout {
  /** Each series as drawn: its finite points, downsampled to what the plot can show. */
  drawn: ISeriesPoint[][];
  x: IDomain;
  y: IDomain;
  margin: IChartMargin;
  /** The plot's size inside the margin, in CSS pixels. */
  plot: { width: number; height: number };
  toPixelX: (x: number) => number;
  toPixelY: (y: number) => number;
  fromPixelX: (pixel: number) => number;
}

/**
 * Lay `series` (each ordered by x, which `step` holds) out on a `width` × `height` canvas.
 * Each series is downsampled to `budget` points, and to twice the plot's width, which is
 * all a screen can show. Null when no series has a point to draw. `fromZero`: the value
 * axis starts at 0 (see `curvesDomain`).
 */
export function layoutLines(
  series: readonly (readonly ISeriesPoint[])[],
  width: number,
  height: number,
  margin: IChartMargin,
  budget: number,
  fromZero = false
): ILineLayout | null {
  const plot = {
    width: Math.max(10, width - margin.left - margin.right),
    height: Math.max(10, height - margin.top - margin.bottom)
  };
  const perSeries = Math.min(budget, Math.max(2, Math.round(plot.width * 2)));
  const drawn = series.map(points => downsample(points, perSeries));
  const domain = curvesDomain(drawn, fromZero);
  if (!domain) {
    return null;
  }
  const { x, y } = domain;
  const scaleX = (x.max - x.min) / plot.width;
  return {
    drawn,
    x,
    y,
    margin,
    plot,
    toPixelX: linearScale(x, margin.left, margin.left + plot.width),
    toPixelY: linearScale(y, margin.top + plot.height, margin.top),
    fromPixelX: pixel => x.min + (pixel - margin.left) * scaleX
  };
}

/** How the horizontal axis of a line chart is labelled. */
export interface IXAxisOptions {
  /** About this many CSS pixels between two ticks. */
  tickSpacing: number;
  /** Whether x is seconds (labels as durations) rather than steps (whole numbers). */
  isTime: boolean;
}

/** Draw a layout's horizontal grid lines with the values, and the x ticks with theirs. */
export function drawLineAxes(
  context: CanvasRenderingContext2D,
  palette: IChartPalette,
  layout: ILineLayout,
  xAxis: IXAxisOptions
): void {
  const { margin, plot, toPixelX, toPixelY } = layout;
  setAxisStyle(context, palette);
  context.textBaseline = 'middle';
  context.textAlign = 'right';
  for (const tick of niceTicks(layout.y, Math.max(4, plot.height / 32))) {
    const pixel = Math.round(toPixelY(tick)) + 0.5;
    context.beginPath();
    context.moveTo(margin.left, pixel);
    context.lineTo(margin.left + plot.width, pixel);
    context.stroke();
    context.fillText(formatMetricValue(tick), margin.left - 6, pixel);
  }
  context.textBaseline = 'top';
  context.textAlign = 'center';
  const bottom = margin.top + plot.height;
  const ticks = niceTicks(
    layout.x,
    Math.max(2, plot.width / xAxis.tickSpacing),
    !xAxis.isTime
  );
  for (const tick of ticks) {
    const pixel = Math.round(toPixelX(tick)) + 0.5;
    context.beginPath();
    context.moveTo(pixel, bottom);
    context.lineTo(pixel, bottom + 4);
    context.stroke();
    const text = xAxis.isTime ? formatDuration(tick * 1000) : String(tick);
    context.fillText(fitText(context, text, 80), pixel, bottom + 6);
  }
}

/** Stroke a series along a layout's scales, with a gap where a value is not finite. */
export function strokeSeries(
  context: CanvasRenderingContext2D,
  points: readonly ISeriesPoint[],
  layout: ILineLayout
): void {
  context.beginPath();
  let drawing = false;
  for (const point of points) {
    if (!Number.isFinite(point.value)) {
      drawing = false;
      continue;
    }
    const px = layout.toPixelX(point.step);
    const py = layout.toPixelY(point.value);
    if (drawing) {
      context.lineTo(px, py);
    } else {
      context.moveTo(px, py);
      drawing = true;
    }
  }
  context.stroke();
}

/**
 * The index of the point of `points` (ordered by x, which `step` holds) nearest to `x`;
 * the earlier one on a tie. -1 for no points.
 */
export function nearestIndex(
  points: readonly ISeriesPoint[],
  x: number
): number {
  if (points.length === 0) {
    return -1;
  }
  let low = 0;
  let high = points.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (points[middle].step < x) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  if (
    low > 0 &&
    Math.abs(points[low - 1].step - x) <= Math.abs(points[low].step - x)
  ) {
    return low - 1;
  }
  return low;
}

/**
 * Dot the points a stroke cannot show: a finite value whose neighbours are both missing or
 * not finite (a metric logged once, or between gaps) would otherwise draw nothing.
 */
export function markLonePoints(
  context: CanvasRenderingContext2D,
  points: readonly ISeriesPoint[],
  layout: ILineLayout,
  radius = 3
): void {
  const finite = (index: number): boolean =>
    index >= 0 && index < points.length && Number.isFinite(points[index].value);
  points.forEach((point, index) => {
    if (!finite(index) || finite(index - 1) || finite(index + 1)) {
      return;
    }
    context.beginPath();
    context.arc(
      layout.toPixelX(point.step),
      layout.toPixelY(point.value),
      radius,
      0,
      2 * Math.PI
    );
    context.fill();
  });
}
