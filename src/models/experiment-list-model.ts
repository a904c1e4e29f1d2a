import type { Event } from '@jupyterlab/services';
import type { Poll } from '@lumino/polling';
import type { ISignal } from '@lumino/signaling';

import type { IListExperimentsOptions } from '../api/experiments';
import {
  RUN_EVENT_SCHEMA,
  RUN_METRICS_EVENT_SCHEMA,
  TRAINING_JOB_EVENT_SCHEMA
} from '../events';
import { asRequestError, MLStudioRequestError } from '../request';
import type { IExperiment, IExperimentList } from '../tokens';
import { PollingModel } from './polling-model';

/**
 * The experiments of the Experiments section, with their run counts, most recently
 * updated first.
 *
 * A poll reads them (backing off while the server fails); `run-metrics` and `training-job`
 * events, which mean runs are being made or logged to, ask for a read sooner, throttled
 * so that a job logging many points causes a read every few seconds at most.
 */
export class ExperimentListModel extends PollingModel {
  constructor(options: ExperimentListModel.IOptions) {
    super({
      name: 'jupyterlab-mlstudio:experiments',
      interval: options.interval,
      events: options.events,
      eventThrottle:
        options.eventThrottle ?? ExperimentListModel.EVENTS_THROTTLE,
      standby: options.standby
    });
    this._fetchPage = options.fetchPage;
    this._pageSize = Math.min(1000, Math.max(1, options.pageSize ?? 100));
  }

  /** The experiments read, most recently updated first. */
  get experiments(): readonly IExperiment[] {
    return this._experiments;
  }

  /** Whether more experiments exist than were read. */
  get hasMore(): boolean {
    return this._hasMore;
  }

  get error(): MLStudioRequestError | null {
    return this._error;
  }

  get isLoaded(): boolean {
    return this._loaded;
  }

  /** Experiments per read, 1 to 1000. */
  get pageSize(): number {
    return this._pageSize;
  }
  set pageSize(value: number) {
    this._pageSize = Math.min(1000, Math.max(1, Math.floor(value)));
  }

  /** The experiment of this id, if read. */
  find(experimentId: string): IExperiment | undefined {
    return this._experiments.find(item => item.experiment_id === experimentId);
  }

  protected async read(): Promise<void> {
    const sequence = ++this._sequence;
    try {
      const page = await this._fetchPage({ max_items: this._pageSize });
      if (this.isDisposed || sequence !== this._sequence) {
        return;
      }
      this._experiments = ExperimentListModel.order(page.experiments);
      this._hasMore = page.next_token !== null && page.next_token !== undefined;
      this._error = null;
      this.recordRead(true);
    } catch (reason) {
      this._error = asRequestError(reason);
      this.recordRead(false);
    } finally {
      this._loaded = true;
      if (!this.isDisposed) {
        this.emitChanged();
      }
    }
  }

  protected onEvent(emission: Event.Emission): void {
    if (
      emission.schema_id === RUN_EVENT_SCHEMA ||
      emission.schema_id === RUN_METRICS_EVENT_SCHEMA ||
      emission.schema_id === TRAINING_JOB_EVENT_SCHEMA
    ) {
      this.requestEventRefresh();
    }
  }

  private _error: MLStudioRequestError | null = null;
  private _experiments: IExperiment[] = [];
  private _fetchPage: (
    options: IListExperimentsOptions
  ) => Promise<IExperimentList>;
  private _hasMore = false;
  private _loaded = false;
  private _pageSize: number;
  private _sequence = 0;
}

export namespace ExperimentListModel {
  /** Constructor options. */
  export interface IOptions {
    fetchPage: (options: IListExperimentsOptions) => Promise<IExperimentList>;
    /** Milliseconds between reads while nothing fails. */
    interval: number;
    /** Experiments per read, 1 to 1000. Default: 100. */
    pageSize?: number;
    /** Server events; `run`, `run-metrics` and `training-job` ones cause a read. */
    events?: ISignal<unknown, Event.Emission>;
    /** Events closer together than this many ms cause one read. Default: 2000. */
    eventThrottle?: number;
    standby?: Poll.Standby | (() => boolean | Poll.Standby);
  }

  /** Default {@link IOptions.eventThrottle}: metric events come in bursts. */
  export const EVENTS_THROTTLE = 2000;

  /** Most recently updated first, then by name. */
  export function order(experiments: readonly IExperiment[]): IExperiment[] {
    return [...experiments].sort(
      (a, b) =>
        b.last_update_time - a.last_update_time || a.name.localeCompare(b.name)
    );
  }
}
