/*
 * Metric curves of several runs on one chart: steps or relative time across, values
 * (optionally smoothed) up.
 */

import type { ISeriesPoint } from '../models/metric-series';
import { drawableDomain, IDomain } from './scale';
import { emaSmooth } from './smoothing';

/** What the horizontal axis shows: the step, or seconds since the run's first point. */
export type XAxisMode = 'step' | 'relative';

/**
 * A series as a curve: `step` holds the x value (the step, or seconds since the first
 * point), ordered by it; `value` is smoothed with an exponential moving average of
 * weight `smoothing` (0 for none).
 */
export function buildCurve(
  series: readonly ISeriesPoint[],
  mode: XAxisMode,
  smoothing: number
): ISeriesPoint[] {
  let curve: ISeriesPoint[];
  if (mode === 'step') {
    curve = series.map(point => ({ ...point }));
  } else {
    let start = Number.POSITIVE_INFINITY;
    for (const point of series) {
      start = Math.min(start, point.timestamp);
    }
    curve = series.map(point => ({
      ...point,
      step: (point.timestamp - start) / 1000
    }));
    // Steps usually advance with time, but nothing forces a job to log in order.
    for (let i = 1; i < curve.length; i++) {
      if (curve[i].step < curve[i - 1].step) {
        curve.sort((a, b) => a.step - b.step);
        break;
      }
    }
  }
  if (smoothing > 0) {
    const smoothed = emaSmooth(
      curve.map(point => point.value),
      smoothing
    );
    curve.forEach((point, index) => {
      point.value = smoothed[index];
    });
  }
  return curve;
}

/**
 * The ranges of the finite points of some curves, padded to be drawable. With `fromZero`
 * (quantities that are never negative: rates, counts, latencies) the value axis starts at
 * 0 and is padded upwards only, so all-zero curves sit on the bottom of a 0..1 axis.
 */
export function curvesDomain(
  curves: readonly (readonly ISeriesPoint[])[],
  fromZero = false
): {
  x: IDomain;
  y: IDomain;
} | null {
  let xMin = Number.POSITIVE_INFINITY;
  let xMax = Number.NEGATIVE_INFINITY;
  let yMin = Number.POSITIVE_INFINITY;
  let yMax = Number.NEGATIVE_INFINITY;
  for (const curve of curves) {
    for (const point of curve) {
      if (!Number.isFinite(point.value) || !Number.isFinite(point.step)) {
        continue;
      }
      xMin = Math.min(xMin, point.step);
      xMax = Math.max(xMax, point.step);
      yMin = Math.min(yMin, point.value);
      yMax = Math.max(yMax, point.value);
    }
  }
  if (xMin > xMax) {
    return null;
  }
  if (fromZero && yMin >= 0) {
    const top = yMax > 0 ? yMax * 1.05 : 1;
    return { x: drawableDomain(xMin, xMax), y: { min: 0, max: top } };
  }
  const y = drawableDomain(yMin, yMax);
  const pad = (y.max - y.min) * 0.05;
  return {
    x: drawableDomain(xMin, xMax),
    y: { min: y.min - pad, max: y.max + pad }
  };
}
