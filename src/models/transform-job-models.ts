import type { Event } from '@jupyterlab/services';
import type { ISignal } from '@lumino/signaling';

import type { IListTransformJobsOptions } from '../api/transform-jobs';
import { asRequestError, MLStudioRequestError } from '../request';
import type { ILogPage } from '../tokens';
import {
  ITransformJobDetail,
  ITransformJobEvent,
  ITransformJobList,
  ITransformJobSummary,
  TRANSFORM_JOB_EVENT_SCHEMA
} from '../transform-types';
import type { IJobRow } from './job-kinds';
import { LogTailModel } from './log-tail-model';
import { IJobPageQuery, PagedJobList } from './paged-job-list';
import { PollingModel } from './polling-model';
import { isTerminal } from './training-job-model';

/** The kind id of batch transform jobs in the Jobs section. */
export const TRANSFORM_KIND = 'transform';

/** "12 of 40 objects" style progress, or null before the input is listed. */
export function transformProgressText(
  detail: Pick<ITransformJobDetail, 'progress'>
): string | null {
  const { objects_total, objects_done, records_done } = detail.progress;
  if (objects_total === null || objects_total === undefined) {
    return null;
  }
  return `${objects_done}/${objects_total} objects, ${records_done} records`;
}

/**
 * The domain's transform jobs, newest first, as the Jobs section lists them;
 * `transform-job` events update a listed job's status at once.
 */
export class TransformJobListModel extends PagedJobList<ITransformJobSummary> {
  constructor(options: TransformJobListModel.IOptions) {
    const fetchPage = options.fetchPage;
    super({
      ...options,
      name: 'jupyterlab-mlstudio:transform-jobs',
      fetchPage: async (query: IJobPageQuery) => {
        const page = await fetchPage(query);
        return { items: page.transform_jobs, next_token: page.next_token };
      }
    });
  }

  protected nameOf(job: ITransformJobSummary): string {
    return job.transform_job_name;
  }

  protected createdOf(job: ITransformJobSummary): string {
    return job.creation_time;
  }

  protected toRow(job: ITransformJobSummary): IJobRow {
    return {
      kind: TRANSFORM_KIND,
      name: job.transform_job_name,
      status: job.transform_job_status,
      detail: this._progress.get(job.transform_job_name) ?? null,
      creation_time: job.creation_time,
      end_time: job.transform_end_time ?? null
    };
  }

  protected onEvent(emission: Event.Emission): void {
    if (emission.schema_id !== TRANSFORM_JOB_EVENT_SCHEMA) {
      return;
    }
    const event = emission as unknown as ITransformJobEvent;
    const progress = event.progress;
    if (
      progress &&
      typeof progress.objects_total === 'number' &&
      typeof progress.objects_done === 'number'
    ) {
      this._progress.set(
        event.name,
        `${progress.objects_done}/${progress.objects_total} objects`
      );
    }
    const changed = this.patch(event.name, job => ({
      ...job,
      transform_job_status: event.status,
      failure_reason: event.failure_reason ?? job.failure_reason
    }));
    if (!changed || isTerminal(event.status)) {
      this.requestEventRefresh();
    }
  }

  private _progress = new Map<string, string>();
}

export namespace TransformJobListModel {
  /** Constructor options. */
  export interface IOptions extends Omit<
    PagedJobList.IOptions<ITransformJobSummary>,
    'name' | 'fetchPage'
  > {
    /** Reads one page of jobs. */
    fetchPage: (
      options: IListTransformJobsOptions
    ) => Promise<ITransformJobList>;
  }
}

/** The server calls a transform job view makes; injected, so tests need no server. */
export interface ITransformJobApi {
  getJob(name: string): Promise<ITransformJobDetail>;
  stopJob(name: string): Promise<ITransformJobDetail>;
  getLogs(
    name: string,
    host: string,
    after: number,
    limit: number
  ): Promise<ILogPage>;
}

/**
 * What a transform job view shows, kept live: the description (status, timeline,
 * progress) and a log tail per instance.
 *
 * A `transform-job` event updates the status and progress at once and reads the
 * description again; while the job runs a poll reads the description and the shown log
 * (transform logs have no event of their own). Once the job has ended and a last read has
 * been made, the poll rests.
 */
export class TransformJobModel extends PollingModel {
  constructor(options: TransformJobModel.IOptions) {
    const standby = options.standby;
    super({
      name: `jupyterlab-mlstudio:transform-job:${options.name}`,
      interval: options.interval,
      events: options.events,
      eventThrottle: options.eventThrottle,
      standby: () => this._settled || (standby ? standby() : document.hidden)
    });
    this.name = options.name;
    this._api = options.api;
    this._logPageSize = options.logPageSize ?? 500;
  }

  /** The job's name. */
  readonly name: string;

  /** The last description read (with event updates), or null before the first read. */
  get detail(): ITransformJobDetail | null {
    return this._detail;
  }

