/*
 * Parallel coordinates of runs: one vertical axis per param plus the chosen metric, one
 * polyline per run through its values, in the run's colour (as in the legend and the
 * curves of the comparison).
 */

import type { IRun } from '../tokens';
import {
  axisFraction,
  buildAxis,
  fieldValue,
  IRunField,
  RunAxis
} from './axes';
import { runColor } from './colors';

/** One run's polyline. */
export interface IParallelLine {
  runId: string;
  name: string;
  /** Where the run crosses each axis (0 bottom, 1 top); null where it lacks the value. */
  fractions: (number | null)[];
  /** The run's value of the metric axis, or null. */
  metric: number | null;
  /** The run's position among the compared runs: its run colour. */
  index: number;
  /** The run's colour when the data was built; charts draw the theme's {@link index}. */
  color: string;
}

/** What the chart draws. */
export interface IParallelData {
  /** The params' axes, then the metric's. */
  axes: RunAxis[];
  lines: IParallelLine[];
}

/**
 * The params that tell the runs apart: those with more than one distinct value (a
 * missing value counts as one), sorted by name. Params all runs share come after them
 * when `includeConstant` is set.
 */
export function varyingParams(
  runs: readonly IRun[],
  includeConstant = false
): string[] {
  const values = new Map<string, Set<string>>();
  for (const run of runs) {
    for (const [key, value] of Object.entries(run.params)) {
      let set = values.get(key);
      if (!set) {
        set = new Set();
        values.set(key, set);
      }
      set.add(value);
    }
  }
  const varying: string[] = [];
  const constant: string[] = [];
  for (const [key, set] of values) {
    const missing = runs.some(
      run => !Object.prototype.hasOwnProperty.call(run.params, key)
    );
    (set.size + (missing ? 1 : 0) > 1 ? varying : constant).push(key);
  }
  varying.sort();
  constant.sort();
  return includeConstant ? [...varying, ...constant] : varying;
}

/**
 * The axes and polylines of `runs` over `paramKeys` and `metricKey`. Each line has the
 * colour of its run (by its position in `runs`), as the comparison's legend and curves.
 */
export function buildParallelCoordinates(
  runs: readonly IRun[],
  paramKeys: readonly string[],
  metricKey: string
): IParallelData {
  const fields: IRunField[] = [
    ...paramKeys.map(key => ({ kind: 'param' as const, key })),
    { kind: 'metric', key: metricKey }
  ];
  const axes = fields.map(field => buildAxis(field, runs));
  const metricAxis = axes[axes.length - 1];
  const lines = runs.map((run, index) => {
    const fractions = axes.map(axis =>
      axisFraction(axis, fieldValue(run, axis.field))
    );
    const raw = fieldValue(run, metricAxis.field);
    const metric = typeof raw === 'number' ? raw : null;
    return {
      runId: run.run_id,
      name: run.name,
      fractions,
      metric,
      index,
      color: runColor(index)
    };
  });
  return { axes, lines };
}

/** The pixel x of axis `index` of `count`, spread evenly over `[left, right]`. */
export function axisPixelX(
  index: number,
  count: number,
  left: number,
  right: number
): number {
  return count <= 1
    ? (left + right) / 2
    : left + ((right - left) * index) / (count - 1);
}

/**
 * Distance from a point to a polyline's drawn segments (segments end at missing values),
 * for hovering: the line nearest the mouse is highlighted.
 */
export function distanceToPolyline(
  x: number,
  y: number,
  points: readonly ({ x: number; y: number } | null)[]
): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    if (!a || !b) {
      continue;
    }
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length = dx * dx + dy * dy;
    const t =
      length === 0
        ? 0
        : Math.min(1, Math.max(0, ((x - a.x) * dx + (y - a.y) * dy) / length));
    best = Math.min(best, Math.hypot(x - (a.x + t * dx), y - (a.y + t * dy)));
  }
  return best;
}
