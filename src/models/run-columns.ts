/*
 * The columns of the runs table: what each shows, how wide it is, and how it sorts (on
 * the server with MLflow's `order_by`, or among the loaded rows when the server cannot).
 */

import { formatDateTime, formatDuration, formatMetricValue } from '../format';
import type { IExperimentKeys, IRun } from '../tokens';
import { metricValueToNumber } from './metric-series';

/** Which value of a metric a column shows. */
export type MetricAggregate = 'last' | 'min' | 'max';

/** The run attributes the table can show. */
export type AttributeKey =
  'name' | 'status' | 'start_time' | 'duration' | 'user_id';

/** A column of the runs table. */
export type RunColumn =
  | { kind: 'attribute'; key: AttributeKey }
  | { kind: 'param'; key: string }
  | { kind: 'metric'; key: string; aggregate: MetricAggregate }
  | { kind: 'tag'; key: string };

/** The attribute columns, always shown, in order. */
export const ATTRIBUTE_COLUMNS: RunColumn[] = [
  { kind: 'attribute', key: 'name' },
  { kind: 'attribute', key: 'status' },
  { kind: 'attribute', key: 'start_time' },
  { kind: 'attribute', key: 'duration' },
  { kind: 'attribute', key: 'user_id' }
];

/** A sort: the column (by id) and the direction. */
export interface IRunSort {
  columnId: string;
  descending: boolean;
}

/**
 * Columns read back from storage, or null when the value is not a list of columns (a
 * stored choice from another version is dropped rather than trusted).
 */
export function parseColumns(value: unknown): RunColumn[] | null {
  if (!Array.isArray(value)) {
    return null;
  }
  const attributes = new Set(
    ATTRIBUTE_COLUMNS.map(column => column.key as string)
  );
  const columns: RunColumn[] = [];
  for (const item of value) {
    if (!item || typeof item !== 'object') {
      return null;
    }
    const { kind, key, aggregate } = item as Record<string, unknown>;
    if (typeof key !== 'string' || !key) {
      return null;
    }
    if (kind === 'attribute' && attributes.has(key)) {
      columns.push({ kind, key: key as AttributeKey });
    } else if (kind === 'param' || kind === 'tag') {
      columns.push({ kind, key });
    } else if (
      kind === 'metric' &&
      (aggregate === 'last' || aggregate === 'min' || aggregate === 'max')
    ) {
      columns.push({ kind, key, aggregate });
    } else {
      return null;
    }
  }
  return columns;
}

/** A stable id of a column: `attribute:name`, `param:lr`, `metric:loss:min`. */
export function columnId(column: RunColumn): string {
  return column.kind === 'metric'
    ? `metric:${column.key}:${column.aggregate}`
    : `${column.kind}:${column.key}`;
}

/** Width of a column in pixels. */
export function columnWidth(column: RunColumn): number {
  if (column.kind === 'attribute') {
    return {
      name: 200,
      status: 96,
      start_time: 150,
      duration: 84,
      user_id: 100
    }[column.key];
  }
  return column.kind === 'metric' ? 116 : 112;
}

/**
 * A key as MLflow's search syntax needs it: bare when it is a plain name (slashes and
 * dots included), in backticks otherwise (`` `my key` ``, backticks doubled).
 */
export function quoteKey(key: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(key)
    ? key
    : `\`${key.replace(/`/g, '``')}\``;
}

const ATTRIBUTE_ORDER: Record<AttributeKey, string | null> = {
  name: 'attributes.run_name',
  status: 'attributes.status',
  start_time: 'attributes.start_time',
  duration: null,
  user_id: 'attributes.user_id'
};

/**
 * The server's `order_by` clause for sorting by a column, or null when the server cannot
 * sort by it (a duration, a metric's min or max): those sort among the loaded rows.
 */
export function serverOrderBy(
  column: RunColumn,
  descending: boolean
): string | null {
  let clause: string | null;
  switch (column.kind) {
    case 'attribute':
      clause = ATTRIBUTE_ORDER[column.key];
      break;
    case 'metric':
      clause =
        column.aggregate === 'last' ? `metrics.${quoteKey(column.key)}` : null;
      break;
    case 'param':
      clause = `params.${quoteKey(column.key)}`;
      break;
    case 'tag':
      clause = `tags.${quoteKey(column.key)}`;
      break;
  }
  return clause === null ? null : `${clause} ${descending ? 'DESC' : 'ASC'}`;
}

/** The run's latest entry of a metric, if it has one. */
function metricOf(run: IRun, key: string) {
  return run.metrics.find(metric => metric.key === key);
}

/**
 * The value a column sorts by: a number, a text, or null when the run has none. A
 * running run's duration counts up to `now`.
 */
export function sortValue(
  run: IRun,
  column: RunColumn,
  now: number
): number | string | null {
  switch (column.kind) {
    case 'attribute':
      switch (column.key) {
        case 'name':
          return run.name;
        case 'status':
          return run.status;
        case 'start_time':
          return run.start_time;
        case 'duration':
          return (run.end_time ?? now) - run.start_time;
        case 'user_id':
          return run.user_id;
      }
      return null;
    case 'metric': {
      const metric = metricOf(run, column.key);
      if (!metric) {
        return null;
      }
      const raw =
        column.aggregate === 'last'
          ? metric.value
          : column.aggregate === 'min'
            ? metric.min
            : metric.max;
      const value = metricValueToNumber(raw);
      return Number.isNaN(value) ? null : value;
    }
    case 'param':
      return run.params[column.key] ?? null;
    case 'tag':
      return run.tags[column.key] ?? null;
  }
}

/** The text of a cell. */
export function cellText(run: IRun, column: RunColumn, now: number): string {
  if (column.kind === 'metric') {
    const metric = metricOf(run, column.key);
    if (!metric) {
      return '';
    }
    const raw =
      column.aggregate === 'last'
        ? metric.value
        : column.aggregate === 'min'
          ? metric.min
          : metric.max;
    return raw === null ? '' : formatMetricValue(metricValueToNumber(raw));
  }
  const value = sortValue(run, column, now);
  if (value === null) {
    return '';
  }
  if (column.kind === 'attribute') {
    if (column.key === 'start_time') {
      return formatDateTime(value as number);
    }
    if (column.key === 'duration') {
      return formatDuration(value as number);
    }
  }
  return String(value);
}

const collator = new Intl.Collator(undefined, {
  numeric: true,
  sensitivity: 'base'
});

/**
 * Order of two runs by a column. Runs without a value come last in both directions (as
 * the server sorts), and ties keep the order they had (the sort is stable).
 */
export function compareByColumn(
  a: IRun,
  b: IRun,
  column: RunColumn,
  descending: boolean,
  now: number
): number {
  const left = sortValue(a, column, now);
  const right = sortValue(b, column, now);
  if (left === null || right === null) {
    return left === right ? 0 : left === null ? 1 : -1;
  }
  let order: number;
  if (typeof left === 'number' && typeof right === 'number') {
    order = left - right;
  } else {
    order = collator.compare(String(left), String(right));
  }
  return descending ? -order : order;
}

/** The columns a new table shows: the attributes and the first few params and metrics. */
export function defaultColumns(
  keys: IExperimentKeys,
  maxParams = 4,
  maxMetrics = 4
): RunColumn[] {
  return [
    ...ATTRIBUTE_COLUMNS,
    ...keys.params
      .slice(0, maxParams)
      .map(key => ({ kind: 'param' as const, key })),
    ...keys.metrics.slice(0, maxMetrics).map(key => ({
      kind: 'metric' as const,
      key,
      aggregate: 'last' as const
    }))
  ];
}
