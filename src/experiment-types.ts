/*
 * REST types of experiment tracking and the model registry: aliases of the types generated
 * from the server's OpenAPI document (`api/schema.ts`, `jlpm api:types`). `tokens.ts`
 * re-exports everything here, so callers import them from there like the other API types.
 */

import type { Schemas } from './api/schema-types';

/**
 * A metric value as the page holds it: a number, or `"NaN"`, `"Infinity"` and
 * `"-Infinity"`, which JSON cannot carry as numbers. The server writes them bare, as
 * Python does, and the client's JSON reader (`parseJSON`) turns them into these strings;
 * the `run-metrics` events carry them so too.
 */
export type MetricValue = number | string | null;

/** A generated shape whose fields `K` are metric values as the page holds them. */
export type WithMetricValues<T, K extends keyof T> = Omit<T, K> & {
  [P in K]: MetricValue;
};

/** One point of a metric series. */
export type IMetricPoint = WithMetricValues<
  Schemas['MetricPoint-Output'],
  'value'
>;

/** The last point of a series with its range. */
export type ILatestMetric = WithMetricValues<
  Schemas['LatestMetric'],
  'value' | 'min' | 'max'
>;

/** A run's status, as MLflow names them. */
export type RunStatus = Schemas['RunStatus'];

/** Which lifecycle stages a listing includes. */
export type ViewType = Schemas['ViewType'];

/** `GET mlstudio/api/v1/runs/{run_id}`, and each row of a run search. */
export type IRun = Omit<Schemas['Run'], 'metrics'> & {
  metrics: ILatestMetric[];
};

/** `GET mlstudio/api/v1/runs`: one page of a run search. */
export type IRunList = Omit<Schemas['RunList'], 'runs'> & { runs: IRun[] };

/** `GET mlstudio/api/v1/runs/{run_id}/metrics/{key}`. */
export type IMetricHistory = Omit<Schemas['MetricHistory'], 'points'> & {
  points: IMetricPoint[];
};

/** An experiment, with its run count in listings. */
export type IExperiment = Schemas['Experiment'];

/** `GET mlstudio/api/v1/experiments`. */
export type IExperimentList = Schemas['ExperimentList'];

/** `GET mlstudio/api/v1/experiments/{id}/keys`: names used by the experiment's runs. */
export type IExperimentKeys = Schemas['ExperimentKeys'];

/** One entry of a run's artifact folder. */
export type IArtifactEntry = Schemas['ArtifactEntryOut'];

/** `GET mlstudio/api/v1/runs/{run_id}/artifacts?path=`. */
export type IArtifactList = Schemas['ArtifactList'];

/** A version of a registered model. */
export type IModelVersion = Schemas['ModelVersion'];

/** A registered model. */
export type IRegisteredModel = Schemas['RegisteredModel'];

/** `GET mlstudio/api/v1/models`. */
export type IRegisteredModelList = Schemas['ModelList'];

/** `GET mlstudio/api/v1/models/{name}`. */
export type IRegisteredModelDetail = Schemas['ModelDetail'];

/** `POST mlstudio/api/v1/models/{name}/versions`: a new version (and the model, if new). */
export type IRegisterModelVersionRequest = Schemas['RegisterModelVersion'];
