import type { ServerConnection } from '@jupyterlab/services';

import type { ICreateTuningJobRequest } from '../models/tune-form';
import { queryString, requestAPI } from '../request';
import type {
  IImportances,
  ITrialTable,
  ITuningJobDetail,
  ITuningJobList
} from '../tuning-types';
import type { GetQuery } from './schema-types';

/** Filters, order and paging of {@link listTuningJobs}. */
export type IListTuningJobsOptions = GetQuery<'/tuning-jobs'>;

function tuningPath(name: string): string {
  return `tuning-jobs/${encodeURIComponent(name)}`;
}

/** `GET mlstudio/api/v1/tuning-jobs`: one page of the domain's tuning jobs. */
export function listTuningJobs(
  options: IListTuningJobsOptions = {},
  settings?: ServerConnection.ISettings
): Promise<ITuningJobList> {
  return requestAPI<ITuningJobList>(
    `tuning-jobs${queryString({ ...options })}`,
    { method: 'GET' },
    settings
  );
}

/** `GET mlstudio/api/v1/tuning-jobs/{name}`. */
export function getTuningJob(
  name: string,
  settings?: ServerConnection.ISettings
): Promise<ITuningJobDetail> {
  return requestAPI<ITuningJobDetail>(
    tuningPath(name),
    { method: 'GET' },
    settings
  );
}

/** `POST mlstudio/api/v1/tuning-jobs/{name}/stop`: stop it and its running trials. */
export function stopTuningJob(
  name: string,
  settings?: ServerConnection.ISettings
): Promise<ITuningJobDetail> {
  return requestAPI<ITuningJobDetail>(
    `${tuningPath(name)}/stop`,
    { method: 'POST' },
    settings
  );
}

/** `GET mlstudio/api/v1/tuning-jobs/{name}/trials`: every trial, by number. */
export function getTuningTrials(
  name: string,
  settings?: ServerConnection.ISettings
): Promise<ITrialTable> {
  return requestAPI<ITrialTable>(
    `${tuningPath(name)}/trials`,
    { method: 'GET' },
    settings
  );
}

/** `GET mlstudio/api/v1/tuning-jobs/{name}/importances`. */
export function getTuningImportances(
  name: string,
  settings?: ServerConnection.ISettings
): Promise<IImportances> {
  return requestAPI<IImportances>(
    `${tuningPath(name)}/importances`,
    { method: 'GET' },
    settings
  );
}

/** `POST mlstudio/api/v1/tuning-jobs`: create a tuning job; answers its description. */
export function createTuningJob(
  request: ICreateTuningJobRequest,
  settings?: ServerConnection.ISettings
): Promise<ITuningJobDetail> {
  return requestAPI<ITuningJobDetail>(
    'tuning-jobs',
    { method: 'POST', body: JSON.stringify(request) },
    settings
  );
}
