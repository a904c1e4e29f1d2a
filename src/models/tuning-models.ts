import type { Event } from '@jupyterlab/services';

import { asRequestError, MLStudioRequestError } from '../request';
import {
  isTuningActive,
  IImportances,
  ITrialTable,
  ITuningJobDetail,
  ITuningJobSummary,
  TUNING_JOB_EVENT_SCHEMA
} from '../tuning-types';
import { PollingModel } from './polling-model';

/** The server calls the tuning models make. */
export interface ITuningApi {
  listJobs(): Promise<{ tuning_jobs: ITuningJobSummary[] }>;
  getJob(name: string): Promise<ITuningJobDetail>;
  stopJob(name: string): Promise<ITuningJobDetail>;
  getTrials(name: string): Promise<ITrialTable>;
  getImportances(name: string): Promise<IImportances>;
}

/** A tuning-job event names the job. */
function eventJobName(emission: Event.Emission): string | null {
  if (emission.schema_id !== TUNING_JOB_EVENT_SCHEMA) {
    return null;
  }
  const name = (emission as { name?: unknown }).name;
  return typeof name === 'string' ? name : null;
}

/** The domain's tuning jobs, newest first, for the sidebar; read again on tuning events. */
export class TuningListModel extends PollingModel {
  constructor(options: TuningListModel.IOptions) {
    super({ ...options, name: 'mlstudio:tuning-jobs' });
    this._api = options.api;
  }

  get jobs(): readonly ITuningJobSummary[] {
    return this._jobs;
  }
  get isLoaded(): boolean {
    return this._isLoaded;
  }
  get error(): MLStudioRequestError | null {
    return this._error;
  }

  protected async read(): Promise<void> {
    try {
      this._jobs = (await this._api.listJobs()).tuning_jobs;
      this._error = null;
      this.recordRead(true);
    } catch (reason) {
      this._error = asRequestError(reason);
      this.recordRead(false);
    }
    this._isLoaded = true;
    this.emitChanged();
  }

  protected onEvent(emission: Event.Emission): void {
    if (eventJobName(emission) !== null) {
      this.requestEventRefresh();
    }
  }

  private _api: ITuningApi;
  private _error: MLStudioRequestError | null = null;
  private _isLoaded = false;
  private _jobs: ITuningJobSummary[] = [];
}

export namespace TuningListModel {
  /** Constructor options. */
  export interface IOptions extends Omit<PollingModel.IOptions, 'name'> {
    api: ITuningApi;
  }
}

/**
 * One tuning job as its view shows it: the description, every trial and the parameter
 * importances, read together, again on each of the job's events and periodically while
 * it runs.
 */
export class TuningJobModel extends PollingModel {
  constructor(options: TuningJobModel.IOptions) {
    super({ ...options, name: `mlstudio:tuning-job:${options.name}` });
    this.name = options.name;
    this._api = options.api;
  }

  /** The tuning job's name. */
  readonly name: string;

  get detail(): ITuningJobDetail | null {
    return this._detail;
  }
  get trials(): ITrialTable | null {
    return this._trials;
  }
  get importances(): IImportances | null {
    return this._importances;
  }
  get error(): MLStudioRequestError | null {
    return this._error;
  }
  /** Changes with every read that brought something new. */
  get version(): number {
    return this._version;
  }
  get isActive(): boolean {
    return this._detail
      ? isTuningActive(this._detail.hyper_parameter_tuning_job_status)
      : true;
  }

  /** Ask the server to stop the job and its running trials. */
  async stop(): Promise<void> {
    try {
      this._detail = await this._api.stopJob(this.name);
      this._stopError = null;
      this._version++;
    } catch (reason) {
      this._stopError = asRequestError(reason);
    }
    this.emitChanged();
    await this.refresh();
  }

  /** Why the last stop failed, or null. */
  get stopError(): MLStudioRequestError | null {
    return this._stopError;
  }

  protected async read(): Promise<void> {
    if (this._detail && !this.isActive && this._trials) {
      // Nothing changes once the job ended.
      return;
    }
    try {
      const [detail, trials, importances] = await Promise.all([
        this._api.getJob(this.name),
        this._api.getTrials(this.name),
        this._api.getImportances(this.name)
      ]);
      this._detail = detail;
      this._trials = trials;
      this._importances = importances;
      this._error = null;
      this._version++;
      this.recordRead(true);
    } catch (reason) {
      this._error = asRequestError(reason);
      this.recordRead(false);
    }
    this.emitChanged();
  }

  protected onEvent(emission: Event.Emission): void {
    if (eventJobName(emission) === this.name) {
      this.requestEventRefresh();
    }
  }

  private _api: ITuningApi;
  private _detail: ITuningJobDetail | null = null;
  private _error: MLStudioRequestError | null = null;
  private _importances: IImportances | null = null;
  private _stopError: MLStudioRequestError | null = null;
  private _trials: ITrialTable | null = null;
  private _version = 0;
}

export namespace TuningJobModel {
  /** Constructor options. */
  export interface IOptions extends Omit<PollingModel.IOptions, 'name'> {
    name: string;
    api: ITuningApi;
  }
}
