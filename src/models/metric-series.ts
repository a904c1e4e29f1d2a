/*
 * Metric series: points as the server sends them, put in order and merged without
 * duplicates. A job's points reach the page twice (in the history a view reads and in
 * the live events that arrive meanwhile), so merging must be idempotent.
 */

import type { IMetricPoint, MetricValue } from '../tokens';

/** One point of a series, ready to draw: the value is always a number (maybe NaN). */
export interface ISeriesPoint {
  step: number;
  /** UTC milliseconds. */
  timestamp: number;
  value: number;
}

/** A metric value as a number: `"NaN"`, `"Infinity"`, `"-Infinity"` and null included. */
export function metricValueToNumber(value: MetricValue): number {
  if (typeof value === 'number') {
    return value;
  }
  if (value === null || value === undefined) {
    return Number.NaN;
  }
  switch (value.trim().toLowerCase()) {
    case 'infinity':
    case 'inf':
    case '+infinity':
      return Number.POSITIVE_INFINITY;
    case '-infinity':
    case '-inf':
      return Number.NEGATIVE_INFINITY;
    default: {
      const parsed = Number(value);
      return value.trim() === '' ? Number.NaN : parsed;
    }
  }
}

/** The server's point as a series point. */
export function toSeriesPoint(point: IMetricPoint): ISeriesPoint {
  return {
    step: point.step,
    timestamp: point.timestamp,
    value: metricValueToNumber(point.value)
  };
}

/** Order of a series: by step, then by time. */
export function comparePoints(a: ISeriesPoint, b: ISeriesPoint): number {
  return a.step - b.step || a.timestamp - b.timestamp;
}

function sameValue(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

function isDuplicate(a: ISeriesPoint, b: ISeriesPoint): boolean {
  return (
    a.step === b.step &&
    a.timestamp === b.timestamp &&
    sameValue(a.value, b.value)
  );
}

/** First index whose point does not come before `point`. */
function lowerBound(series: ISeriesPoint[], point: ISeriesPoint): number {
  let low = 0;
  let high = series.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (comparePoints(series[middle], point) < 0) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

/**
 * Merge `incoming` into `series`, in place, keeping it ordered by step then time and
 * skipping points it holds already (same step, time and value).
 *
 * Points that come after the last one, the usual case for live events, are appended
 * without a search, so a live series grows in constant time per point.
 *
 * @returns the number of points added.
 */
export function mergePoints(
  series: ISeriesPoint[],
  incoming: readonly ISeriesPoint[]
): number {
  let added = 0;
  for (const point of incoming) {
    const last = series[series.length - 1];
    if (last === undefined || comparePoints(last, point) < 0) {
      series.push(point);
      added++;
      continue;
    }
    // Equal step and time may hold several values: look at all of them, and put a
    // new one after them, in the order they arrived.
    let index = lowerBound(series, point);
    let duplicate = false;
    while (
      index < series.length &&
      comparePoints(series[index], point) === 0 &&
      !duplicate
    ) {
      duplicate = isDuplicate(series[index], point);
      index++;
    }
    if (!duplicate) {
      series.splice(index, 0, point);
      added++;
    }
  }
  return added;
}

/** Range of the finite values of a series, or null when it has none. */
export function valueRange(
  series: readonly ISeriesPoint[]
): { min: number; max: number } | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const point of series) {
    if (Number.isFinite(point.value)) {
      if (point.value < min) {
        min = point.value;
      }
      if (point.value > max) {
        max = point.value;
      }
    }
  }
  return min <= max ? { min, max } : null;
}
