import type { ServerConnection } from '@jupyterlab/services';

import type {
  ITransformJobDetail,
  ITransformJobList
} from '../transform-types';
import { IJobResourceApi, jobResourceApi } from './job-resources';
import type { GetQuery } from './schema-types';

/** Filters, order and paging of the transform job list. */
export type IListTransformJobsOptions = GetQuery<'/transform-jobs'>;

/**
 * `mlstudio/api/v1/transform-jobs`: the list, and each job's description, stop and
 * per-instance logs.
 */
export function transformJobsApi(
  settings?: ServerConnection.ISettings
): IJobResourceApi<
  IListTransformJobsOptions,
  ITransformJobList,
  ITransformJobDetail
> {
  return jobResourceApi('transform-jobs', settings);
}
