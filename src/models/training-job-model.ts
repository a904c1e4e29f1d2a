import type { Event } from '@jupyterlab/services';
import type { ISignal } from '@lumino/signaling';

import {
  RUN_METRICS_EVENT_SCHEMA,
  TRAINING_JOB_EVENT_SCHEMA,
  TRAINING_LOGS_EVENT_SCHEMA
} from '../events';
import { asRequestError, MLStudioRequestError } from '../request';
import type {
  ILogPage,
  IMetricHistory,
  IRun,
  IRunMetricsEvent,
  ITrainingJobDetail,
  ITrainingJobEvent,
  ITrainingLogsEvent,
  TrainingJobStatus
} from '../tokens';
import { LogTailModel } from './log-tail-model';
import { PollingModel } from './polling-model';
import { RunMetricsModel } from './run-metrics-model';

/** Statuses after which nothing changes any more. */
export const TERMINAL_STATUSES: readonly TrainingJobStatus[] = [
  'Completed',
  'Failed',
  'Stopped'
];

/** Whether a job in this status has ended. */
export function isTerminal(status: TrainingJobStatus | undefined): boolean {
  return status !== undefined && TERMINAL_STATUSES.includes(status);
}

/** The server calls a job view makes; injected, so tests need no server. */
export interface ITrainingJobApi {
  getJob(name: string): Promise<ITrainingJobDetail>;
  stopJob(name: string): Promise<ITrainingJobDetail>;
  getLogs(
    name: string,
    host: string,
    after: number,
    limit: number
  ): Promise<ILogPage>;
  getRun(runId: string): Promise<IRun>;
  getMetricHistory(runId: string, key: string): Promise<IMetricHistory>;
}

/**
 * Everything a job view shows, kept live: the description (status, timeline, ...), a
 * log tail per host and the run's metric series.
 *
 * Events drive it: a `training-job` event updates the status at once and reads the
 * description again (for the timeline); `training-logs` and `run-metrics` events feed
 * the logs and the metrics. While the job runs, a poll reads everything as a fallback;
 * once the job has ended and a last read has been made, the poll rests.
 */
export class TrainingJobModel extends PollingModel {
  constructor(options: TrainingJobModel.IOptions) {
    const standby = options.standby;
    super({
      name: `jupyterlab-mlstudio:training-job:${options.name}`,
      interval: options.interval,
      events: options.events,
      eventThrottle: options.eventThrottle,
      standby: () => this._settled || (standby ? standby() : document.hidden)
    });
    this.name = options.name;
    this._api = options.api;
    this._logPageSize = options.logPageSize;
    this._logCachePages = options.logCachePages;
  }

  /** The job's name. */
  readonly name: string;

  /** The last description read (with event updates), or null before the first read. */
  get detail(): ITrainingJobDetail | null {
    return this._detail;
  }

  /** Why the last read of the description failed, or null. */
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

  /** Whether the Stop button applies: the job runs and no stop is on its way. */
  get canStop(): boolean {
    return (
      this._detail?.training_job_status === 'InProgress' && !this._stopping
    );
  }

  /** The run's metrics, once the run is known. */
  get metrics(): RunMetricsModel | null {
    return this._metrics;
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
    const logs = this.logs(host);
    if (!logs.isLoaded) {
      void logs.refresh();
    }
    this.emitChanged();
  }

  /** The log tail of `host`, made on first use. */
  logs(host: string): LogTailModel {
    let model = this._logs.get(host);
    if (!model) {
      model = new LogTailModel({
        fetch: (after, limit) =>
          this._api.getLogs(this.name, host, after, limit),
        pageSize: this._logPageSize,
        maxCachedPages: this._logCachePages
      });
      this._logs.set(host, model);
    }
    return model;
  }

