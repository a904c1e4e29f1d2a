import type { Event } from '@jupyterlab/services';
import { Token } from '@lumino/coreutils';
import type { ISignal } from '@lumino/signaling';
import type { Widget } from '@lumino/widgets';

import type { IMetricPoint } from './experiment-types';

/*
 * REST types. Field names are snake_case on purpose: they mirror the
 * server's pydantic models one to one, so a JSON body can be used as is.
 */

/** The body of every error answer of the ML Studio REST API. */
export interface IApiErrorBody {
  /** Machine-readable kind, e.g. `InvalidInput`, `NotFound`, `Conflict`. */
  error: string;
  /** Human-readable explanation, fit to show to the user. */
  message: string;
  /** The request field at fault, when there is one. */
  field?: string | null;
}

/** A runtime backend (process, docker, ...) and whether jobs can run on it now. */
export interface IBackendStatus {
  name: string;
  available: boolean;
  /** Why the backend cannot be used; null when it is available. */
  reason: string | null;
  /** Extra facts, e.g. the interpreter or engine version. */
  detail: string | null;
  /** What works less well than it should on this host, each with how to fix it. */
  warnings?: string[];
}

/** A GPU of the host. */
export interface IGpu {
  index: number;
  name: string;
  memory_bytes: number | null;
  uuid: string | null;
}

/** What the machine running the Jupyter server offers. */
export interface IHostResources {
  cpus: number;
  memory_bytes: number;
  gpus: IGpu[];
}

/** The record store (experiments, jobs, ...). */
export interface IStoreInfo {
  dialect: string;
  /** SQLAlchemy URL with any password hidden. */
  url: string;
  /** Migration revision the store is at. */
  revision: string | null;
}

/** The object store (artifacts, logs, models). */
export interface IObjectStoreInfo {
  default_root: string;
  schemes: string[];
  s3_endpoint_url: string | null;
}

/** `GET mlstudio/api/v1/status`. */
export interface IStatus {
  version: string;
  user: string;
  domain: string;
  space: string;
  store: IStoreInfo;
  object_store: IObjectStoreInfo;
  backends: IBackendStatus[];
  host: IHostResources;
  /** Absolute path of the Jupyter server's root folder; `file://` URIs may name it. */
  workspace_root: string;
  /** The image that runs jobs in the server's own Python (`default`). */
  default_image: string;
  /** What kernels and jobs have reserved of the host, and who. */
  capacity: ICapacityReport;
}

/** One entry of the instance-type catalogue. */
export interface IInstanceType {
  name: string;
  family: string;
  description: string;
  vcpus: number;
  memory_gib: number;
  gpus: number;
  gpu_name: string | null;
  /** Whether this host can run the type. */
  available: boolean;
  /** Why the host cannot run the type; null when it can. */
  reason: string | null;
  /** CPUs a job of this type really gets on this host. */
  effective_vcpus: number;
  /** How the type is emulated on this host, when it differs from the cloud. */
  note: string | null;
  /** Whether this is a local-mode type (`local`, `local_gpu`). */
  local: boolean;
}

/** `GET mlstudio/api/v1/instance-types`. */
export interface IInstanceTypeList {
  instance_types: IInstanceType[];
  /** Name of the type used when a request names none. */
  default: string;
}

/*
 * Training jobs: SageMaker's CreateTrainingJob and DescribeTrainingJob in snake_case.
 */

/** `TrainingJobStatus`. */
export type TrainingJobStatus =
  'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';

/** One row of `GET mlstudio/api/v1/training-jobs`. */
export interface ITrainingJobSummary {
  training_job_name: string;
  training_job_arn: string;
  /** ISO 8601, UTC. */
  creation_time: string;
  training_end_time: string | null;
  last_modified_time: string | null;
  training_job_status: TrainingJobStatus;
  secondary_status: string | null;
}

/** `GET mlstudio/api/v1/training-jobs`. */
export interface ITrainingJobList {
  training_jobs: ITrainingJobSummary[];
  /** Token of the next page; null on the last page. */
  next_token: string | null;
}

/** A metric the server extracts from the job's log with a regular expression. */
export interface IMetricDefinition {
  name: string;
  regex: string;
}

/** `AlgorithmSpecification`. */
export interface IAlgorithmSpecification {
  training_image: string;
  training_input_mode?: 'File' | 'FastFile';
  metric_definitions?: IMetricDefinition[];
  enable_sage_maker_metrics_time_series?: boolean | null;
  container_entrypoint?: string[] | null;
  container_arguments?: string[] | null;
}

/** `S3DataSource`: `s3_uri` may also be a `file://` URI on this server. */
export interface IS3DataSource {
  s3_data_type: 'S3Prefix' | 'ManifestFile';
  s3_uri: string;
  s3_data_distribution_type: 'FullyReplicated' | 'ShardedByS3Key';
}

/** An input channel (`Channel`). */
export interface IChannel {
  channel_name: string;
  data_source: { s3_data_source: IS3DataSource };
  content_type?: string | null;
  compression_type?: 'None' | 'Gzip' | null;
  record_wrapper_type?: 'None' | 'RecordIO' | null;
  input_mode?: 'File' | 'FastFile' | null;
}

