/*
 * REST types of experiment tracking and the model registry. Field names are snake_case on
 * purpose: they mirror the server's pydantic models one to one. `tokens.ts` re-exports
 * everything here, so callers import them from there like the other API types.
 */

/**
 * A metric value as the server sends it: a number, or `"NaN"`, `"Infinity"` and
 * `"-Infinity"`, which JSON cannot carry as numbers.
 */
export type MetricValue = number | string | null;

/** One point of a metric series. */
export interface IMetricPoint {
  key: string;
  value: MetricValue;
  step: number;
  /** UTC milliseconds. */
  timestamp: number;
}

/** The last point of a series with its range. */
export interface ILatestMetric extends IMetricPoint {
  min: MetricValue;
  max: MetricValue;
  /** Points in the series. */
  count: number;
}

/** A run's status, as MLflow names them. */
export type RunStatus =
  'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

/** Which lifecycle stages a listing includes. */
export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

/** `GET mlstudio/api/v1/runs/{run_id}`, and each row of a run search. */
export interface IRun {
  run_id: string;
  experiment_id: string;
  name: string;
  user_id: string;
  status: RunStatus;
  /** UTC milliseconds. */
  start_time: number;
  end_time: number | null;
  lifecycle_stage: string;
  /** e.g. `mlflow-artifacts:/<experiment>/<run>/artifacts`. */
  artifact_uri: string;
  /** The training job that made the run, if one did. */
  source_job: string | null;
  params: Record<string, string>;
  tags: Record<string, string>;
  metrics: ILatestMetric[];
  inputs: Record<string, unknown>[];
  outputs: Record<string, unknown>[];
}

/** `GET mlstudio/api/v1/runs`: one page of a run search. */
export interface IRunList {
  runs: IRun[];
  /** Token of the next page; null on the last page. */
  next_token: string | null;
}

/** `GET mlstudio/api/v1/runs/{run_id}/metrics/{key}`. */
export interface IMetricHistory {
  run_id: string;
  key: string;
  points: IMetricPoint[];
  /** Points stored; more than `points.length` when the answer is downsampled. */
  total?: number;
}

/** An experiment, with its run count in listings. */
export interface IExperiment {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: string;
  /** UTC milliseconds. */
  creation_time: number;
  last_update_time: number;
  tags: Record<string, string>;
  /** Active runs; null outside listings. */
  run_count: number | null;
}

/** `GET mlstudio/api/v1/experiments`. */
export interface IExperimentList {
  experiments: IExperiment[];
  next_token: string | null;
}

/** `GET mlstudio/api/v1/experiments/{id}/keys`: names used by the experiment's runs. */
export interface IExperimentKeys {
  params: string[];
  metrics: string[];
  tags: string[];
}

/** One entry of a run's artifact folder. */
export interface IArtifactEntry {
  /** Relative to the run's artifact root, `/`-separated. */
  path: string;
  is_dir: boolean;
  /** Bytes; null for folders. */
  file_size: number | null;
}

/** `GET mlstudio/api/v1/runs/{run_id}/artifacts?path=`. */
export interface IArtifactList {
  root: string;
  entries: IArtifactEntry[];
}

/** A version of a registered model. */
export interface IModelVersion {
  name: string;
  version: number;
  creation_time: number;
  last_updated_time: number;
  description: string | null;
  /** Where the model's files are, e.g. `models:/m-...` or `runs:/<run>/model`. */
  source: string;
  run_id: string | null;
  run_link: string | null;
  model_id: string | null;
  status: string;
  status_message?: string | null;
  stage: string;
  tags: Record<string, string>;
  aliases: string[];
}

/** A registered model. */
export interface IRegisteredModel {
  name: string;
  creation_time: number;
  last_updated_time: number;
  description: string | null;
  tags: Record<string, string>;
  /** Alias → version number. */
  aliases: Record<string, number>;
  latest_versions: IModelVersion[];
}

/** `GET mlstudio/api/v1/models`. */
export interface IRegisteredModelList {
  models: IRegisteredModel[];
  next_token: string | null;
}

/** `GET mlstudio/api/v1/models/{name}`. */
export interface IRegisteredModelDetail {
  model: IRegisteredModel;
  versions: IModelVersion[];
}
