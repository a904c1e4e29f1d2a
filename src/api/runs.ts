import type { ServerConnection } from '@jupyterlab/services';

import { requestAPI } from '../request';
import type { IMetricHistory, IRun } from '../tokens';

/** `GET mlstudio/api/v1/runs/{run_id}`: a run with its params, tags and latest metrics. */
export function getRun(
  runId: string,
  settings?: ServerConnection.ISettings
): Promise<IRun> {
  return requestAPI<IRun>(
    `runs/${encodeURIComponent(runId)}`,
    { method: 'GET' },
    settings
  );
}

/** `GET mlstudio/api/v1/runs/{run_id}/metrics/{key}`: every point of one series. */
export function getMetricHistory(
  runId: string,
  key: string,
  settings?: ServerConnection.ISettings
): Promise<IMetricHistory> {
  return requestAPI<IMetricHistory>(
    `runs/${encodeURIComponent(runId)}/metrics/${encodeURIComponent(key)}`,
    { method: 'GET' },
    settings
  );
}