/** `OutputDataConfig`. */
export interface IOutputDataConfig {
  s3_output_path: string;
  kms_key_id?: string | null;
  compression_type?: 'GZIP' | 'NONE' | null;
}

/** `ResourceConfig`. */
export interface IResourceConfig {
  instance_type: string;
  instance_count: number;
  volume_size_in_gb: number;
  volume_kms_key_id?: string | null;
  keep_alive_period_in_seconds?: number | null;
}

/** `StoppingCondition`. */
export interface IStoppingCondition {
  max_runtime_in_seconds: number;
  max_wait_time_in_seconds?: number | null;
  max_pending_time_in_seconds?: number | null;
}

/** `POST mlstudio/api/v1/training-jobs`: the body of CreateTrainingJob. */
export interface ICreateTrainingJobRequest {
  training_job_name: string;
  algorithm_specification: IAlgorithmSpecification;
  hyper_parameters: Record<string, string>;
  input_data_config: IChannel[];
  output_data_config: IOutputDataConfig;
  resource_config: IResourceConfig;
  stopping_condition: IStoppingCondition;
  environment?: Record<string, string>;
}

/** `SecondaryStatusTransition`: one step of the job's life. */
export interface ISecondaryStatusTransition {
  status: string;
  start_time: string;
  end_time: string | null;
  status_message: string | null;
}

/** `MetricData`: the last value of a metric. */
export interface IMetricData {
  metric_name: string;
  value: number | string;
  timestamp: string;
}

/** `GET mlstudio/api/v1/training-jobs/{name}`: SageMaker's description plus runs and logs. */
export interface ITrainingJobDetail {
  training_job_name: string;
  training_job_arn: string;
  training_job_status: TrainingJobStatus;
  secondary_status: string;
  failure_reason: string | null;
  model_artifacts: { s3_model_artifacts: string } | null;
  hyper_parameters: Record<string, string>;
  algorithm_specification: IAlgorithmSpecification;
  input_data_config: IChannel[];
  output_data_config: IOutputDataConfig;
  resource_config: IResourceConfig;
  stopping_condition: IStoppingCondition;
  creation_time: string;
  training_start_time: string | null;
  training_end_time: string | null;
  last_modified_time: string;
  secondary_status_transitions: ISecondaryStatusTransition[];
  final_metric_data_list: IMetricData[];
  training_time_in_seconds: number | null;
  /** The experiment run that records the job's metrics. */
  run_id: string | null;
  /** Runtime backend: `process` or `docker`. */
  backend: string;
  /** Host names, `algo-1` ... `algo-N`. */
  hosts: string[];
  /** Log stream of each host that has started. */
  log_streams: Record<string, string>;
}

/** One stored log line. */
export interface ILogLine {
  /** Position in the host's log, from 0. */
  seq: number;
  /** UTC milliseconds. */
  timestamp: number;
  message: string;
}

/** `GET mlstudio/api/v1/training-jobs/{name}/logs`: a slice of one host's log. */
export interface ILogPage {
  host: string;
  stream: string | null;
  /** Lines with `seq > after`, oldest first. */
  lines: ILogLine[];
  /** Lines stored for this host so far. */
  total: number;
}

/** What one metric definition extracts from one line of sample text. */
export interface IMetricMatch {
  /** Line number in the sample, from 0. */
  line: number;
  /** The first capture group as a number, or null when it is not one. */
  value: number | null;
  /** What the first capture group matched. */
  text: string;
}

/** The preview of one metric definition. */
export interface IMetricPreview {
  name: string;
  /** Why the regex does not compile; null when it does. */
  error: string | null;
  matches: IMetricMatch[];
}

/** `POST mlstudio/api/v1/training-jobs/metric-preview`. */
export interface IMetricPreviewList {
  previews: IMetricPreview[];
}

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
export interface IReservation {
  /** `kernel`, `training-job`, ... */
  kind: string;
  /** The notebook (or kernel id) or the job's name. */
  name: string;
  owner: string;
  instance_type: string;
  /** Memory held exclusively; 0 for a type without a size (`local`). */
  memory_bytes: number;
  /** GPU indices held exclusively. */
  gpus: number[];
  /** vCPUs asked for (CPUs are shared). */
  vcpus: number;
  /** CPUs the unit is pinned to, when the ledger chose them (kernels). */
  cpus: number[];
  /** When it was reserved, in UTC milliseconds. */
  since: number;
}

/** The host's capacity ledger (`status.capacity`). */
export interface ICapacityReport {
  /** Memory handed out to kernels and jobs in total. */
  memory_bytes: number;
  memory_reserved_bytes: number;
  /** Indices of the host's GPUs. */
  gpus: number[];
  gpus_reserved: number[];
  /** CPUs of the host, shared by everyone. */
  cpus: number;
  /** vCPUs asked for by all holders together. */
  vcpus_reserved: number;
  reservations: IReservation[];
}
