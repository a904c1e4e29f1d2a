import type { ServerConnection } from '@jupyterlab/services';

import { queryString, requestAPI, requestJSON } from '../request';
import type {
  IModelVersion,
  IRegisteredModelDetail,
  IRegisteredModelList,
  IRegisterModelVersionRequest
} from '../tokens';
import type { GetQuery } from './schema-types';

/** Filters and paging of {@link listRegisteredModels}. */
export type IListModelsOptions = GetQuery<'/models'>;

/** `GET mlstudio/api/v1/models`: registered models with their latest versions. */
export function listRegisteredModels(
  options: IListModelsOptions = {},
  settings?: ServerConnection.ISettings
): Promise<IRegisteredModelList> {
  return requestAPI<IRegisteredModelList>(
    `models${queryString({ ...options })}`,
    { method: 'GET' },
    settings
  );
}

/** `GET mlstudio/api/v1/models/{name}`: a registered model with every version. */
export function getRegisteredModel(
  name: string,
  settings?: ServerConnection.ISettings
): Promise<IRegisteredModelDetail> {
  return requestAPI<IRegisteredModelDetail>(
    `models/${encodeURIComponent(name)}`,
    { method: 'GET' },
    settings
  );
}

/** A model version made from a run, as the MLflow face lists it. */
export interface IRunModelVersion {
  name: string;
  version: string;
  aliases?: string[];
  current_stage?: string;
  status?: string;
}

/** Path of the MLflow face's registry search, relative to the Jupyter base URL. */
export const MLFLOW_VERSION_SEARCH_PATH =
  'mlstudio/mlflow/api/2.0/mlflow/model-versions/search';

/**
 * The registered model versions made from a run. The ML Studio API has no search of
 * versions by run, so this asks the server's MLflow face (`model-versions/search`).
 */
export async function listModelVersionsOfRun(
  runId: string,
  settings?: ServerConnection.ISettings
): Promise<IRunModelVersion[]> {
  const quoted = runId.replace(/'/g, "\\'");
  const answer = await requestJSON<{ model_versions?: IRunModelVersion[] }>(
    MLFLOW_VERSION_SEARCH_PATH +
      queryString({ filter: `run_id = '${quoted}'` }),
    { method: 'GET' },
    settings
  );
  return answer?.model_versions ?? [];
}

/**
 * `POST mlstudio/api/v1/models/{name}/versions`: register a new version of `name` (the
 * registered model is created when it does not exist), with its aliases.
 */
export function registerModelVersion(
  name: string,
  request: IRegisterModelVersionRequest,
  settings?: ServerConnection.ISettings
): Promise<IModelVersion> {
  return requestAPI<IModelVersion>(
    `models/${encodeURIComponent(name)}/versions`,
    { method: 'POST', body: JSON.stringify(request) },
    settings
  );
}
