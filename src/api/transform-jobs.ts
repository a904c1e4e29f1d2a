import type { ServerConnection } from '@jupyterlab/services';

import { queryString, requestAPI } from '../request';
import type { ILogPage } from '../tokens';
import type {
  ITransformJobDetail,
  ITransformJobList
} from '../transform-types';
import type { GetQuery } from './schema-types';

/** Filters, order and paging of {@link listTransformJobs}. */
export type IListTransformJobsOptions = GetQuery<'/transform-jobs'>;

/** Where {@link getTransformJobLogs} reads: an instance, the lines after a position. */
export type ITransformLogQuery = Required<
  GetQuery<'/transform-jobs/{name}/logs'>
>;

function jobPath(name: string): string {
  return `transform-jobs/${encodeURIComponent(name)}`;
}

/** `GET mlstudio/api/v1/transform-jobs`: one page of the domain's transform jobs. */
export function listTransformJobs(
  options: IListTransformJobsOptions = {},
  settings?: ServerConnection.ISettings
): Promise<ITransformJobList> {
  return requestAPI<ITransformJobList>(
    `transform-jobs${queryString({ ...options })}`,
    { method: 'GET' },
    settings
  );
}

/** `GET mlstudio/api/v1/transform-jobs/{name}`. */
export function getTransformJob(
  name: string,
  settings?: ServerConnection.ISettings
): Promise<ITransformJobDetail> {
  return requestAPI<ITransformJobDetail>(
    jobPath(name),
    { method: 'GET' },
    settings
  );
}

/** `POST mlstudio/api/v1/transform-jobs/{name}/stop`. */
export function stopTransformJob(
  name: string,
  settings?: ServerConnection.ISettings
): Promise<ITransformJobDetail> {
  return requestAPI<ITransformJobDetail>(
    `${jobPath(name)}/stop`,
    { method: 'POST' },
    settings
  );
}

/** `GET mlstudio/api/v1/transform-jobs/{name}/logs`: an instance's lines after a position. */
export function getTransformJobLogs(
  name: string,
  logQuery: ITransformLogQuery,
  settings?: ServerConnection.ISettings
): Promise<ILogPage> {
  return requestAPI<ILogPage>(
    `${jobPath(name)}/logs${queryString({ ...logQuery })}`,
    { method: 'GET' },
    settings
  );
}
