import type { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { asRequestError, MLStudioRequestError } from '../request';
import type { IMetricHistory, IMetricPoint, IRun } from '../tokens';
import { withLatestPoints } from './latest-metrics';
import { ISeriesPoint, mergePoints, toSeriesPoint } from './metric-series';

/** The server calls of a comparison. */
export interface ICompareApi {
  /** The runs of these ids (in any order; unknown ids are left out). */
  getRuns(runIds: readonly string[]): Promise<IRun[]>;
  getMetricHistory(
    runId: string,
    key: string,
    maxPoints: number
  ): Promise<IMetricHistory>;
}

/** Requests a comparison keeps in flight at once, so hundreds of runs do not flood the server. */
export const COMPARE_CONCURRENCY = 6;

/**
 * Run `work` on every item, at most `limit` at a time; resolves when all have settled.
 */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      await work(item).catch(() => undefined);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker)
  );
}

/**
 * Several runs side by side: the runs themselves (params and latest metrics, for the
 * parallel coordinates and the scatter) and, for the metrics shown as curves, each run's
 * downsampled history of them, read when a metric is first shown.
 */
export class CompareModel implements IDisposable {
  constructor(options: CompareModel.IOptions) {
    this.runIds = [...options.runIds];
    this._api = options.api;
    this._maxPoints = options.maxPoints;
  }

  /** The runs compared, in the order given. */
  readonly runIds: readonly string[];

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** The runs read, in the order of {@link runIds}. */
  get runs(): readonly IRun[] {
    return this._runs;
  }

  get error(): MLStudioRequestError | null {
    return this._error;
  }

  get isLoaded(): boolean {
    return this._loaded;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Every metric key of the runs, sorted. */
  get metricKeys(): string[] {
    const keys = new Set<string>();
    for (const run of this._runs) {
      run.metrics.forEach(metric => keys.add(metric.key));
    }
    return [...keys].sort();
  }

  /** Every param key of the runs, sorted. */
  get paramKeys(): string[] {
    const keys = new Set<string>();
    for (const run of this._runs) {
      Object.keys(run.params).forEach(key => keys.add(key));
    }
    return [...keys].sort();
  }

  /** A run's history of `key`, once read; undefined before. */
  series(key: string, runId: string): readonly ISeriesPoint[] | undefined {
    return this._histories.get(key)?.get(runId);
  }

  /** Changes whenever a history of `key` arrives. */
  version(key: string): number {
    return this._versions.get(key) ?? 0;
  }

  /** Histories of `key` still being read. */
  pending(key: string): number {
    return this._pending.get(key) ?? 0;
  }

  /** Read the runs. */
  async load(): Promise<void> {
    try {
      const runs = await this._api.getRuns(this.runIds);
      if (this._isDisposed) {
        return;
      }
      const byId = new Map(runs.map(run => [run.run_id, run]));
      this._runs = this.runIds
        .map(id => byId.get(id))
        .filter((run): run is IRun => run !== undefined);
      this._error = null;
      // Histories read before are stale now.
      this._histories.clear();
      this._requested.clear();
    } catch (reason) {
      this._error = asRequestError(reason);
    } finally {
      this._loaded = true;
      this._emit();
    }
  }

  /** Read every run's history of `key`, unless it was asked for already. */
  async ensureMetric(key: string): Promise<void> {
    if (this._requested.has(key) || this._isDisposed) {
      return;
    }
    this._requested.add(key);
    const histories = new Map<string, ISeriesPoint[]>();
    this._histories.set(key, histories);
    const runs = this._runs.filter(run =>
      run.metrics.some(metric => metric.key === key)
    );
    this._pending.set(key, runs.length);
    this._emit();
    await forEachLimited(runs, COMPARE_CONCURRENCY, async run => {
      try {
        const history = await this._api.getMetricHistory(
          run.run_id,
          key,
          this._maxPoints
        );
        const series: ISeriesPoint[] = [];
        mergePoints(series, history.points.map(toSeriesPoint));
        // Points that arrived live while the history was being read are kept.
        const live = histories.get(run.run_id);
        if (live) {
          mergePoints(series, live);
        }
        histories.set(run.run_id, series);
        this._versions.set(key, this.version(key) + 1);
      } catch (reason) {
        this._error = asRequestError(reason);
      } finally {
        this._pending.set(key, this.pending(key) - 1);
        this._emitSoon();
      }
    });
  }

  /**
   * Take in the points of a `run-metrics` event: a compared run's latest values move, and
   * the curves of metrics already shown grow (points past the history read are added).
   */
  applyMetricPoints(runId: string, points: readonly IMetricPoint[]): void {
    const index = this._runs.findIndex(run => run.run_id === runId);
    if (this._isDisposed || index === -1 || points.length === 0) {
      return;
    }
    this._runs = [...this._runs];
    this._runs[index] = withLatestPoints(this._runs[index], points);
    const byKey = new Map<string, ISeriesPoint[]>();
    for (const point of points) {
      const list = byKey.get(point.key) ?? [];
      list.push(toSeriesPoint(point));
      byKey.set(point.key, list);
    }
    for (const [key, incoming] of byKey) {
      const histories = this._histories.get(key);
      if (!histories) {
        continue;
      }
      const series = histories.get(runId);
      if (series) {
        if (mergePoints(series, incoming) > 0) {
          this._versions.set(key, this.version(key) + 1);
        }
      } else {
        // Its history is still being read (then merged with these), or the run did not
        // have this metric when the curves were read: its curve starts now.
        const fresh: ISeriesPoint[] = [];
        mergePoints(fresh, incoming);
        histories.set(runId, fresh);
        this._versions.set(key, this.version(key) + 1);
      }
    }
    this._emitSoon();
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    if (this._frame !== null) {
      cancelAnimationFrame(this._frame);
    }
    Signal.clearData(this);
  }

  private _emit(): void {
    if (!this._isDisposed) {
      this._changed.emit();
    }
  }

  /** Hundreds of histories arrive close together: redraw once per frame for them. */
  private _emitSoon(): void {
    if (this._frame === null && !this._isDisposed) {
      this._frame = requestAnimationFrame(() => {
        this._frame = null;
        this._emit();
      });
    }
  }

  private _api: ICompareApi;
  private _changed = new Signal<this, void>(this);
  private _error: MLStudioRequestError | null = null;
  private _frame: number | null = null;
  private _histories = new Map<string, Map<string, ISeriesPoint[]>>();
  private _isDisposed = false;
  private _loaded = false;
  private _maxPoints: number;
  private _pending = new Map<string, number>();
  private _requested = new Set<string>();
  private _runs: IRun[] = [];
  private _versions = new Map<string, number>();
}

export namespace CompareModel {
  /** Constructor options. */
  export interface IOptions {
    runIds: readonly string[];
    api: ICompareApi;
    /** Points per history read (the server downsamples longer ones). */
    maxPoints: number;
  }
}
