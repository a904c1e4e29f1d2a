import type { ServerConnection } from '@jupyterlab/services';

import { requestAPI } from '../request';
import type { IStatus } from '../tokens';

/** `GET mlstudio/api/v1/status`: version, backends, host, stores. */
export function getStatus(
  settings?: ServerConnection.ISettings
): Promise<IStatus> {
  return requestAPI<IStatus>('status', { method: 'GET' }, settings);
}