  /**
   * Ask the server to stop the job. A refusal (e.g. the job has just ended) is kept in
   * {@link stopError} for the view to show.
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
        this._setDetail(detail);
      }
      return true;
    } catch (reason) {
      this._stopError = asRequestError(reason);
      // The refusal may mean the job ended meanwhile: show what it is now.
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
    this._metrics?.dispose();
  }

  /** The poll's work: the description, then the shown log and the metrics. */
  protected async read(): Promise<void> {
    await this._refreshDetail();
    if (this.isDisposed) {
      return;
    }
    const reads: Promise<void>[] = [this.logs(this._selectedHost).refresh()];
    if (this._metrics) {
      reads.push(this._metrics.refresh());
    }
    await Promise.all(reads);
    // These reads came after the description said the job had ended, so they hold
    // its last lines and points: nothing is left to poll for.
    if (this._error === null && isTerminal(this._detail?.training_job_status)) {
      this._settled = true;
    }
  }

  /** Status events read the description again (for the timeline), not the rest. */
  protected refreshForEvent(): Promise<void> {
    return this._refreshDetail();
  }

  /** The pending fallback read keeps its time; the new interval applies from the next. */
  protected onIntervalChanged(): void {
    // No read at once, unlike the default.
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
      this._setDetail(detail);
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

  private _setDetail(detail: ITrainingJobDetail): void {
    this._detail = detail;
    if (!detail.hosts.includes(this._selectedHost) && detail.hosts.length) {
      this._selectedHost = detail.hosts[0];
    }
    if (detail.run_id) {
      // The poll reads the metrics right after the description.
      this._ensureMetrics(detail.run_id, false);
    }
  }

  private _ensureMetrics(runId: string, read: boolean): RunMetricsModel {
    if (!this._metrics || this._metrics.runId !== runId) {
      this._metrics?.dispose();
      this._metrics = new RunMetricsModel({
        runId,
        fetchRun: id => this._api.getRun(id),
        fetchHistory: (id, key) => this._api.getMetricHistory(id, key)
      });
      if (read) {
        void this._metrics.refresh();
      }
      this.emitChanged();
    }
    return this._metrics;
  }

  protected onEvent(emission: Event.Emission): void {
    switch (emission.schema_id) {
      case TRAINING_JOB_EVENT_SCHEMA: {
        const event = emission as unknown as ITrainingJobEvent;
        if (event.name !== this.name) {
          return;
        }
        if (this._detail) {
          this._detail = {
            ...this._detail,
            training_job_status: event.status,
            secondary_status: event.secondary_status,
            failure_reason: event.failure_reason ?? this._detail.failure_reason
          };
          this.emitChanged();
        }
        this.requestEventRefresh();
        if (isTerminal(event.status)) {
          this._settled = false;
          void this.poll.refresh();
        }
        return;
      }
      case TRAINING_LOGS_EVENT_SCHEMA: {
        const event = emission as unknown as ITrainingLogsEvent;
        // Hosts nobody has looked at yet are read in full when first shown.
        if (event.name === this.name && this._logs.has(event.host)) {
          this._logs.get(event.host)!.applyEvent(event);
        }
        return;
      }
      case RUN_METRICS_EVENT_SCHEMA: {
        const event = emission as unknown as IRunMetricsEvent;
        const ours =
          (this._detail?.run_id && event.run_id === this._detail.run_id) ||
          event.job === this.name;
        if (ours && event.run_id) {
          this._ensureMetrics(event.run_id, true).applyPoints(
            event.points ?? []
          );
        }
        return;
      }
    }
  }

  private _api: ITrainingJobApi;
  private _detail: ITrainingJobDetail | null = null;
  private _error: MLStudioRequestError | null = null;
  private _logCachePages: number | undefined;
  private _logPageSize: number;
  private _logs = new Map<string, LogTailModel>();
  private _metrics: RunMetricsModel | null = null;
  private _selectedHost = 'algo-1';
  private _settled = false;
  private _stopError: MLStudioRequestError | null = null;
  private _stopping = false;
}

export namespace TrainingJobModel {
  /** Constructor options. */
  export interface IOptions {
    name: string;
    api: ITrainingJobApi;
    /** Milliseconds between fallback reads while the job runs. */
    interval: number;
    /** Log lines per request. */
    logPageSize: number;
    /** Log pages kept in memory per host. */
    logCachePages?: number;
    /** Server events of ML Studio. */
    events?: ISignal<unknown, Event.Emission>;
    /** Status events closer together than this many ms cause one read. Default: 250. */
    eventThrottle?: number;
    /** Whether the poll should rest besides after the end. Default: while the page is hidden. */
    standby?: () => boolean;
  }
}
