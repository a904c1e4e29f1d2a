import type { Schemas } from './api/schema-types';

/** `HyperParameterTuningJobStatus`. */
export type TuningJobStatus = Schemas['TuningJobStatus'];

/** One row of `GET mlstudio/api/v1/tuning-jobs`. */
export type ITuningJobSummary = Schemas['TuningJobSummary'];

/** `GET mlstudio/api/v1/tuning-jobs`. */
export type ITuningJobList = Schemas['TuningJobList'];

/** `GET mlstudio/api/v1/tuning-jobs/{name}`: SageMaker's description plus progress. */
export type ITuningJobDetail = Schemas['TuningJobDetail'];

/** `GET mlstudio/api/v1/tuning-jobs/{name}/trials`. */
export type ITrialTable = Schemas['TrialTable'];

/** One trial of {@link ITrialTable}. */
export type ITrialRow = Schemas['TrialRow'];

/** `GET mlstudio/api/v1/tuning-jobs/{name}/importances`. */
export type IImportances = Schemas['Importances'];

/** Schema id of the server's tuning-job events. */
export const TUNING_JOB_EVENT_SCHEMA =
  'https://schema.jupyter.org/jupyterlab_mlstudio/tuning-job/v1';

/** Whether a tuning job may still change. */
export function isTuningActive(status: TuningJobStatus): boolean {
  return status === 'InProgress' || status === 'Stopping';
}
