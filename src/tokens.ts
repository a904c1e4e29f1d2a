import type { Event } from '@jupyterlab/services';
import type { LabIcon } from '@jupyterlab/ui-components';
import { Token } from '@lumino/coreutils';
import type { ISignal } from '@lumino/signaling';
import type { Widget } from '@lumino/widgets';

import type { Schemas } from './api/schema-types';
import type { IMetricPoint, WithMetricValues } from './experiment-types';
import type { JobKinds } from './models/job-kinds';

/*
 * REST types: aliases of the types generated from the server's OpenAPI document
 * (`api/schema.ts`, `jlpm api:types`), under the names the front end uses. Field names are
 * snake_case, as the server's pydantic models have them.
 */

/** The body of every error answer of the ML Studio REST API. */
export type IApiErrorBody = Schemas['Error'];

/** A runtime backend (process, docker, ...) and whether jobs can run on it now. */
export type IBackendStatus = Schemas['BackendStatus'];

/** A GPU of the host. */
export type IGpu = Schemas['Gpu'];

/** What the machine running the Jupyter server offers. */
export type IHostResources = Schemas['HostResources'];

/** The record store (experiments, jobs, ...). */
export type IStoreInfo = Schemas['StoreInfo'];

/** The object store (artifacts, logs, models). */
export type IObjectStoreInfo = Schemas['ObjectStoreInfo'];

/** `GET mlstudio/api/v1/status`. */
export type IStatus = Schemas['Status'];

/** One entry of the instance-type catalogue. */
export type IInstanceType = Schemas['InstanceType'];

/** `GET mlstudio/api/v1/instance-types`. */
export type IInstanceTypeList = Schemas['InstanceTypeList'];

/*
 * Training jobs: SageMaker's CreateTrainingJob and DescribeTrainingJob in snake_case.
 * The parts of a request are the request's shapes (fields with a default may be left
 * out); a description carries every field.
 */

/** `TrainingJobStatus`. */
export type TrainingJobStatus = Schemas['TrainingJobStatus'];

/** One row of `GET mlstudio/api/v1/training-jobs`. */
export type ITrainingJobSummary = Schemas['TrainingJobSummary'];

/** `GET mlstudio/api/v1/training-jobs`. */
export type ITrainingJobList = Schemas['TrainingJobList'];

/** A metric the server extracts from the job's log with a regular expression. */
export type IMetricDefinition = Schemas['MetricDefinition'];

/** `AlgorithmSpecification`. */
export type IAlgorithmSpecification = Schemas['AlgorithmSpecification-Input'];

/** `S3DataSource`: `s3_uri` may also be a `file://` URI on this server. */
export type IS3DataSource = Schemas['S3DataSource-Input'];

/** An input channel (`Channel`). */
export type IChannel = Schemas['Channel-Input'];

/** `OutputDataConfig`. */
export type IOutputDataConfig = Schemas['OutputDataConfig-Input'];

/** `ResourceConfig`. */
export type IResourceConfig = Schemas['ResourceConfig-Input'];

/** `StoppingCondition`. */
export type IStoppingCondition = Schemas['StoppingCondition-Input'];

/** `POST mlstudio/api/v1/training-jobs`: the body of CreateTrainingJob. */
export type ICreateTrainingJobRequest = Schemas['CreateTrainingJobRequest'];

/** `SecondaryStatusTransition`: one step of the job's life. */
export type ISecondaryStatusTransition = Schemas['SecondaryStatusTransition'];

/**
 * `MetricData`: the last value of a metric (`"NaN"` or `"Infinity"` when the value is
 * not finite: see `MetricValue`).
 */
export type IMetricData = WithMetricValues<Schemas['MetricData'], 'value'>;

/** `GET mlstudio/api/v1/training-jobs/{name}`: SageMaker's description plus runs and logs. */
export type ITrainingJobDetail = Omit<
  Schemas['TrainingJobDetail'],
  'final_metric_data_list'
> & { final_metric_data_list: IMetricData[] };

/** One stored log line. */
export type ILogLine = Schemas['LogLineOut'];

/** `GET mlstudio/api/v1/training-jobs/{name}/logs`: a slice of one host's log. */
export type ILogPage = Schemas['LogPage'];

/** What one metric definition extracts from one line of sample text. */
export type IMetricMatch = Schemas['MetricMatch'];

/** The preview of one metric definition. */
export type IMetricPreview = Schemas['MetricPreview'];

/** `POST mlstudio/api/v1/training-jobs/metric-preview`. */
export type IMetricPreviewList = Schemas['MetricPreviewList'];

/*
 * Experiment tracking and the model registry: see `experiment-types.ts`.
 */

export * from './experiment-types';

/*
 * Kernel images and instance types for notebooks: see `kernel-types.ts`.
 */

export * from './kernel-types';

/*
 * Server events (the data of each emission, next to its `schema_id`).
 */

/** `training-job/v1`: a training job changed status. */
export interface ITrainingJobEvent {
  name: string;
  status: TrainingJobStatus;
  secondary_status: string;
  message?: string | null;
  failure_reason?: string | null;
}

/** `training-logs/v1`: new lines of one host's log, the last ones of a burst. */
export interface ITrainingLogsEvent {
  name: string;
  host: string;
  /** Sequence number of the first new line. */
  first_seq: number;
  /** Number of new lines; `lines` holds the last `lines.length` of them. */
  count: number;
  lines: { timestamp: number; message: string }[];
}

/** `run-metrics/v1`: new points of a run's metrics. */
export interface IRunMetricsEvent {
  run_id: string;
  job: string | null;
  points: IMetricPoint[];
}

