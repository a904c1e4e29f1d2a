import type { ServerConnection } from '@jupyterlab/services';

import { queryString, requestAPI } from '../request';
import type { IInstanceType, IInstanceTypeList } from '../tokens';
import type { GetQuery } from './schema-types';

/** Filters of {@link listInstanceTypes}. */
export type IListInstanceTypesOptions = GetQuery<'/instance-types'>;

/** `GET mlstudio/api/v1/instance-types`: the catalogue and the default type. */
export function listInstanceTypes(
  options: IListInstanceTypesOptions = {},
  settings?: ServerConnection.ISettings
): Promise<IInstanceTypeList> {
  return requestAPI<IInstanceTypeList>(
    `instance-types${queryString({ available: options.available })}`,
    { method: 'GET' },
    settings
  );
}

/** `GET mlstudio/api/v1/instance-types/{name}`. */
export function getInstanceType(
  name: string,
  settings?: ServerConnection.ISettings
): Promise<IInstanceType> {
  return requestAPI<IInstanceType>(
    `instance-types/${encodeURIComponent(name)}`,
    { method: 'GET' },
    settings
  );
}
