import type { ServerConnection } from '@jupyterlab/services';

import type { IJobDetailApi } from '../models/job-detail-model';
import { queryString, requestAPI } from '../request';
import type { ILogPage } from '../tokens';

/** The REST calls of one kind of job: its list, and each job's description, stop and logs. */
export interface IJobResourceApi<
  TQuery,
  TList,
  TDetail
> extends IJobDetailApi<TDetail> {
  /** `GET mlstudio/api/v1/<collection>`: one page of the domain's jobs of the kind. */
  list(options?: TQuery): Promise<TList>;
}

/**
 * The calls of the jobs under `collection` (`transform-jobs`, `processing-jobs`): `GET
 * <collection>`, `GET <collection>/{name}`, `POST <collection>/{name}/stop` and `GET
 * <collection>/{name}/logs?host=&after=&limit=` (a {@link ILogPage}).
 */
export function jobResourceApi<TQuery extends object, TList, TDetail>(
  collection: string,
  settings?: ServerConnection.ISettings
): IJobResourceApi<TQuery, TList, TDetail> {
  const jobPath = (name: string): string =>
    `${collection}/${encodeURIComponent(name)}`;
  return {
    list: (options?: TQuery) =>
      requestAPI<TList>(
        `${collection}${queryString({ ...options })}`,
        { method: 'GET' },
        settings
      ),
    getJob: (name: string) =>
      requestAPI<TDetail>(jobPath(name), { method: 'GET' }, settings),
    stopJob: (name: string) =>
      requestAPI<TDetail>(
        `${jobPath(name)}/stop`,
        { method: 'POST' },
        settings
      ),
    getLogs: (name: string, host: string, after: number, limit: number) =>
      requestAPI<ILogPage>(
        `${jobPath(name)}/logs${queryString({ host, after, limit })}`,
        { method: 'GET' },
        settings
      )
  };
}
