import type { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { asRequestError, MLStudioRequestError } from '../request';
import type { IMetricHistory, IMetricPoint, IRun } from '../tokens';
import { ISeriesPoint, mergePoints, toSeriesPoint } from './metric-series';

/**
 * The metric series of one run, kept live.
 *
 * The run lists its metric keys; each key's history is read once, and `run-metrics`
 * events add points as the job logs them. Events that arrive while a history is being
 * read are merged with it, without duplicates, whichever came first. A refresh (the
 * poll's fallback when events may have been lost) reads the run again and re-reads only
 * the series the server holds more points of than the page does.
 */
export class RunMetricsModel implements IDisposable {
  constructor(options: RunMetricsModel.IOptions) {
    this.runId = options.runId;
    this._fetchRun = options.fetchRun;
    this._fetchHistory = options.fetchHistory;
  }

  /** The run whose metrics these are. */
  readonly runId: string;

  /** Metric keys in the order they were first seen. */
  get keys(): readonly string[] {
    return this._keys;
  }

  /** Why the last read failed, or null after a success. */
  get error(): MLStudioRequestError | null {
    return this._error;
  }

  /** Whether the run has been read once. */
  get isLoaded(): boolean {
    return this._loaded;
  }

  /** Emitted when a series or the list of keys changes. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** The points of `key`, ordered by step then time; empty for an unknown key. */
  series(key: string): readonly ISeriesPoint[] {
    return this._series.get(key)?.points ?? [];
  }

  /** A number that changes whenever the series of `key` changes (to redraw only then). */
  version(key: string): number {
    return this._series.get(key)?.version ?? 0;
  }

  /** Points the server holds of `key`, as far as the page knows. */
  total(key: string): number {
    const state = this._series.get(key);
    return state ? Math.max(state.serverCount, state.points.length) : 0;
  }

  /** Whether the page holds a downsampled copy of `key` (fewer points than the server). */
  isDownsampled(key: string): boolean {
    const state = this._series.get(key);
    return !!state && !state.full && state.serverCount > state.points.length;
  }

  /**
   * Read every point of `key` (a downsampled history is replaced by the whole one).
   * Later re-reads of the key stay whole.
   */
  async loadFull(key: string): Promise<void> {
    const state = this._state(key);
    state.full = true;
    await this._readHistory(key, state.serverCount, true);
  }

  /** Whether the history of `key` is being read. */
  isLoading(key: string): boolean {
    return (this._series.get(key)?.loading ?? 0) > 0;
  }

  /**
   * Read the run and the histories the page lacks. Resolves once done; never rejects.
   */
  async refresh(): Promise<void> {
    if (this._isDisposed) {
      return;
    }
    let run: IRun;
    try {
      run = await this._fetchRun(this.runId);
    } catch (reason) {
      this._error = asRequestError(reason);
      this._loaded = true;
      this._changed.emit();
      return;
    }
    if (this._isDisposed) {
      return;
    }
    this._error = null;
    this._loaded = true;
    const reads: Promise<void>[] = [];
    for (const latest of run.metrics) {
      const state = this._state(latest.key);
      const known = Math.max(state.points.length, state.serverCount);
      if (state.loading === 0 && (!state.historyRead || latest.count > known)) {
        reads.push(this._readHistory(latest.key, latest.count));
      }
    }
    this._changed.emit();
    await Promise.all(reads);
  }

  /** Take in the points of a `run-metrics` event of this run. */
  applyPoints(points: readonly IMetricPoint[]): void {
    if (this._isDisposed || points.length === 0) {
      return;
    }
    const byKey = new Map<string, ISeriesPoint[]>();
    for (const point of points) {
      let list = byKey.get(point.key);
      if (!list) {
        list = [];
        byKey.set(point.key, list);
      }
      list.push(toSeriesPoint(point));
    }
    for (const [key, incoming] of byKey) {
      const isNew = !this._series.has(key);
      const state = this._state(key);
      const added = mergePoints(state.points, incoming);
      if (added > 0) {
        state.version++;
        // A downsampled history counts the server's points; these are new ones.
        if (state.serverCount > state.points.length - added) {
          state.serverCount += added;
        }
      }
      // A key first seen in an event may have older points than the event carries.
      if (isNew && this._loaded) {
        void this._readHistory(key, 0);
      }
    }
    this._changed.emit();
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._series.clear();
    Signal.clearData(this);
  }

  private _state(key: string): RunMetricsModel.ISeriesState {
    let state = this._series.get(key);
    if (!state) {
      state = {
        points: [],
        version: 0,
        loading: 0,
        historyRead: false,
        serverCount: 0,
        full: false
      };
      this._series.set(key, state);
      this._keys = [...this._keys, key];
    }
    return state;
  }

  private async _readHistory(
    key: string,
    serverCount: number,
    replace = false
  ): Promise<void> {
    const state = this._state(key);
    state.loading++;
    try {
      const history = await this._fetchHistory(this.runId, key, {
        full: state.full
      });
      if (this._isDisposed) {
        return;
      }
      const fresh: ISeriesPoint[] = [];
      mergePoints(fresh, history.points.map(toSeriesPoint));
      // Points that events brought meanwhile (or before) join the history; a whole
      // history replacing a downsampled one holds them already.
      if (!replace) {
        mergePoints(fresh, state.points);
      }
      state.points = fresh;
      state.version++;
      state.historyRead = true;
      state.serverCount = Math.max(
        serverCount,
        history.total ?? 0,
        history.points.length
      );
      this._error = null;
    } catch (reason) {
      this._error = asRequestError(reason);
    } finally {
      state.loading--;
      if (!this._isDisposed) {
        this._changed.emit();
      }
    }
  }

  private _changed = new Signal<this, void>(this);
  private _error: MLStudioRequestError | null = null;
  private _fetchHistory: RunMetricsModel.FetchHistory;
  private _fetchRun: (runId: string) => Promise<IRun>;
  private _isDisposed = false;
  private _keys: string[] = [];
  private _loaded = false;
  private _series = new Map<string, RunMetricsModel.ISeriesState>();
}

export namespace RunMetricsModel {
  /** Constructor options. */
  export interface IOptions {
    runId: string;
    fetchRun: (runId: string) => Promise<IRun>;
    fetchHistory: FetchHistory;
  }

  /**
   * Reads a key's history; `full` asks for every point, otherwise the reader may
   * downsample (and say so with the history's `total`).
   */
  export type FetchHistory = (
    runId: string,
    key: string,
    options?: { full?: boolean }
  ) => Promise<IMetricHistory>;

  /** What the model keeps per key. */
  export interface ISeriesState {
    points: ISeriesPoint[];
    version: number;
    /** History reads in flight. */
    loading: number;
    /** Whether the history has been read once. */
    historyRead: boolean;
    /** Points the server held at the last history read. */
    serverCount: number;
    /** Whether reads ask for every point rather than a downsampled history. */
    full: boolean;
  }
}