  /** Why the last read failed, or null. */
  get error(): MLStudioRequestError | null {
    return this._error;
  }

  /** Why the last stop request failed, or null. */
  get stopError(): MLStudioRequestError | null {
    return this._stopError;
  }

  /** Whether a stop request is on its way. */
  get isStopRequested(): boolean {
    return this._stopping;
  }

  /** Whether Stop applies: the job is in progress and no stop is on its way. */
  get canStop(): boolean {
    return (
      this._detail?.transform_job_status === 'InProgress' && !this._stopping
    );
  }

  /** The instances (`algo-1` ... `algo-N`). */
  get hosts(): string[] {
    const count = this._detail?.transform_resources.instance_count ?? 1;
    return Array.from({ length: count }, (_, index) => `algo-${index + 1}`);
  }

  /** The instance whose log the view shows. */
  get selectedHost(): string {
    return this._selectedHost;
  }
  set selectedHost(host: string) {
    if (host === this._selectedHost) {
      return;
    }
    this._selectedHost = host;
    void this.logs(host).refresh();
    this.emitChanged();
  }

  /** The log tail of `host`, made on first use. */
  logs(host: string): LogTailModel {
    let model = this._logs.get(host);
    if (!model) {
      model = new LogTailModel({
        fetch: (after, limit) =>
          this._api.getLogs(this.name, host, after, limit),
        pageSize: this._logPageSize
      });
      this._logs.set(host, model);
    }
    return model;
  }

  /**
   * Ask the server to stop the job; a refusal (it has just ended) is kept in
   * {@link stopError}.
   *
   * @returns whether the server accepted.
   */
  async stop(): Promise<boolean> {
    if (this._stopping) {
      return false;
    }
    this._stopping = true;
    this._stopError = null;
    this.emitChanged();
    try {
      const detail = await this._api.stopJob(this.name);
      if (!this.isDisposed) {
        this._detail = detail;
      }
      return true;
    } catch (reason) {
      this._stopError = asRequestError(reason);
      void this._refreshDetail();
      return false;
    } finally {
      this._stopping = false;
      if (!this.isDisposed) {
        this.emitChanged();
      }
    }
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    super.dispose();
    this._logs.forEach(model => model.dispose());
    this._logs.clear();
  }

  /** The poll's work: the description, then the shown log. */
  protected async read(): Promise<void> {
    await this._refreshDetail();
    if (this.isDisposed) {
      return;
    }
    await this.logs(this._selectedHost).refresh();
    if (
      this._error === null &&
      isTerminal(this._detail?.transform_job_status)
    ) {
      this._settled = true;
    }
  }

  /** Status events read the description again (for the timeline), not the log. */
  protected refreshForEvent(): Promise<void> {
    return this._refreshDetail();
  }

  protected onEvent(emission: Event.Emission): void {
    if (emission.schema_id !== TRANSFORM_JOB_EVENT_SCHEMA) {
      return;
    }
    const event = emission as unknown as ITransformJobEvent;
    if (event.name !== this.name || !this._detail) {
      return;
    }
    this._detail = {
      ...this._detail,
      transform_job_status: event.status,
      failure_reason: event.failure_reason ?? this._detail.failure_reason,
      progress: { ...this._detail.progress, ...event.progress }
    };
    if (isTerminal(event.status)) {
      // The last lines and the end of the timeline come with one more full read.
      this._settled = false;
      void this.refresh();
    } else {
      this.requestEventRefresh();
    }
    this.emitChanged();
  }

  private async _refreshDetail(): Promise<void> {
    if (this.isDisposed) {
      return;
    }
    try {
      const detail = await this._api.getJob(this.name);
      if (this.isDisposed) {
        return;
      }
      this._detail = detail;
      this._error = null;
      this.recordRead(true);
    } catch (reason) {
      this._error = asRequestError(reason);
      this.recordRead(false);
    } finally {
      if (!this.isDisposed) {
        this.emitChanged();
      }
    }
  }

  private _api: ITransformJobApi;
  private _detail: ITransformJobDetail | null = null;
  private _error: MLStudioRequestError | null = null;
  private _logPageSize: number;
  private _logs = new Map<string, LogTailModel>();
  private _selectedHost = 'algo-1';
  private _settled = false;
  private _stopError: MLStudioRequestError | null = null;
  private _stopping = false;
}

export namespace TransformJobModel {
  /** Constructor options. */
  export interface IOptions {
    name: string;
    api: ITransformJobApi;
    /** Milliseconds between fallback reads while the job runs. */
    interval: number;
    /** Log lines per request. Default: 500. */
    logPageSize?: number;
    /** Server events of ML Studio. */
    events?: ISignal<unknown, Event.Emission>;
    /** Status events closer together than this many ms cause one read. Default: 250. */
    eventThrottle?: number;
    /** Whether the poll should rest besides after the end. Default: while the page is hidden. */
    standby?: () => boolean;
  }
}
