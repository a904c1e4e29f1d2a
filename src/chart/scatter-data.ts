/*
 * A scatter of runs: any param or metric across, any other up.
 */

import type { IRun } from '../tokens';
import {
  axisFraction,
  buildAxis,
  fieldValue,
  IRunField,
  RunAxis
} from './axes';

/** One run's point. */
export interface IScatterPoint {
  runId: string;
  name: string;
  /** The run's position in the comparison (for its colour). */
  index: number;
  /** Across, 0 left to 1 right. */
  x: number;
  /** Up, 0 bottom to 1 top. */
  y: number;
  xValue: string | number;
  yValue: string | number;
}

/** What the scatter draws. */
export interface IScatterData {
  x: RunAxis;
  y: RunAxis;
  points: IScatterPoint[];
  /** Runs left out because they lack one of the two values. */
  missing: number;
}

/**
 * The points of `runs` for the two fields. A run lacking either value is left out and
 * counted. Categorical values spread evenly; numeric ones on a linear axis.
 */
export function buildScatter(
  runs: readonly IRun[],
  xField: IRunField,
  yField: IRunField
): IScatterData {
  const x = buildAxis(xField, runs);
  const y = buildAxis(yField, runs);
  const points: IScatterPoint[] = [];
  let missing = 0;
  runs.forEach((run, index) => {
    const xValue = fieldValue(run, xField);
    const yValue = fieldValue(run, yField);
    const xFraction = axisFraction(x, xValue);
    const yFraction = axisFraction(y, yValue);
    if (xFraction === null || yFraction === null) {
      missing++;
      return;
    }
    points.push({
      runId: run.run_id,
      name: run.name,
      index,
      x: xFraction,
      y: yFraction,
      xValue: xValue!,
      yValue: yValue!
    });
  });
  return { x, y, points, missing };
}

/** The point nearest to `(px, py)` within `radius` pixels, given a fraction → pixel map. */
export function nearestPoint(
  points: readonly IScatterPoint[],
  toPixel: (point: IScatterPoint) => { x: number; y: number },
  px: number,
  py: number,
  radius: number
): IScatterPoint | null {
  let best: IScatterPoint | null = null;
  let bestDistance = radius;
  for (const point of points) {
    const pixel = toPixel(point);
    const distance = Math.hypot(pixel.x - px, pixel.y - py);
    if (distance <= bestDistance) {
      best = point;
      bestDistance = distance;
    }
  }
  return best;
}
