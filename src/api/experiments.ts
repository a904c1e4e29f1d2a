import type { ServerConnection } from '@jupyterlab/services';

import { queryString, requestAPI } from '../request';
import type {
  IExperiment,
  IExperimentKeys,
  IExperimentList,
  ViewType
} from '../tokens';

/** Filters and paging of {@link listExperiments}. */
export interface IListExperimentsOptions {
  view?: ViewType;
  /** MLflow's search syntax, e.g. `name LIKE 'cv%'`. */
  filter?: string;
  /** Experiments per page, 1 to 1000. */
  max_items?: number;
  next_token?: string | null;
}

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
