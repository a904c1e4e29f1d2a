import type { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import type { ISearchRunsOptions } from '../api/runs';
import { asRequestError, MLStudioRequestError } from '../request';
import type {
  IExperimentKeys,
  IMetricPoint,
  IRun,
  IRunEvent,
  IRunList
} from '../tokens';
import { withLatestPoints } from './latest-metrics';
import {
  columnId,
  compareByColumn,
  IRunSort,
  mergeColumns,
  moveColumn,
  normalizeColumns,
  RunColumn,
  serverOrderBy
} from './run-columns';
import {
  acceptFilter,
  editFilter,
  EMPTY_FILTER,
  IRunFilterState,
  isFilterError,
  normalizeFilter,
  rejectFilter,
  submitFilter
} from './run-filter';
import { RunSelection } from './run-selection';

/**
 * The runs table of an experiment: its columns, filter, sort, selection, and the rows read
 * so far.
 *
 * Rows are read a page at a time (`max_items`/`next_token`) as the view scrolls towards
 * the end of what is loaded ({@link ensureRange}), so an experiment of 10,000 runs costs
 * only the pages looked at. The server filters (MLflow syntax) and sorts (`order_by`);
 * a column it cannot sort by (a duration, a metric's min or max) sorts the loaded rows.
 * A change of filter or server sort reads from the first page again; answers to older
 * queries are dropped.
 */
export class RunTableModel implements IDisposable {
  constructor(options: RunTableModel.IOptions) {
    this.experimentId = options.experimentId;
    this._fetchRuns = options.fetchRuns;
    this._fetchKeys = options.fetchKeys;
    this._pageSize = Math.min(5000, Math.max(1, Math.floor(options.pageSize)));
    this._now = options.now ?? Date.now;
    this._rereadDelay = options.rereadDelay ?? 500;
  }

  readonly experimentId: string;

  /** The ticked runs. */
  readonly selection = new RunSelection();

  /** Emitted when rows, columns, sort, filter, loading state or errors change. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Increases with every change, for views that memoize on it. */
  get version(): number {
    return this._version;
  }

  /** The experiment's param, metric and tag names, once read. */
  get keys(): IExperimentKeys | null {
    return this._keys;
  }

  get columns(): readonly RunColumn[] {
    return this._columns;
  }

  get sort(): IRunSort | null {
    return this._sort;
  }

  /** Whether the sort is done among the loaded rows rather than by the server. */
  get isLocalSort(): boolean {
    const column = this._sortColumn();
    return column !== null && serverOrderBy(column, false) === null;
  }

  get filter(): IRunFilterState {
    return this._filter;
  }

  /** The rows read so far, in the table's order. */
  get rows(): readonly IRun[] {
    if (this._sorted === null) {
      const column = this._sortColumn();
      if (column && this.isLocalSort) {
        const now = this._now();
        const descending = this._sort!.descending;
        this._sorted = [...this._rows].sort((a, b) =>
          compareByColumn(a, b, column, descending, now)
        );
      } else {
        this._sorted = this._rows;
      }
    }
    return this._sorted;
  }

  /** Whether more rows remain on the server. */
  get hasMore(): boolean {
    return this._nextToken !== null;
  }

  get isLoading(): boolean {
    return this._loading > 0;
  }

  /** Whether the first page of the current query has answered. */
  get isLoaded(): boolean {
    return this._loaded;
  }

  /** Why the last read failed (other than a refused filter), or null. */
  get error(): MLStudioRequestError | null {
    return this._error;
  }

  /** Rows per read. */
  get pageSize(): number {
    return this._pageSize;
  }
  set pageSize(value: number) {
    this._pageSize = Math.min(5000, Math.max(1, Math.floor(value)));
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Read the keys (for the columns), then the first page. */
  async start(): Promise<void> {
    await Promise.all([
      this._readKeys(),
      this._readFirstPage(this._filter.applied)
    ]);
  }

  /** Read the keys and the first page again, with the same filter, sort and columns. */
  reload(): Promise<void> {
    return this.start();
  }

  /** Whether the columns were chosen (by the user, or restored), not the defaults. */
  get columnsChosen(): boolean {
    return this._columnsChosen;
  }

  /**
   * Replace the columns shown (Name stays first); a sort by a column no longer shown is
   * dropped.
   */
  setColumns(columns: readonly RunColumn[]): void {
    const before = this._orderBy().join();
    this._columnsChosen = true;
    this._columns = normalizeColumns(columns);
    const sort = this._sort;
    if (sort && !this._columns.some(c => columnId(c) === sort.columnId)) {
      this._sort = null;
    }
    this._afterSortChange(before);
  }

  /**
   * Move the column `id` before the column `beforeId` (to the end when null). Name stays
   * first.
   */
  moveColumn(id: string, beforeId: string | null): void {
    const moved = moveColumn(this._columns, id, beforeId);
    if (moved.map(columnId).join() !== this._columns.map(columnId).join()) {
      this.setColumns(moved);
    }
  }

  /**
   * Sort by a column: a new column sorts descending for numbers and times (best and
   * newest first) and ascending for text; the same column again flips the direction.
   */
  sortBy(id: string): void {
    const column = this._columns.find(c => columnId(c) === id);
    if (!column) {
      return;
    }
    if (this._sort?.columnId === id) {
      this._setSort({ columnId: id, descending: !this._sort.descending });
      return;
    }
    const numeric =
      column.kind === 'metric' ||
      (column.kind === 'attribute' &&
        (column.key === 'start_time' || column.key === 'duration'));
    this._setSort({ columnId: id, descending: numeric });
  }

  /** The filter box's text changed. */
  editFilter(text: string): void {
    this._filter = editFilter(this._filter, text);
    this._emit();
  }

  /**
   * Read the rows matching the filter box's text. A filter the server refuses leaves
   * the rows as they were and shows why.
   */
  applyFilter(): Promise<void> {
    this._filter = submitFilter(this._filter);
    this._emit();
    return this._readFirstPage(this._filter.pending ?? '');
  }

  /** Empty the filter box and read every run. */
  clearFilter(): Promise<void> {
    this._filter = editFilter(this._filter, '');
    return this.applyFilter();
  }

  /**
   * The view shows rows `[first, last)`: read the next page when they come within half
   * a page of the end of what is loaded.
   */
  ensureRange(first: number, last: number): void {
    if (this.hasMore && last >= this._rows.length - this._pageSize / 2) {
      void this.loadMore();
    }
  }

  /** Read the next page, if there is one and none is being read. */
  async loadMore(): Promise<void> {
    const token = this._nextToken;
    if (this._isDisposed || token === null || this._loadingMore) {
      return;
    }
    const generation = this._generation;
    this._loadingMore = true;
    this._loading++;
    this._emit();
    try {
      const page = await this._fetchRuns(
        this._query(this._filter.applied, token)
      );
      if (generation !== this._generation || this._isDisposed) {
        return;
      }
      this._append(page);
      this._error = null;
    } catch (reason) {
      if (generation === this._generation) {
        this._error = asRequestError(reason);
      }
    } finally {
      this._loadingMore = false;
      this._loading--;
      this._emit();
    }
  }

  /** Take in the points of a `run-metrics` event, when its run is loaded. */
  applyMetricPoints(runId: string, points: readonly IMetricPoint[]): void {
    const index = this._rows.findIndex(run => run.run_id === runId);
    if (index === -1 || points.length === 0) {
      return;
    }
    const updated = withLatestPoints(this._rows[index], points);
    this._replaceRow(index, updated);
  }

  /**
   * Take in a `run` event. A run that appears in (or comes back to) this experiment brings
   * a read of the keys and the first page, once per burst; a status change or a deletion of
   * a loaded run applies in place.
   */
  applyRunEvent(event: IRunEvent): void {
    if (this._isDisposed || event.experiment_id !== this.experimentId) {
      return;
    }
    if (event.action === 'created' || event.action === 'restored') {
      if (this._rereadTimer === null) {
        this._rereadTimer = setTimeout(() => {
          this._rereadTimer = null;
          if (!this._isDisposed) {
            void this.reload();
          }
        }, this._rereadDelay);
      }
      return;
    }
    const index = this._rows.findIndex(run => run.run_id === event.run_id);
    if (index === -1) {
      return;
    }
    if (event.action === 'deleted') {
      const run = this._rows[index];
      this._rows = this._rows.filter(item => item !== run);
      this._sorted = null;
      if (this.selection.has(run.run_id)) {
        this.selection.toggle(run);
      }
      this._emit();
      return;
    }
    const row = this._rows[index];
    this._replaceRow(index, {
      ...row,
      status: (event.status as IRun['status'] | undefined) ?? row.status,
      end_time: event.end_time ?? row.end_time,
      name: event.name ?? row.name
    });
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    if (this._rereadTimer !== null) {
      clearTimeout(this._rereadTimer);
      this._rereadTimer = null;
    }
    this._generation++;
    Signal.clearData(this);
    Signal.clearData(this.selection);
  }

  private _replaceRow(index: number, run: IRun): void {
    this._rows = [...this._rows];
    this._rows[index] = run;
    this._sorted = null;
    this.selection.update([run]);
    this._emit();
  }

  private _sortColumn(): RunColumn | null {
    const sort = this._sort;
    return sort
      ? (this._columns.find(c => columnId(c) === sort.columnId) ?? null)
      : null;
  }

  private _orderBy(): string[] {
    const column = this._sortColumn();
    const clause = column
      ? serverOrderBy(column, this._sort!.descending)
      : null;
    return clause ? [clause] : [];
  }

  private _setSort(sort: IRunSort | null): void {
    const before = this._orderBy().join();
    this._sort = sort;
    this._afterSortChange(before);
  }

  /** Read from the first page again when the server's order changed (`before` was it). */
  private _afterSortChange(before: string): void {
    this._sorted = null;
    if (this._orderBy().join() !== before) {
      void this._readFirstPage(this._filter.applied);
    }
    this._emit();
  }

  private _query(filter: string, token: string | null): ISearchRunsOptions {
    return {
      experiment_id: [this.experimentId],
      filter: filter || undefined,
      order_by: this._orderBy(),
      max_items: this._pageSize,
      next_token: token
    };
  }

  private async _readKeys(): Promise<void> {
    try {
      const keys = await this._fetchKeys(this.experimentId);
      if (this._isDisposed) {
        return;
      }
      this._keys = keys;
      this._columns = mergeColumns(this._columns, keys, this._columnsChosen);
      this._emit();
    } catch (reason) {
      this._error = asRequestError(reason);
      this._emit();
    }
  }

  private async _readFirstPage(filter: string): Promise<void> {
    const generation = ++this._generation;
    filter = normalizeFilter(filter);
    this._loading++;
    this._emit();
    try {
      const page = await this._fetchRuns(this._query(filter, null));
      if (generation !== this._generation || this._isDisposed) {
        return;
      }
      this._filter = acceptFilter(this._filter, filter);
      this._rows = [];
      this._append(page);
      this._error = null;
      this._loaded = true;
    } catch (reason) {
      if (generation !== this._generation || this._isDisposed) {
        return;
      }
      const error = asRequestError(reason);
      if (isFilterError(error) && filter !== this._filter.applied) {
        this._filter = rejectFilter(this._filter, filter, error);
      } else {
        this._error = error;
        this._loaded = true;
      }
    } finally {
      this._loading--;
      this._emit();
    }
  }

  private _append(page: IRunList): void {
    // Pages are read by offset: a run added meanwhile may shift one onto the next page.
    const seen = new Set(this._rows.map(run => run.run_id));
    this._rows = [
      ...this._rows,
      ...page.runs.filter(run => !seen.has(run.run_id))
    ];
    this._nextToken = page.next_token ?? null;
    this.selection.update(page.runs);
  }

  private _emit(): void {
    if (this._isDisposed) {
      return;
    }
    this._sorted = null;
    this._version++;
    this._changed.emit();
  }

  private _changed = new Signal<this, void>(this);
  private _columns: RunColumn[] = [];
  private _columnsChosen = false;
  private _error: MLStudioRequestError | null = null;
  private _fetchKeys: (experimentId: string) => Promise<IExperimentKeys>;
  private _fetchRuns: (options: ISearchRunsOptions) => Promise<IRunList>;
  private _filter: IRunFilterState = EMPTY_FILTER;
  private _generation = 0;
  private _isDisposed = false;
  private _keys: IExperimentKeys | null = null;
  private _loaded = false;
  private _loading = 0;
  private _loadingMore = false;
  private _nextToken: string | null = null;
  private _rereadDelay: number;
  private _rereadTimer: ReturnType<typeof setTimeout> | null = null;
  private _now: () => number;
  private _pageSize: number;
  private _rows: IRun[] = [];
  private _sort: IRunSort | null = null;
  private _sorted: IRun[] | null = null;
  private _version = 0;
}

export namespace RunTableModel {
  /** Constructor options. */
  export interface IOptions {
    experimentId: string;
    fetchRuns: (options: ISearchRunsOptions) => Promise<IRunList>;
    fetchKeys: (experimentId: string) => Promise<IExperimentKeys>;
    /** Rows per read, 1 to 5000. */
    pageSize: number;
    /** The clock, for running durations. */
    now?: () => number;
    /** Milliseconds a burst of new runs is gathered before one read. Default: 500. */
    rereadDelay?: number;
  }
}
