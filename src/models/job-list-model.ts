import type { Event } from '@jupyterlab/services';
import type { Poll } from '@lumino/polling';
import type { ISignal } from '@lumino/signaling';

import type { IListTrainingJobsOptions } from '../api/training-jobs';
import { TRAINING_JOB_EVENT_SCHEMA } from '../events';
import { parseTime } from '../format';
import { asRequestError, MLStudioRequestError } from '../request';
import type {
  ITrainingJobEvent,
  ITrainingJobList,
  ITrainingJobSummary
} from '../tokens';
import { PollingModel } from './polling-model';

/**
 * The domain's training jobs, newest first, as the Jobs section lists them.
 *
 * `training-job` events update a listed job at once and trigger a read of the first
 * page (a new job, an end time); a poll reads it too, as a fallback, backing off while
 * the server fails. Older pages are read on demand ({@link loadMore}) and kept; jobs
 * that appear on several pages are listed once.
 */
export class JobListModel extends PollingModel {
  constructor(options: JobListModel.IOptions) {
    super({
      name: 'jupyterlab-mlstudio:training-jobs',
      interval: options.interval,
      events: options.events,
      eventThrottle: options.eventThrottle,
      standby: options.standby
    });
    this._fetchPage = options.fetchPage;
    this._pageSize = Math.min(100, Math.max(1, options.pageSize ?? 50));
  }

  /** The jobs read so far, newest first. */
  get jobs(): readonly ITrainingJobSummary[] {
    return this._jobs;
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
  find(name: string): ITrainingJobSummary | undefined {
    return this._jobs.find(job => job.training_job_name === name);
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
      this._jobs = JobListModel.mergeJobs(this._jobs, page.training_jobs);
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

  private _query(nextToken: string | null): IListTrainingJobsOptions {
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
      const olderPagesRead = this._pagesBeyondFirst();
      this._jobs = JobListModel.mergeJobs(
        olderPagesRead ? this._jobs : [],
        page.training_jobs
      );
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

  /** Whether the list holds more than the first page (the user asked for older jobs). */
  private _pagesBeyondFirst(): boolean {
    return this._jobs.length > this._pageSize;
  }

  protected onEvent(emission: Event.Emission): void {
    if (emission.schema_id !== TRAINING_JOB_EVENT_SCHEMA) {
      return;
    }
    const event = emission as unknown as ITrainingJobEvent;
    const index = this._jobs.findIndex(
      job => job.training_job_name === event.name
    );
    if (index !== -1) {
      const jobs = [...this._jobs];
      jobs[index] = {
        ...jobs[index],
        training_job_status: event.status,
        secondary_status: event.secondary_status
      };
      this._jobs = jobs;
      this.emitChanged();
    }
    this.requestEventRefresh();
  }

  private _applied = 0;
  private _error: MLStudioRequestError | null = null;
  private _fetchPage: (
    options: IListTrainingJobsOptions
  ) => Promise<ITrainingJobList>;
  private _inFlight = 0;
  private _jobs: ITrainingJobSummary[] = [];
  private _loaded = false;
  private _loadingMore = false;
  private _nextToken: string | null = null;
  private _pageSize: number;
  private _sequence = 0;
}

export namespace JobListModel {
  /** Constructor options. */
  export interface IOptions {
    /** Reads one page of jobs. */
    fetchPage: (options: IListTrainingJobsOptions) => Promise<ITrainingJobList>;
    /** Milliseconds between reads while nothing fails. */
    interval: number;
    /** Jobs per read, 1 to 100. Default: 50. */
    pageSize?: number;
    /** Server events; `training-job` ones update the list. */
    events?: ISignal<unknown, Event.Emission>;
    /** Events closer together than this many ms cause one read. Default: 250. */
    eventThrottle?: number;
    /** When the poll rests. Default: when the page is hidden. */
    standby?: Poll.Standby | (() => boolean | Poll.Standby);
  }

  /**
   * `current` updated with `incoming`: a job in both takes the incoming row; the result
   * is ordered newest first (ties by name) and lists each job once.
   */
  export function mergeJobs(
    current: readonly ITrainingJobSummary[],
    incoming: readonly ITrainingJobSummary[]
  ): ITrainingJobSummary[] {
    const byName = new Map<string, ITrainingJobSummary>();
    for (const job of current) {
      byName.set(job.training_job_name, job);
    }
    for (const job of incoming) {
      byName.set(job.training_job_name, job);
    }
    return [...byName.values()].sort(
      (a, b) =>
        parseTime(b.creation_time) - parseTime(a.creation_time) ||
        a.training_job_name.localeCompare(b.training_job_name)
    );
  }
}