/** `run/v1`: a run appeared, changed status, or was deleted or restored. */
export interface IRunEvent {
  run_id: string;
  experiment_id: string;
  action: 'created' | 'updated' | 'deleted' | 'restored';
  name?: string;
  status?: string;
  end_time?: number | null;
}

/*
 * Front-end tokens.
 */

/** The ML Studio sidebar: a container of sections that other plugins add to. */
export interface IMLStudioSidebar {
  /**
   * Add a section (an accordion pane) to the sidebar.
   *
   * Sections are ordered by rank, lowest first; equal ranks keep their insertion order.
   */
  addSection(widget: Widget, options?: IMLStudioSidebar.ISectionOptions): void;

  /** Milliseconds between background refreshes, from the user's settings. */
  readonly refreshInterval: number;

  /** Emitted with the new interval when the user changes it. */
  readonly refreshIntervalChanged: ISignal<IMLStudioSidebar, number>;

  /** Ask every section to refresh now (the toolbar's refresh button does this). */
  requestRefresh(): void;

  /** Emitted when a refresh of every section is requested. */
  readonly refreshRequested: ISignal<IMLStudioSidebar, void>;
}

export namespace IMLStudioSidebar {
  /** Options of {@link IMLStudioSidebar.addSection}. */
  export interface ISectionOptions {
    /** Position among the sections; lower comes first. Default: 500. */
    rank?: number;
    /**
     * How the section starts until the user expands or collapses it (their choice is
     * remembered): expanded (`false`, the default), collapsed (`true`: for what is rarely
     * used), or collapsed while it is empty (`'when-empty'`: the section says so through
     * `isEmpty` and `stateChanged`, as a `ModelSection` given `isEmpty` does).
     */
    initiallyCollapsed?: boolean | 'when-empty';
    /** Buttons in the section's header, shown even while it is collapsed. */
    actions?: ISectionAction[];
  }

  /** A button in a section's header. */
  export interface ISectionAction {
    /** `data-action` of the button, for tests and styles. */
    id?: string;
    /** Its tooltip and accessible name. */
    label: string;
    icon: LabIcon;
    execute: () => void;
  }
}

/** The sidebar token. */
export const IMLStudioSidebar = new Token<IMLStudioSidebar>(
  'jupyterlab-mlstudio:IMLStudioSidebar',
  'The ML Studio sidebar, to which plugins add sections.'
);

/** ML Studio's share of the Jupyter server's event stream. */
export interface IMLStudioEvents {
  /** Emitted for every server event whose schema belongs to ML Studio. */
  readonly stream: ISignal<IMLStudioEvents, Event.Emission>;
}

/** The events token. */
export const IMLStudioEvents = new Token<IMLStudioEvents>(
  'jupyterlab-mlstudio:IMLStudioEvents',
  'Server events of ML Studio (status, training jobs, logs, metrics).'
);

/** The server's status and instance-type catalogue, kept fresh. */
export interface IMLStudioStatus {
  /** The last status read, or null before the first success. */
  readonly status: IStatus | null;
  /** The last catalogue read, or null before the first success. */
  readonly instanceTypes: IInstanceTypeList | null;
  /** Emitted whenever the data, the loading state or the error change. */
  readonly changed: ISignal<IMLStudioStatus, void>;
  /** Read the server now; resolves once the read has finished. */
  refresh(): Promise<void>;
}

/** The status token. */
export const IMLStudioStatus = new Token<IMLStudioStatus>(
  'jupyterlab-mlstudio:IMLStudioStatus',
  "The ML Studio server's status and instance-type catalogue."
);

/** Training jobs in the UI: the Jobs section's model, job views and the new-job form. */
export interface IMLStudioTrainingJobs {
  /** The domain's jobs as the Jobs section lists them, newest first. */
  readonly jobs: readonly ITrainingJobSummary[];
  /** Emitted when the list changes. */
  readonly jobsChanged: ISignal<IMLStudioTrainingJobs, void>;
  /** Open the view of a job in the main area, or bring it forward if it is open. */
  openJob(name: string): Promise<Widget>;
  /** Open the new-training-job form in the main area. */
  openNewJobForm(): Promise<Widget>;
  /** Read the list from the server now. */
  refresh(): Promise<void>;
  /**
   * The kinds of job the Jobs section lists: another kind (transform, processing, ...)
   * shows there once it is added with `jobKinds.add(...)`.
   */
  readonly jobKinds: JobKinds;
}

/** The training-jobs token. */
export const IMLStudioTrainingJobs = new Token<IMLStudioTrainingJobs>(
  'jupyterlab-mlstudio:IMLStudioTrainingJobs',
  'Training jobs of ML Studio: the Jobs section, job views and the new-job form.'
);

/** Experiment tracking in the UI: runs tables, run views, comparisons, the model registry. */
export interface IMLStudioExperiments {
  /** Open the runs table of an experiment, or bring it forward if it is open. */
  openExperiment(experimentId: string): Promise<Widget>;
  /** Open the view of a run. */
  openRun(runId: string): Promise<Widget>;
  /** Open a comparison of runs (metric curves, parallel coordinates, scatter). */
  compareRuns(runIds: readonly string[]): Promise<Widget>;
  /** Open the model registry, showing a model when one is named. */
  openModelRegistry(modelName?: string): Promise<Widget>;
}

/** The experiments token. */
export const IMLStudioExperiments = new Token<IMLStudioExperiments>(
  'jupyterlab-mlstudio:IMLStudioExperiments',
  'Experiment tracking of ML Studio: runs tables, run views, comparisons and the model registry.'
);

/** What one kernel or job holds of the host (`status.capacity.reservations`). */
export type IReservation = Schemas['ReservationInfo'];

/** The host's capacity ledger (`status.capacity`). */
export type ICapacityReport = Schemas['CapacityReport'];
