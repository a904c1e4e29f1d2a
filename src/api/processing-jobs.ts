import type { ServerConnection } from '@jupyterlab/services';

import { queryString, requestAPI } from '../request';
import type { ILogPage } from '../tokens';
import type {
  IProcessingJobDetail,
  IProcessingJobList
} from '../processing-types';
import type { GetQuery } from './schema-types';

/** Filters, order and paging of {@link listProcessingJobs}. */
export type IListProcessingJobsOptions = GetQuery<'/processing-jobs'>;

/** Where {@link getProcessingJobLogs} reads: a host, the lines after a position. */
export type IProcessingLogQuery = Required<
  GetQuery<'/processing-jobs/{name}/logs'>
>;

function jobPath(name: string): string {
  return `processing-jobs/${encodeURIComponent(name)}`;
}

/** `GET mlstudio/api/v1/processing-jobs`: one page of the domain's processing jobs. */
export function listProcessingJobs(
  options: IListProcessingJobsOptions = {},
  settings?: ServerConnection.ISettings
): Promise<IProcessingJobList> {
  return requestAPI<IProcessingJobList>(
    `processing-jobs${queryString({ ...options })}`,
    { method: 'GET' },
    settings
  );
}

/** `GET mlstudio/api/v1/processing-jobs/{name}`. */
export function getProcessingJob(
  name: string,
  settings?: ServerConnection.ISettings
): Promise<IProcessingJobDetail> {
  return requestAPI<IProcessingJobDetail>(
    jobPath(name),
    { method: 'GET' },
    settings
  );
}

/** `POST mlstudio/api/v1/processing-jobs/{name}/stop`. */
export function stopProcessingJob(
  name: string,
  settings?: ServerConnection.ISettings
): Promise<IProcessingJobDetail> {
  return requestAPI<IProcessingJobDetail>(
    `${jobPath(name)}/stop`,
    { method: 'POST' },
    settings
  );
}

/** `GET mlstudio/api/v1/processing-jobs/{name}/logs`: a host's lines after a position. */
export function getProcessingJobLogs(
  name: string,
  logQuery: IProcessingLogQuery,
  settings?: ServerConnection.ISettings
): Promise<ILogPage> {
  return requestAPI<ILogPage>(
    `${jobPath(name)}/logs${queryString({ ...logQuery })}`,
    { method: 'GET' },
    settings
  );
}
