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

/** The attribute columns, always shown, in their default order (Name first, pinned). */
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

/** The id of the Name column, which always comes first and stays in view. */
export const NAME_COLUMN_ID = 'attribute:name';

/** Metric columns a new table shows (the first metrics, their last values). */
export const DEFAULT_METRIC_COLUMNS = 4;

/** Param columns a new table shows. */
export const DEFAULT_PARAM_COLUMNS = 4;

/**
 * The columns a new table shows: Name, then the first few metrics (what runs are compared
 * by), then the other attributes, then the first few params.
 */
export function defaultColumns(
  keys: IExperimentKeys,
  maxParams = DEFAULT_PARAM_COLUMNS,
  maxMetrics = DEFAULT_METRIC_COLUMNS
): RunColumn[] {
  const [name, ...attributes] = ATTRIBUTE_COLUMNS;
  return [
    name,
    ...keys.metrics.slice(0, maxMetrics).map(key => ({
      kind: 'metric' as const,
      key,
      aggregate: 'last' as const
    })),
    ...attributes,
    ...keys.params
      .slice(0, maxParams)
      .map(key => ({ kind: 'param' as const, key }))
  ];
}

/**
 * Columns in a shape the table can show: Name first (it is pinned), no column twice.
 * Stored choices of older versions (Name elsewhere, or missing) come out right.
 */
export function normalizeColumns(columns: readonly RunColumn[]): RunColumn[] {
  const seen = new Set<string>([NAME_COLUMN_ID]);
  const rest = columns.filter(column => {
    const id = columnId(column);
    if (seen.has(id)) {
      return false;
    }
    seen.add(id);
    return true;
  });
  return [ATTRIBUTE_COLUMNS[0], ...rest];
}

/**
 * The columns after the experiment's keys were read (again). A shown column never goes
 * away by itself: a new param or metric may only add a column, and only while the table
 * shows its defaults and has room for it among the first few metrics or params. Columns
 * the user chose are kept exactly.
 */
export function mergeColumns(
  current: readonly RunColumn[],
  keys: IExperimentKeys,
  chosen: boolean
): RunColumn[] {
  if (chosen) {
    return normalizeColumns(current);
  }
  if (current.length === 0) {
    return defaultColumns(keys);
  }
  const columns = normalizeColumns(current);
  const shown = new Set(columns.map(columnId));
  const metricCount = columns.filter(column => column.kind === 'metric').length;
  const newMetrics: RunColumn[] = keys.metrics
    .map(key => ({ kind: 'metric' as const, key, aggregate: 'last' as const }))
    .filter(column => !shown.has(columnId(column)))
    .slice(0, Math.max(0, DEFAULT_METRIC_COLUMNS - metricCount));
  // New metrics go after the last metric column (or right after Name).
  let at = 1;
  columns.forEach((column, index) => {
    if (column.kind === 'metric') {
      at = index + 1;
    }
  });
  columns.splice(at, 0, ...newMetrics);
  const paramCount = columns.filter(column => column.kind === 'param').length;
  const newParams: RunColumn[] = keys.params
    .map(key => ({ kind: 'param' as const, key }))
    .filter(column => !shown.has(columnId(column)))
    .slice(0, Math.max(0, DEFAULT_PARAM_COLUMNS - paramCount));
  return [...columns, ...newParams];
}

/**
 * The columns with the column `id` moved before the column `beforeId` (to the end when
 * null). Name stays first: it cannot move, and nothing moves before it.
 */
export function moveColumn(
  columns: readonly RunColumn[],
  id: string,
  beforeId: string | null
): RunColumn[] {
  const moving = columns.find(column => columnId(column) === id);
  if (!moving || id === NAME_COLUMN_ID || id === beforeId) {
    return [...columns];
  }
  const rest = columns.filter(column => columnId(column) !== id);
  let index =
    beforeId === null
      ? rest.length
      : rest.findIndex(column => columnId(column) === beforeId);
  if (index === -1) {
    index = rest.length;
  }
  index = Math.max(1, index);
  return [...rest.slice(0, index), moving, ...rest.slice(index)];
}
