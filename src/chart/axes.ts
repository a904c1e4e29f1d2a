/*
 * Axes of the comparison charts over runs: a param or a metric of each run, placed on a
 * numeric axis when every value is a number and on a categorical one otherwise.
 */

import { metricValueToNumber } from '../models/metric-series';
import type { IRun } from '../tokens';
import { drawableDomain, niceTicks } from './scale';

/** A param or a metric of a run. */
export interface IRunField {
  kind: 'param' | 'metric';
  key: string;
}

/** An axis whose values are numbers, from `min` to `max`. */
export interface INumericAxis {
  type: 'numeric';
  field: IRunField;
  min: number;
  max: number;
  /** Whether values are placed by their logarithm (positive values over decades). */
  log: boolean;
}

/**
 * Positive values spanning at least this ratio go on a log axis: learning rates of
 * 0.1, 0.01 and 0.001 are then evenly spaced rather than two of them squashed together.
 */
export const LOG_AXIS_RATIO = 100;

/** An axis of distinct text values, evenly spaced in `categories` order. */
export interface ICategoricalAxis {
  type: 'categorical';
  field: IRunField;
  categories: string[];
}

export type RunAxis = INumericAxis | ICategoricalAxis;

/** A tick of an axis: where it goes (0 bottom or left, 1 top or right) and its label. */
export interface IAxisTick {
  fraction: number;
  label: string;
}

/**
 * How a field is named on a chart: its key (`lr`, `accuracy`), as the runs table, the
 * legend and the pickers name it.
 */
export function fieldLabel(field: IRunField): string {
  return field.key;
}

/** `params.lr`, `metrics.accuracy`: how a field is written in a search filter. */
export function fieldFilterName(field: IRunField): string {
  return `${field.kind === 'param' ? 'params' : 'metrics'}.${field.key}`;
}

/** Whether two fields are the same. */
export function sameField(a: IRunField, b: IRunField): boolean {
  return a.kind === b.kind && a.key === b.key;
}

/**
 * The value of a field of a run: a param's text, or a metric's latest value as a number.
 * Null when the run lacks it, or when the metric is NaN or infinite (nothing to place).
 */
export function fieldValue(
  run: IRun,
  field: IRunField
): string | number | null {
  if (field.kind === 'param') {
    return Object.prototype.hasOwnProperty.call(run.params, field.key)
      ? run.params[field.key]
      : null;
  }
  const metric = run.metrics.find(item => item.key === field.key);
  if (!metric) {
    return null;
  }
  const value = metricValueToNumber(metric.value);
  return Number.isFinite(value) ? value : null;
}

/** A value as a finite number, or null: `"0.01"` → 0.01, `"adam"` → null. */
export function asNumber(value: string | number | null): number | null {
  if (value === null) {
    return null;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : null;
  }
  if (value.trim() === '') {
    return null;
  }
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/** Text compared as people expect: `run-2` before `run-10`. */
const collator = new Intl.Collator(undefined, {
  numeric: true,
  sensitivity: 'base'
});

/**
 * The axis of a field over some runs: numeric when every value the runs have is a
 * number (metrics always are), categorical otherwise. Runs lacking the field are
 * ignored.
 */
export function buildAxis(field: IRunField, runs: readonly IRun[]): RunAxis {
  const values = runs
    .map(run => fieldValue(run, field))
    .filter((value): value is string | number => value !== null);
  const numbers = values.map(asNumber);
  if (values.length > 0 && numbers.every(value => value !== null)) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const value of numbers as number[]) {
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    if (min > 0 && max / min >= LOG_AXIS_RATIO) {
      return { type: 'numeric', field, min, max, log: true };
    }
    const domain = drawableDomain(min, max);
    return {
      type: 'numeric',
      field,
      min: domain.min,
      max: domain.max,
      log: false
    };
  }
  if (values.length === 0 && field.kind === 'metric') {
    return { type: 'numeric', field, min: 0, max: 1, log: false };
  }
  const categories = [...new Set(values.map(String))].sort(collator.compare);
  return { type: 'categorical', field, categories };
}

/** Where a value goes on an axis, from 0 to 1; null when it has no place there. */
export function axisFraction(
  axis: RunAxis,
  value: string | number | null
): number | null {
  if (value === null) {
    return null;
  }
  if (axis.type === 'numeric') {
    const number = asNumber(value);
    if (number === null) {
      return null;
    }
    if (axis.log) {
      return number > 0
        ? Math.log10(number / axis.min) / Math.log10(axis.max / axis.min)
        : null;
    }
    return (number - axis.min) / (axis.max - axis.min);
  }
  const index = axis.categories.indexOf(String(value));
  if (index === -1) {
    return null;
  }
  return axis.categories.length === 1
    ? 0.5
    : index / (axis.categories.length - 1);
}

/**
 * About `count` ticks of an axis: round numbers on a numeric axis; on a categorical
 * one every category, or evenly picked ones when there are more than `count`.
 */
export function axisTicks(
  axis: RunAxis,
  count: number,
  format: (value: number) => string
): IAxisTick[] {
  if (axis.type === 'numeric' && axis.log) {
    return logTicks(axis, count, format);
  }
  if (axis.type === 'numeric') {
    return niceTicks({ min: axis.min, max: axis.max }, Math.max(2, count)).map(
      value => ({
        fraction: (value - axis.min) / (axis.max - axis.min),
        label: format(value)
      })
    );
  }
  const total = axis.categories.length;
  const stride = Math.max(1, Math.ceil(total / Math.max(1, count)));
  const ticks: IAxisTick[] = [];
  for (let index = 0; index < total; index += stride) {
    ticks.push({
      fraction: total === 1 ? 0.5 : index / (total - 1),
      label: axis.categories[index]
    });
  }
  return ticks;
}

/** Ticks of a log axis: the powers of ten within it (every other one when crowded). */
function logTicks(
  axis: INumericAxis,
  count: number,
  format: (value: number) => string
): IAxisTick[] {
  const first = Math.ceil(Math.log10(axis.min) - 1e-9);
  const last = Math.floor(Math.log10(axis.max) + 1e-9);
  const stride = Math.max(
    1,
    Math.ceil((last - first + 1) / Math.max(2, count))
  );
  const ticks: IAxisTick[] = [];
  for (let power = first; power <= last; power += stride) {
    const value = 10 ** power;
    ticks.push({ fraction: axisFraction(axis, value)!, label: format(value) });
  }
  return ticks;
}
