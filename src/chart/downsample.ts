/*
 * Downsampling for drawing: a chart a few hundred pixels wide cannot show more points
 * than it has pixels, and drawing 100,000 segments on every update would stall the page.
 */

import type { ISeriesPoint } from '../models/metric-series';

/**
 * At most `budget` finite points of `series` (ordered by step) that draw like the whole.
 *
 * The series is cut into equal runs of points; each run keeps its lowest and its highest
 * point, in their order, so spikes and dips survive (a loss that blows up for one step is
 * exactly what a user looks for). The first and the last point are always kept. Points
 * whose value is NaN or infinite cannot be drawn and are left out.
 */
export function downsample(
  series: readonly ISeriesPoint[],
  budget: number
): ISeriesPoint[] {
  const finite = series.filter(point => Number.isFinite(point.value));
  const limit = Math.max(2, Math.floor(budget));
  const count = finite.length;
  if (count <= limit) {
    return finite;
  }
  const inner = count - 2;
  const buckets = Math.floor((limit - 2) / 2);
  if (buckets < 1) {
    return [finite[0], finite[count - 1]];
  }
  const kept: ISeriesPoint[] = [finite[0]];
  for (let bucket = 0; bucket < buckets; bucket++) {
    const start = 1 + Math.floor((bucket * inner) / buckets);
    const end = 1 + Math.floor(((bucket + 1) * inner) / buckets);
    if (start >= end) {
      continue;
    }
    let lowest = start;
    let highest = start;
    for (let i = start + 1; i < end; i++) {
      const value = finite[i].value;
      if (value < finite[lowest].value) {
        lowest = i;
      }
      if (value > finite[highest].value) {
        highest = i;
      }
    }
    if (lowest === highest) {
      kept.push(finite[lowest]);
    } else if (lowest < highest) {
      kept.push(finite[lowest], finite[highest]);
    } else {
      kept.push(finite[highest], finite[lowest]);
    }
  }
  kept.push(finite[count - 1]);
  return kept;
}
