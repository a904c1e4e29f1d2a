import type { ServerConnection } from '@jupyterlab/services';

import { requestAPI } from '../request';
import type { Schemas } from './schema-types';

/** The signed-in user's access keys and MLflow tokens (ids, states, times; no secret). */
export type ICredentials = Schemas['Credentials'];
/** An access key just made: its secret, shown this once. */
export type INewAccessKey = Schemas['NewAccessKeyItem'];
/** An MLflow token just made: the whole token, shown this once. */
export type INewMlflowToken = Schemas['NewMlflowTokenItem'];

/** `GET mlstudio/api/v1/credentials`. */
export function getCredentials(
  settings?: ServerConnection.ISettings
): Promise<ICredentials> {
  return requestAPI<ICredentials>('credentials', { method: 'GET' }, settings);
}

/** `POST mlstudio/api/v1/credentials/access-keys`. */
export function createAccessKey(
  settings?: ServerConnection.ISettings
): Promise<INewAccessKey> {
  return requestAPI<INewAccessKey>(
    'credentials/access-keys',
    { method: 'POST' },
    settings
  );
}

/** `DELETE mlstudio/api/v1/credentials/access-keys/{id}`: revoked at once. */
export async function revokeAccessKey(
  id: string,
  settings?: ServerConnection.ISettings
): Promise<void> {
  await requestAPI<void>(
    `credentials/access-keys/${encodeURIComponent(id)}`,
    { method: 'DELETE' },
    settings
  );
}

/** `POST mlstudio/api/v1/credentials/mlflow-tokens`. */
export function createMlflowToken(
  settings?: ServerConnection.ISettings
): Promise<INewMlflowToken> {
  return requestAPI<INewMlflowToken>(
    'credentials/mlflow-tokens',
    { method: 'POST' },
    settings
  );
}

/** `DELETE mlstudio/api/v1/credentials/mlflow-tokens/{id}`: revoked at once. */
export async function revokeMlflowToken(
  id: string,
  settings?: ServerConnection.ISettings
): Promise<void> {
  await requestAPI<void>(
    `credentials/mlflow-tokens/${encodeURIComponent(id)}`,
    { method: 'DELETE' },
    settings
  );
}
