import type { ServerConnection } from '@jupyterlab/services';

import { queryString, requestAPI } from '../request';
import type { IExperiment, IExperimentKeys, IExperimentList } from '../tokens';
import type { GetQuery } from './schema-types';

/** Filters and paging of {@link listExperiments}. */
export type IListExperimentsOptions = GetQuery<'/experiments'>;

function experimentPath(experimentId: string): string {
  return `experiments/${encodeURIComponent(experimentId)}`;
}

/** `GET mlstudio/api/v1/experiments`: one page of experiments with their run counts. */
export function listExperiments(
  options: IListExperimentsOptions = {},
  settings?: ServerConnection.ISettings
): Promise<IExperimentList> {
  return requestAPI<IExperimentList>(
    `experiments${queryString({ ...options })}`,
    { method: 'GET' },
    settings
  );
}

/** `GET mlstudio/api/v1/experiments/{id}`. */
export function getExperiment(
  experimentId: string,
  settings?: ServerConnection.ISettings
): Promise<IExperiment> {
  return requestAPI<IExperiment>(
    experimentPath(experimentId),
    { method: 'GET' },
    settings
  );
}

/** `GET mlstudio/api/v1/experiments/{id}/keys`: param, metric and tag names of its runs. */
export function getExperimentKeys(
  experimentId: string,
  settings?: ServerConnection.ISettings
): Promise<IExperimentKeys> {
  return requestAPI<IExperimentKeys>(
    `${experimentPath(experimentId)}/keys`,
    { method: 'GET' },
    settings
  );
}
