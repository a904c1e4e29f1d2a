import type { ServerConnection } from '@jupyterlab/services';

import {
  API_PATH,
  downloadUrl,
  queryString,
  requestAPI,
  requestRaw
} from '../request';
import type { IArtifactList, IMetricHistory, IRun, IRunList } from '../tokens';
import type { GetQuery } from './schema-types';

/** Query of {@link searchRuns}. */
export type ISearchRunsOptions = GetQuery<'/runs'>;

/** Options of {@link getMetricHistory}. */
export interface IMetricHistoryOptions {
  /**
   * Downsample to about this many points (keeping each stretch's extremes) when the
   * series is longer; every point when omitted.
   */
  maxPoints?: number | null;
}

function runPath(runId: string): string {
  return `runs/${encodeURIComponent(runId)}`;
}

/** `GET mlstudio/api/v1/runs`: one page of runs matching a filter, in order. */
export function searchRuns(
  options: ISearchRunsOptions,
  settings?: ServerConnection.ISettings
): Promise<IRunList> {
  return requestAPI<IRunList>(
    `runs${queryString({ ...options })}`,
    { method: 'GET' },
    settings
  );
}

/** `GET mlstudio/api/v1/runs/{run_id}`: a run with its params, tags and latest metrics. */
export function getRun(
  runId: string,
  settings?: ServerConnection.ISettings
): Promise<IRun> {
  return requestAPI<IRun>(runPath(runId), { method: 'GET' }, settings);
}

/** `GET mlstudio/api/v1/runs/{run_id}/metrics/{key}`: one series, whole or downsampled. */
export function getMetricHistory(
  runId: string,
  key: string,
  settings?: ServerConnection.ISettings,
  options: IMetricHistoryOptions = {}
): Promise<IMetricHistory> {
  return requestAPI<IMetricHistory>(
    // The key is one path segment: a `/` in it is escaped (`val%2Floss`), so a key
    // such as `a/../b` cannot be mistaken for a path by the browser.
    `${runPath(runId)}/metrics/${encodeURIComponent(key)}` +
      queryString({ max_points: options.maxPoints }),
    { method: 'GET' },
    settings
  );
}

/** `GET mlstudio/api/v1/runs/{run_id}/artifacts?path=`: one folder of the run's artifacts. */
export function listArtifacts(
  runId: string,
  path: string,
  settings?: ServerConnection.ISettings
): Promise<IArtifactList> {
  return requestAPI<IArtifactList>(
    `${runPath(runId)}/artifacts${queryString({ path })}`,
    { method: 'GET' },
    settings
  );
}

/** What {@link readArtifact} read of a file. */
export interface IArtifactContent {
  /** The bytes read: all of them, or the first `limit`. */
  data: Uint8Array;
  /** The answer's Content-Type. */
  contentType: string;
  /** Whether the file goes on past `data`. */
  truncated: boolean;
}

/**
 * `GET mlstudio/api/v1/runs/{run_id}/artifact?path=`: a file's bytes, at most `limit` of
 * them. The download stops once the limit is reached, so previewing the head of a
 * large log does not transfer all of it.
 */
export async function readArtifact(
  runId: string,
  path: string,
  limit: number,
  settings?: ServerConnection.ISettings
): Promise<IArtifactContent> {
  const response = await requestRaw(
    `${API_PATH}/${runPath(runId)}/artifact${queryString({ path })}`,
    { method: 'GET' },
    settings
  );
  const contentType = response.headers.get('Content-Type') ?? '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  const reader = response.body?.getReader();
  if (!reader) {
    const whole = new Uint8Array(await response.arrayBuffer());
    truncated = whole.length > limit;
    return { data: whole.slice(0, limit), contentType, truncated };
  }
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    chunks.push(value);
    size += value.length;
    if (size > limit) {
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  const data = new Uint8Array(Math.min(size, limit));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(
      0,
      Math.min(chunk.length, data.length - offset)
    );
    data.set(part, offset);
    offset += part.length;
    if (offset >= data.length) {
      break;
    }
  }
  return { data, contentType, truncated };
}

/**
 * The URL that downloads one of a run's artifacts through the server
 * (`GET mlstudio/api/v1/runs/{run_id}/artifact?path=&download=true`): the answer is an
 * attachment, streamed.
 */
export function artifactDownloadUrl(
  runId: string,
  path: string,
  settings?: ServerConnection.ISettings
): string {
  return downloadUrl(
    `${API_PATH}/${runPath(runId)}/artifact${queryString({ path, download: true })}`,
    settings
  );
}
