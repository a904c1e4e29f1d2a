import type { ServerConnection } from '@jupyterlab/services';

import type {
  IProcessingJobDetail,
  IProcessingJobList
} from '../processing-types';
import { IJobResourceApi, jobResourceApi } from './job-resources';
import type { GetQuery } from './schema-types';

/** Filters, order and paging of the processing job list. */
export type IListProcessingJobsOptions = GetQuery<'/processing-jobs'>;

/**
 * `mlstudio/api/v1/processing-jobs`: the list, and each job's description, stop and
 * per-host logs.
 */
export function processingJobsApi(
  settings?: ServerConnection.ISettings
): IJobResourceApi<
  IListProcessingJobsOptions,
  IProcessingJobList,
  IProcessingJobDetail
> {
  return jobResourceApi('processing-jobs', settings);
}
