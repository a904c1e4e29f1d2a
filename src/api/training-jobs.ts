import type { ServerConnection } from '@jupyterlab/services';

import { API_PATH, downloadUrl, queryString, requestAPI } from '../request';
import type {
  ICreateTrainingJobRequest,
  ILogPage,
  IMetricDefinition,
  IMetricPreviewList,
  ITrainingJobDetail,
  ITrainingJobList
} from '../tokens';
import type { GetQuery } from './schema-types';

/** Filters, order and paging of {@link listTrainingJobs}. */
export type IListTrainingJobsOptions = GetQuery<'/training-jobs'>;

/**
 * Where {@link getTrainingJobLogs} reads: a host (`algo-1` ... `algo-N`), the lines after
 * a sequence number (-1 from the start), at most `limit` of them.
 */
export type ILogQuery = Required<GetQuery<'/training-jobs/{name}/logs'>>;

function jobPath(name: string): string {
  return `training-jobs/${encodeURIComponent(name)}`;
}

/** `GET mlstudio/api/v1/training-jobs`: one page of the domain's jobs. */
export function listTrainingJobs(
  options: IListTrainingJobsOptions = {},
  settings?: ServerConnection.ISettings
): Promise<ITrainingJobList> {
  return requestAPI<ITrainingJobList>(
    `training-jobs${queryString({ ...options })}`,
    { method: 'GET' },
    settings
  );
}

/** `POST mlstudio/api/v1/training-jobs`: create a job; answers its description. */
export function createTrainingJob(
  request: ICreateTrainingJobRequest,
  settings?: ServerConnection.ISettings
): Promise<ITrainingJobDetail> {
  return requestAPI<ITrainingJobDetail>(
    'training-jobs',
    { method: 'POST', body: JSON.stringify(request) },
    settings
  );
}

/** `GET mlstudio/api/v1/training-jobs/{name}`. */
export function getTrainingJob(
  name: string,
  settings?: ServerConnection.ISettings
): Promise<ITrainingJobDetail> {
  return requestAPI<ITrainingJobDetail>(
    jobPath(name),
    { method: 'GET' },
    settings
  );
}

/** `POST mlstudio/api/v1/training-jobs/{name}/stop`: answers the description, now Stopping. */
export function stopTrainingJob(
  name: string,
  settings?: ServerConnection.ISettings
): Promise<ITrainingJobDetail> {
  return requestAPI<ITrainingJobDetail>(
    `${jobPath(name)}/stop`,
    { method: 'POST' },
    settings
  );
}

/** `GET mlstudio/api/v1/training-jobs/{name}/logs`: one host's lines after a position. */
export function getTrainingJobLogs(
  name: string,
  logQuery: ILogQuery,
  settings?: ServerConnection.ISettings
): Promise<ILogPage> {
  return requestAPI<ILogPage>(
    `${jobPath(name)}/logs${queryString({ ...logQuery })}`,
    { method: 'GET' },
    settings
  );
}

/** `POST mlstudio/api/v1/training-jobs/metric-preview`: what each regex extracts from a sample. */
export function previewMetricDefinitions(
  metricDefinitions: IMetricDefinition[],
  sample: string,
  settings?: ServerConnection.ISettings
): Promise<IMetricPreviewList> {
  return requestAPI<IMetricPreviewList>(
    'training-jobs/metric-preview',
    {
      method: 'POST',
      body: JSON.stringify({ metric_definitions: metricDefinitions, sample })
    },
    settings
  );
}

/**
 * The URL that downloads a job's model (`model.tar.gz`) or output (`output.tar.gz`) through
 * the server (`GET mlstudio/api/v1/training-jobs/{name}/artifacts/{artifact}`), streamed as
 * an attachment.
 */
export function jobArtifactDownloadUrl(
  name: string,
  artifact: 'model' | 'output',
  settings?: ServerConnection.ISettings
): string {
  return downloadUrl(
    `${API_PATH}/${jobPath(name)}/artifacts/${artifact}`,
    settings
  );
}
