import type { Event } from '@jupyterlab/services';
import type { ISignal } from '@lumino/signaling';

import type { IRunModelVersion } from '../api/models';
import { RUN_METRICS_EVENT_SCHEMA } from '../events';
import { asRequestError, MLStudioRequestError } from '../request';
import type {
  IArtifactList,
  IMetricHistory,
  IRun,
  IRunMetricsEvent
} from '../tokens';
import { ArtifactTreeModel } from './artifact-tree';
import { withLatestPoints } from './latest-metrics';
import { PollingModel } from './polling-model';
import { RunMetricsModel } from './run-metrics-model';

/** Tag naming the training job that made a run. */
export const TRAINING_JOB_TAG = 'mlstudio.training_job';

/** The server calls of a run view. */
export interface IRunApi {
  getRun(runId: string): Promise<IRun>;
  /** `maxPoints` null reads every point. */
  getMetricHistory(
    runId: string,
    key: string,
    maxPoints: number | null
  ): Promise<IMetricHistory>;
  listArtifacts(runId: string, path: string): Promise<IArtifactList>;
  listModelVersions(runId: string): Promise<IRunModelVersion[]>;
}

/** The training job a run came from: its `mlstudio.training_job` tag, or `source_job`. */
export function jobOfRun(run: IRun): string | null {
  return run.tags[TRAINING_JOB_TAG] || run.source_job || null;
}

/**
 * A run as its view shows it, kept live: the run (params, tags, latest metrics), its
 * metric curves (downsampled to the chart budget by the server, whole on demand), its
 * artifacts, and the model versions registered from it.
 *
 * `run-metrics` events of the run add points at once; a poll reads the run again as a
 * fallback and re-reads the series that grew.
 */
export class RunModel extends PollingModel {
  constructor(options: RunModel.IOptions) {
    super({
      name: `jupyterlab-mlstudio:run-${options.runId}`,
      interval: options.interval,
      events: options.events,
      standby: options.standby
    });
    this.runId = options.runId;
    this._api = options.api;
    this._maxPoints = options.maxPoints;
    this.metrics = new RunMetricsModel({
      runId: options.runId,
      fetchRun: () =>
        Promise.resolve(this._run ?? this._api.getRun(this.runId)),
      fetchHistory: (runId, key, fetchOptions) =>
        this._api.getMetricHistory(
          runId,
          key,
          fetchOptions?.full ? null : this._maxPoints
        )
    });
    this.artifacts = new ArtifactTreeModel({
      list: path => this._api.listArtifacts(this.runId, path)
    });
    this.metrics.changed.connect(() => this.emitChanged(), this);
  }

  readonly runId: string;

  /** The run's metric series. */
  readonly metrics: RunMetricsModel;

  /** The run's artifacts. */
  readonly artifacts: ArtifactTreeModel;

  /** The run, once read. */
  get run(): IRun | null {
    return this._run;
  }

  get error(): MLStudioRequestError | null {
    return this._error;
  }

  /** Model versions registered from the run; null until read. */
  get modelVersions(): readonly IRunModelVersion[] | null {
    return this._modelVersions;
  }

  /** Points per series read for the charts (the server downsamples longer ones). */
  get maxPoints(): number {
    return this._maxPoints;
  }
  set maxPoints(value: number) {
    this._maxPoints = value;
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.metrics.dispose();
    super.dispose();
  }

  protected async read(): Promise<void> {
    try {
      const run = await this._api.getRun(this.runId);
      if (this.isDisposed) {
        return;
      }
      this._run = run;
      this._error = null;
      this.recordRead(true);
    } catch (reason) {
      this._error = asRequestError(reason);
      this.recordRead(false);
      this.emitChanged();
      return;
    }
    this.emitChanged();
    const first = !this._readOnce;
    this._readOnce = true;
    await Promise.all([
      this.metrics.refresh(),
      first ? this.artifacts.load() : Promise.resolve(),
      first ? this._readModelVersions() : Promise.resolve()
    ]);
  }

  protected onEvent(emission: Event.Emission): void {
    if (emission.schema_id !== RUN_METRICS_EVENT_SCHEMA) {
      return;
    }
    const event = emission as unknown as IRunMetricsEvent;
    if (event.run_id !== this.runId || !event.points?.length) {
      return;
    }
    if (this._run) {
      this._run = withLatestPoints(this._run, event.points);
    }
    this.metrics.applyPoints(event.points);
  }

  private async _readModelVersions(): Promise<void> {
    try {
      this._modelVersions = await this._api.listModelVersions(this.runId);
    } catch {
      // The registry is an extra: a run view without it is still useful.
      this._modelVersions = [];
    }
    if (!this.isDisposed) {
      this.emitChanged();
    }
  }

  private _api: IRunApi;
  private _error: MLStudioRequestError | null = null;
  private _maxPoints: number;
  private _modelVersions: IRunModelVersion[] | null = null;
  private _readOnce = false;
  private _run: IRun | null = null;
}

export namespace RunModel {
  /** Constructor options. */
  export interface IOptions {
    runId: string;
    api: IRunApi;
    /** Milliseconds between fallback reads. */
    interval: number;
    /** Points per series read for the charts. */
    maxPoints: number;
    events?: ISignal<unknown, Event.Emission>;
    standby?: PollingModel.IOptions['standby'];
  }
}
