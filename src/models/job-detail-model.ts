import type { Event } from '@jupyterlab/services';
import type { ISignal } from '@lumino/signaling';

import { asRequestError, MLStudioRequestError } from '../request';
import type { ILogPage, TrainingJobStatus } from '../tokens';
import { LogTailModel } from './log-tail-model';
import { PollingModel } from './polling-model';
import { isTerminal } from './training-job-model';

/** The server calls a job view makes; injected, so tests need no server. */
export interface IJobDetailApi<TDetail> {
  getJob(name: string): Promise<TDetail>;
  stopJob(name: string): Promise<TDetail>;
  getLogs(
    name: string,
    host: string,
    after: number,
    limit: number
  ): Promise<ILogPage>;
}

/** Whether a job status (of any kind) is final. */
export function hasEnded(status: string | null | undefined): boolean {
  return isTerminal((status ?? undefined) as TrainingJobStatus | undefined);
}

/** What every kind's status event carries. */
export interface IJobStatusEvent {
  name: string;
  status: string;
  message?: string | null;
  failure_reason?: string | null;
}

/**
 * What a job view shows, kept live: the job's description and a log tail per host. Each
 * kind (transform, processing, ...) says where its status is, what its hosts are and how
 * its event changes the description.
 *
 * The kind's event updates the description at once and reads it again; while the job runs
 * a poll reads the description and the shown log (these kinds' logs have no event of
 * their own). Once the job has ended and a last read has been made, the poll rests.
 */
export abstract class JobDetailModel<
  TDetail,
  TEvent extends IJobStatusEvent = IJobStatusEvent
> extends PollingModel {
  constructor(options: JobDetailModel.IOptions<TDetail>) {
    const standby = options.standby;
    super({
      name: `jupyterlab-mlstudio:${options.kind}-job:${options.name}`,
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
  get detail(): TDetail | null {
    return this._detail;
  }

  /** The job's status, or null before the first read. */
  get status(): string | null {
    return this._detail ? this.statusOf(this._detail) : null;
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
    return this.status === 'InProgress' && !this._stopping;
  }

  /** The hosts whose logs the view offers (`algo-1` ... `algo-N`). */
  get hosts(): string[] {
    return this._detail ? this.hostsOf(this._detail) : ['algo-1'];
  }

  /** The host whose log the view shows. */
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

  /** The kind's status field of a description. */
  protected abstract statusOf(detail: TDetail): string;

  /** The hosts of a description. */
  protected abstract hostsOf(detail: TDetail): string[];

  /** The kind's event schema id. */
  protected abstract readonly eventSchema: string;

  /** The description as the kind's event changes it. */
  protected abstract withEvent(detail: TDetail, event: TEvent): TDetail;

  /** The poll's work: the description, then the shown log. */
  protected async read(): Promise<void> {
    await this._refreshDetail();
    if (this.isDisposed) {
      return;
    }
    await this.logs(this._selectedHost).refresh();
    if (this._error === null && hasEnded(this.status)) {
      this._settled = true;
    }
  }

  /** Status events read the description again (times, messages), not the log. */
  protected refreshForEvent(): Promise<void> {
    return this._refreshDetail();
  }

  protected onEvent(emission: Event.Emission): void {
    if (emission.schema_id !== this.eventSchema) {
      return;
    }
    const event = emission as unknown as TEvent;
    if (event.name !== this.name || !this._detail) {
      return;
    }
    this._detail = this.withEvent(this._detail, event);
    if (hasEnded(event.status)) {
      // The last lines and the end times come with one more full read.
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

  private _api: IJobDetailApi<TDetail>;
  private _detail: TDetail | null = null;
  private _error: MLStudioRequestError | null = null;
  private _logPageSize: number;
  private _logs = new Map<string, LogTailModel>();
  private _selectedHost = 'algo-1';
  private _settled = false;
  private _stopError: MLStudioRequestError | null = null;
  private _stopping = false;
}

export namespace JobDetailModel {
  /** Constructor options. */
  export interface IOptions<TDetail> {
    /** The kind's id, for the poll's name (`transform`, `processing`). */
    kind: string;
    name: string;
    api: IJobDetailApi<TDetail>;
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
