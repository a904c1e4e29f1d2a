import type { Event } from '@jupyterlab/services';
import type { Poll } from '@lumino/polling';
import type { ISignal } from '@lumino/signaling';

import { parseTime } from '../format';
import { asRequestError, MLStudioRequestError } from '../request';
import type { IJobKindList, IJobRow } from './job-kinds';
import { PollingModel } from './polling-model';

/** One page of a kind's jobs, as its list endpoint answers. */
export interface IJobPage<T> {
  items: readonly T[];
  next_token?: string | null;
}

/** Order, size and position of a page read. */
export interface IJobPageQuery {
  sort_by: 'CreationTime';
  sort_order: 'Descending';
  max_items: number;
  next_token: string | null;
}

/**
 * `current` updated with `incoming`: a job in both takes the incoming one; the result is
 * ordered newest first (ties by name) and holds each job once.
 */
export function mergeByName<T>(
  current: readonly T[],
  incoming: readonly T[],
  nameOf: (job: T) => string,
  createdOf: (job: T) => string
): T[] {
  const byName = new Map<string, T>();
  for (const job of [...current, ...incoming]) {
    byName.set(nameOf(job), job);
  }
  return [...byName.values()].sort(
    (a, b) =>
      parseTime(createdOf(b)) - parseTime(createdOf(a)) ||
      nameOf(a).localeCompare(nameOf(b))
  );
}

/**
 * One kind's jobs, newest first, as the Jobs section lists them; each kind (training,
 * transform, ...) says how to read a page, name a job and show it as a row.
 *
 * The kind's events update a listed job at once and trigger a read of the first page (a new
 * job, an end time); a poll reads it too, as a fallback, backing off while the server fails.
 * Older pages are read on demand ({@link loadMore}) and kept; jobs that appear on several
 * pages are listed once.
 */
export abstract class PagedJobList<T>
  extends PollingModel
  implements IJobKindList
{
  constructor(options: PagedJobList.IOptions<T>) {
    super({
      name: options.name,
      interval: options.interval,
      events: options.events,
      eventThrottle: options.eventThrottle,
      standby: options.standby
    });
    this._fetchPage = options.fetchPage;
    this._pageSize = Math.min(100, Math.max(1, options.pageSize ?? 50));
  }

  /** The jobs read so far, newest first. */
  get jobs(): readonly T[] {
    return this._jobs;
  }

  /** The jobs as rows of the Jobs section. */
  get rows(): readonly IJobRow[] {
    if (this._rowsOf !== this._jobs) {
      this._rows = this._jobs.map(job => this.toRow(job));
      this._rowsOf = this._jobs;
    }
    return this._rows;
  }

  /** Whether older jobs remain to be read. */
  get hasMore(): boolean {
    return this._nextToken !== null;
  }

  /** Why the last read failed, or null after a success. */
  get error(): MLStudioRequestError | null {
    return this._error;
  }

  /** Whether the first read has answered (successfully or not). */
  get isLoaded(): boolean {
    return this._loaded;
  }

  /** Whether a read is in flight. */
  get isLoading(): boolean {
    return this._inFlight > 0;
  }

  /** Jobs per read, 1 to 100. */
  get pageSize(): number {
    return this._pageSize;
  }
  set pageSize(value: number) {
    this._pageSize = Math.min(100, Math.max(1, Math.floor(value)));
  }

  /** The listed job of this name, if any. */
  find(name: string): T | undefined {
    return this._jobs.find(job => this.nameOf(job) === name);
  }

  /** Read the next older page, if there is one. */
  async loadMore(): Promise<void> {
    const token = this._nextToken;
    if (this.isDisposed || token === null || this._loadingMore) {
      return;
    }
    this._loadingMore = true;
    this._inFlight++;
    this.emitChanged();
    try {
      const page = await this._fetchPage(this._query(token));
      if (this.isDisposed) {
        return;
      }
      this._jobs = this.merge(this._jobs, page.items);
      this._nextToken = page.next_token ?? null;
      this._error = null;
    } catch (reason) {
      this._error = asRequestError(reason);
    } finally {
      this._loadingMore = false;
      this._inFlight--;
      if (!this.isDisposed) {
        this.emitChanged();
      }
    }
  }

  /**
   * `current` updated with `incoming`: a job in both takes the incoming row; the result
   * is ordered newest first (ties by name) and lists each job once.
   */
  merge(current: readonly T[], incoming: readonly T[]): T[] {
    return mergeByName(
      current,
      incoming,
      job => this.nameOf(job),
      job => this.createdOf(job)
    );
  }

  /** A job's name. */
  protected abstract nameOf(job: T): string;
  /** When a job was created (ISO time). */
  protected abstract createdOf(job: T): string;
  /** A job as a row of the Jobs section. */
  protected abstract toRow(job: T): IJobRow;

  /** Replace a listed job (from an event) and say so; false when it is not listed. */
  protected patch(name: string, change: (job: T) => T): boolean {
    const index = this._jobs.findIndex(job => this.nameOf(job) === name);
    if (index === -1) {
      return false;
    }
    const jobs = [...this._jobs];
    jobs[index] = change(jobs[index]);
    this._jobs = jobs;
    this.emitChanged();
    return true;
  }

  private _query(nextToken: string | null): IJobPageQuery {
    return {
      sort_by: 'CreationTime',
      sort_order: 'Descending',
      max_items: this._pageSize,
      next_token: nextToken
    };
  }

  /** The poll's work: the first page, newest jobs first. */
  protected async read(): Promise<void> {
    const sequence = ++this._sequence;
    this._inFlight++;
    this.emitChanged();
    try {
      const page = await this._fetchPage(this._query(null));
      if (this.isDisposed || sequence < this._applied) {
        return;
      }
      this._applied = sequence;
      // Keep older pages the user asked for; otherwise the first page is the list.
      const olderPagesRead = this._jobs.length > this._pageSize;
      this._jobs = this.merge(olderPagesRead ? this._jobs : [], page.items);
      if (!olderPagesRead) {
        this._nextToken = page.next_token ?? null;
      }
      this._error = null;
      this.recordRead(true);
    } catch (reason) {
      this._error = asRequestError(reason);
      this.recordRead(false);
    } finally {
      this._loaded = true;
      if (!this.isDisposed) {
        this._inFlight--;
        this.emitChanged();
      }
    }
  }

  private _applied = 0;
  private _error: MLStudioRequestError | null = null;
  private _fetchPage: (query: IJobPageQuery) => Promise<IJobPage<T>>;
  private _inFlight = 0;
  private _jobs: T[] = [];
  private _loaded = false;
  private _loadingMore = false;
  private _nextToken: string | null = null;
  private _pageSize: number;
  private _rows: IJobRow[] = [];
  private _rowsOf: readonly T[] | null = null;
  private _sequence = 0;
}

export namespace PagedJobList {
  /** Constructor options. */
  export interface IOptions<T> {
    /** The poll's name. */
    name: string;
    /** Reads one page of jobs. */
    fetchPage: (query: IJobPageQuery) => Promise<IJobPage<T>>;
    /** Milliseconds between reads while nothing fails. */
    interval: number;
    /** Jobs per read, 1 to 100. Default: 50. */
    pageSize?: number;
    /** Server events; the kind's own update the list. */
    events?: ISignal<unknown, Event.Emission>;
    /** Events closer together than this many ms cause one read. Default: 250. */
    eventThrottle?: number;
    /** When the poll rests. Default: when the page is hidden. */
    standby?: Poll.Standby | (() => boolean | Poll.Standby);
  }
}
